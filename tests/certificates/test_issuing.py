import hashlib

import pytest
import weasyprint.pdf

from awards.certificates import issuing, registry
from awards.certificates.models import IssuedCertificate
from awards.certificates.recipients import save_printed_name
from awards.errors import DomainError
from awards.extensions import db
from awards.programs import services as programs
from awards.programs.models import Program
from awards.results import services as results
from awards.uploads import upload_folder
from tests.certificates import print_shop


def issue(ceremony):
    issued = issuing.issue_laureate_certificates(
        program=ceremony["program"], actor=ceremony["organizer"]
    )
    db.session.commit()
    return issued


def test_issuing_records_one_certificate_with_the_stored_files_sha256(ceremony):
    (certificate,) = issue(ceremony)
    stored = (upload_folder() / certificate.stored_file).read_bytes()
    assert len(certificate.pdf_sha256) == 64
    assert certificate.pdf_sha256 == hashlib.sha256(stored).hexdigest()
    assert certificate.serial == "TA-2025-0001"
    assert certificate.snapshot.content["laureates"][0]["nomination_id"] == (
        certificate.nomination_id
    )
    assert certificate.issued_by_id == ceremony["organizer"].id
    assert certificate.state == "valid" and certificate.verification_count == 0


def test_the_pdf_prints_the_frozen_name_and_a_qr_code_of_the_verify_url(ceremony):
    (certificate,) = issue(ceremony)
    pdf = (upload_folder() / certificate.stored_file).read_bytes()
    assert "Kazzinc Nominee" in print_shop.flat(print_shop.text(pdf))
    url = f"https://awards.example.kz/verify/{certificate.token}"
    assert certificate.values["verify_url"] == url
    assert print_shop.decoded_qr_codes(pdf, 1) == [url]


def test_the_token_is_random_and_not_the_id(ceremony):
    (certificate,) = issue(ceremony)
    assert len(certificate.token) == 20 and str(certificate.id) != certificate.token
    assert set(certificate.token) <= set(issuing.TOKEN_ALPHABET)


def test_new_tokens_never_hold_a_hyphen_or_an_underscore():
    tokens = {issuing.new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert not any(set(token) & set("-_01lo") for token in tokens)


def test_a_token_issued_before_with_a_hyphen_still_verifies(ceremony):
    (certificate,) = issue(ceremony)
    certificate.token = "C-CagtI1x_9sQ2kLmN3pQrS4tUvW5xYz"  # token_urlsafe(24), as issued before
    db.session.commit()
    assert registry.verify("C-CagtI1x_9sQ2kLmN3pQrS4tUvW5xYz") is certificate


def test_issuing_twice_does_not_duplicate(ceremony):
    issue(ceremony)
    assert issue(ceremony) == []
    assert db.session.query(IssuedCertificate).count() == 1


def test_a_program_without_ceremony_details_is_refused(ceremony):
    ceremony["program"].ceremony_at = None
    with pytest.raises(DomainError):
        issuing.issue_laureate_certificates(program=ceremony["program"], actor=None)


def test_revoking_needs_a_reason(ceremony):
    (certificate,) = issue(ceremony)
    with pytest.raises(DomainError) as error:
        issuing.revoke_certificate(certificate=certificate, actor=ceremony["organizer"], reason=" ")
    assert error.value.field == "reason"
    issuing.revoke_certificate(certificate=certificate, actor=ceremony["organizer"], reason="typo")
    assert certificate.state == "revoked" and certificate.revoked_reason == "typo"


def test_reissue_gives_a_new_serial_and_token_and_supersedes_the_old(ceremony):
    (old,) = issue(ceremony)
    new = issuing.reissue_certificate(certificate=old, actor=ceremony["organizer"])
    assert new.serial == "TA-2025-0002" and new.token != old.token
    assert old.state == "superseded" and old.superseded_by_id == new.id
    assert new.values["recipient"] == old.values["recipient"]
    with pytest.raises(DomainError):
        issuing.reissue_certificate(certificate=old, actor=ceremony["organizer"])


def test_a_revoked_certificate_lets_the_laureate_be_issued_again(ceremony):
    (old,) = issue(ceremony)
    issuing.revoke_certificate(certificate=old, actor=ceremony["organizer"], reason="wrong name")
    (new,) = issue(ceremony)
    assert new.nomination_id == old.nomination_id and new.serial != old.serial


def test_verify_counts_checks_and_ignores_unknown_tokens(ceremony):
    (certificate,) = issue(ceremony)
    assert registry.verify(certificate.token) is certificate
    assert registry.verify(certificate.token) is certificate
    assert certificate.verification_count == 2 and certificate.last_verified_at is not None
    assert registry.verify("nope") is None
    assert registry.verify("x" * 500) is None


def test_serial_prefix_leaves_numbers_of_the_short_name_out():
    assert issuing.serial_prefix(Program(slug="working-professions-2025", year=2025)) == "WP-2025"


def refreeze(ceremony, chosen: str, reason: str = ""):
    """Unfreeze the category and confirm ``chosen`` as its laureate again."""
    category = ceremony["program"].categories[0]
    organizer = ceremony["organizer"]
    results.unfreeze_results(category=category, actor=organizer, reason="late scorecard")
    if chosen:
        results.confirm_laureates(
            category=category, actor=organizer, chosen=[ceremony["entries"][chosen].id],
            reason=reason,
        )  # fmt: skip
    db.session.commit()


def notes(ceremony):
    program = ceremony["program"]
    return registry.registry_notes(program, registry.program_certificates(program))


def test_a_certificate_of_unfrozen_results_is_flagged_and_reissued_from_the_new_snapshot(ceremony):
    (old,) = issue(ceremony)
    assert notes(ceremony) == {}
    refreeze(ceremony, "")
    assert notes(ceremony) == {old.id: "results_unconfirmed"}
    with pytest.raises(DomainError):
        issuing.reissue_certificate(certificate=old, actor=ceremony["organizer"])
    results.confirm_laureates(
        category=ceremony["program"].categories[0], actor=ceremony["organizer"],
        chosen=[ceremony["entries"]["Kazzinc Nominee"].id],
    )  # fmt: skip
    db.session.commit()
    assert notes(ceremony) == {old.id: "results_changed"}
    assert issue(ceremony) == []  # the laureate still holds a valid certificate
    new = issuing.reissue_certificate(certificate=old, actor=ceremony["organizer"])
    assert new.snapshot.version == 2 and old.state == "superseded"
    assert notes(ceremony) == {}


def test_a_certificate_of_a_laureate_no_longer_chosen_must_be_revoked(ceremony):
    (old,) = issue(ceremony)
    refreeze(ceremony, "Ulba Nominee", reason="Kazzinc withdrew")
    assert notes(ceremony) == {old.id: "no_longer_recipient"}
    with pytest.raises(DomainError):
        issuing.reissue_certificate(certificate=old, actor=ceremony["organizer"])
    (ulba,) = issue(ceremony)
    assert ulba.recipient["ru"] == "Ulba Nominee" and ulba.snapshot.version == 2


def test_an_edited_name_is_flagged_and_printed_on_reissue(ceremony):
    (old,) = issue(ceremony)
    save_printed_name(
        program=ceremony["program"], actor=None, names={"kk": "Қазмырыш", "ru": "Казцинк"},
        nomination_id=old.nomination_id,
    )  # fmt: skip
    assert notes(ceremony) == {old.id: "name_changed"}
    new = issuing.reissue_certificate(certificate=old, actor=ceremony["organizer"])
    assert new.recipient == {"kk": "Қазмырыш", "ru": "Казцинк"}
    assert "Казцинк" in print_shop.flat(
        print_shop.text((upload_folder() / new.stored_file).read_bytes())
    )


def test_the_registry_is_in_stage_order_laureates_participants_then_the_jury(ceremony):
    program = ceremony["program"]
    for kind in ("judge_thanks", "participant", "laureate"):
        issuing.issue_certificates(program=program, actor=None, kind=kind, theme="classic")
    kinds = [c.kind for c in registry.program_certificates(program)]
    assert kinds == ["laureate", "participant", "participant", *["judge_thanks"] * 3]
    assert [c.kind for c in registry.program_certificates(program, "participant")] == [
        "participant", "participant",
    ]  # fmt: skip


def test_issuing_survives_a_fast_path_whose_weasyprint_changed(ceremony, monkeypatch, caplog):
    # A WeasyPrint that lays its page tree out otherwise: the fast path fails on an IndexError
    # and the certificate comes from the plain path, as it would have printed.
    generate_pdf = weasyprint.pdf.generate_pdf

    def pages_elsewhere(*args, **options):
        pdf = generate_pdf(*args, **options)
        pdf.pages["Kids"] = pdf.pages["Kids"][:3]
        return pdf

    monkeypatch.setattr(weasyprint.pdf, "generate_pdf", pages_elsewhere)

    (certificate,) = issue(ceremony)

    pdf = (upload_folder() / certificate.stored_file).read_bytes()
    assert "Kazzinc Nominee" in print_shop.flat(print_shop.text(pdf))
    assert print_shop.decoded_qr_codes(pdf, 1) == [certificate.values["verify_url"]]
    assert certificate.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert any("the fast path failed: IndexError" in r.getMessage() for r in caplog.records)


def test_a_laureates_degree_is_in_the_values_and_printed(ceremony):
    category, organizer = ceremony["program"].categories[0], ceremony["organizer"]
    results.unfreeze_results(category=category, actor=organizer, reason="Степени")
    programs.update_category(
        category=category, actor=organizer, degree_rule="rank", degree_limits=[1, 0, 0]
    )
    results.confirm_laureates(
        category=category, actor=organizer, chosen=[ceremony["entries"]["Kazzinc Nominee"].id]
    )
    db.session.commit()
    (certificate,) = issue(ceremony)
    assert certificate.values["degree"] == 1
    text = print_shop.flat(
        print_shop.text((upload_folder() / certificate.stored_file).read_bytes())
    )
    assert "I дәрежелі диплом" in text and "Диплом I степени" in text


def test_a_laureate_without_a_degree_has_no_degree_key(ceremony):
    (certificate,) = issue(ceremony)
    assert "degree" not in certificate.values
