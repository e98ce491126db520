"""laureate guests: who comes on stage, their answer and seat

Revision ID: a16c00000001
Revises: a16b00000001
Create Date: 2026-12-07 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a16c00000001'
down_revision = 'a16b00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('laureate_guests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('representative_name', sa.JSON(), nullable=False),
    sa.Column('representative_position', sa.JSON(), nullable=False),
    sa.Column('attending', sa.Boolean(), nullable=True),
    sa.Column('guests', sa.Integer(), nullable=False),
    sa.Column('seat_row', sa.String(length=10), nullable=True),
    sa.Column('seat_number', sa.String(length=10), nullable=True),
    sa.Column('invited_at', sa.DateTime(), nullable=True),
    sa.Column('reminded_at', sa.DateTime(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(seat_row IS NULL) = (seat_number IS NULL)', name=op.f('ck_laureate_guests_seat_row_and_number_together')),
    sa.CheckConstraint('guests BETWEEN 0 AND 10', name=op.f('ck_laureate_guests_guests_in_range')),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_laureate_guests_nomination_id_nominations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_laureate_guests_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_laureate_guests')),
    sa.UniqueConstraint('nomination_id', name='uq_laureate_guests_nomination'),
    sa.UniqueConstraint('program_id', 'seat_row', 'seat_number', name='uq_laureate_guests_seat'),
    sa.UniqueConstraint('token', name=op.f('uq_laureate_guests_token'))
    )
    with op.batch_alter_table('laureate_guests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_laureate_guests_program_id'), ['program_id'], unique=False)



def downgrade():
    with op.batch_alter_table('laureate_guests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_laureate_guests_program_id'))

    op.drop_table('laureate_guests')
