"""Who an organization is: its BIN, and the skeleton of each name it goes by. Pure functions.

The skeleton of a name is what is left once everything a committee may type differently about
the same company is made irrelevant:
1. format characters (zero-width space and joiner, soft hyphen, BOM, bidi marks) and symbols
   (№, ™, &, ...) are dropped, then Unicode NFKC (full-width letters, ligatures) and casefold;
2. look-alike letters are folded into one (see LOOK_ALIKES and KAZAKH_WITHOUT_LAYOUT);
3. the words are the runs of letters, digits and marks: quotes, punctuation and spaces only
   separate them; legal forms in Kazakh, Russian and English (short and long, in any position,
   typed in either script) are removed;
4. the remaining words are joined without spaces, so `Kaz zinc` is `Kazzinc`.
A name made only of legal forms keeps what it had in quotes (ТОО «АО» is "ao"), else its
skeleton is empty, and an empty skeleton is never a key.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

BIN_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
BIN_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# Cyrillic letters folded into the Latin letter they are mistaken for. A pair is here when
# Unicode TR39 confusables.txt lists either its capital or its small letter as that Latin
# letter (К→K, т→T, ...): TR39 alone is case-sensitive (small к is listed as ĸ), and names
# arrive in any case. Digits are never folded (№ 5 and № 6 are different schools).
LOOK_ALIKES = str.maketrans(
    "авгекмнорстухьѕіјһүӏԁԛԝ",
    "abrekmhopctyxbsijhyldqw",
)
# Kazakh letters typed with the Russian letter they are based on, where a keyboard has no
# Kazakh layout («Өркен» ~ «Оркен»), and ё written as е; the result is folded as above.
KAZAKH_WITHOUT_LAYOUT = str.maketrans("әғқңөұё", "агкноуе")
OPENING_QUOTES = '«„“‹"'
CLOSING_QUOTES = '»“”›"'
_QUOTED_RE = re.compile(
    f"[{OPENING_QUOTES}]([^{OPENING_QUOTES}{CLOSING_QUOTES}]+)[{CLOSING_QUOTES}]"
)

# Short legal forms (DOMAIN.md and the forms in use in Kazakhstan).
LEGAL_ABBREVIATIONS = (
    "ТОО ЖШС LLP АО АҚ JSC ИП ЖК КГП ГКП РГП МКК КГУ КММ КГКП ГККП МКҚК РМК РМҚК ПК ОО ҚБ "
    "ГУ ММ НАО КеАҚ ООО ОАО ЗАО ПАО ОФ ҚҚ КХ ШҚ ФХ ЧУ ПХВ ШЖҚ Ltd LLC Inc Corp PLC"
)
# Legal forms that are also ordinary words (ақ is "white": «Ақ Ниет»): only in capitals.
CAPITALS_ONLY = frozenset({"АҚ"})
# Long legal forms; a word ending in * matches with up to three more letters (its endings).
LEGAL_LONG_FORMS = (
    "товарищест* с ограниченн* ответственност*",
    "обществ* с ограниченн* ответственност*",
    "акционерн* обществ*",
    "некоммерческ* акционерн* обществ*",
    "открыт* акционерн* обществ*",
    "закрыт* акционерн* обществ*",
    "публичн* акционерн* обществ*",
    "индивидуальн* предпринимател*",
    "государственн* учрежден*",
    "коммунальн* государственн* учрежден*",
    "коммунальн* государственн* предприят*",
    "коммунальн* государственн* казенн* предприят*",
    "государственн* коммунальн* предприят*",
    "государственн* коммунальн* казенн* предприят*",
    "республиканск* государственн* предприят*",
    "республиканск* государственн* казенн* предприят*",
    "на прав* хозяйственн* веден*",
    "на пхв",
    "производственн* кооператив*",
    "обществен* объединен*",
    "обществен* фонд*",
    "крестьянск* хозяйств*",
    "фермерск* хозяйств*",
    "частн* учрежден*",
    "жауапкершілігі шектеулі серіктест*",
    "акционерлік қоғам*",
    "коммерциялық емес акционерлік қоғам*",
    "жеке кәсіпкер*",
    "мемлекеттік коммуналдық кәсіпор*",
    "мемлекеттік коммуналдық қазыналық кәсіпор*",
    "коммуналдық мемлекеттік мекеме*",
    "коммуналдық мемлекеттік кәсіпор*",
    "коммуналдық мемлекеттік қазыналық кәсіпор*",
    "республикалық мемлекеттік кәсіпор*",
    "республикалық мемлекеттік қазыналық кәсіпор*",
    "мемлекеттік мекеме*",
    "шаруашылық жүргізу құқығындағы",
    "өндірістік кооператив*",
    "қоғамдық бірлест*",
    "қоғамдық қор*",
    "шаруа қожалығ*",
    "limited liability partnership",
    "limited liability company",
    "joint stock company",
    "non profit joint stock company",
    "sole proprietor*",
    "individual entrepreneur",
    "state municipal enterprise",
    "municipal state enterprise",
    "municipal state institution",
    "republican state enterprise",
    "public association",
    "production cooperative",
    "limited",
    "incorporated",
)
ENDING_LETTERS = 3


def bin_check_digit(first_eleven: str) -> int | None:
    """The twelfth digit of a BIN/IIN, or None when no digit can be valid."""
    digits = [int(ch) for ch in first_eleven]
    remainder = sum(d * w for d, w in zip(digits, BIN_WEIGHTS, strict=True)) % 11
    if remainder == 10:
        remainder = sum(d * w for d, w in zip(digits, BIN_SECOND_WEIGHTS, strict=True)) % 11
    return None if remainder == 10 else remainder


def bin_is_valid(value: str | None) -> bool:
    """Twelve ASCII digits whose last one is the official check digit."""
    if not value or len(value) != 12 or not (value.isascii() and value.isdigit()):
        return False
    return bin_check_digit(value[:11]) == int(value[11])


def fold(word: str) -> str:
    """A word casefolded, with look-alike letters made one."""
    return word.casefold().translate(KAZAKH_WITHOUT_LAYOUT).translate(LOOK_ALIKES)


def _clean(name: str) -> str:
    # Symbols go before NFKC too, which would spell some out (№ → No, ™ → TM).
    kept = "".join(ch for ch in name if not _is_dropped(ch))
    return "".join(ch for ch in unicodedata.normalize("NFKC", kept) if not _is_dropped(ch))


def _is_dropped(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category == "Cf" or category[0] == "S"


def _words(text: str) -> list[str]:
    """Runs of letters, digits and combining marks; everything else separates."""
    words, current = [], []
    for ch in text:
        if unicodedata.category(ch)[0] in "LNM":
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _pattern(spec: str) -> tuple[tuple[str, bool], ...]:
    return tuple((fold(word.rstrip("*")), word.endswith("*")) for word in spec.split())


ABBREVIATIONS = frozenset(fold(word) for word in LEGAL_ABBREVIATIONS.split())
CAPITALS_ONLY_FOLDED = frozenset(fold(word) for word in CAPITALS_ONLY)
# Long forms by the first two letters of their first word, longest first.
LONG_FORMS: dict[str, list] = defaultdict(list)
for _form in sorted((_pattern(spec) for spec in LEGAL_LONG_FORMS), key=len, reverse=True):
    LONG_FORMS[_form[0][0][:2]].append(_form)


def _word_matches(word: str, stem: str, has_ending: bool) -> bool:
    if not has_ending:
        return word == stem
    return word.startswith(stem) and len(word) - len(stem) <= ENDING_LETTERS


def _long_form_at(words: list[str], start: int) -> int:
    """How many words a long legal form spans from ``start`` (0 when none begins there)."""
    for pattern in LONG_FORMS.get(words[start][:2], ()):
        chunk = words[start : start + len(pattern)]
        if len(chunk) == len(pattern) and all(
            _word_matches(word, stem, ending)
            for word, (stem, ending) in zip(chunk, pattern, strict=True)
        ):
            return len(pattern)
    return 0


def _is_abbreviation(folded: str, original: str) -> bool:
    if folded in CAPITALS_ONLY_FOLDED:
        return original.isupper()
    return folded in ABBREVIATIONS


def _without_legal_forms(originals: list[str]) -> list[str]:
    words = [fold(word) for word in originals]
    kept, index = [], 0
    while index < len(words):
        span = _long_form_at(words, index)
        if span:
            index += span
            continue
        if not _is_abbreviation(words[index], originals[index]):
            kept.append(words[index])
        index += 1
    return kept


@lru_cache(maxsize=8192)
def name_skeleton(name: str | None) -> str:
    """The skeleton of an organization's name (see the module docstring); "" when none."""
    text = _clean(name or "")
    kept = _without_legal_forms(_words(text))
    if not kept:
        # Only legal forms: what the name put in quotes is its own name (ТОО «АО»).
        kept = [fold(word) for quoted in _QUOTED_RE.findall(text) for word in _words(quoted)]
    return "".join(kept)


@lru_cache(maxsize=8192)
def person_skeleton(name: str | None) -> str:
    """The skeleton of a person's name: as for organizations, but no word is a legal form."""
    return "".join(fold(word) for word in _words(_clean(name or "")))


def identity_keys(*, bin: str | None, names: Iterable[str | None]) -> set[str]:
    """Keys under which two records about the same organization meet: its BIN (when it has
    twelve digits) and the skeleton of each name (when not empty)."""
    keys = {f"name:{skeleton}" for skeleton in map(name_skeleton, names) if skeleton}
    if bin and len(bin) == 12 and bin.isascii() and bin.isdigit():
        keys.add(f"bin:{bin}")
    return keys


def organization_key(organization_id: int) -> str:
    """The key of an organization itself: an entry confirmed to be about it carries it."""
    return f"org:{organization_id}"


# Near misses: skeletons this close are shown to a person, never acted upon by themselves.
# Damerau-Levenshtein (optimal string alignment) distance, by the length of the shorter one:
# under 6 letters only equality counts, from 6 one edit, from 12 two edits.
NEAR_MISS_STEPS = ((12, 2), (6, 1))


def near_miss_distance(length: int) -> int:
    """The largest distance still a near miss for a shorter skeleton of ``length`` letters."""
    return next((edits for least, edits in NEAR_MISS_STEPS if length >= least), 0)


def edit_distance(left: str, right: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    two neighbouring letters each cost one."""
    previous2: list[int] = []
    previous = list(range(len(right) + 1))
    for i, a in enumerate(left, start=1):
        current = [i] + [0] * len(right)
        for j, b in enumerate(right, start=1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == right[j - 2] and left[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _within(left: str, right: str, limit: int) -> int:
    """edit_distance when at most ``limit``, else ``limit + 1``: only the cells at most
    ``limit`` from the diagonal can hold such a distance, so only they are computed."""
    beyond = limit + 1
    if abs(len(left) - len(right)) > limit:
        return beyond
    previous2: list[int] = []
    previous = [j if j <= limit else beyond for j in range(len(right) + 1)]
    for i, a in enumerate(left, start=1):
        current = [i if i <= limit else beyond] + [beyond] * len(right)
        for j in range(max(1, i - limit), min(len(right), i + limit) + 1):
            b = right[j - 1]
            cell = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == right[j - 2] and left[i - 2] == b:
                cell = min(cell, previous2[j - 2] + 1)
            current[j] = min(cell, beyond)
        if min(current) == beyond and (not previous2 or min(previous) == beyond):
            return beyond  # two rows past the limit: no later cell, a swap included, is back
        previous2, previous = previous, current
    return previous[-1]


def _segments(skeleton: str, parts: int) -> list[tuple[int, str]]:
    """``skeleton`` cut into ``parts`` pieces of nearly equal length, each with its position."""
    size, longer = divmod(len(skeleton), parts)
    pieces, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < longer else 0)
        pieces.append((start, skeleton[start:end]))
        start = end
    return pieces


class _Substrings:
    """Where each substring of the ``left`` skeletons begins, by length, built on demand."""

    def __init__(self, skeletons: set[str]):
        self.skeletons = skeletons
        self.by_length: dict[int, dict[str, list[tuple[str, int]]]] = {}

    def starting_near(self, piece: str, position: int, slack: int) -> set[str]:
        index = self.by_length.get(len(piece))
        if index is None:
            index = self.by_length[len(piece)] = defaultdict(list)
            for skeleton in self.skeletons:
                for start in range(len(skeleton) - len(piece) + 1):
                    index[skeleton[start : start + len(piece)]].append((skeleton, start))
        return {
            skeleton for skeleton, start in index.get(piece, ()) if abs(start - position) <= slack
        }


def near_misses(left: Iterable[str], right: Iterable[str]) -> frozenset[tuple[str, str]]:
    """Pairs (one of ``left``, one of ``right``) of different skeletons within the near-miss
    distance.

    Candidates are found without comparing every pair: cut a skeleton into 2k + 1 pieces, k its
    near-miss distance; each edit (a swap of two neighbouring letters included) spoils at most
    two pieces, so a skeleton k edits away contains one of the pieces unchanged, at most k
    letters from where it was. Only skeletons sharing a piece so are measured."""
    # The jury pages ask again with the same names on every visit: remembered, per process.
    return _near_misses(frozenset(left), frozenset(right))


@lru_cache(maxsize=16)
def _near_misses(left: frozenset[str], right: frozenset[str]) -> frozenset[tuple[str, str]]:
    substrings = _Substrings({s for s in set(left) if near_miss_distance(len(s))})
    found = set()
    for skeleton in set(right):
        edits = near_miss_distance(len(skeleton))
        if not edits:
            continue
        candidates = set().union(
            *(
                substrings.starting_near(piece, position, edits)
                for position, piece in _segments(skeleton, 2 * edits + 1)
            )
        )
        for other in candidates - {skeleton}:
            limit = near_miss_distance(min(len(other), len(skeleton)))
            if 0 < _within(other, skeleton, limit) <= limit:
                found.add((other, skeleton))
    return frozenset(found)
