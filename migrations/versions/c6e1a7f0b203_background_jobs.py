"""background jobs

Revision ID: c6e1a7f0b203
Revises: c6e1a7f0b202
Create Date: 2026-11-27 10:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c6e1a7f0b203'
down_revision = 'c6e1a7f0b202'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('total', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('summary', sa.JSON(), nullable=True),
    sa.Column('result_file', sa.String(length=200), nullable=True),
    sa.Column('result_name', sa.String(length=200), nullable=True),
    sa.Column('arguments', sa.JSON(), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('heartbeat_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('ballots', 'reminders', 'certificates')", name=op.f('ck_jobs_kind_known')),
    sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name=op.f('ck_jobs_state_known')),
    sa.CheckConstraint('done >= 0', name=op.f('ck_jobs_done_not_negative')),
    sa.CheckConstraint('total IS NULL OR done <= total', name=op.f('ck_jobs_done_within_total')),
    sa.CheckConstraint('attempts >= 1', name=op.f('ck_jobs_attempts_positive')),
    sa.CheckConstraint("(state = 'failed') = (error IS NOT NULL)", name=op.f('ck_jobs_error_when_failed')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_jobs_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_jobs_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs'))
    )
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jobs_program_id'), ['program_id'], unique=False)


def downgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jobs_program_id'))

    op.drop_table('jobs')
