"""one audit log: nomination, scorecard and results events in one table

Revision ID: e1d2c3b4a503
Revises: e1d2c3b4a502
Create Date: 2026-12-07 04:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e1d2c3b4a503'
down_revision = 'e1d2c3b4a502'
branch_labels = None
depends_on = None


# The rows are read and written through these plain tables, so that JSON values are built in
# Python the same way on SQLite and PostgreSQL (their SQL JSON functions differ).
audit_entries = sa.table(
    'audit_entries',
    sa.column('id', sa.Integer), sa.column('program_id', sa.Integer),
    sa.column('subject_kind', sa.String), sa.column('subject_id', sa.Integer),
    sa.column('action', sa.String), sa.column('actor_id', sa.Integer),
    sa.column('at', sa.DateTime), sa.column('old', sa.JSON), sa.column('new', sa.JSON),
    sa.column('reason', sa.Text),
)
nomination_events = sa.table(
    'nomination_events',
    sa.column('id', sa.Integer), sa.column('nomination_id', sa.Integer),
    sa.column('actor_id', sa.Integer), sa.column('at', sa.DateTime),
    sa.column('from_state', sa.String), sa.column('to_state', sa.String),
    sa.column('reason', sa.Text),
)
scorecard_events = sa.table(
    'scorecard_events',
    sa.column('id', sa.Integer), sa.column('scorecard_id', sa.Integer),
    sa.column('actor_id', sa.Integer), sa.column('action', sa.String),
    sa.column('old', sa.JSON), sa.column('new', sa.JSON), sa.column('reason', sa.Text),
    sa.column('at', sa.DateTime),
)
results_events = sa.table(
    'results_events',
    sa.column('id', sa.Integer), sa.column('program_id', sa.Integer),
    sa.column('category_id', sa.Integer), sa.column('actor_id', sa.Integer),
    sa.column('action', sa.String), sa.column('reason', sa.Text), sa.column('data', sa.JSON),
    sa.column('at', sa.DateTime),
)
nominations = sa.table(
    'nominations', sa.column('id', sa.Integer), sa.column('program_id', sa.Integer)
)
scorecards = sa.table(
    'scorecards', sa.column('id', sa.Integer), sa.column('nomination_id', sa.Integer)
)
categories = sa.table('categories', sa.column('id', sa.Integer))

STATES = ('draft', 'submitted', 'returned', 'accepted', 'rejected', 'withdrawn', 'merged')
SCORECARD_ACTIONS = ('created', 'changed', 'submitted', 'reopened')
RESULTS_ACTIONS = ('confirmed', 'unfrozen', 'published', 'unpublished')
CHUNK = 1000


def _nomination_action(from_state, to_state):
    """As awards.nominations.history.action_for, frozen here as it was."""
    if from_state is None:
        return 'created'
    if from_state == to_state:
        return 'noted'
    if from_state == 'returned' and to_state == 'submitted':
        return 'resubmitted'
    return to_state


def _insert(table, rows):
    for start in range(0, len(rows), CHUNK):
        op.bulk_insert(table, rows[start:start + CHUNK])


def _nomination_rows(bind):
    query = (
        sa.select(nomination_events, nominations.c.program_id)
        .join(nominations, nominations.c.id == nomination_events.c.nomination_id)
    )
    for row in bind.execute(query):
        yield (row.at, 0, row.id), {
            'program_id': row.program_id, 'subject_kind': 'nomination',
            'subject_id': row.nomination_id,
            'action': _nomination_action(row.from_state, row.to_state),
            'actor_id': row.actor_id, 'at': row.at,
            'old': {'state': row.from_state} if row.from_state else {},
            'new': {'state': row.to_state}, 'reason': row.reason or '',
        }


def _scorecard_rows(bind):
    query = (
        sa.select(scorecard_events, nominations.c.program_id)
        .join(scorecards, scorecards.c.id == scorecard_events.c.scorecard_id)
        .join(nominations, nominations.c.id == scorecards.c.nomination_id)
    )
    for row in bind.execute(query):
        yield (row.at, 1, row.id), {
            'program_id': row.program_id, 'subject_kind': 'scorecard',
            'subject_id': row.scorecard_id, 'action': row.action, 'actor_id': row.actor_id,
            'at': row.at, 'old': row.old or {}, 'new': row.new or {},
            'reason': row.reason or '',
        }


def _results_rows(bind):
    for row in bind.execute(sa.select(results_events)):
        on_category = row.category_id is not None
        data = row.data or {}
        # Unfreezing names the version it undid: the value before; the others what they made.
        old, new = (data, {}) if row.action == 'unfrozen' else ({}, data)
        yield (row.at, 2, row.id), {
            'program_id': row.program_id,
            'subject_kind': 'category' if on_category else 'program',
            'subject_id': row.category_id if on_category else row.program_id,
            'action': row.action, 'actor_id': row.actor_id, 'at': row.at, 'old': old,
            'new': new, 'reason': row.reason or '',
        }


def upgrade():
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('subject_kind', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('old', sa.JSON(), nullable=False),
    sa.Column('new', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.CheckConstraint("subject_kind IN ('program', 'category', 'nomination', 'scorecard')", name=op.f('ck_audit_entries_subject_kind_known')),
    sa.CheckConstraint('subject_id > 0', name=op.f('ck_audit_entries_subject_id_positive')),
    sa.CheckConstraint('length(action) > 0', name=op.f('ck_audit_entries_action_given')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_entries_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_audit_entries_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_entries_subject', ['program_id', 'subject_kind', 'subject_id'], unique=False)

    # Every old row, in the order it happened (ties in the order each table wrote them), so
    # that the log's ids follow time as the old tables' did.
    bind = op.get_bind()
    rows = [*_nomination_rows(bind), *_scorecard_rows(bind), *_results_rows(bind)]
    rows.sort(key=lambda item: item[0])
    _insert(audit_entries, [row for _key, row in rows])

    with op.batch_alter_table('results_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_results_events_program_id'))
    op.drop_table('results_events')
    with op.batch_alter_table('scorecard_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scorecard_events_scorecard_id'))
    op.drop_table('scorecard_events')
    with op.batch_alter_table('nomination_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nomination_events_nomination_id'))
    op.drop_table('nomination_events')


def _old_tables():
    op.create_table('nomination_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=True),
    sa.Column('to_state', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.CheckConstraint("to_state IN ('draft', 'submitted', 'returned', 'accepted', 'rejected', 'withdrawn', 'merged')", name=op.f('ck_nomination_events_to_state_known')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_nomination_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_nomination_events_nomination_id_nominations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nomination_events'))
    )
    with op.batch_alter_table('nomination_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nomination_events_nomination_id'), ['nomination_id'], unique=False)
    op.create_table('scorecard_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scorecard_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('old', sa.JSON(), nullable=False),
    sa.Column('new', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("action IN ('created', 'changed', 'submitted', 'reopened')", name=op.f('ck_scorecard_events_action_known')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_scorecard_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['scorecard_id'], ['scorecards.id'], name=op.f('fk_scorecard_events_scorecard_id_scorecards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scorecard_events'))
    )
    with op.batch_alter_table('scorecard_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scorecard_events_scorecard_id'), ['scorecard_id'], unique=False)
    op.create_table('results_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("action IN ('confirmed', 'unfrozen', 'published', 'unpublished')", name=op.f('ck_results_events_action_known')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_results_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_results_events_category_id_categories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_results_events_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_results_events'))
    )
    with op.batch_alter_table('results_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_results_events_program_id'), ['program_id'], unique=False)


def _name(names):
    names = names or {}
    return names.get('ru') or names.get('kk') or names.get('en') or ''


def _nomination_reason(entry):
    """The reason an old row gave: the one written, or in words what a merge or a link named
    (in English: a migration has no reader's language)."""
    old, new = entry.old or {}, entry.new or {}
    if entry.reason:
        return entry.reason
    if entry.action == 'merged' and new.get('merged_into'):
        return f"Merged into entry #{new['merged_into']}."
    if entry.action == 'merge_received' and new.get('merged'):
        return f"Entry #{new['merged']} was merged into this one."
    if entry.action == 'organization_confirmed' and new.get('organization'):
        return f"Confirmed: this entry is about {_name(new['organization'].get('name'))}."
    if entry.action == 'organization_unlinked' and old.get('organization'):
        return f"No longer confirmed as being about {_name(old['organization'].get('name'))}."
    return ''


def _existing(bind, table):
    return set(bind.scalars(sa.select(table.c.id)))


def downgrade():
    _old_tables()
    bind = op.get_bind()
    known = {
        'nomination': _existing(bind, nominations), 'scorecard': _existing(bind, scorecards),
        'category': _existing(bind, categories),
    }
    rows = {'nomination': [], 'scorecard': [], 'results': []}
    query = sa.select(audit_entries).order_by(audit_entries.c.at, audit_entries.c.id)
    for entry in bind.execute(query):
        old, new = entry.old or {}, entry.new or {}
        kind, subject = entry.subject_kind, entry.subject_id
        if kind == 'nomination' and subject in known[kind] and new.get('state') in STATES:
            rows['nomination'].append({
                'nomination_id': subject, 'actor_id': entry.actor_id, 'at': entry.at,
                'from_state': old.get('state'), 'to_state': new['state'],
                'reason': _nomination_reason(entry),
            })
        elif kind == 'scorecard' and subject in known[kind] and entry.action in SCORECARD_ACTIONS:
            rows['scorecard'].append({
                'scorecard_id': subject, 'actor_id': entry.actor_id, 'action': entry.action,
                'old': old, 'new': new, 'reason': entry.reason, 'at': entry.at,
            })
        elif kind in ('category', 'program') and entry.action in RESULTS_ACTIONS:
            if kind == 'category' and subject not in known[kind]:
                continue
            rows['results'].append({
                'program_id': entry.program_id,
                'category_id': subject if kind == 'category' else None,
                'actor_id': entry.actor_id, 'action': entry.action, 'reason': entry.reason,
                'data': old if entry.action == 'unfrozen' else new, 'at': entry.at,
            })
    _insert(nomination_events, rows['nomination'])
    _insert(scorecard_events, rows['scorecard'])
    _insert(results_events, rows['results'])

    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entries_subject')
        batch_op.drop_index(batch_op.f('ix_audit_entries_at'))
    op.drop_table('audit_entries')
