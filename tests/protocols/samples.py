"""A protocol's plain content as the 2025 ceremony's jury would have produced it: the real
laureates' long Kazakh and Russian names, a program title running onto two lines, a split vote
with a dissenting opinion, and a juror absent."""

from tests.certificates.samples import (
    EDUCATION_DEPARTMENT,
    KAZZINC,
    PATRON,
    PROGRAM_TITLE,
    SOCIAL_PARTNER,
    SOCIAL_PARTNERS,
)

SERIAL = "WP-2025-P02"
VERIFY_URL = "https://awards.vko.kz/verify/protocol/k7mq2vx9rtw4hz8npc3d"
CHAIR = "Сағынтаев Нұрсұлтан Жұмабайұлы"
JURORS = [
    {"name": CHAIR, "chair": True, "present": True},
    {"name": "Әбілқайырова Гүлжанат Серікқызы", "chair": False, "present": True},
    {"name": "Петрова Анна Владимировна", "chair": False, "present": True},
    {"name": "Төлеуова Гүлнар Қайратқызы", "chair": False, "present": True},
    {"name": "Кім Сергей Вячеславович", "chair": False, "present": False},
]
DISSENT = (
    "Считаю, что «Казцинк» заслуживает звания, но вклад Ульбинского металлургического завода "
    "в подготовку студентов по дуальной системе был не меньше."
)
REASON = "Жюри учло вклад в WorldSkills-2025 при равенстве баллов."
VOTES = {"for": 3, "against": 1, "abstain": 0, "recused": 0}


def _row(place: int, nominee: dict, score: str, laureate: bool) -> dict:
    return {"place": str(place), "nominee": nominee, "score": score, "scorecards": 4,
            "p_first": "12\u00a0%", "p_laureate": None, "laureate": laureate}  # fmt: skip


def content() -> dict:
    """What values.protocol_content would give for the 2025 ceremony."""
    patron = {
        "title": PATRON, "decided": True, "method": "mean", "scorecards": 8,
        "rows": [
            {**_row(1, KAZZINC, "88,75", True), "p_first": "71\u00a0%", "p_laureate": "71\u00a0%"},
            {**_row(2, SOCIAL_PARTNERS[1], "86,25", False), "p_first": "29\u00a0%",
             "p_laureate": "29\u00a0%"},
        ],
        "with_p_laureate": True, "too_close": True, "resamples": 2000,
        "laureates": [{"nominee": KAZZINC, "count": VOTES,
                       "names": {"against": ["Петрова Анна Владимировна"]}}],
        "reason": REASON, "votes_recorded": True,
        "dissents": [{"juror": "Петрова Анна Владимировна", "text": DISSENT}],
    }  # fmt: skip
    partners = {
        "title": SOCIAL_PARTNER, "decided": True, "method": "normalized", "scorecards": 64,
        "rows": [_row(n, name, f"{70 - n},50", True)
                 for n, name in enumerate(SOCIAL_PARTNERS, start=1)],
        "with_p_laureate": False, "too_close": False, "resamples": 2000,
        "laureates": [{"nominee": name, "count": None, "names": {}} for name in SOCIAL_PARTNERS],
        "reason": "", "votes_recorded": False, "dissents": [],
    }  # fmt: skip
    return {
        "program_title": PROGRAM_TITLE, "organizing_body": EDUCATION_DEPARTMENT,
        "meeting": {"date": "2025-12-12", "time": "15:00", "place": {
            "kk": "Өскемен қ., Шығыс Қазақстан облысының білім басқармасы, мәжіліс залы",
            "ru": "г. Усть-Каменогорск, управление образования ВКО, конференц-зал"}},
        "jurors": JURORS,
        "categories": [patron, partners],
    }  # fmt: skip
