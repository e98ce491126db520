"""certificate settings, signatories and kinds

Revision ID: c6e1a7f0b201
Revises: 1439eb0a238f
Create Date: 2026-11-27 10:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c6e1a7f0b201'
down_revision = '1439eb0a238f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('certificate_images',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content_type', sa.String(length=20), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("content_type IN ('image/png', 'image/jpeg')", name=op.f('ck_certificate_images_content_type_known')),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_certificate_images_sha256_length')),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_certificate_images_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_images')),
    sa.UniqueConstraint('program_id', 'sha256', name='uq_certificate_images_program_sha256')
    )
    with op.batch_alter_table('certificate_images', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_images_program_id'), ['program_id'], unique=False)

    op.create_table('certificate_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=40), server_default='classic', nullable=False),
    sa.Column('print_english', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('laureate_citation', sa.JSON(), nullable=False),
    sa.Column('participant_citation', sa.JSON(), nullable=False),
    sa.Column('judge_thanks_citation', sa.JSON(), nullable=False),
    sa.Column('seal_image_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_certificate_settings_program_id_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seal_image_id'], ['certificate_images.id'], name=op.f('fk_certificate_settings_seal_image_id_certificate_images'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_certificate_settings_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_settings')),
    sa.UniqueConstraint('program_id', name=op.f('uq_certificate_settings_program_id'))
    )
    op.create_table('certificate_signatories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('settings_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('signature_image_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('position IN (1, 2)', name=op.f('ck_certificate_signatories_position_known')),
    sa.ForeignKeyConstraint(['settings_id'], ['certificate_settings.id'], name=op.f('fk_certificate_signatories_settings_id_certificate_settings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['signature_image_id'], ['certificate_images.id'], name=op.f('fk_certificate_signatories_signature_image_id_certificate_images'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_signatories')),
    sa.UniqueConstraint('settings_id', 'position', name='uq_certificate_signatories_position')
    )
    with op.batch_alter_table('certificate_signatories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_signatories_settings_id'), ['settings_id'], unique=False)

    op.create_table('printed_names',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(nomination_id IS NULL) <> (user_id IS NULL)', name=op.f('ck_printed_names_one_recipient')),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_printed_names_nomination_id_nominations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_printed_names_program_id_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_printed_names_updated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_printed_names_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_printed_names')),
    sa.UniqueConstraint('program_id', 'nomination_id', name='uq_printed_names_nomination'),
    sa.UniqueConstraint('program_id', 'user_id', name='uq_printed_names_user')
    )
    with op.batch_alter_table('printed_names', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_printed_names_program_id'), ['program_id'], unique=False)

    with op.batch_alter_table('issued_certificates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_issued_certificates_user_id_users'), 'users', ['user_id'], ['id'], ondelete='SET NULL')
        # Participants' diplomas and judges' letters of thanks join the laureates' certificates.
        batch_op.drop_constraint(op.f('ck_issued_certificates_kind_known'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_issued_certificates_kind_known'),
            "kind IN ('laureate', 'participant', 'judge_thanks')",
        )



def downgrade():
    # The older schema knows laureates' certificates only.
    op.execute("DELETE FROM issued_certificates WHERE kind <> 'laureate'")
    with op.batch_alter_table('issued_certificates', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_issued_certificates_kind_known'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_issued_certificates_kind_known'), "kind IN ('laureate')"
        )
        batch_op.drop_constraint(batch_op.f('fk_issued_certificates_user_id_users'), type_='foreignkey')
        batch_op.drop_column('user_id')

    with op.batch_alter_table('printed_names', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_printed_names_program_id'))

    op.drop_table('printed_names')
    with op.batch_alter_table('certificate_signatories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_signatories_settings_id'))

    op.drop_table('certificate_signatories')
    op.drop_table('certificate_settings')
    with op.batch_alter_table('certificate_images', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_images_program_id'))

    op.drop_table('certificate_images')
