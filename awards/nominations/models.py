"""Nominations and their supporting documents."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.accounts.models import Organization, User
from awards.extensions import db
from awards.i18n import localized, utcnow
from awards.programs.models import Category, NomineeKind, Program
from awards.uploads import FileKind as DocumentKind

JUSTIFICATION_MAX = 5000


class NominationState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


def _quoted(*values: str) -> str:
    return ", ".join(f"'{value}'" for value in values)


S = NominationState
# Each state implies the timestamps of how it was reached; the schema refuses anything else.
STATE_CHECKS = (
    CheckConstraint(f"state IN ({_quoted(*S)})", name="state_known"),
    CheckConstraint(f"nominee_kind IN ({_quoted(*NomineeKind)})", name="nominee_kind_known"),
    CheckConstraint("state <> 'draft' OR submitted_at IS NULL", name="draft_not_submitted"),
    CheckConstraint(
        "state IN ('draft', 'withdrawn') OR submitted_at IS NOT NULL", name="submitted_has_time"
    ),
    CheckConstraint("state <> 'returned' OR returned_at IS NOT NULL", name="returned_has_time"),
    CheckConstraint("state <> 'accepted' OR accepted_at IS NOT NULL", name="accepted_has_time"),
    CheckConstraint(
        "accepted_at IS NULL OR state IN ('accepted', 'merged')",
        name="accepted_time_means_accepted",
    ),
    CheckConstraint("(state = 'rejected') = (rejected_at IS NOT NULL)", name="rejected_has_time"),
    CheckConstraint(
        "(state = 'withdrawn') = (withdrawn_at IS NOT NULL)", name="withdrawn_has_time"
    ),
    CheckConstraint("(state = 'merged') = (merged_at IS NOT NULL)", name="merged_has_time"),
    CheckConstraint("(state = 'merged') = (merged_into_id IS NOT NULL)", name="merged_has_target"),
    CheckConstraint("merged_into_id IS NULL OR merged_into_id <> id", name="not_merged_into_self"),
)


class Nomination(db.Model):
    """An entry nominating an organization, a person or a team in one category."""

    __tablename__ = "nominations"
    __table_args__ = (
        *STATE_CHECKS,
        CheckConstraint("bin IS NULL OR length(bin) = 12", name="bin_length"),
        CheckConstraint(
            f"length(justification) <= {JUSTIFICATION_MAX}", name="justification_length"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default=NominationState.DRAFT)
    nominee_kind: Mapped[str] = mapped_column(String(20))

    # An organization
    org_name: Mapped[dict] = mapped_column(JSON, default=dict)
    bin: Mapped[str | None] = mapped_column(String(12), index=True)
    city: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    # A person: the full name per language, and in one language (the Russian, else the Kazakh,
    # else the English one) for what reads one name: duplicates, ballots, exports. Entries made
    # before names per language have only the one name.
    person_names: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    person_name: Mapped[str] = mapped_column(String(200), default="")
    person_position: Mapped[str] = mapped_column(String(200), default="")
    person_workplace: Mapped[str] = mapped_column(String(300), default="")
    # A team
    team_name: Mapped[str] = mapped_column(String(300), default="")
    team_members: Mapped[list] = mapped_column(JSON, default=list)

    # How to read the nominee's name aloud, {kk, ru}: printed beside it in the presenter's
    # script (the ceremony's pronunciation page edits it).
    pronunciation: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")

    justification: Mapped[str] = mapped_column(Text, default="")
    achievements: Mapped[list] = mapped_column(JSON, default=list)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")

    submitting_organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id"), index=True
    )
    # The organization the entry is about, once an organizer confirmed the match: the nominee
    # itself, or the nominated person's workplace.
    nominee_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("nominations.id"))
    # A practice entry: every judge of the category scores it first to calibrate; it never
    # counts (results, exports, certificates, public pages, counts leave it out).
    is_practice: Mapped[bool] = mapped_column(default=False, server_default=sa_false())

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    returned_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    rejected_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    merged_at: Mapped[datetime | None]

    program: Mapped[Program] = relationship()
    category: Mapped[Category] = relationship()
    submitting_organization: Mapped[Organization] = relationship(
        foreign_keys=[submitting_organization_id]
    )
    nominee_organization: Mapped[Organization | None] = relationship(
        foreign_keys=[nominee_organization_id]
    )
    created_by: Mapped[User | None] = relationship()
    merged_into: Mapped["Nomination | None"] = relationship(
        remote_side=[id], back_populates="merged_from"
    )
    merged_from: Mapped[list["Nomination"]] = relationship(back_populates="merged_into")
    documents: Mapped[list["Document"]] = relationship(
        back_populates="nomination", order_by="Document.id", cascade="all, delete-orphan"
    )

    @property
    def person_name_texts(self) -> dict:
        """The nominated person's full name per language (the one name of an older entry is
        its Russian)."""
        names = {code: text for code, text in (self.person_names or {}).items() if text}
        return names or ({"ru": self.person_name} if self.person_name else {})

    @property
    def org_name_texts(self) -> dict:
        """The nominated organization's legal name per language as typed, each language left
        empty filled from the organization an organizer confirmed the entry is about (its
        names from the invitation or its page)."""
        typed = {code: text for code, text in (self.org_name or {}).items() if text}
        confirmed = self.nominee_organization
        if self.nominee_kind != NomineeKind.ORGANIZATION or confirmed is None:
            return typed
        known = {code: text for code, text in (confirmed.name or {}).items() if text}
        return {**known, **typed}

    @property
    def nominee_name(self) -> str:
        """The nominee as a reader sees it, in the reader's language for organizations and
        people."""
        if self.nominee_kind == NomineeKind.PERSON:
            return localized(self.person_name_texts)
        if self.nominee_kind == NomineeKind.TEAM:
            return self.team_name
        return localized(self.org_name_texts)

    @property
    def supporting_organizations(self) -> list[Organization]:
        """The submitting organization, then those whose entries were merged into this one,
        each once (a committee may have sent the same nominee twice)."""
        entries = [self, *sorted(self.merged_from, key=lambda entry: entry.id)]
        found = {}
        for entry in entries:
            found.setdefault(entry.submitting_organization_id, entry.submitting_organization)
        return list(found.values())

    @property
    def documents_with_merged(self) -> list["Document"]:
        """Its own documents, then those of the entries merged into it: what judges read."""
        merged = sorted(self.merged_from, key=lambda entry: entry.id)
        return [*self.documents, *(document for entry in merged for document in entry.documents)]

    def __repr__(self) -> str:
        return f"<Nomination {self.id} {self.state}>"


class Document(db.Model):
    """A supporting document, stored under a random name outside static/."""

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint(f"content_type IN ({_quoted(*DocumentKind)})", name="content_type_allowed"),
        CheckConstraint("size > 0", name="size_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), index=True
    )
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(50))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    nomination: Mapped[Nomination] = relationship(back_populates="documents")
    uploaded_by: Mapped[User | None] = relationship()

    @property
    def is_pdf(self) -> bool:
        return self.content_type == DocumentKind.PDF
