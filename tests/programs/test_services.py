import io
from datetime import datetime, time

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from awards.ceremony import services as ceremony
from awards.certificates.models import KINDS, CertificateImage
from awards.certificates.settings import (
    DEFAULT_CITATIONS,
    SignatoryInput,
    save_certificate_settings,
    settings_of,
)
from awards.errors import DomainError
from awards.extensions import db
from awards.programs import services
from awards.programs.models import Criterion, ProgramRole, Role
from awards.uploads import upload_folder
from tests import factories
from tests.certificates import pictures


@pytest.fixture
def organizer(app):
    return factories.user("org@x.kz", is_admin=True)


def make_program(organizer, slug="prize-2025", **fields):
    return services.create_program(
        actor=organizer, slug=slug, year=2025, title={"kk": "Байқау", "ru": "Конкурс"}, **fields
    )


def test_create_program_makes_creator_organizer(organizer):
    program = make_program(organizer)
    assert [(r.user, r.role) for r in program.roles] == [(organizer, Role.ORGANIZER)]


def test_create_program_requires_kazakh_and_russian_titles(organizer):
    with pytest.raises(DomainError) as error:
        services.create_program(actor=organizer, slug="p", year=2025, title={"ru": "Только"})
    assert error.value.field == "title"


@pytest.mark.parametrize("slug", ["Has Space", "кириллица", "-dash", "a--b", ""])
def test_create_program_refuses_bad_slug(organizer, slug):
    with pytest.raises(DomainError):
        make_program(organizer, slug=slug)


def test_create_program_refuses_taken_slug(organizer):
    make_program(organizer)
    with pytest.raises(DomainError):
        make_program(organizer)


def test_update_program_refuses_window_closing_before_it_opens(organizer):
    program = make_program(organizer)
    with pytest.raises(DomainError) as error:
        services.update_program(
            program=program, actor=organizer,
            nominations_open_at=datetime(2025, 11, 1), nominations_close_at=datetime(2025, 10, 1),
        )  # fmt: skip
    assert error.value.field == "nominations_close_at"


def test_schema_refuses_window_closing_before_it_opens(organizer):
    program = make_program(organizer)
    program.judging_open_at, program.judging_close_at = datetime(2025, 2, 1), datetime(2025, 1, 1)
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_categories_and_criteria_keep_their_order(organizer):
    program = make_program(organizer)
    first = services.add_category(
        program=program, actor=organizer, slug="a", title={"kk": "А", "ru": "А"}
    )
    second = services.add_category(
        program=program, actor=organizer, slug="b", title={"kk": "Б", "ru": "Б"}
    )
    assert program.categories == [first, second]
    for name in ("one", "two"):
        services.add_criterion(category=first, actor=organizer, name={"kk": name, "ru": name})
    assert [c.name["kk"] for c in first.criteria] == ["one", "two"]


def test_category_slug_unique_within_program(organizer):
    program = make_program(organizer)
    services.add_category(program=program, actor=organizer, slug="a", title={"kk": "А", "ru": "А"})
    with pytest.raises(DomainError):
        services.add_category(
            program=program, actor=organizer, slug="a", title={"kk": "Б", "ru": "Б"}
        )


@pytest.mark.parametrize(
    ("weight", "max_points", "step", "field"),
    [(0, 10, 1, "weight"), (-1, 10, 1, "weight"), (1, 0, 1, "max_points"), (1, 10, 0, "step"),
     (1, 10, 11, "step")],
)  # fmt: skip
def test_criterion_numbers_checked(organizer, weight, max_points, step, field):
    program = make_program(organizer)
    category = services.add_category(
        program=program, actor=organizer, slug="a", title={"kk": "А", "ru": "А"}
    )
    with pytest.raises(DomainError) as error:
        services.add_criterion(
            category=category, actor=organizer, name={"kk": "x", "ru": "x"},
            weight=weight, max_points=max_points, step=step,
        )  # fmt: skip
    assert error.value.field == field


def test_schema_refuses_zero_weight(organizer):
    program = make_program(organizer)
    category = services.add_category(
        program=program, actor=organizer, slug="a", title={"kk": "А", "ru": "А"}
    )
    db.session.add(Criterion(category=category, name={"kk": "x"}, weight=0))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_copy_program_clones_categories_and_criteria_only(organizer):
    program = factories.program_with_people()
    copy = services.copy_program(
        source=program, actor=organizer, slug="test-awards-2026", year=2026,
        title={"kk": "Жаңа", "ru": "Новый"},
    )  # fmt: skip
    assert [c.slug for c in copy.categories] == [c.slug for c in program.categories]
    assert copy.categories[0].criteria[0].name == program.categories[0].criteria[0].name
    assert copy.categories[0].criteria[0].weight == 2
    assert [r.user for r in copy.roles] == [organizer]
    assert copy.year == 2026


def _with_setup(program):
    """The factory program with a logo, a running order awarding its category, a partner, and
    certificate settings with a signature and a seal."""
    organizer = program.roles[0].user
    services.set_program_logo(
        program=program, actor=organizer, stream=io.BytesIO(pictures.photo_jpeg())
    )
    for at, kk, ru, category in (("11:00", "Марапаттау", "Награждение", program.categories[0]),
                                 ("10:00", "Ашылуы", "Открытие", None)):  # fmt: skip
        ceremony.add_running_order_item(
            program=program, actor=organizer, starts_at=time.fromisoformat(at),
            title={"kk": kk, "ru": ru}, category_id=category.id if category else None,
            position=len(ceremony.running_order(program)),
        )  # fmt: skip
    ceremony.add_partner(program=program, actor=organizer, name={"kk": "Үлбі", "ru": "Ульба"})
    save_certificate_settings(
        program=program, actor=organizer, theme="modern", print_english=False,
        citations=DEFAULT_CITATIONS, seal=io.BytesIO(pictures.seal_palette_png()),
        signatories=[SignatoryInput(
            name={"kk": "Б. Оспанов", "ru": "Б. Оспанов"}, title={"kk": "Басшы", "ru": "Глава"},
            signature=io.BytesIO(pictures.signature_png()),
        )],
    )  # fmt: skip
    db.session.commit()
    return program


def _setup(program) -> dict:
    settings = settings_of(program)
    return {
        "running_order": [(i.starts_at, i.title, i.presenter, i.category and i.category.slug)
                          for i in ceremony.running_order(program)],
        "partners": [partner.name for partner in ceremony.ceremony_partners(program)],
        "certificates": (
            settings.theme, settings.print_english, [settings.citation(k) for k in KINDS],
            [(s.position, s.name, s.title, s.signature_image.content)
             for s in settings.signatories],
            settings.seal_image.content,
        ),
    }  # fmt: skip


def _copy(program, slug="test-awards-2026"):
    return services.copy_program(
        source=program, actor=program.roles[0].user, slug=slug, year=2026,
        title={"kk": "Жаңа", "ru": "Новый"},
    )  # fmt: skip


def test_copy_program_carries_the_running_order_partners_and_certificate_settings(program):
    source = _with_setup(program)
    copy = _copy(source)
    db.session.commit()
    assert _setup(copy) == _setup(source)
    assert [i.category for i in ceremony.running_order(copy)][0] == copy.categories[0]
    assert (copy.judging_open_at, copy.ceremony_at) == (None, None)


def test_copy_program_gives_the_copy_its_own_files(program):
    source = _with_setup(program)
    copy = _copy(source)
    db.session.commit()
    assert copy.logo_file != source.logo_file
    assert (upload_folder() / copy.logo_file).read_bytes() == (
        upload_folder() / source.logo_file
    ).read_bytes()
    pictures_of = {
        image.program_id for image in db.session.scalars(select(CertificateImage))
    }  # fmt: skip
    assert pictures_of == {source.id, copy.id}
    services.remove_program_logo(program=source, actor=source.roles[0].user)
    db.session.delete(source)
    db.session.commit()
    assert (upload_folder() / copy.logo_file).is_file()
    settings = settings_of(copy)
    assert settings.seal_image is not None and settings.signatories[0].signature_image is not None


def test_copy_program_without_setup_copies_none(program):
    copy = _copy(program)
    db.session.commit()
    assert copy.logo_file is None and settings_of(copy).id is None
    assert ceremony.running_order(copy) == [] and ceremony.ceremony_partners(copy) == []


def test_a_failed_copy_leaves_no_logo_file(program):
    source = _with_setup(program)
    _copy(source)
    db.session.rollback()
    assert sorted(p.name for p in (upload_folder() / "logos").iterdir()) == [
        source.logo_file.split("/")[1]
    ]


def test_invite_member_creates_pending_user_and_sends_link(app, organizer, outbox):
    program = make_program(organizer)
    services.invite_member(
        program=program, actor=organizer, email="New@X.kz", role="judge", locale="ru"
    )
    db.session.commit()
    (message,) = outbox()
    assert message["To"] == "new@x.kz"
    assert "https://awards.example.kz/invitation/" in message.get_content()


def test_invite_member_sends_nothing_when_transaction_rolls_back(app, organizer, outbox):
    program = make_program(organizer)
    db.session.commit()
    services.invite_member(program=program, actor=organizer, email="new@x.kz", role="judge")
    db.session.rollback()
    assert outbox() == []


def test_person_can_hold_several_roles(organizer):
    program = make_program(organizer)
    services.invite_member(program=program, actor=organizer, email="p@x.kz", role="judge")
    services.invite_member(program=program, actor=organizer, email="p@x.kz", role="committee")
    services.invite_member(program=program, actor=organizer, email="p@x.kz", role="committee")
    roles = sorted(r.role for r in program.roles if r.user.email == "p@x.kz")
    assert roles == ["committee", "judge"]


def test_last_organizer_cannot_be_removed(organizer):
    program = make_program(organizer)
    (only,) = program.roles
    with pytest.raises(DomainError):
        services.revoke_role(program_role=only, actor=organizer)
    assert db.session.get(ProgramRole, only.id) is not None
