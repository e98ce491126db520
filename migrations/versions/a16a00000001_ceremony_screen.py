"""ceremony hall screen: where the screen stands and its secret link; breaks in the running order

Revision ID: a16a00000001
Revises: a15f00000001
Create Date: 2026-12-07 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a16a00000001'
down_revision = 'a15f00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('ceremony_screens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('position >= 0', name=op.f('ck_ceremony_screens_position_not_negative')),
    sa.CheckConstraint('version >= 0', name=op.f('ck_ceremony_screens_version_not_negative')),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_ceremony_screens_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ceremony_screens')),
    sa.UniqueConstraint('program_id', name=op.f('uq_ceremony_screens_program_id')),
    sa.UniqueConstraint('token', name=op.f('uq_ceremony_screens_token'))
    )
    # NULL: an ordinary point; minutes: a break, which the hall screen counts down.
    with op.batch_alter_table('running_order_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('break_minutes', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f('ck_running_order_items_break_minutes_positive'), 'break_minutes > 0'
        )


def downgrade():
    with op.batch_alter_table('running_order_items', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('ck_running_order_items_break_minutes_positive'), type_='check'
        )
        batch_op.drop_column('break_minutes')

    op.drop_table('ceremony_screens')
