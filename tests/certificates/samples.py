"""Certificate and program dicts for the 2025 forum, built from the demo organizations' names."""

from datetime import date, time
from urllib.parse import quote

from awards.operations.demo_texts import CATEGORIES, EDUCATION_DEPARTMENT, KAZZINC, SOCIAL_PARTNERS

CEREMONY_DAY = date(2025, 12, 19)
CITY = {"kk": "Өскемен қ.", "ru": "г. Усть-Каменогорск", "en": "Ust-Kamenogorsk"}
PROGRAM_TITLE = {
    "kk": "«Жұмысшы мамандықтары жылы» қорытынды форумының марапаттары",
    "ru": "Награды форума по итогам Года рабочих профессий",
    "en": "Year of Working Professions Forum Awards",
}
PATRON, SOCIAL_PARTNER = (category["title"] for category in CATEGORIES)
CITATION = {
    "kk": "өңірдің кәсіптік білім беруін дамытуға қосқан елеулі үлесі үшін",
    "ru": "за значительный вклад в развитие профессионального образования региона",
    "en": "for a significant contribution to vocational education in the region",
}
PARTNER_CITATION = {
    "kk": "колледждермен дуалды оқыту мен тәлімгерлікті дамытудағы серіктестігі үшін",
    "ru": "за партнёрство с колледжами в развитии дуального обучения и наставничества",
    "en": "for partnering with colleges in dual training and mentoring",
}
JUDGE_CITATION = {
    "kk": "қазылар алқасы құрамындағы әділ әрі ыждағатты жұмысыңыз үшін",
    "ru": "за объективную и добросовестную работу в составе жюри",
    "en": "for objective and conscientious work on the jury",
}
GOVERNOR = {
    "name": {"kk": "Н. Сақтағанов", "ru": "Н. Сактаганов", "en": "N. Saktaganov"},
    "title": {"kk": "Облыс әкімі", "ru": "Аким области", "en": "Region Governor"},
}
KATON_KARAGAY = SOCIAL_PARTNERS[-1]
# Every Kazakh-specific letter, upper and lower case, in one organization's name.
KAZAKH_LETTERS_NAME = {
    "kk": "«ӘҒҚҢӨҰҮҺІ әғқңөұүһі» ЖШС",
    "ru": "ТОО «ӘҒҚҢӨҰҮҺІ әғқңөұүһі»",
    "en": "ӘҒҚҢӨҰҮҺІ LLP",
}


def _svg_uri(svg: str) -> str:
    return "data:image/svg+xml," + quote(svg)


# Shapes only: text in these images would need fonts from outside the theme.
LOGO = _svg_uri(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">'
    '<circle cx="20" cy="20" r="18" fill="none" stroke="#1f4e79" stroke-width="2"/>'
    '<path d="M9 26 L20 9 L31 26 Z" fill="#1f4e79"/>'
    '<path d="M12 29 H28" stroke="#b8902f" stroke-width="2.5"/></svg>'
)
SEAL = _svg_uri(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">'
    '<g fill="none" stroke="#2a4aa8" opacity="0.75">'
    '<circle cx="20" cy="20" r="19" stroke-width="1.2"/>'
    '<circle cx="20" cy="20" r="13" stroke-width="0.6"/>'
    '<circle cx="20" cy="20" r="16" stroke-width="2.4" stroke-dasharray="0.8 1.2"/>'
    '<path d="M20 10 L23 17 L30 17 L24.5 21.5 L26.5 29 L20 24.5 L13.5 29 L15.5 21.5 L10 17 '
    'L17 17 Z" stroke-width="0.8"/></g></svg>'
)
SIGNATURE = _svg_uri(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 20">'
    '<path d="M3 15 C8 2 12 2 11 12 C10 18 16 6 19 8 C22 10 20 15 24 11 C28 7 30 14 34 9 '
    'C37 5 40 13 45 8 C48 5 52 6 57 4" fill="none" stroke="#1b2f7a" stroke-width="1.1" '
    'stroke-linecap="round"/></svg>'
)


def certificate(
    recipient=KAZZINC, *, kind="laureate", category=PATRON, citation=CITATION, serial=1, **extra
):
    """A certificate dict as the certificates domain would build it for the 2025 ceremony."""
    data = {
        "kind": kind,
        "languages": ["kk", "ru"],
        "recipient": recipient,
        "category": category,
        "citation": citation,
        "program_title": PROGRAM_TITLE,
        "organizing_body": EDUCATION_DEPARTMENT,
        "city": CITY,
        "date": CEREMONY_DAY,
        "signatories": [GOVERNOR],
        "serial": f"WP-2025-{serial:04d}",
        "verify_url": f"https://awards.example.kz/verify/wp{serial:04d}q7fk2mxv9lpr",
    }
    return {**data, **extra}


def social_partner_certificates() -> list[dict]:
    """One laureate certificate per "Best Social Partner" laureate named at the ceremony."""
    return [
        certificate(name, category=SOCIAL_PARTNER, citation=PARTNER_CITATION, serial=number)
        for number, name in enumerate(SOCIAL_PARTNERS, start=2)
    ]


def program() -> dict:
    """The ceremony program booklet for 19 December 2025."""
    host = {"kk": "Жүргізуші", "ru": "Ведущий", "en": "Host"}
    return {
        "languages": ["kk", "ru"],
        "title": PROGRAM_TITLE,
        "organizing_body": EDUCATION_DEPARTMENT,
        "date": CEREMONY_DAY,
        "venue": {
            "kk": "Өскемен қ., Шығыс Қазақстан облыстық филармониясы",
            "ru": "г. Усть-Каменогорск, Восточно-Казахстанская областная филармония",
        },
        "logo": LOGO,
        "running_order": [
            {"time": time(10, 0), "item": {"kk": "Қонақтарды тіркеу", "ru": "Регистрация гостей"}},
            {
                "time": time(10, 30),
                "item": {"kk": "Форумның ашылуы", "ru": "Открытие форума"},
                "presenter": GOVERNOR["title"],
            },
            {
                "time": "10:45",
                "item": {
                    "kk": "«Жұмысшы мамандықтары жылы»: қорытындылар",
                    "ru": "«Год рабочих профессий»: итоги",
                },
                "presenter": {
                    "kk": "Облыстың білім басқармасының басшысы",
                    "ru": "Руководитель управления образования области",
                },
            },
            {"time": "11:15", "item": PATRON, "presenter": host},
            {"time": "11:30", "item": SOCIAL_PARTNER, "presenter": host},
            {
                "time": "12:00",
                "item": {
                    "kk": "WorldSkills-2025 жеңімпаздарын марапаттау",
                    "ru": "Награждение победителей WorldSkills-2025",
                },
                "presenter": host,
            },
            {"time": "12:30", "item": {"kk": "Концерт", "ru": "Концерт"}},
        ],
        "categories": [
            {
                "title": PATRON,
                "description": CATEGORIES[0]["description"],
                "laureates": [KAZZINC],
                "nominees": [KAZZINC, SOCIAL_PARTNERS[0]],
            },
            {
                "title": SOCIAL_PARTNER,
                "description": CATEGORIES[1]["description"],
                "laureates": SOCIAL_PARTNERS,
                "nominees": SOCIAL_PARTNERS,
            },
        ],
        "partners": [KAZZINC, SOCIAL_PARTNERS[1], "VK Development Group"],
    }
