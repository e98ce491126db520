"""organization identity: names, aliases, nominee links

Revision ID: e1d2c3b4a501
Revises: c6e1a7f0b203
Create Date: 2026-12-07 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e1d2c3b4a501'
down_revision = 'c6e1a7f0b203'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
