"""jobs hardening: one unfinished job per kind and program, reminders sent, retention

Revision ID: e1d2c3b4a502
Revises: e1d2c3b4a501
Create Date: 2026-12-07 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e1d2c3b4a502'
down_revision = 'e1d2c3b4a501'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
