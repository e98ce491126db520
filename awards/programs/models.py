"""Programs, categories, criteria and program roles."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import localized, utcnow


class Role(StrEnum):
    ORGANIZER = "organizer"
    COMMITTEE = "committee"
    JUDGE = "judge"
    CHAIR = "chair"


class RevealScores(StrEnum):
    """When a category's jurors see each other's scorecards of an entry."""

    NEVER = "never"
    AFTER_OWN = "after-own"  # once they have submitted their own scorecard for it
    AFTER_CLOSE = "after-close"  # once the judging window has closed


class NomineeKind(StrEnum):
    ORGANIZATION = "organization"
    PERSON = "person"
    TEAM = "team"


class Program(db.Model):
    """One year's edition of an awards program."""

    __tablename__ = "programs"
    __table_args__ = (
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_plausible"),
        CheckConstraint(
            "nominations_open_at IS NULL OR nominations_close_at IS NULL"
            " OR nominations_open_at < nominations_close_at",
            name="nominations_window_ordered",
        ),
        CheckConstraint(
            "judging_open_at IS NULL OR judging_close_at IS NULL"
            " OR judging_open_at < judging_close_at",
            name="judging_window_ordered",
        ),
        CheckConstraint("judges_per_nomination >= 1", name="judges_per_nomination_positive"),
        CheckConstraint(
            "scoring_method IN ('mean', 'normalized', 'trimmed')", name="scoring_method_known"
        ),
        CheckConstraint(
            "normalization_min_scorecards >= 2", name="normalization_min_scorecards_at_least_two"
        ),
        CheckConstraint(
            "disagreement_threshold BETWEEN 1 AND 100", name="disagreement_threshold_plausible"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[dict] = mapped_column(JSON)
    year: Mapped[int]
    organizing_body: Mapped[dict] = mapped_column(JSON, default=dict)
    logo_file: Mapped[str | None] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Almaty")
    # Stored as naive UTC; forms show and take them in the program's timezone.
    nominations_open_at: Mapped[datetime | None]
    nominations_close_at: Mapped[datetime | None]
    judging_open_at: Mapped[datetime | None]
    judging_close_at: Mapped[datetime | None]
    ceremony_at: Mapped[datetime | None]
    venue: Mapped[dict] = mapped_column(JSON, default=dict)
    # Judging settings: how many scorecards each nomination needs; whether judges see who nominated.
    judges_per_nomination: Mapped[int] = mapped_column(default=3, server_default="3")
    blind_judging: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    # Results: how scorecards become a score, and when the laureates were made public.
    scoring_method: Mapped[str] = mapped_column(String(20), default="mean", server_default="mean")
    # Normalized: the scorecards a juror needs in a category to be measured on their own scale
    # (below it, on the panel's: see results/aggregation.py _z_scores).
    normalization_min_scorecards: Mapped[int] = mapped_column(default=2, server_default="2")
    results_published_at: Mapped[datetime | None]
    # Percentage points between a panel's highest and lowest totals that flag an entry for
    # discussion (awards.results.disagreement).
    disagreement_threshold: Mapped[int] = mapped_column(default=30, server_default="30")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    categories: Mapped[list["Category"]] = relationship(
        back_populates="program", order_by="Category.position", cascade="all, delete-orphan"
    )
    roles: Mapped[list["ProgramRole"]] = relationship(
        back_populates="program", cascade="all, delete-orphan"
    )

    @property
    def display_title(self) -> str:
        return localized(self.title)

    def __repr__(self) -> str:
        return f"<Program {self.slug}>"


class Category(db.Model):
    """An award category ("номинация" in Russian usage) with its rubric."""

    __tablename__ = "categories"
    __table_args__ = (
        UniqueConstraint("program_id", "slug", name="uq_categories_program_slug"),
        CheckConstraint("max_laureates >= 0", name="max_laureates_not_negative"),
        CheckConstraint(
            "nominee_kind IN ('organization', 'person', 'team')", name="nominee_kind_known"
        ),
        CheckConstraint("degree_rule IN ('none', 'rank', 'band')", name="degree_rule_known"),
        CheckConstraint(
            "reveal_scores IN ('never', 'after-own', 'after-close')", name="reveal_scores_known"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[dict] = mapped_column(JSON)
    description: Mapped[dict] = mapped_column(JSON, default=dict)
    nominee_kind: Mapped[str] = mapped_column(String(20), default=NomineeKind.ORGANIZATION)
    max_laureates: Mapped[int] = mapped_column(default=1)  # 0 means no limit
    eligibility_notes: Mapped[dict] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(default=0)
    # Degrees of the laureates' diplomas (I, II, III): none; by rank (degree_limits: how many
    # laureates get I, II, III in ranking order); by score band (the minimum % of the maximum
    # total for I, II, III). See results/degrees.py.
    degree_rule: Mapped[str] = mapped_column(String(10), default="none", server_default="none")
    degree_limits: Mapped[list | None] = mapped_column(JSON)
    # Read through awards.judging.permissions.reveal_policy only (it will move to a round).
    reveal_scores: Mapped[str] = mapped_column(
        String(20), default=RevealScores.NEVER, server_default=RevealScores.NEVER.value
    )

    program: Mapped[Program] = relationship(back_populates="categories")
    criteria: Mapped[list["Criterion"]] = relationship(
        back_populates="category", order_by="Criterion.position", cascade="all, delete-orphan"
    )

    @property
    def display_title(self) -> str:
        return localized(self.title)

    @property
    def total_weight(self) -> float:
        return sum(criterion.weight for criterion in self.criteria)


class Criterion(db.Model):
    """One scored aspect of a category's rubric."""

    __tablename__ = "criteria"
    __table_args__ = (
        CheckConstraint("weight > 0", name="weight_positive"),
        CheckConstraint("max_points > 0", name="max_points_positive"),
        CheckConstraint("step > 0", name="step_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id", ondelete="CASCADE"))
    name: Mapped[dict] = mapped_column(JSON)
    description: Mapped[dict] = mapped_column(JSON, default=dict)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    max_points: Mapped[int] = mapped_column(default=10)
    step: Mapped[float] = mapped_column(Float, default=1.0)
    position: Mapped[int] = mapped_column(default=0)
    # What the points mean, lowest first: [{"low": 0, "high": 3, "label": {"kk":…, "ru":…}}]
    # (see awards.programs.levels); judges read them beside the points they give.
    levels: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")

    category: Mapped[Category] = relationship(back_populates="criteria")

    @property
    def display_name(self) -> str:
        return localized(self.name)


class ProgramRole(db.Model):
    """A person's role in one program; a person may hold several."""

    __tablename__ = "program_roles"
    __table_args__ = (
        UniqueConstraint("program_id", "user_id", "role", name="uq_program_roles_once"),
        CheckConstraint("role IN ('organizer', 'committee', 'judge', 'chair')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    program: Mapped[Program] = relationship(back_populates="roles")
    user: Mapped[User] = relationship()
