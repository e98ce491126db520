import io

import pytest
from openpyxl import load_workbook

EXPORT = "/programs/test-awards/results/export"


def test_organizer_downloads_the_workbook(scored, client, auth):
    auth.login("organizer@x.kz")
    response = client.get(f"{EXPORT}.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=test-awards-results.xlsx"
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Ranking", "Criterion means", "Scorecards"]
    assert workbook["Ranking"]["E2"].value == "Kazzinc Nominee"


@pytest.mark.parametrize("table", ["ranking", "criteria", "scorecards"])
def test_organizer_downloads_each_table_as_csv(scored, client, auth, table):
    auth.login("organizer@x.kz")
    response = client.get(f"{EXPORT}/{table}.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=test-awards-{table}.csv"
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.data.startswith(b"\xef\xbb\xbf")


def test_another_method_is_named_in_the_file(scored, client, auth):
    auth.login("organizer@x.kz")
    response = client.get(f"{EXPORT}/ranking.csv?method=normalized")
    assert response.headers["Content-Disposition"].endswith("test-awards-ranking-normalized.csv")
    unknown = client.get(f"{EXPORT}/ranking.csv?method=best-guess")
    assert unknown.headers["Content-Disposition"].endswith("test-awards-ranking.csv")


def test_unknown_table_is_not_found(scored, client, auth):
    auth.login("organizer@x.kz")
    assert client.get(f"{EXPORT}/passwords.csv").status_code == 404


@pytest.mark.parametrize("email", ["judge@x.kz", "judge2@x.kz", "committee@x.kz"])
def test_judges_and_committees_are_refused(scored, client, auth, email):
    auth.login(email)
    assert client.get(f"{EXPORT}.xlsx").status_code == 403
    assert client.get(f"{EXPORT}/scorecards.csv").status_code == 403
