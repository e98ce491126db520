"""jobs hardening: one unfinished job per kind and program, reminders sent, retention

Revision ID: e1d2c3b4a502
Revises: e1d2c3b4a501
Create Date: 2026-12-07 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e1d2c3b4a502'
down_revision = 'e1d2c3b4a501'
branch_labels = None
depends_on = None


UNFINISHED = sa.text("state IN ('queued', 'running')")


def upgrade():
    # A job whose worker died may still be waiting or running in the table: it is settled as
    # failed before the index makes a second unfinished one of its kind impossible.
    op.execute(
        "UPDATE jobs SET state = 'failed', error = 'Stopped when the application was upgraded.'"
        " WHERE state IN ('queued', 'running') AND id NOT IN"
        " (SELECT max(id) FROM jobs WHERE state IN ('queued', 'running')"
        " GROUP BY program_id, kind)"
    )
    op.create_index(
        'uq_jobs_one_unfinished_per_kind', 'jobs', ['program_id', 'kind'], unique=True,
        sqlite_where=UNFINISHED, postgresql_where=UNFINISHED,
    )
    op.create_table('judge_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('missing', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['judge_id'], ['users.id'], name=op.f('fk_judge_reminders_judge_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_judge_reminders_program_id_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sent_by_id'], ['users.id'], name=op.f('fk_judge_reminders_sent_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_judge_reminders'))
    )
    with op.batch_alter_table('judge_reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_judge_reminders_judge_id'), ['judge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_judge_reminders_program_id'), ['program_id'], unique=False)
    with op.batch_alter_table('issued_certificates', schema=None) as batch_op:
        batch_op.alter_column('stored_file', existing_type=sa.String(length=200), nullable=True)


def downgrade():
    op.execute("UPDATE issued_certificates SET stored_file = '' WHERE stored_file IS NULL")
    with op.batch_alter_table('issued_certificates', schema=None) as batch_op:
        batch_op.alter_column('stored_file', existing_type=sa.String(length=200), nullable=False)
    with op.batch_alter_table('judge_reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_judge_reminders_program_id'))
        batch_op.drop_index(batch_op.f('ix_judge_reminders_judge_id'))
    op.drop_table('judge_reminders')
    op.drop_index('uq_jobs_one_unfinished_per_kind', table_name='jobs')
