"""Who may do what with nominations: one can_<verb> per rule, used by views, exports and tests.

Committee members see only their own organization's entries (and entries theirs were merged
into); for everyone else those entries do not exist, so views answer 404, never 403.
Whether nominations are still open is a matter of time, checked in the services.
"""

from awards.accounts.models import Organization
from awards.nominations.inbox import takes_part
from awards.nominations.models import Document, Nomination, NominationState
from awards.programs.models import NomineeKind, Program, Role
from awards.programs.permissions import can_manage_program, roles_in

S = NominationState
EDITABLE_STATES = (S.DRAFT, S.RETURNED)
WITHDRAWABLE_STATES = (S.DRAFT, S.SUBMITTED, S.RETURNED)


def is_committee_member(user, program: Program) -> bool:
    return Role.COMMITTEE in roles_in(user, program)


def _organization_id(user) -> int | None:
    return getattr(user, "organization_id", None)


def is_own_organization(user, nomination: Nomination) -> bool:
    """The nomination was submitted, or is supported through a merge, by the user's organization."""
    organization_id = _organization_id(user)
    if organization_id is None or not is_committee_member(user, nomination.program):
        return False
    return organization_id in {org.id for org in nomination.supporting_organizations}


def can_create_nomination(user, program: Program) -> bool:
    """Committee members who belong to an organization submit entries on its behalf."""
    return _organization_id(user) is not None and is_committee_member(user, program)


def can_view_committee_dashboard(user, program: Program) -> bool:
    return is_committee_member(user, program)


def can_view_inbox(user, program: Program) -> bool:
    """Organizers (and site administrators) see every entry that has been submitted."""
    return can_manage_program(user, program)


def can_view_nomination(user, nomination: Nomination) -> bool:
    if is_own_organization(user, nomination):
        return True
    # Drafts belong to their committee until submitted.
    return can_view_inbox(user, nomination.program) and nomination.submitted_at is not None


def can_edit_nomination(user, nomination: Nomination) -> bool:
    """The submitting organization's committee edits drafts and returned entries."""
    return (
        nomination.state in EDITABLE_STATES
        and _organization_id(user) == nomination.submitting_organization_id
        and is_committee_member(user, nomination.program)
    )


def can_submit_nomination(user, nomination: Nomination) -> bool:
    return can_edit_nomination(user, nomination)


def can_withdraw_nomination(user, nomination: Nomination) -> bool:
    return (
        nomination.state in WITHDRAWABLE_STATES
        and not nomination.merged_from
        and _organization_id(user) == nomination.submitting_organization_id
        and is_committee_member(user, nomination.program)
    )


def can_review_nomination(user, nomination: Nomination) -> bool:
    """Organizers return, accept, reject and merge entries once they are submitted."""
    return can_view_inbox(user, nomination.program) and nomination.submitted_at is not None


def can_link_organization(user, nomination: Nomination) -> bool:
    """Organizers confirm which organization an entry is about (a person's workplace for a
    person); a team is no organization."""
    return can_review_nomination(user, nomination) and nomination.nominee_kind != NomineeKind.TEAM


def can_manage_organization(user, program: Program, organization: Organization) -> bool:
    """A program's organizers see and change the names, BIN and aliases of the organizations
    taking part in it (its people's, its committees', its confirmed nominees')."""
    return can_manage_program(user, program) and takes_part(program, organization)


def can_view_audit_log(user, nomination: Nomination) -> bool:
    return can_view_inbox(user, nomination.program)


def can_download_document(user, document: Document) -> bool:
    return can_view_nomination(user, document.nomination)


def can_change_documents(user, nomination: Nomination) -> bool:
    return can_edit_nomination(user, nomination)


def can_open_and_close_nominations(user, program: Program) -> bool:
    """The program's organizers decide when committees may nominate."""
    return can_manage_program(user, program)
