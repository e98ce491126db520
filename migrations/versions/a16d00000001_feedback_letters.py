"""feedback to the nominators: shareable scorecard comments and letters released

Revision ID: a16d00000001
Revises: a16c00000001
Create Date: 2026-12-07 19:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a16d00000001'
down_revision = 'a16c00000001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('scorecards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comments_shareable', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table('feedback_releases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('released_at', sa.DateTime(), nullable=False),
    sa.Column('released_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_feedback_releases_nomination_id_nominations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_feedback_releases_program_id_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['released_by_id'], ['users.id'], name=op.f('fk_feedback_releases_released_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_releases')),
    sa.UniqueConstraint('nomination_id', name=op.f('uq_feedback_releases_nomination_id'))
    )
    with op.batch_alter_table('feedback_releases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_releases_program_id'), ['program_id'], unique=False)


def downgrade():
    with op.batch_alter_table('feedback_releases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_releases_program_id'))

    op.drop_table('feedback_releases')
    with op.batch_alter_table('scorecards', schema=None) as batch_op:
        batch_op.drop_column('comments_shareable')
