import io

import pytest

from awards.certificates.models import CertificateImage, CertificateSettings
from awards.certificates.settings import (
    DEFAULT_CITATIONS,
    SignatoryInput,
    save_certificate_settings,
    settings_of,
)
from awards.errors import DomainError
from awards.extensions import db
from tests.certificates import pictures

HEAD = {
    "name": {"kk": "Б. Оспанов", "ru": "Б. Оспанов", "en": "B. Ospanov"},
    "title": {"kk": "Басқарма басшысы", "ru": "Руководитель управления", "en": "Head"},
}


def save(program, *, signatories=(), print_english=False, citations=None, **extra):
    return save_certificate_settings(
        program=program, actor=None, theme=extra.pop("theme", "classic"),
        print_english=print_english, citations=citations or DEFAULT_CITATIONS,
        signatories=list(signatories), **extra,
    )  # fmt: skip


def signatory(signature: bytes | None = None, **changes) -> SignatoryInput:
    stream = io.BytesIO(signature) if signature is not None else None
    return SignatoryInput(**{**HEAD, **changes}, signature=stream)


def test_a_program_without_settings_gets_the_default_citations(program):
    settings = settings_of(program)
    assert settings.id is None and settings.theme == "classic" and not settings.print_english
    assert settings.participant_citation["ru"] == "за активное участие в конкурсе"
    assert settings.participant_citation["kk"] == "байқауға белсене қатысқаны үшін"
    assert settings.judge_thanks_citation["ru"] == (
        "за объективную и добросовестную работу в составе жюри"
    )
    assert settings.judge_thanks_citation["kk"] == (
        "қазылар алқасы құрамындағы әділ әрі адал жұмысы үшін"
    )
    assert settings.laureate_citation["ru"] == "за высокие результаты в конкурсе"


def test_saving_keeps_two_signatories_in_order_with_their_signatures(program):
    second = {
        "name": {"kk": "А. Сейіт", "ru": "А. Сеит"},
        "title": {"kk": "Хатшы", "ru": "Секретарь"},
    }
    settings = save(
        program, signatories=[signatory(pictures.signature_png()), signatory(None, **second)],
        theme="modern",
    )  # fmt: skip
    db.session.commit()
    assert db.session.query(CertificateSettings).count() == 1
    assert [s.position for s in settings.signatories] == [1, 2]
    assert settings.signatories[0].name["ru"] == "Б. Оспанов"
    assert settings.signatories[0].signature_image.content_type == "image/png"
    assert settings.signatories[1].signature_image is None and settings.theme == "modern"


def test_a_signature_keeps_its_transparency(program):
    settings = save(program, signatories=[signatory(pictures.signature_png())])
    image = pictures.opened(settings.signatories[0].signature_image.content)
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0  # the background stays transparent
    assert image.getpixel((35, 45))[3] == 255  # the ink stays opaque


def test_a_palette_seal_keeps_its_transparent_colour(program):
    settings = save(program, seal=io.BytesIO(pictures.seal_palette_png()))
    image = pictures.opened(settings.seal_image.content).convert("RGBA")
    assert image.getpixel((80, 80))[3] == 0
    assert image.getpixel((6, 80))[3] == 255


def test_pictures_are_redrawn_without_metadata_and_scaled_down(program):
    settings = save(program, seal=io.BytesIO(pictures.big_png(3000)))
    assert pictures.opened(settings.seal_image.content).size == (1200, 600)
    jpeg = save(program, seal=io.BytesIO(pictures.photo_jpeg()))
    assert jpeg.seal_image.content_type == "image/jpeg"
    assert "exif" not in pictures.opened(jpeg.seal_image.content).info


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a" + b"\0" * 40, "PNG or JPEG"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "PNG or JPEG"),
        (b"\x89PNG\r\n\x1a\n" + b"broken" * 10, "damaged"),
        (b"", "empty"),
    ],
)
def test_a_bad_picture_is_refused_beside_its_field(program, content, message):
    with pytest.raises(DomainError) as error:
        save(program, signatories=[signatory(content)])
    assert error.value.field == "signatory1_signature" and message in error.value.message
    with pytest.raises(DomainError) as error:
        save(program, seal=io.BytesIO(content))
    assert error.value.field == "seal"


def test_the_same_picture_is_stored_once(program):
    save(program, signatories=[signatory(pictures.signature_png())])
    save(program, signatories=[signatory(pictures.signature_png())])
    assert db.session.query(CertificateImage).count() == 1


def test_a_replaced_picture_stays_for_the_certificates_printed_with_it(program):
    save(program, seal=io.BytesIO(pictures.seal_palette_png()))
    settings = save(program, seal=io.BytesIO(pictures.photo_jpeg()))
    assert db.session.query(CertificateImage).count() == 2
    assert settings.seal_image.content_type == "image/jpeg"
    assert save(program, remove_seal=True).seal_image_id is None


def test_a_signatory_needs_name_and_position_in_kazakh_and_russian(program):
    with pytest.raises(DomainError) as error:
        save(program, signatories=[signatory(title={"kk": "", "ru": "Руководитель"})])
    assert error.value.field == "signatory1_title"
    with pytest.raises(DomainError) as error:
        save(program, signatories=[signatory(None), signatory(name={"ru": "Имя"})])
    assert error.value.field == "signatory2_name"


def test_an_empty_second_slot_removes_the_second_signatory(program):
    save(program, signatories=[signatory(None), signatory(None)])
    settings = save(program, signatories=[signatory(None), signatory(None, name={}, title={})])
    assert [s.position for s in settings.signatories] == [1]


def test_printing_english_needs_english_texts(program):
    citations = {kind: {"kk": t["kk"], "ru": t["ru"]} for kind, t in DEFAULT_CITATIONS.items()}
    with pytest.raises(DomainError) as error:
        save(program, print_english=True, citations=citations)
    # Every citation without English is named at once.
    assert set(error.value.fields) == {f"{kind}_citation" for kind in DEFAULT_CITATIONS}
    with pytest.raises(DomainError) as error:
        save(program, print_english=True, signatories=[signatory(title={"kk": "Х", "ru": "С"})])
    assert error.value.field == "signatory1_title"
    assert save(program, print_english=True, signatories=[signatory()]).print_english


def test_texts_longer_than_a_certificate_takes_are_refused(program):
    citations = {**DEFAULT_CITATIONS, "participant": {"kk": "ү" * 501, "ru": "за участие"}}
    with pytest.raises(DomainError, match="at most 500 characters") as error:
        save(program, citations=citations)
    assert error.value.field == "participant_citation"
    with pytest.raises(DomainError, match="at most 200 characters") as error:
        save(program, signatories=[signatory(name={"kk": "Б" * 201, "ru": "Б"})])
    assert error.value.field == "signatory1_name"


def test_an_unknown_design_is_refused(program):
    with pytest.raises(DomainError) as error:
        save(program, theme="../etc")
    assert error.value.field == "theme"
