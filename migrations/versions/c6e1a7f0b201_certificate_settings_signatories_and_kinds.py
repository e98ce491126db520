"""certificate settings, signatories and kinds

Revision ID: c6e1a7f0b201
Revises: 1439eb0a238f
Create Date: 2026-11-27 10:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c6e1a7f0b201'
down_revision = '1439eb0a238f'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
