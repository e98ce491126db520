"""pronunciation notes: how to read a nominee's and a running-order presenter's name aloud

Revision ID: a16b00000001
Revises: a16a00000001
Create Date: 2026-12-07 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a16b00000001'
down_revision = 'a16a00000001'
branch_labels = None
depends_on = None


def upgrade():
    # {kk, ru}: the note the presenter's script prints beside the name; {} without one.
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('pronunciation', sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
    with op.batch_alter_table('running_order_items', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'presenter_pronunciation', sa.JSON(), nullable=False,
                server_default=sa.text("'{}'"),
            )
        )


def downgrade():
    with op.batch_alter_table('running_order_items', schema=None) as batch_op:
        batch_op.drop_column('presenter_pronunciation')
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.drop_column('pronunciation')
