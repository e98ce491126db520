"""ceremony running order

Revision ID: c6e1a7f0b202
Revises: c6e1a7f0b201
Create Date: 2026-11-27 10:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c6e1a7f0b202'
down_revision = 'c6e1a7f0b201'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
