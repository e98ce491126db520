"""judging rounds: qualifying rounds, their jurors, votes and outcomes

Revision ID: a15a00000001
Revises: f1a2b3c4d601
Create Date: 2026-12-07 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a15a00000001'
down_revision = 'f1a2b3c4d601'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('judging_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('opens_at', sa.DateTime(), nullable=True),
    sa.Column('closes_at', sa.DateTime(), nullable=True),
    sa.Column('majority', sa.Float(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('content', sa.JSON(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.CheckConstraint("kind IN ('qualifying', 'scored')", name=op.f('ck_judging_rounds_kind_known')),
    sa.CheckConstraint('(decided_at IS NULL) = (sha256 IS NULL)', name=op.f('ck_judging_rounds_decided_has_digest')),
    sa.CheckConstraint('majority >= 0.5 AND majority < 1', name=op.f('ck_judging_rounds_majority_range')),
    sa.CheckConstraint('opens_at IS NULL OR closes_at IS NULL OR opens_at < closes_at', name=op.f('ck_judging_rounds_window_order')),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_judging_rounds_category_id_categories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_judging_rounds_decided_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_judging_rounds')),
    sa.UniqueConstraint('category_id', 'name', name='uq_judging_rounds_category_name'),
    sa.UniqueConstraint('category_id', 'position', name='uq_judging_rounds_category_position')
    )
    with op.batch_alter_table('judging_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_judging_rounds_category_id'), ['category_id'], unique=False)

    op.create_table('qualifying_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('verdict', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("verdict IN ('advance', 'reject', 'abstain')", name=op.f('ck_qualifying_votes_verdict_known')),
    sa.ForeignKeyConstraint(['judge_id'], ['users.id'], name=op.f('fk_qualifying_votes_judge_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_qualifying_votes_nomination_id_nominations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['judging_rounds.id'], name=op.f('fk_qualifying_votes_round_id_judging_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_qualifying_votes')),
    sa.UniqueConstraint('round_id', 'nomination_id', 'judge_id', name='uq_qualifying_votes_round_entry_judge')
    )
    with op.batch_alter_table('qualifying_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_qualifying_votes_judge_id'), ['judge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_qualifying_votes_nomination_id'), ['nomination_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_qualifying_votes_round_id'), ['round_id'], unique=False)

    op.create_table('round_jurors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['judge_id'], ['users.id'], name=op.f('fk_round_jurors_judge_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['judging_rounds.id'], name=op.f('fk_round_jurors_round_id_judging_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_jurors')),
    sa.UniqueConstraint('round_id', 'judge_id', name='uq_round_jurors_round_judge')
    )
    with op.batch_alter_table('round_jurors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_jurors_judge_id'), ['judge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_round_jurors_round_id'), ['round_id'], unique=False)

    op.create_table('round_outcomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('advanced', sa.Boolean(), nullable=False),
    sa.Column('tie_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_round_outcomes_nomination_id_nominations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['judging_rounds.id'], name=op.f('fk_round_outcomes_round_id_judging_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_outcomes')),
    sa.UniqueConstraint('round_id', 'nomination_id', name='uq_round_outcomes_round_entry')
    )
    with op.batch_alter_table('round_outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_outcomes_nomination_id'), ['nomination_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_round_outcomes_round_id'), ['round_id'], unique=False)



def downgrade():
    with op.batch_alter_table('round_outcomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_outcomes_round_id'))
        batch_op.drop_index(batch_op.f('ix_round_outcomes_nomination_id'))

    op.drop_table('round_outcomes')
    with op.batch_alter_table('round_jurors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_jurors_round_id'))
        batch_op.drop_index(batch_op.f('ix_round_jurors_judge_id'))

    op.drop_table('round_jurors')
    with op.batch_alter_table('qualifying_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_qualifying_votes_round_id'))
        batch_op.drop_index(batch_op.f('ix_qualifying_votes_nomination_id'))
        batch_op.drop_index(batch_op.f('ix_qualifying_votes_judge_id'))

    op.drop_table('qualifying_votes')
    with op.batch_alter_table('judging_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_judging_rounds_category_id'))

    op.drop_table('judging_rounds')
