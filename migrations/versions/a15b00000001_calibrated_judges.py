"""calibrated judges: a criterion's level descriptions, and a category's practice entry

Revision ID: a15b00000001
Revises: a15a00000001
Create Date: 2026-12-07 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a15b00000001'
down_revision = 'a15a00000001'
branch_labels = None
depends_on = None


def upgrade():
    # Rubrics made before describe no levels.
    with op.batch_alter_table('criteria', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('levels', sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    # Every entry made before is a real one.
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('is_practice', sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.drop_column('is_practice')
    with op.batch_alter_table('criteria', schema=None) as batch_op:
        batch_op.drop_column('levels')
