"""normalization's minimum of scorecards per juror; degrees (I, II, III) per category and laureate

Revision ID: a15f00000001
Revises: a15e00000001
Create Date: 2026-12-07 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a15f00000001'
down_revision = 'a15e00000001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('programs', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'normalization_min_scorecards', sa.Integer(), server_default='2', nullable=False
        ))
        batch_op.create_check_constraint(
            op.f('ck_programs_normalization_min_scorecards_at_least_two'),
            'normalization_min_scorecards >= 2',
        )
    # degree_rule: none, rank (degree_limits: how many laureates get I, II, III in ranking
    # order) or band (degree_limits: the minimum % of the maximum total for I, II, III).
    with op.batch_alter_table('categories', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'degree_rule', sa.String(length=10), server_default='none', nullable=False
        ))
        batch_op.add_column(sa.Column('degree_limits', sa.JSON(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_categories_degree_rule_known'), "degree_rule IN ('none', 'rank', 'band')"
        )
    with op.batch_alter_table('laureates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('degree', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_laureates_degree_known'), 'degree IS NULL OR degree BETWEEN 1 AND 3'
        )


def downgrade():
    with op.batch_alter_table('laureates', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_laureates_degree_known'), type_='check')
        batch_op.drop_column('degree')
    with op.batch_alter_table('categories', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_categories_degree_rule_known'), type_='check')
        batch_op.drop_column('degree_limits')
        batch_op.drop_column('degree_rule')
    with op.batch_alter_table('programs', schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f('ck_programs_normalization_min_scorecards_at_least_two'), type_='check'
        )
        batch_op.drop_column('normalization_min_scorecards')
