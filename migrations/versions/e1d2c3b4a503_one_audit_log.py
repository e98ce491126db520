"""one audit log: nomination, scorecard and results events in one table

Revision ID: e1d2c3b4a503
Revises: e1d2c3b4a502
Create Date: 2026-12-07 04:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e1d2c3b4a503'
down_revision = 'e1d2c3b4a502'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
