"""BIN check digits and name normalization, without an app."""

import pytest

from awards.nominations.identity import (
    bin_check_digit,
    bin_is_valid,
    find_duplicates,
    identity_keys,
    normalize_name,
)


def with_check_digit(first_eleven):
    return first_eleven + str(bin_check_digit(first_eleven))


def test_bin_check_digit_falls_back_to_second_weights():
    # First weights: 1*1 + 2*2 + ... + 9*9 + 10*0 + 11*1 = 296, and 296 % 11 = 10.
    # Second weights: 3*1 + 4*2 + ... + 11*9 + 1*0 + 2*1 = 377, and 377 % 11 = 3.
    assert bin_check_digit("12345678901") == 3
    assert bin_is_valid("123456789013")


def test_bin_check_digit_first_weights():
    # "00000000001": 11*1 = 11, and 11 % 11 = 0. "10000000000": 1*1 = 1.
    assert bin_check_digit("00000000001") == 0
    assert bin_check_digit("10000000000") == 1
    assert bin_is_valid("100000000001")


def test_bin_with_unresolvable_remainder_is_invalid():
    # Some eleven digits give remainder 10 with both sets of weights: no twelfth digit fits.
    candidates = [f"{n:011d}" for n in range(0, 200000, 7)]
    hopeless = next(c for c in candidates if bin_check_digit(c) is None)
    assert not any(bin_is_valid(hopeless + str(d)) for d in range(10))


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "12345678901",
        "1234567890123",
        "12345678901a",
        "１２３４５６７８９０１３",
        "123456789012",
    ],
)
def test_bin_is_valid_refuses_malformed(value):
    assert not bin_is_valid(value)


def test_every_valid_bin_differs_from_its_neighbours():
    valid = with_check_digit("97014000021")
    assert bin_is_valid(valid)
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    assert not bin_is_valid(wrong)


@pytest.mark.parametrize(
    "name",
    [
        "ТОО «Казцинк»",
        "«Казцинк» ТОО",
        'тоо "КАЗЦИНК"',
        "  ТОО   “Казцинк” ",
        "Казцинк",
    ],
)
def test_normalize_name_ignores_quotes_case_legal_form_and_spacing(name):
    assert normalize_name(name) == "казцинк"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kazzinc LLP", "kazzinc"),
        ("«Қазмырыш» ЖШС", "қазмырыш"),
        ("АО Ульба", "ульба"),
        ("JSC Ulba", "ulba"),
        ("КГУ «Школа № 5»", "школа № 5"),
        ("ИП Аоев", "аоев"),
    ],
)
def test_normalize_name_other_legal_forms(name, expected):
    assert normalize_name(name) == expected


def test_legal_form_inside_a_word_is_kept():
    assert normalize_name("ТООЛС") == "тоолс"


def test_identity_keys_combine_bin_and_names():
    assert identity_keys(bin="123456789013", names=["ТОО «Казцинк»", "", None]) == {
        "bin:123456789013",
        "name:казцинк",
    }


def test_find_duplicates_only_within_a_group():
    entries = [
        (1, 10, {"name:казцинк"}),
        (2, 10, {"name:казцинк", "bin:1"}),
        (3, 10, {"bin:1"}),
        (4, 11, {"name:казцинк"}),
        (5, 10, {"name:ульба"}),
    ]
    assert find_duplicates(entries) == {1: {2}, 2: {1, 3}, 3: {2}}
