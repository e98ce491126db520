"""The feedback letter's content, pure: worked examples, and the property that nothing a
conflict, a draft or a juror's choice hides ever reaches a letter."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awards.results import aggregation as agg
from awards.results.feedback import Card, Comment, CriterionLine, feedback_letters, juror_letter

IMPACT, REACH = agg.Criterion("impact", 2, 10, 0), agg.Criterion("reach", 1, 5, 1)
RUBRIC = [IMPACT, REACH]


def card(judge, entry, impact, reach, **kwargs):
    fields = {"submitted": True, "excluded": False, "shareable": True} | kwargs
    return Card(judge, entry, points={"impact": impact, "reach": reach}, **fields)


def test_percentages_against_the_category_average():
    cards = [
        card("a@x.kz", 1, 8, 4), card("b@x.kz", 1, 6, 5),  # entry 1: 70 %, 90 %
        card("a@x.kz", 2, 4, 2),  # entry 2: 40 %, 40 %
        card("c@x.kz", 2, 10, 5, submitted=False),  # a draft: not counted
        card("d@x.kz", 2, 0, 0, excluded=True),  # a conflicted juror: not counted
    ]  # fmt: skip
    letters = feedback_letters(cards, RUBRIC, [1, 2, 3])
    assert letters[1].criteria == (
        CriterionLine("impact", 70.0, 55.0),
        CriterionLine("reach", 90.0, 65.0),
    )
    assert letters[2].criteria == (
        CriterionLine("impact", 40.0, 55.0),
        CriterionLine("reach", 40.0, 65.0),
    )
    assert (letters[1].scorecards, letters[2].scorecards) == (2, 1)
    assert letters[3].criteria == () and letters[3].comments == ()  # no scorecards


def test_the_same_percentages_as_the_results():
    cards = [card("a", 1, 7.5, 3), card("b", 1, 9, 4.5), card("a", 2, 3, 1)]
    plain = [agg.Scorecard(c.judge, c.nomination, c.points) for c in cards]
    expected = agg.criterion_percentages(plain, RUBRIC)
    letters = feedback_letters(cards, RUBRIC, [1, 2])
    for entry in (1, 2):
        assert {line.criterion: line.percentage for line in letters[entry].criteria} == (
            expected[entry]
        )


def test_only_shared_comments_of_counted_scorecards_with_letters():
    cards = [
        card("a@x.kz", 1, 8, 4, comments={"impact": " Сильный охват ", "reach": ""},
             overall_comment="Достойная заявка"),
        card("b@x.kz", 1, 6, 5, shareable=False, comments={"impact": "Слабо"}),
        card("c@x.kz", 1, 6, 5, submitted=False, comments={"impact": "Черновик"}),
        card("d@x.kz", 1, 6, 5, excluded=True, comments={"reach": "Конфликт"}),
        card("e@x.kz", 1, 5, 5, comments={"reach": "Хорошая команда"}),
    ]  # fmt: skip
    comments = feedback_letters(cards, RUBRIC, [1])[1].comments
    assert sorted(c.text for c in comments) == sorted(
        ["Сильный охват", "Достойная заявка", "Хорошая команда"]
    )
    by_text = {c.text: c for c in comments}
    assert by_text["Сильный охват"].criterion == "impact"
    assert by_text["Достойная заявка"].criterion is None
    assert by_text["Сильный охват"].juror == by_text["Достойная заявка"].juror
    assert {c.juror for c in comments} == {"A", "B"}
    # Stable: the same letters whatever the order the scorecards come in.
    assert feedback_letters(list(reversed(cards)), RUBRIC, [1])[1].comments == comments


def test_letters_beyond_z():
    assert [juror_letter(i) for i in (0, 25, 26, 27, 52)] == ["A", "Z", "AA", "AB", "BA"]


JUDGES = [f"juror{n}@jury.kz" for n in range(6)]
ENTRIES = [1, 2, 3]


@st.composite
def panels(draw):
    """Cards of random jurors on random entries, each maybe a draft, maybe conflicted, maybe
    shared, with unique comment texts per criterion and overall (some empty)."""
    cards, counter = [], iter(range(10_000))
    pairs = draw(
        st.lists(st.tuples(st.sampled_from(JUDGES), st.sampled_from(ENTRIES)), unique=True)
    )
    for judge, entry in pairs:

        def text():
            return draw(st.sampled_from(["", f"T{next(counter)}x"]))

        cards.append(Card(
            judge, entry, submitted=draw(st.booleans()), excluded=draw(st.booleans()),
            shareable=draw(st.booleans()),
            points={"impact": draw(st.integers(0, 10)), "reach": draw(st.integers(0, 5))},
            comments={"impact": text(), "reach": text()}, overall_comment=text(),
        ))  # fmt: skip
    return cards


@settings(max_examples=300, deadline=None)
@given(panels())
def test_a_letter_holds_exactly_the_shared_comments_of_counted_scorecards(cards):
    letters = feedback_letters(cards, RUBRIC, ENTRIES)
    for entry, letter in letters.items():
        own = [c for c in cards if c.nomination == entry]
        allowed = {
            text for c in own if c.submitted and not c.excluded and c.shareable
            for text in (*c.comments.values(), c.overall_comment) if text
        }  # fmt: skip
        hidden = {
            text for c in cards if not (c.nomination == entry and c.counts and c.shareable)
            for text in (*c.comments.values(), c.overall_comment) if text
        }  # fmt: skip
        assert {comment.text for comment in letter.comments} == allowed
        written = repr(letter)
        assert not any(text in written for text in hidden)
        assert not any(judge in written or judge.split("@")[0] in written for judge in JUDGES)
        # One letter per juror who shared something, A, B, … without gaps.
        jurors = sorted({c.juror for c in letter.comments}, key=lambda j: (len(j), j))
        assert jurors == [juror_letter(i) for i in range(len(jurors))]
        assert all(isinstance(c, Comment) for c in letter.comments)


@pytest.mark.parametrize("entries", [[], [1]])
def test_no_cards_no_lines(entries):
    assert all(letter.criteria == () for letter in feedback_letters([], RUBRIC, entries).values())
