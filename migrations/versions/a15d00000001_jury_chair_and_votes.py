"""the jury's chair and the votes: a chair role, jurors' votes and dissenting opinions per snapshot

Revision ID: a15d00000001
Revises: a15c00000001
Create Date: 2026-12-07 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a15d00000001'
down_revision = 'a15c00000001'
branch_labels = None
depends_on = None


def upgrade():
    # The chair (lead judge) runs the jury's meeting and records its decision.
    with op.batch_alter_table('program_roles', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_program_roles_role_known'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_program_roles_role_known'),
            "role IN ('organizer', 'committee', 'judge', 'chair')",
        )

    op.create_table('decision_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('vote', sa.String(length=10), nullable=False),
    sa.CheckConstraint("vote IN ('for', 'against', 'abstain', 'recused')", name=op.f('ck_decision_votes_vote_known')),
    sa.ForeignKeyConstraint(['judge_id'], ['users.id'], name=op.f('fk_decision_votes_judge_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_decision_votes_nomination_id_nominations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['snapshot_id'], ['results_snapshots.id'], name=op.f('fk_decision_votes_snapshot_id_results_snapshots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_votes')),
    sa.UniqueConstraint('snapshot_id', 'nomination_id', 'judge_id', name='uq_decision_votes_once')
    )
    with op.batch_alter_table('decision_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_votes_snapshot_id'), ['snapshot_id'], unique=False)

    op.create_table('dissenting_opinions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.CheckConstraint('length(text) > 0', name=op.f('ck_dissenting_opinions_text_not_empty')),
    sa.ForeignKeyConstraint(['judge_id'], ['users.id'], name=op.f('fk_dissenting_opinions_judge_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['snapshot_id'], ['results_snapshots.id'], name=op.f('fk_dissenting_opinions_snapshot_id_results_snapshots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dissenting_opinions')),
    sa.UniqueConstraint('snapshot_id', 'judge_id', name='uq_dissenting_opinions_once')
    )
    with op.batch_alter_table('dissenting_opinions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dissenting_opinions_snapshot_id'), ['snapshot_id'], unique=False)


def downgrade():
    with op.batch_alter_table('dissenting_opinions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dissenting_opinions_snapshot_id'))

    op.drop_table('dissenting_opinions')
    with op.batch_alter_table('decision_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_votes_snapshot_id'))

    op.drop_table('decision_votes')
    # The older schema knows no chair: the chairs lose that role (they keep any other).
    op.execute("DELETE FROM program_roles WHERE role = 'chair'")
    with op.batch_alter_table('program_roles', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_program_roles_role_known'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_program_roles_role_known'),
            "role IN ('organizer', 'committee', 'judge')",
        )
