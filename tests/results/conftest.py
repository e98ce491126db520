"""Results fixtures: a category whose scorecards are all submitted."""

import pytest
import time_machine

from awards.extensions import db
from awards.judging import scoring
from tests.judging.fixtures import JUDGING

# Points per nominee for each of the three judges, on the factory's single criterion (0–10).
POINTS = {
    "Kazzinc Nominee": (9, 10, 9),
    "Ulba Nominee": (7, 8, 7),
    "Polyana Nominee": (7, 8, 7),
}


@pytest.fixture
def scored(jury):
    """The jury fixture with every scorecard submitted: Kazzinc first, Ulba and Polyana tied."""
    criterion = jury["program"].categories[0].criteria[0]
    with time_machine.travel(JUDGING, tick=False):
        for name, points in POINTS.items():
            for judge, value in zip(jury["judges"].values(), points, strict=True):
                scoring.save_scorecard(
                    nomination=jury["entries"][name], actor=judge,
                    points={criterion.id: str(value)}, submit=True,
                )  # fmt: skip
    db.session.commit()
    return jury
