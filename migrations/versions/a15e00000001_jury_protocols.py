"""the jury's meeting and its protocols: when and where the jury met, who was absent, and each
version of the protocol with its serial, verification token and SHA-256

Revision ID: a15e00000001
Revises: a15d00000001
Create Date: 2026-12-07 18:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a15e00000001'
down_revision = 'a15d00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('jury_meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('held_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.JSON(), nullable=False),
    sa.Column('absent_judge_ids', sa.JSON(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_jury_meetings_program_id_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_jury_meetings_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jury_meetings')),
    sa.UniqueConstraint('program_id', name=op.f('uq_jury_meetings_program_id'))
    )
    op.create_table('jury_protocols',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=40), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('snapshots', sa.JSON(), nullable=False),
    sa.Column('stored_file', sa.String(length=200), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('version >= 1', name=op.f('ck_jury_protocols_version_positive')),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_jury_protocols_sha256_length')),
    sa.CheckConstraint('length(content_sha256) = 64', name=op.f('ck_jury_protocols_content_sha256_length')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_jury_protocols_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_jury_protocols_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jury_protocols')),
    sa.UniqueConstraint('program_id', 'serial', name='uq_jury_protocols_program_serial'),
    sa.UniqueConstraint('program_id', 'version', name='uq_jury_protocols_program_version'),
    sa.UniqueConstraint('token', name=op.f('uq_jury_protocols_token'))
    )
    with op.batch_alter_table('jury_protocols', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jury_protocols_program_id'), ['program_id'], unique=False)


def downgrade():
    with op.batch_alter_table('jury_protocols', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jury_protocols_program_id'))

    op.drop_table('jury_protocols')
    op.drop_table('jury_meetings')
