"""printed names: the salutation a letter of thanks opens with, per language

Revision ID: f1a2b3c4d601
Revises: e1d2c3b4a505
Create Date: 2026-12-07 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f1a2b3c4d601'
down_revision = 'e1d2c3b4a505'
branch_labels = None
depends_on = None


def upgrade():
    # NULL: the salutation made from the printed name («Құрметті …!», «Уважаемый(-ая) …!»).
    with op.batch_alter_table('printed_names', schema=None) as batch_op:
        batch_op.add_column(sa.Column('salutation', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('printed_names', schema=None) as batch_op:
        batch_op.drop_column('salutation')
