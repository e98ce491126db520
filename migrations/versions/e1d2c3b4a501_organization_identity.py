"""organization identity: names, aliases, nominee links

Revision ID: e1d2c3b4a501
Revises: c6e1a7f0b203
Create Date: 2026-12-07 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e1d2c3b4a501'
down_revision = 'c6e1a7f0b203'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('organization_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('skeleton', sa.String(length=300), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("skeleton <> ''", name=op.f('ck_organization_aliases_skeleton_not_empty')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_organization_aliases_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_organization_aliases_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organization_aliases')),
    sa.UniqueConstraint('organization_id', 'skeleton', name='uq_organization_aliases_skeleton')
    )
    with op.batch_alter_table('organization_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organization_aliases_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organization_aliases_skeleton'), ['skeleton'], unique=False)

    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('nominee_organization_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_nominations_nominee_organization_id'), ['nominee_organization_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_nominations_nominee_organization_id_organizations'), 'organizations', ['nominee_organization_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_nominations_nominee_organization_id_organizations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_nominations_nominee_organization_id'))
        batch_op.drop_column('nominee_organization_id')

    with op.batch_alter_table('organization_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organization_aliases_skeleton'))
        batch_op.drop_index(batch_op.f('ix_organization_aliases_organization_id'))

    op.drop_table('organization_aliases')
