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
    op.create_table('running_order_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('presenter', sa.JSON(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('position >= 0', name=op.f('ck_running_order_items_position_not_negative')),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_running_order_items_category_id_categories'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_running_order_items_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_running_order_items'))
    )
    with op.batch_alter_table('running_order_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_running_order_items_program_id'), ['program_id'], unique=False)

    op.create_table('ceremony_partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('position >= 0', name=op.f('ck_ceremony_partners_position_not_negative')),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_ceremony_partners_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ceremony_partners'))
    )
    with op.batch_alter_table('ceremony_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ceremony_partners_program_id'), ['program_id'], unique=False)


def downgrade():
    with op.batch_alter_table('ceremony_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ceremony_partners_program_id'))

    op.drop_table('ceremony_partners')
    with op.batch_alter_table('running_order_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_running_order_items_program_id'))

    op.drop_table('running_order_items')
