from awards.accounts.identity import bin_check_digit
from awards.accounts.models import Organization
from awards.accounts.services import find_user_by_email
from awards.extensions import db
from awards.programs.models import Category, Program
from awards.programs.services import update_program
from tests import factories

DEMO = "/programs/test-awards"


def valid_bin(first_eleven: str) -> str:
    return first_eleven + str(bin_check_digit(first_eleven))


def category_form(**overrides):
    data = {
        "slug": "best-partner", "title_kk": "Үздік әлеуметтік серіктес",
        "title_ru": "Лучший социальный партнёр", "title_en": "", "description_kk": "",
        "description_ru": "", "description_en": "", "nominee_kind": "organization",
        "max_laureates": "0", "eligibility_notes_kk": "", "eligibility_notes_ru": "",
        "eligibility_notes_en": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_organizer_creates_category_and_sees_it(client, auth, program):
    auth.login("organizer@x.kz")
    response = client.post(f"{DEMO}/categories/new", data=category_form())
    assert response.status_code == 302
    page = client.get(DEMO).get_data(as_text=True)
    # The organizer reads English; the category has no English title, so Russian stands in.
    assert "Лучший социальный партнёр" in page


def test_category_form_missing_kazakh_keeps_what_was_typed(client, auth, program):
    auth.login("organizer@x.kz")
    page = client.post(
        f"{DEMO}/categories/new", data=category_form(title_kk="", description_ru="Описание <b>")
    ).get_data(as_text=True)
    assert "Лучший социальный партнёр" in page
    assert "Описание &lt;b&gt;" in page
    assert 'id="title_kk-error"' in page
    assert db.session.query(Category).count() == 1


def test_category_duplicate_slug_shows_error_beside_slug(client, auth, program):
    auth.login("organizer@x.kz")
    page = client.post(f"{DEMO}/categories/new", data=category_form(slug="best-patron"))
    assert 'id="slug-error"' in page.get_data(as_text=True)


def test_criterion_non_numeric_weight_is_refused(client, auth, program):
    auth.login("organizer@x.kz")
    category = program.categories[0]
    page = client.post(
        f"{DEMO}/categories/{category.id}/criteria/new",
        data={
            "name_kk": "Сапа",
            "name_ru": "Качество",
            "weight": "abc",
            "max_points": "10",
            "step": "1",
        },
    ).get_data(as_text=True)
    assert 'id="weight-error"' in page
    assert 'value="Качество"' in page
    assert len(category.criteria) == 1


def test_committee_and_judge_cannot_edit(client, auth, program):
    for email in ("committee@x.kz", "judge@x.kz"):
        auth.login(email)
        assert client.get(DEMO).status_code == 200
        assert client.get(f"{DEMO}/edit").status_code == 403
        assert client.post(f"{DEMO}/categories/new", data=category_form()).status_code == 403
        auth.logout()
    assert db.session.query(Category).count() == 1


def test_outsider_gets_404_not_403(client, auth, program):
    factories.user("outsider@x.kz")
    db.session.commit()
    auth.login("outsider@x.kz")
    assert client.get(DEMO).status_code == 404
    assert client.get(f"{DEMO}/edit").status_code == 404


def test_category_of_another_program_is_not_found(client, auth, program):
    auth.login("organizer@x.kz")
    response = client.get(f"{DEMO}/categories/999")
    assert response.status_code == 404


def test_program_edit_stores_times_in_utc(client, auth, program):
    auth.login("organizer@x.kz")
    data = {
        "slug": "test-awards", "title_kk": "Сынақ", "title_ru": "Тест", "year": "2025",
        "timezone": "Asia/Almaty", "judges_per_nomination": "3", "scoring_method": "mean",
        "nominations_open_at": "2025-10-01T09:00",
        "nominations_close_at": "2025-11-20T18:00",
    }  # fmt: skip
    assert client.post(f"{DEMO}/edit", data=data).status_code == 302
    program = db.session.get(Program, program.id)
    assert program.nominations_open_at.isoformat() == "2025-10-01T04:00:00"
    page = client.get(f"{DEMO}/edit").get_data(as_text=True)
    assert 'value="2025-10-01T09:00"' in page


def test_program_edit_window_error_shown_beside_field(client, auth, program):
    auth.login("organizer@x.kz")
    data = {
        "slug": "test-awards", "title_kk": "Сынақ", "title_ru": "Тест", "year": "2025",
        "timezone": "Asia/Almaty", "judges_per_nomination": "3", "scoring_method": "mean",
        "judging_open_at": "2025-12-10T09:00",
        "judging_close_at": "2025-12-01T18:00",
    }  # fmt: skip
    page = client.post(f"{DEMO}/edit", data=data).get_data(as_text=True)
    assert 'id="judging_close_at-error"' in page
    assert 'value="2025-12-10T09:00"' in page


def test_invite_then_accept_then_see_program(client, auth, program, outbox):
    auth.login("organizer@x.kz")
    client.post(
        f"{DEMO}/people",
        data={
            "email": "new.judge@x.kz",
            "role": "judge",
            "organization_kk": "Шығыс Қазақстан техникалық университеті",
            "organization_ru": "ВКТУ",
            "organization_en": "East Kazakhstan Technical University",
            "bin": "",
            "locale": "ru",
        },
    )
    auth.logout()
    (message,) = outbox()
    path = message.get_content().split("https://awards.example.kz", 1)[1].split()[0]
    response = client.post(
        path,
        data={
            "name": "Новый Судья",
            "locale": "ru",
            "password": "judge password 1",
            "confirm": "judge password 1",
        },
    )
    assert response.status_code == 302
    assert client.get(DEMO).status_code == 200
    assert '<html lang="ru">' in client.get(DEMO).get_data(as_text=True)


def _invite(client, email, **names):
    data = {"email": email, "role": "judge", "bin": "", "locale": "ru"}
    data.update({f"organization_{code}": text for code, text in names.items()})
    return client.post(f"{DEMO}/people", data=data)


def test_invitation_names_a_new_organization_in_each_language(client, auth, program):
    auth.login("organizer@x.kz")
    response = _invite(
        client, "kazzinc.judge@x.kz", kk="«Қазмырыш» ЖШС", ru="ТОО «Казцинк»", en="Kazzinc LLP"
    )
    assert response.status_code == 302
    organization = find_user_by_email("kazzinc.judge@x.kz").organization
    assert organization.name == {"kk": "«Қазмырыш» ЖШС", "ru": "ТОО «Казцинк»", "en": "Kazzinc LLP"}


def test_invitation_reuses_an_organization_known_by_that_name(client, auth, program):
    chamber = find_user_by_email("committee@x.kz").organization
    auth.login("organizer@x.kz")
    _invite(client, "colleague@x.kz", en="Chamber LLP")
    assert find_user_by_email("colleague@x.kz").organization_id == chamber.id


def test_copy_program_page(client, auth, program):
    auth.login("organizer@x.kz")
    response = client.post(
        f"{DEMO}/copy",
        data={"slug": "test-awards-2026", "title_kk": "Жаңа", "title_ru": "Новый", "year": "2026"},
    )
    assert response.location == "/programs/test-awards-2026"
    assert "Best Patron" in client.get("/programs/test-awards-2026").get_data(as_text=True)


def test_criterion_weight_accepts_decimal_comma(client, auth, program):
    auth.login("organizer@x.kz")
    category = program.categories[0]
    client.post(
        f"{DEMO}/categories/{category.id}/criteria/new",
        data={"name_kk": "Сапа", "name_ru": "Качество", "weight": "1,5", "max_points": "10",
              "step": "0,5"},
    )  # fmt: skip
    assert [(c.weight, c.step) for c in category.criteria][-1] == (1.5, 0.5)


def _criterion_form(**overrides):
    data = {
        "name_kk": "Сапа",
        "name_ru": "Качество",
        "weight": "1",
        "max_points": "10",
        "step": "1",
    }
    return {**data, **overrides}


def test_criterion_numbers_are_shown_back_and_refused_in_the_readers_language(
    client, auth, program
):
    auth.login("organizer@x.kz")
    client.post("/language", data={"locale": "kk", "next": "/"})
    category = program.categories[0]
    url = f"{DEMO}/categories/{category.id}/criteria/new"
    page = client.post(url, data=_criterion_form(weight="0,001")).get_data(as_text=True)
    assert "Сан 0,01 және 1000 аралығында болуы керек." in page
    assert 'value="0,001"' in page  # what was typed, kept
    client.post("/language", data={"locale": "ru", "next": "/"})
    client.post(url, data=_criterion_form(weight="1,5", step="0,5"))
    criterion = category.criteria[-1]
    edit = client.get(f"{DEMO}/categories/{category.id}/criteria/{criterion.id}/edit")
    page = edit.get_data(as_text=True)
    assert 'value="1,5"' in page and 'value="0,5"' in page
    assert 'inputmode="decimal"' in page and 'type="number" id="weight"' not in page


def test_multilingual_fields_left_empty_are_refused_in_the_readers_language(client, auth, program):
    auth.login("organizer@x.kz")
    category = program.categories[0]
    url = f"{DEMO}/categories/{category.id}/criteria/new"
    for language, required in [("kk", "Бұл өрісті толтырыңыз."), ("ru", "Заполните это поле.")]:
        client.post("/language", data={"locale": language, "next": "/"})
        page = client.post(url, data=_criterion_form(name_kk="", name_ru="")).get_data(as_text=True)
        assert page.count(required) == 2  # beside the Kazakh and the Russian name
        assert "This field is required." not in page


def test_invitation_email_quotes_a_title_only_once(client, auth, program, outbox):
    update_program(
        program=program, actor=find_user_by_email("organizer@x.kz"),
        title={"kk": "«Жұмысшы мамандықтары жылы»", "ru": "«Год рабочих профессий»"},
    )  # fmt: skip
    db.session.commit()
    auth.login("organizer@x.kz")
    _invite(client, "quoted.judge@x.kz")
    (message,) = outbox()
    text = message.get_content()
    assert "войти в состав жюри конкурса «Год рабочих профессий»." in text
    assert "««" not in text and "»»" not in text


def test_new_program_shows_a_taken_short_name_with_the_forms_own_errors(client, auth, program):
    auth.login("organizer@x.kz")
    page = client.post(
        "/programs/new",
        data={"slug": "test-awards", "title_kk": "", "title_ru": "Конкурс", "year": "2026",
              "timezone": "Asia/Almaty", "judges_per_nomination": "3", "scoring_method": "mean",
              "nominations_open_at": "2026-05-01T09:00",
              "nominations_close_at": "2026-04-01T09:00"},
    ).get_data(as_text=True)  # fmt: skip
    # The form's error (no Kazakh title) and the services' (the short name is taken, the
    # window closes before it opens) in one round, each beside its field.
    assert 'id="title_kk-error"' in page
    assert 'id="slug-error"' in page and "already taken" in page
    assert 'id="nominations_close_at-error"' in page
    assert db.session.query(Program).count() == 1


def test_criterion_form_shows_a_bad_weight_and_a_step_above_the_maximum_at_once(
    client, auth, program
):
    auth.login("organizer@x.kz")
    category = program.categories[0]
    page = client.post(
        f"{DEMO}/categories/{category.id}/criteria/new",
        data={"name_kk": "", "name_ru": "Качество", "weight": "abc", "max_points": "5",
              "step": "6"},
    ).get_data(as_text=True)  # fmt: skip
    assert 'id="weight-error"' in page and 'id="step-error"' in page
    assert 'id="name_kk-error"' in page
    assert len(category.criteria) == 1


def test_category_form_shows_a_taken_slug_with_the_forms_own_errors(client, auth, program):
    auth.login("organizer@x.kz")
    page = client.post(
        f"{DEMO}/categories/new", data=category_form(slug="best-patron", max_laureates="x")
    ).get_data(as_text=True)
    assert 'id="slug-error"' in page and 'id="max_laureates-error"' in page
    # The form's own message for the number; the services' is not added to it.
    assert "Enter 0 for no limit" not in page


def _invite_with_bin(client, email, bin, **names):
    data = {"email": email, "role": "judge", "bin": bin, "locale": "ru"}
    data.update({f"organization_{code}": text for code, text in names.items()})
    return client.post(f"{DEMO}/people", data=data)


def test_invitation_refuses_a_bin_with_a_wrong_check_digit_with_the_other_errors(
    client, auth, program
):
    auth.login("organizer@x.kz")
    good = valid_bin("99014000021")
    wrong = good[:11] + str((int(good[11]) + 1) % 10)
    page = _invite_with_bin(client, "not an email", wrong, ru="ТОО «Альфа»").get_data(as_text=True)
    assert 'id="bin-error"' in page and "check digit" in page
    assert 'id="email-error"' in page
    assert db.session.query(Organization).filter(Organization.bin == wrong).count() == 0


def test_invitation_keeps_a_bin_given_for_an_organization_known_by_name(client, auth, program):
    chamber = find_user_by_email("committee@x.kz").organization
    assert chamber.bin is None
    auth.login("organizer@x.kz")
    bin = valid_bin("05114000456")
    response = _invite_with_bin(client, "colleague@x.kz", bin, ru="Chamber")
    assert response.status_code == 302
    assert find_user_by_email("colleague@x.kz").organization_id == chamber.id
    assert db.session.get(Organization, chamber.id).bin == bin


def test_invitation_creates_the_organization_with_its_bin_and_names(client, auth, program):
    auth.login("organizer@x.kz")
    bin = valid_bin("95040000789")
    _invite_with_bin(
        client, "ulba@x.kz", f"{bin[:4]} {bin[4:8]} {bin[8:]}",
        kk="«Үлбі металлургиялық зауыты» АҚ", ru="АО «Ульбинский металлургический завод»",
    )  # fmt: skip
    organization = find_user_by_email("ulba@x.kz").organization
    assert organization.bin == bin
    assert organization.name["kk"] == "«Үлбі металлургиялық зауыты» АҚ"


def test_invitation_with_only_an_unknown_bin_asks_for_the_name(client, auth, program):
    auth.login("organizer@x.kz")
    page = _invite_with_bin(client, "lone@x.kz", valid_bin("95040000789")).get_data(as_text=True)
    assert 'id="organization_kk-error"' in page and "enter its name" in page
    assert find_user_by_email("lone@x.kz") is None


def test_invitation_with_only_a_known_bin_joins_that_organization(client, auth, program):
    chamber = find_user_by_email("committee@x.kz").organization
    chamber.bin = valid_bin("10104001234")
    db.session.commit()
    auth.login("organizer@x.kz")
    assert _invite_with_bin(client, "second@x.kz", chamber.bin).status_code == 302
    assert find_user_by_email("second@x.kz").organization_id == chamber.id


def test_invitation_refuses_a_bin_other_than_the_named_organizations(client, auth, program):
    chamber = find_user_by_email("committee@x.kz").organization
    chamber.bin = valid_bin("10104001234")
    db.session.commit()
    auth.login("organizer@x.kz")
    page = _invite_with_bin(client, "third@x.kz", valid_bin("95040000789"), ru="Chamber")
    text = page.get_data(as_text=True)
    assert 'id="bin-error"' in text and "has another BIN" in text
    assert find_user_by_email("third@x.kz") is None


def test_invitation_of_an_existing_account_says_why_its_organization_stays(
    client, auth, program, outbox
):
    auth.login("organizer@x.kz")
    page = _invite_with_bin(client, "judge@x.kz", "", ru="Chamber").get_data(as_text=True)
    assert 'id="organization_kk-error"' in page and "University" in page
    assert find_user_by_email("judge@x.kz").organization.name["ru"] == "University"
    assert outbox() == []
    # Its own organization, or none typed: the invitation goes through.
    assert _invite_with_bin(client, "judge@x.kz", "", en="University").status_code == 302


def test_invitation_refuses_a_bin_of_another_organization_than_the_named_one(client, auth, program):
    university = find_user_by_email("judge@x.kz").organization
    university.bin = valid_bin("10104001234")
    db.session.commit()
    auth.login("organizer@x.kz")
    text = _invite_with_bin(client, "fourth@x.kz", university.bin, ru="Chamber").get_data(
        as_text=True
    )
    assert 'id="bin-error"' in text and "University" in text
    assert find_user_by_email("fourth@x.kz") is None
