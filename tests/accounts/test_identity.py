"""BIN check digits, name skeletons and near misses, without an app."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awards.accounts.identity import (
    bin_check_digit,
    bin_is_valid,
    edit_distance,
    identity_keys,
    name_skeleton,
    near_miss_distance,
    near_misses,
    person_skeleton,
)

KAZZINC = name_skeleton("ТОО «Казцинк»")


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
        # The variants a committee really typed (issue 11).
        "Казцинк, ТОО",
        "ТОО «Казцинк».",
        "ТОО «Kазцинк»",  # a Latin K
        "ТОО „Казцинк“",
        "ТОО«Казцинк»",
        "Товарищество с ограниченной ответственностью «Казцинк»",
        "«Казцинк» товарищество с ограниченной ответственностью",
        "ТОВАРИЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ КАЗЦИНК",
        "Каз-цинк ТОО",
        "Каз цинк",
        "Ка\u00adзцинк",  # soft hyphen
        "\ufeffКазцинк",  # BOM
        "Каз\u200dцинк\u200e",  # zero-width joiner, left-to-right mark
        "ТОО «Казцинк»™",
        "TOO «Казцинк»",  # TOO typed in Latin letters
        "ТОО «Kaзцинк» LLP",  # Latin K and a (look-alikes), two legal forms
        "ЖШС «Казцинк»",
        "АО «Казцинк»",
    ],
)
def test_skeleton_ignores_how_kazzinc_was_typed(name):
    assert name_skeleton(name) == KAZZINC == "kaзциhk"


@pytest.mark.parametrize(
    "name",
    [
        "Kazzinc LLP",
        "Kaz\u200bzinc LLP",  # zero-width space
        "Ｋａｚｚｉｎｃ",  # full width
        "KAZZINC",
        "Kazzinc Limited Liability Partnership",
        "LLP «Kazzinc»",
        "Kazzinc, LLP.",
        "Kazzinc Ltd",
        "Каzzinс LLP",  # Cyrillic а and с among the Latin letters
        "Kazzinc ЖШС",
        "JSC Kazzinc",
        "Kazzinc Joint-Stock Company",
    ],
)
def test_skeleton_of_the_english_name(name):
    assert name_skeleton(name) == "kazzinc"


@pytest.mark.parametrize(
    "name",
    [
        "«Қазмырыш» ЖШС",
        "Жауапкершілігі шектеулі серіктестігі «Қазмырыш»",
        "«Қазмырыш» жауапкершілігі шектеулі серіктестік",
        "«Казмырыш» ЖШС",  # typed without a Kazakh keyboard
        "ЖШС «ҚАЗМЫРЫШ»",
    ],
)
def test_skeleton_of_the_kazakh_name(name):
    assert name_skeleton(name) == name_skeleton("Қазмырыш")


@pytest.mark.parametrize(
    ("name", "same_as"),
    [
        ("АО «Ульба»", "Ульба"),
        ("Ульба АО", "Ульба"),
        ("Акционерное общество «Ульба»", "Ульба"),
        ("Акционерлік қоғамы «Үлбі»", "Үлбі"),
        ("КГУ «Школа № 5»", "Школа 5"),
        ("Коммунальное государственное учреждение «Школа №5»", "Школа 5"),
        ("ГККП «Колледж»", "Колледж"),
        ("КГКП «Высший колледж»", "Высший колледж"),
        ("Государственное коммунальное казённое предприятие «Колледж»", "Колледж"),
        ("Мемлекеттік коммуналдық қазыналық кәсіпорны «Колледж»", "Колледж"),
        ("РГП на ПХВ «Ульба»", "Ульба"),
        ("Республиканское государственное предприятие на праве хозяйственного ведения «Ульба»",
         "Ульба"),
        ("ИП Аоев", "Аоев"),
        ("Жеке кәсіпкер Аоев", "Аоев"),
        ("Индивидуальный предприниматель Аоев", "Аоев"),
        ("НАО «ВКТУ»", "ВКТУ"),
        ("Qurt & Wine", "Qurt Wine"),
        ("Объединённая энергосервисная компания", "Объединенная энергосервисная компания"),
        ("VetLab Inc.", "VetLab"),
        ("VK Development Group LLC", "VK Development Group"),
    ],
)  # fmt: skip
def test_skeleton_removes_legal_forms_in_any_position_and_language(name, same_as):
    assert name_skeleton(name) == name_skeleton(same_as) != ""


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [("АВЕКМНОРСТХ", "ABEKMHOPCTX"), ("авекмнорстух", "abekmhopctyx"), ("іјѕһү", "ijshy")],
)
def test_look_alikes_fold_both_ways(cyrillic, latin):
    assert name_skeleton(cyrillic) == name_skeleton(latin) == name_skeleton(latin.upper())


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ТОО «Казцинк»", "ТОО «Казмырыш»"),
        ("Ульбинский металлургический завод", "Усть-Каменогорский конденсаторный завод"),
        ("КГУ «Школа № 5»", "КГУ «Школа № 6»"),
        ("Согринская ТЭЦ", "Усть-Каменогорская ТЭЦ"),
        ("ТОО «АО»", "АО «ТОО»"),
        ("«Ақ Ниет» ЖШС", "«Ниет» ЖШС"),  # ақ is "white" here, not a legal form
        ("Кафе «Поляна»", "«Поляна»"),
        ("Жиһаз", "Жихаз"),
    ],
)
def test_different_companies_stay_different(one, other):
    assert name_skeleton(one) != name_skeleton(other)


def test_capitals_make_ak_a_legal_form():
    assert name_skeleton("АҚ «Ниет»") == name_skeleton("Ниет")


@pytest.mark.parametrize(
    "name", ["", None, "ТОО", "  «» ", "LLP.", "\u200b\u00ad", "ТОО АО", "№ — …"]
)
def test_skeleton_of_nothing_but_legal_forms_and_marks_is_empty(name):
    assert name_skeleton(name) == ""
    assert identity_keys(bin=None, names=[name]) == set()


def test_quoted_legal_form_is_the_name():
    assert name_skeleton("ТОО «АО»") == "ao"
    assert name_skeleton("ТОО «АО»") == name_skeleton("«АО» ТОО")


def test_legal_form_inside_a_word_is_kept():
    assert name_skeleton("ТООЛС") == "tooлc" == name_skeleton("Тоолс")
    assert name_skeleton("Akжол") != name_skeleton("жол")


def test_person_names_keep_every_word():
    assert person_skeleton("Ип Ман") == "ипmah" != name_skeleton("Ип Ман")
    assert person_skeleton("Иванов  Иван") == person_skeleton("ИВАНОВ Иван")


def test_identity_keys_combine_bin_and_names():
    assert identity_keys(bin="123456789013", names=["ТОО «Казцинк»", "", None, "Kazzinc"]) == {
        "bin:123456789013",
        "name:kaзциhk",
        "name:kazzinc",
    }


def test_identity_keys_ignore_a_bin_that_is_not_twelve_digits():
    assert identity_keys(bin="12345", names=[]) == set()


@pytest.mark.parametrize(
    ("left", "right", "distance"),
    [
        ("kazzinc", "kazzinc", 0),
        ("kazzinc", "kazinc", 1),
        ("kazzinc", "kazzicn", 1),  # two neighbours swapped
        ("kazzinc", "kazzinx", 1),
        ("kazzinc", "kzazicn", 2),
        ("", "abc", 3),
        ("ca", "abc", 3),  # optimal string alignment: no edit of a swapped pair
    ],
)
def test_edit_distance(left, right, distance):
    assert edit_distance(left, right) == distance == edit_distance(right, left)


def test_near_miss_distance_grows_with_length():
    assert [near_miss_distance(n) for n in (1, 5, 6, 11, 12, 40)] == [0, 0, 1, 1, 2, 2]


def test_near_misses_by_length():
    judges = ["kazzinc", "yлbбинckийmetaллyprичeckийзabod", "abcde"]
    entries = ["kazinc", "kazzinc", "kzazicn", "yлbбинckийmetaллyprичeckийзabo", "abcdf", "ulba"]
    assert near_misses(judges, entries) == {
        ("kazzinc", "kazinc"),
        ("yлbбинckийmetaллyprичeckийзabod", "yлbбинckийmetaллyprичeckийзabo"),
    }


def test_near_misses_two_edits_from_twelve_letters():
    assert near_misses(["promtexmontaj"], ["promtehmontaz"]) == {("promtexmontaj", "promtehmontaz")}
    assert near_misses(["promtexmont"], ["promtehmonz"]) == set()


def _near_misses_by_brute_force(left, right):
    """Every pair measured: what near_misses must find without measuring every pair."""
    return {
        (a, b)
        for a in set(left)
        for b in set(right)
        if 0 < edit_distance(a, b) <= near_miss_distance(min(len(a), len(b)))
    }


@settings(max_examples=300, deadline=None)
@given(
    left=st.lists(st.text(alphabet="abcк", min_size=4, max_size=15), max_size=6),
    right=st.lists(st.text(alphabet="abcк", min_size=4, max_size=15), max_size=6),
)
def test_near_misses_finds_what_measuring_every_pair_finds(left, right):
    assert near_misses(left, right) == _near_misses_by_brute_force(left, right)


def test_near_misses_finds_swaps_and_edits_at_either_end():
    base = "promtexmontaj"
    variants = ["rpomtexmontaj", "promtexmontja", "xpromtexmontaj", "promtexmontajx",
                "romtexmontaj", "promtexmonta", "prmotexmontja", "zromtexmontaz"]  # fmt: skip
    assert near_misses([base], variants) == {(base, variant) for variant in variants}
