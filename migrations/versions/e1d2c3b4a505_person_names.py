"""person names per language: a nominated person's full name in kk/ru/en

Revision ID: e1d2c3b4a505
Revises: e1d2c3b4a504
Create Date: 2026-12-07 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e1d2c3b4a505'
down_revision = 'e1d2c3b4a504'
branch_labels = None
depends_on = None


def upgrade():
    # Entries made before keep their one name in person_name (shown for every language).
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('person_names', sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )


def downgrade():
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.drop_column('person_names')
