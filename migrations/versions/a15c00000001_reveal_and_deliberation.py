"""reveal and deliberation: when jurors see each other's scores, the jury's discussion of an
entry, and the spread that flags an entry for discussion

Revision ID: a15c00000001
Revises: a15b00000001
Create Date: 2026-12-07 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a15c00000001'
down_revision = 'a15b00000001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('categories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reveal_scores', sa.String(length=20), server_default='never', nullable=False))
        batch_op.create_check_constraint(batch_op.f('ck_categories_reveal_scores_known'), sa.text("reveal_scores IN ('never', 'after-own', 'after-close')"))
    with op.batch_alter_table('programs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('disagreement_threshold', sa.Integer(), server_default='30', nullable=False))
        batch_op.create_check_constraint(batch_op.f('ck_programs_disagreement_threshold_plausible'), sa.text('disagreement_threshold BETWEEN 1 AND 100'))
    op.create_table('discussion_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('length(text) BETWEEN 1 AND 2000', name=op.f('ck_discussion_messages_text_length')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_discussion_messages_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_discussion_messages_nomination_id_nominations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discussion_messages'))
    )
    with op.batch_alter_table('discussion_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discussion_messages_nomination_id'), ['nomination_id'], unique=False)


def downgrade():
    with op.batch_alter_table('discussion_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discussion_messages_nomination_id'))
    op.drop_table('discussion_messages')
    with op.batch_alter_table('programs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_programs_disagreement_threshold_plausible'), type_='check')
        batch_op.drop_column('disagreement_threshold')
    with op.batch_alter_table('categories', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_categories_reveal_scores_known'), type_='check')
        batch_op.drop_column('reveal_scores')
