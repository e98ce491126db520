"""Each kind of certificate, issued from the ceremony fixture and read back as a print shop would:
Kazzinc is the laureate, Ulba and Polyana took part, three judges submitted scorecards."""

import io

import pytest
from pypdf import PdfReader

from awards.certificates import issuing
from awards.certificates.models import IssuedCertificate
from awards.certificates.recipients import recipients_of, save_printed_name
from awards.certificates.settings import DEFAULT_CITATIONS, SignatoryInput
from awards.certificates.settings import save_certificate_settings as save_settings
from awards.errors import DomainError
from awards.extensions import db
from awards.operations.demo_texts import DEMO_SIGNATORY
from awards.programs.services import grant_role
from awards.uploads import upload_folder
from tests import factories
from tests.certificates import pictures, print_shop

NAME = {"kk": "Бауыржан Оспанов", "ru": "Бауыржан Оспанов"}
TITLE = {"kk": "Білім басқармасының басшысы", "ru": "Руководитель управления образования"}
KAZZINC_DATIVE = {
    "kk": "«Қазмырыш» жауапкершілігі шектеулі серіктестігі",
    "ru": "Товариществу с ограниченной ответственностью «Казцинк»",
}


@pytest.fixture
def configured(ceremony):
    """The ceremony with a signatory, a signature and a seal, and the judges' real names."""
    head = SignatoryInput(NAME, TITLE, signature=io.BytesIO(pictures.signature_png()))
    save_settings(
        program=ceremony["program"], actor=ceremony["organizer"], theme="classic",
        print_english=False, citations=DEFAULT_CITATIONS, signatories=[head],
        seal=io.BytesIO(pictures.seal_palette_png()),
    )  # fmt: skip
    names = ("Сергей Ким", "Гүлнар Төлеуова", "Anna Petrova")
    for judge, name in zip(ceremony["judges"].values(), names, strict=True):
        judge.name = name
    db.session.commit()
    return ceremony


def issue(ceremony, kind, **options):
    issued = issuing.issue_certificates(
        program=ceremony["program"], actor=ceremony["organizer"], kind=kind, theme="classic",
        **options,
    )  # fmt: skip
    db.session.commit()
    return issued


def pdf_of(certificate) -> bytes:
    return (upload_folder() / certificate.stored_file).read_bytes()


def printed(certificate) -> str:
    return print_shop.flat(print_shop.text(pdf_of(certificate)))


def assert_print_ready(pdf: bytes) -> None:
    fonts = print_shop.fonts(pdf)
    assert fonts and all(font["embedded"] and font["unicode"] for font in fonts), fonts


def test_a_laureate_certificate_prints_the_edited_name_exactly(configured):
    kazzinc = configured["entries"]["Kazzinc Nominee"]
    save_printed_name(
        program=configured["program"], actor=configured["organizer"], names=KAZZINC_DATIVE,
        nomination_id=kazzinc.id,
    )  # fmt: skip
    (certificate,) = issue(configured, "laureate")
    text = printed(certificate)
    assert KAZZINC_DATIVE["ru"] in text and KAZZINC_DATIVE["kk"] in text
    assert "Kazzinc Nominee" not in text
    assert "Бауыржан Оспанов" in text and "Руководитель управления образования" in text
    assert "за высокие результаты в конкурсе" in text
    assert certificate.recipient == KAZZINC_DATIVE
    assert certificate.values["signatories"][0]["signature_image"] is not None
    assert certificate.values["seal_image"] is not None
    assert_print_ready(pdf_of(certificate))


def test_participants_are_the_accepted_entries_that_are_not_laureates(configured):
    issued = issue(configured, "participant")
    assert [c.recipient["ru"] for c in issued] == ["Polyana Nominee", "Ulba Nominee"]
    assert all(c.kind == "participant" and c.snapshot_id for c in issued)
    text = printed(issued[0])
    assert "Polyana Nominee" in text and "за активное участие в конкурсе" in text
    assert "байқауға белсене қатысқаны үшін" in text and "Бауыржан Оспанов" in text
    assert_print_ready(pdf_of(issued[0]))


def test_judges_who_submitted_a_scorecard_get_a_letter_of_thanks(configured):
    idle = factories.user("idle@x.kz", name="Бездействующий Судья")
    grant_role(program=configured["program"], user=idle, role="judge",
               actor=configured["organizer"])  # fmt: skip
    db.session.commit()
    issued = issue(configured, "judge_thanks")
    assert sorted(c.recipient["ru"] for c in issued) == [
        "Anna Petrova", "Гүлнар Төлеуова", "Сергей Ким",
    ]  # fmt: skip
    assert all(c.user_id and c.category_id is None and c.snapshot_id is None for c in issued)
    letter = next(c for c in issued if c.recipient["ru"] == "Гүлнар Төлеуова")
    text = printed(letter)
    assert "Гүлнар Төлеуова" in text and "Выражаем Вам искреннюю благодарность" in text
    assert "за объективную и добросовестную работу в составе жюри" in text
    assert_print_ready(pdf_of(letter))


def test_a_judges_name_can_be_printed_in_the_dative(configured):
    judge = configured["judges"]["judge@x.kz"]
    save_printed_name(
        program=configured["program"], actor=configured["organizer"], user_id=judge.id,
        names={"kk": "Сергей Ким мырзаға", "ru": "Сергею Киму"},
    )  # fmt: skip
    issued = issue(configured, "judge_thanks", recipients=[f"judge-{judge.id}"])
    assert len(issued) == 1 and "Сергею Киму" in printed(issued[0])


def test_serials_are_one_sequence_across_kinds(configured):
    serials = [c.serial for kind in ("laureate", "participant", "judge_thanks")
               for c in issue(configured, kind)]  # fmt: skip
    assert serials == [f"TA-2025-{n:04d}" for n in range(1, 7)]


def test_a_chosen_list_issues_only_those_and_refuses_strangers_and_holders(configured):
    ulba = configured["entries"]["Ulba Nominee"]
    (only,) = issue(configured, "participant", recipients=[f"nomination-{ulba.id}"])
    assert only.nomination_id == ulba.id
    for keys in (["nomination-999"], [f"nomination-{ulba.id}"]):
        with pytest.raises(DomainError) as error:
            issue(configured, "participant", recipients=keys)
        assert error.value.field == "recipients"
    assert [c.nomination_id for c in issue(configured, "participant")] == [
        configured["entries"]["Polyana Nominee"].id
    ]


def test_progress_is_reported_after_each_rendered_chunk(configured):
    calls = []
    issue(configured, "judge_thanks", progress=lambda done, total: calls.append((done, total)))
    assert calls == [(3, 3)]


def test_english_is_printed_when_chosen(configured):
    english = SignatoryInput({**NAME, "en": "Bauyrzhan Ospanov"}, {**TITLE, "en": "Head"})
    save_settings(
        program=configured["program"], actor=None, theme="classic", print_english=True,
        citations=DEFAULT_CITATIONS, signatories=[english],
    )  # fmt: skip
    (certificate,) = issue(configured, "laureate")
    assert certificate.values["languages"] == ["kk", "ru", "en"]
    assert "for outstanding results in the competition" in printed(certificate)


def test_a_name_the_fonts_cannot_print_leaves_nothing_behind(configured):
    kazzinc = configured["entries"]["Kazzinc Nominee"]
    save_printed_name(
        program=configured["program"], actor=None, nomination_id=kazzinc.id,
        names={"kk": "Казцинк ☃", "ru": "Казцинк ☃"},
    )  # fmt: skip
    db.session.commit()
    with pytest.raises(DomainError):
        issuing.issue_certificates(
            program=configured["program"], actor=None, kind="laureate", theme="classic"
        )
    db.session.rollback()
    assert db.session.query(IssuedCertificate).count() == 0
    assert not list((upload_folder() / "certificates").glob("*.pdf"))


def test_recipients_carry_the_frozen_names_and_their_certificates(configured):
    (certificate,) = issue(configured, "laureate")
    (laureate,) = recipients_of(configured["program"], "laureate")
    assert laureate.default_names["ru"] == "Kazzinc Nominee"
    assert laureate.holder.id == certificate.id and not laureate.overridden
    assert {r.holder for r in recipients_of(configured["program"], "participant")} == {None}


def test_english_with_the_demo_signatory_prints_one_page_of_each_kind(configured):
    """The issue as filed: English on and the demo's head of department (a two-line title)."""
    save_settings(
        program=configured["program"], actor=None, theme="modern", print_english=True,
        citations=DEFAULT_CITATIONS, signatories=[SignatoryInput(**DEMO_SIGNATORY)],
    )  # fmt: skip
    for kind in ("laureate", "participant", "judge_thanks"):
        for certificate in issue(configured, kind):
            assert len(PdfReader(io.BytesIO(pdf_of(certificate))).pages) == 1


def test_a_certificate_too_long_for_its_page_is_refused_naming_recipient_and_field(configured):
    citations = {
        **DEFAULT_CITATIONS,
        "laureate": {code: (f"{code} өңірдің кәсіптік білімін дамытуға қосқан үлесі " * 12)[:500]
                     for code in ("kk", "ru", "en")},
    }  # fmt: skip
    titles = [{code: (f"{code}{n} басқарма басшысының орынбасары " * 10)[:300]
               for code in ("kk", "ru", "en")} for n in (1, 2)]  # fmt: skip
    save_settings(
        program=configured["program"], actor=None, theme="classic", print_english=True,
        citations=citations,
        signatories=[SignatoryInput({**NAME, "en": "B. Ospanov"}, title) for title in titles],
    )  # fmt: skip
    kazzinc = configured["entries"]["Kazzinc Nominee"]
    save_printed_name(
        program=configured["program"], actor=None, nomination_id=kazzinc.id,
        names={code: (f"{code} Қазақстан Республикасы " * 20)[:300] for code in ("kk", "ru", "en")},
    )  # fmt: skip
    db.session.commit()
    with pytest.raises(DomainError) as raised:
        issuing.issue_certificates(
            program=configured["program"], actor=None, kind="laureate", theme="classic"
        )
    assert raised.value.message == (
        "The certificate for “en Қазақстан Республикасы en Қазақстан Республикасы en "
        "Қаза…” does not fit on one page even in the smallest type: its name, category, "
        "citation and signatories are too long together; shorten one of them."
    )
    db.session.rollback()
    assert db.session.query(IssuedCertificate).count() == 0


def test_a_letter_of_thanks_opens_with_the_salutation_made_from_the_printed_name(configured):
    (recipient, *_) = [r for r in recipients_of(configured["program"], "judge_thanks")
                       if r.names["ru"] == "Гүлнар Төлеуова"]  # fmt: skip
    assert recipient.salutation == {
        "kk": "Құрметті Гүлнар Төлеуова!", "ru": "Уважаемый(-ая) Гүлнар Төлеуова!",
        "en": "Dear Гүлнар Төлеуова,",
    }  # fmt: skip
    save_printed_name(
        program=configured["program"], actor=None, user_id=recipient.user_id,
        names={"kk": "Гүлнар Төлеуова", "ru": "Гүлнар Төлеуова", "en": "Gulnar Toleuova"},
        salutation={"kk": "Құрметті Гүлнар Төлеуқызы!", "ru": "Уважаемая Гүлнар Төлеуовна!"},
    )  # fmt: skip
    db.session.commit()
    issued = issue(configured, "judge_thanks", recipients=[recipient.key])
    text = printed(issued[0])
    assert "Құрметті Гүлнар Төлеуқызы!" in text and "Уважаемая Гүлнар Төлеуовна!" in text
    assert issued[0].values["salutation"]["ru"] == "Уважаемая Гүлнар Төлеуовна!"


def test_a_salutation_left_as_prefilled_follows_the_name(configured):
    (recipient, *_) = recipients_of(configured["program"], "judge_thanks")
    names = {"kk": "Сергей Ким", "ru": "Сергей Ким"}
    save_printed_name(
        program=configured["program"], actor=None, user_id=recipient.user_id, names=names,
        salutation={"kk": "Құрметті Сергей Ким!", "ru": "Уважаемый(-ая) Сергей Ким!"},
    )  # fmt: skip
    save_printed_name(
        program=configured["program"], actor=None, user_id=recipient.user_id,
        names={"kk": "Сергей Кимге", "ru": "Сергею Киму"},
    )  # fmt: skip
    (recipient, *_) = recipients_of(configured["program"], "judge_thanks")
    assert recipient.salutation["ru"] == "Уважаемый(-ая) Сергею Киму!"


def test_a_salutation_needs_kazakh_and_russian(configured):
    (recipient, *_) = recipients_of(configured["program"], "judge_thanks")
    with pytest.raises(DomainError) as raised:
        save_printed_name(
            program=configured["program"], actor=None, user_id=recipient.user_id,
            names={"kk": "Сергей Ким", "ru": "Сергей Ким"}, salutation={"ru": "Уважаемый!"},
        )  # fmt: skip
    assert raised.value.field == "salutation"
