"""Demo data: the 2025 forum closing East Kazakhstan's "Year of Working Professions".

Facts come from ../shared/DOMAIN.md and the news report it cites; the demo people are invented.
"""

import hashlib
import io
from datetime import datetime, time, timedelta

from awards.accounts import services as accounts
from awards.ceremony import services as ceremony
from awards.certificates import settings as certificate_settings
from awards.certificates.demo_artwork import demo_seal, demo_signature
from awards.extensions import db
from awards.i18n import to_utc
from awards.judging import assignments as judging_assignments
from awards.judging import conflicts as judging_conflicts
from awards.judging import scoring
from awards.mail import discard_queued_email
from awards.nominations import documents as nomination_documents
from awards.nominations import services as nominations
from awards.programs import services as programs
from awards.programs.models import Program, Role
from awards.results import services as results
from awards.results.ranking import category_results

DEMO_SLUG = "working-professions-2025"
TZ = "Asia/Almaty"

EDUCATION_DEPARTMENT = {
    "kk": "Шығыс Қазақстан облысының білім басқармасы",
    "ru": "Управление образования Восточно-Казахстанской области",
    "en": "Education Department of East Kazakhstan Region",
}
CHAMBER = {
    "kk": "Шығыс Қазақстан облысының кәсіпкерлер палатасы",
    "ru": "Палата предпринимателей Восточно-Казахстанской области",
    "en": "East Kazakhstan Regional Chamber of Entrepreneurs",
}
UNIVERSITY = {
    "kk": "Д. Серікбаев атындағы Шығыс Қазақстан техникалық университеті",
    "ru": "Восточно-Казахстанский технический университет им. Д. Серикбаева",
    "en": "D. Serikbayev East Kazakhstan Technical University",
}
KAZZINC = {"kk": "«Қазмырыш» ЖШС", "ru": "ТОО «Казцинк»", "en": "Kazzinc LLP"}

# The laureates named at the 2025 ceremony in the category "Best Social Partner".
SOCIAL_PARTNERS = [
    {"kk": "Өскемен титан-магний комбинаты", "ru": "Усть-Каменогорский титано-магниевый комбинат",
     "en": "Ust-Kamenogorsk Titanium and Magnesium Plant"},
    {"kk": "Үлбі металлургиялық зауыты", "ru": "Ульбинский металлургический завод",
     "en": "Ulba Metallurgical Plant"},
    {"kk": "Өскемен жылу электр орталығы", "ru": "Усть-Каменогорская теплоэлектроцентраль",
     "en": "Ust-Kamenogorsk Combined Heat and Power Plant"},
    {"kk": "Соғра жылу электр орталығы", "ru": "Согринская теплоэлектроцентраль",
     "en": "Sogrinskaya Combined Heat and Power Plant"},
    {"kk": "Біріккен энергосервистік компания", "ru": "Объединённая энергосервисная компания",
     "en": "United Energy Service Company"},
    {"kk": "Өскемен өнеркәсіптік арматура зауыты",
     "ru": "Усть-Каменогорский завод промышленной арматуры",
     "en": "Ust-Kamenogorsk Industrial Valves Plant"},
    {"kk": "Өскемен су электр станциясы", "ru": "Усть-Каменогорская гидроэлектростанция",
     "en": "Ust-Kamenogorsk Hydroelectric Power Station"},
    {"kk": "Өскемен конденсатор зауыты", "ru": "Усть-Каменогорский конденсаторный завод",
     "en": "Ust-Kamenogorsk Capacitor Plant"},
    {"kk": "«Промтехмонтаж» ЖШС", "ru": "ТОО «Промтехмонтаж»", "en": "Promtekhmontazh LLP"},
    {"kk": "VK Development Group", "ru": "VK Development Group", "en": "VK Development Group"},
    {"kk": "«ВетЛаб» ветеринариялық клиникалық-диагностикалық орталығы",
     "ru": "Ветеринарный клинико-диагностический центр «ВетЛаб»",
     "en": "VetLab Veterinary Clinical Diagnostic Centre"},
    {"kk": "Qurt & Wine қазақ асханасы мейрамханасы", "ru": "Ресторан казахской кухни Qurt & Wine",
     "en": "Qurt & Wine Kazakh cuisine restaurant"},
    {"kk": "«Поляна» кафесі", "ru": "Кафе «Поляна»", "en": "Polyana Cafe"},
    {"kk": "«СМУ-Шығыс» құрылыс компаниясы", "ru": "Строительная компания «СМУ-Шығыс»",
     "en": "SMU-Shygys construction company"},
    {"kk": "Шығыс Қазақстан облыстық филармониясы",
     "ru": "Восточно-Казахстанская областная филармония",
     "en": "East Kazakhstan Regional Philharmonic"},
    {"kk": "Катонқарағай мемлекеттік ұлттық табиғи паркі",
     "ru": "Катон-Карагайский государственный национальный природный парк",
     "en": "Katon-Karagay State National Nature Park"},
]  # fmt: skip

CATEGORIES = [
    {
        "slug": "best-patron",
        "title": {"kk": "Жылдың үздік меценаты", "ru": "Лучший меценат года",
                  "en": "Best Patron of the Year"},
        "description": {
            "kk": "Өңірдің кәсіптік білім беруін дамытуға ең көп үлес қосқан кәсіпорындар мен "
                  "ұйымдар үшін: колледждерді жабдықтау, WorldSkills чемпионаттарын қолдау, "
                  "білім алушыларды қолдау бағдарламалары.",
            "ru": "Для предприятий и организаций, внёсших наибольший вклад в развитие "
                  "профессионального образования региона: оснащение колледжей, поддержка "
                  "чемпионатов WorldSkills, программы поддержки обучающихся.",
            "en": "For enterprises and organizations that contributed most to vocational "
                  "education in the region: equipping colleges, supporting WorldSkills "
                  "championships, student support programmes.",
        },
        "max_laureates": 1,
        "criteria": [
            ({"kk": "Колледждердің материалдық-техникалық базасын нығайту",
              "ru": "Укрепление материально-технической базы колледжей",
              "en": "Strengthening colleges' facilities and equipment"}, 3),
            ({"kk": "WorldSkills чемпионаттары мен кәсіби шеберлік байқауларын қолдау",
              "ru": "Поддержка чемпионатов WorldSkills и конкурсов профмастерства",
              "en": "Support for WorldSkills championships and skills competitions"}, 2),
            ({"kk": "Білім алушыларды қолдау бағдарламалары",
              "ru": "Программы поддержки обучающихся",
              "en": "Student support programmes"}, 2),
            ({"kk": "Студенттердің практикалық дағдыларын сараптамалық бағалауға қатысу",
              "ru": "Участие в экспертной оценке практических навыков студентов",
              "en": "Expert assessment of students' practical skills"}, 1),
        ],
    },
    {
        "slug": "best-social-partner",
        "title": {"kk": "Үздік әлеуметтік серіктес", "ru": "Лучший социальный партнёр",
                  "en": "Best Social Partner"},
        "description": {
            "kk": "Кадр даярлауда колледждерге серіктес болған кәсіпорындар мен ұйымдар үшін: "
                  "дуалды оқыту, тәлімгерлік, мақсатты даярлау және түлектерді жұмысқа "
                  "орналастыру.",
            "ru": "Для предприятий и организаций — партнёров колледжей в подготовке кадров: "
                  "дуальное обучение, наставничество, целевая подготовка и трудоустройство "
                  "выпускников.",
            "en": "For enterprises and organizations partnering with colleges in workforce "
                  "training: dual training, mentoring, targeted training and employment of "
                  "graduates.",
        },
        "max_laureates": 0,
        "criteria": [
            ({"kk": "Дуалды оқыту: практика орындары мен тәлімгерлер",
              "ru": "Дуальное обучение: места практики и наставники",
              "en": "Dual training: placements and mentors"}, 3),
            ({"kk": "Мемлекеттік тапсырыс бойынша мақсатты кадр даярлау",
              "ru": "Целевая подготовка кадров по госзаказу",
              "en": "Targeted training under the state order"}, 2),
            ({"kk": "Түлектерді жұмысқа орналастыру", "ru": "Трудоустройство выпускников",
              "en": "Employment of graduates"}, 2),
            ({"kk": "Жұмысшы мамандықтарын насихаттау", "ru": "Популяризация рабочих профессий",
              "en": "Promoting working professions"}, 1),
        ],
    },
]  # fmt: skip

# (email, role, name, language, organization)
DEMO_PEOPLE = [
    ("organizer@demo.kz", Role.ORGANIZER, "Айгерім Қасымова", "ru", EDUCATION_DEPARTMENT),
    ("committee@demo.kz", Role.COMMITTEE, "Ерлан Жақыпов", "kk", CHAMBER),
    ("judge1@demo.kz", Role.JUDGE, "Сергей Ким", "ru", UNIVERSITY),
    ("judge2@demo.kz", Role.JUDGE, "Гүлнар Төлеуова", "kk", KAZZINC),
    ("judge3@demo.kz", Role.JUDGE, "Anna Petrova", "en", EDUCATION_DEPARTMENT),
]
DEMO_ACCOUNTS = [(email, str(role)) for email, role, *_ in DEMO_PEOPLE]


def _program_dates() -> dict:
    def at(*parts):
        return datetime(*parts)

    dates = {
        "nominations_open_at": at(2025, 10, 1, 9, 0),
        "nominations_close_at": at(2025, 11, 20, 18, 0),
        "judging_open_at": at(2025, 11, 21, 9, 0),
        "judging_close_at": at(2025, 12, 10, 18, 0),
        "ceremony_at": at(2025, 12, 19, 10, 0),
    }
    return {name: to_utc(value, TZ) for name, value in dates.items()}


def _people(password: str) -> dict:
    users = {}
    for email, role, name, locale, org_name in DEMO_PEOPLE:
        organization = accounts.find_or_create_organization(name=org_name, actor=None)
        users[email] = accounts.create_user(
            email=email, name=name, password=password, locale=locale,
            organization=organization, is_admin=role == Role.ORGANIZER, actor=None,
        )  # fmt: skip
    return users


def load_demo(*, password: str) -> Program:
    """Create the demo program, its categories and rubrics, the nominees and the demo people.

    Side effects: adds organizations, users, the program and its roles; flushes.
    """
    users = _people(password)
    organizer = users["organizer@demo.kz"]
    program = programs.create_program(
        actor=organizer, slug=DEMO_SLUG, year=2025, timezone=TZ,
        title={"kk": "«Жұмысшы мамандықтары жылы» қорытынды форумының марапаттары",
               "ru": "Награды форума по итогам Года рабочих профессий",
               "en": "Year of Working Professions Forum Awards"},
        organizing_body=EDUCATION_DEPARTMENT,
        venue={"kk": "Өскемен қ.", "ru": "г. Усть-Каменогорск", "en": "Ust-Kamenogorsk"},
        **_program_dates(),
    )  # fmt: skip
    for spec in CATEGORIES:
        category = programs.add_category(
            program=program, actor=organizer, slug=spec["slug"], title=spec["title"],
            description=spec["description"], max_laureates=spec["max_laureates"],
            nominee_kind="organization",
        )  # fmt: skip
        for name, weight in spec["criteria"]:
            programs.add_criterion(
                category=category, actor=organizer, name=name, weight=weight, max_points=10
            )
    for email, role, *_ in DEMO_PEOPLE:
        programs.grant_role(program=program, user=users[email], role=role, actor=organizer)
    for name in (KAZZINC, *SOCIAL_PARTNERS):
        accounts.find_or_create_organization(name=name, actor=organizer)
    load_demo_nominations(program, committee=users["committee@demo.kz"], organizer=organizer)
    load_demo_scores(program, organizer=organizer)
    load_demo_results(program, organizer=organizer)
    load_demo_certificate_settings(program, organizer=organizer)
    load_demo_ceremony(program, organizer=organizer)
    return program


KAZZINC_JUSTIFICATION = (
    "Вклад в развитие профессионального образования региона: оснащение колледжей, поддержка "
    "чемпионатов WorldSkills, координация Альянса колледжей, экспертная оценка практических "
    "навыков студентов, программы поддержки обучающихся."
)
PARTNER_JUSTIFICATION = (
    "Социальный партнёр колледжей области в подготовке кадров по рабочим профессиям "
    "(демонстрационная заявка: подробности — в отчёте организации)."
)
DOCUMENTS_ATTACHED = 3  # Kazzinc and the first two social partners get a generated PDF


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(lines: list[str]) -> bytes:
    """A one-page A4 PDF with ASCII ``lines`` in Helvetica, built by hand (no renderer needed)."""
    text = " ".join(f"({_pdf_text(line)}) '" for line in lines)
    stream = f"BT /F1 14 Tf 18 TL 72 780 Td {text} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    output, offsets = io.BytesIO(), []
    output.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    output.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    output.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                 % (len(objects) + 1, xref))  # fmt: skip
    return output.getvalue()


def load_demo_nominations(program: Program, *, committee, organizer) -> None:
    """Accepted entries for every 2025 laureate, submitted by the demo committee inside the
    (past) nomination window and accepted by the organizer after it closed.

    Side effects: adds nominations, their events and a few documents (files in UPLOAD_FOLDER);
    the notification emails these transitions queue are discarded, not sent.
    """
    patron, partner = program.categories
    entries = [(patron, KAZZINC, KAZZINC_JUSTIFICATION)]
    entries += [(partner, name, PARTNER_JUSTIFICATION) for name in SOCIAL_PARTNERS]
    submitted = program.nominations_open_at + timedelta(days=10)
    accepted = program.nominations_close_at + timedelta(hours=16)
    for number, (category, name, justification) in enumerate(entries):
        when = submitted + timedelta(hours=5 * number)
        nomination = nominations.create_nomination(
            program=program, category=category, actor=committee, now=when, org_name=name,
            city="Катонқарағай ауданы" if "Катон" in name["ru"] else "Өскемен",
            justification=justification, contact_name=committee.name,
            contact_email=committee.email,
        )  # fmt: skip
        if number < DOCUMENTS_ATTACHED:
            pdf = demo_pdf(["Demo supporting document", name["en"], program.title["en"]])
            nomination_documents.add_document(
                nomination=nomination, actor=committee, stream=io.BytesIO(pdf),
                filename=f"{name['en']}.pdf", now=when,
            )  # fmt: skip
        nominations.submit_nomination(nomination=nomination, actor=committee, now=when)
        nominations.accept_nomination(
            nomination=nomination, actor=organizer, now=accepted + timedelta(minutes=number)
        )
    discard_queued_email(db.session())


def demo_points(nomination_index: int, judge_index: int, criterion_index: int) -> int:
    """Points from 6 to 10 that differ between entries, judges and criteria, the same every run."""
    seed = f"{nomination_index}-{judge_index}-{criterion_index}".encode()
    return 6 + hashlib.sha256(seed).digest()[0] % 5


def load_demo_scores(program: Program, *, organizer) -> None:
    """The demo jury scores every accepted entry inside the 2025 judging window.

    judge2@demo.kz works at Kazzinc, so the automatic conflict of interest keeps them away from
    Kazzinc's entry: the demo shows a conflict at work. Side effects: assignments, submitted
    scorecards and their history.
    """
    opened = program.judging_open_at + timedelta(days=1)
    judges = judging_assignments.program_judges(program)
    for category in program.categories:
        for judge in judges:
            judging_assignments.assign_to_category(category=category, judge=judge, actor=organizer)
        entries = judging_assignments.accepted_nominations(category)
        for n, nomination in enumerate(entries):
            for j, judge in enumerate(judges):
                if judging_conflicts.has_conflict(judge, nomination):
                    continue
                points = {
                    criterion.id: demo_points(n, j, c)
                    for c, criterion in enumerate(category.criteria)
                }
                scoring.save_scorecard(
                    nomination=nomination, actor=judge, points=points, submit=True,
                    now=opened + timedelta(hours=n + j),
                )  # fmt: skip


def load_demo_results(program: Program, *, organizer) -> None:
    """The real 2025 laureates, confirmed after judging closed and published on the ceremony day:
    Kazzinc as Best Patron, all sixteen listed organizations as Best Social Partner.

    Side effects: a frozen results snapshot per category; the program's results published.
    """
    decided = program.judging_close_at + timedelta(days=2)
    for category in program.categories:
        ranked = [row for row in category_results(category).rows if row.score is not None]
        limit = category.max_laureates or len(ranked)
        results.confirm_laureates(
            category=category, actor=organizer, now=decided,
            chosen=[row.nomination.id for row in ranked[:limit]],
        )  # fmt: skip
    results.publish_results(program=program, actor=organizer, now=program.ceremony_at)


# The 2025 ceremony as the news report tells it: the forum opened by its organizer, the region
# governor's address, the forum's main theme, the awards he presented per category and to the
# WorldSkills and Abilympics champions, the organizers' thanks to the partners. The times are
# plausible, not reported; the report mentions no concert, so the demo has none.
GOVERNOR = {
    "kk": "Облыс әкімі Нұрымбет Сақтағанов",
    "ru": "Аким области Нурымбет Сактаганов",
    "en": "Nurymbet Saktaganov, Governor of the Region",
}
CEREMONY_RUNNING_ORDER = [
    ("10:00", {"kk": "«Жұмысшы мамандықтары жылы» қорытынды форумының ашылуы",
               "ru": "Открытие форума по итогам Года рабочих профессий",
               "en": "Opening of the forum closing the Year of Working Professions"},
     EDUCATION_DEPARTMENT, None),
    ("10:10", {"kk": "Облыс әкімінің сөзі: «Жұмысшы мамандықтары жылының» қорытындылары",
               "ru": "Выступление акима области: итоги Года рабочих профессий",
               "en": "Address by the governor: results of the Year of Working Professions"},
     GOVERNOR, None),
    ("10:30", {"kk": "Практикаға бағытталған білім беру және «колледж – кәсіпорын» байланысы: "
                     "дуалды оқыту, мақсатты кадр даярлау, ірі бизнестің колледждерге қамқорлығы",
               "ru": "Практико-ориентированное образование и связка «колледж – предприятие»: "
                     "дуальное обучение, целевая подготовка кадров, шефство бизнеса над колледжами",
               "en": "Practice-oriented education and the college–enterprise link: dual "
                     "training, targeted training, businesses mentoring colleges"},
     {}, None),
    ("11:10", {"kk": "«Жылдың үздік меценаты» номинациясы бойынша марапаттау",
               "ru": "Награждение в номинации «Лучший меценат года»",
               "en": "Award: Best Patron of the Year"}, GOVERNOR, "best-patron"),
    ("11:20", {"kk": "«Үздік әлеуметтік серіктес» номинациясы бойынша марапаттау",
               "ru": "Награждение в номинации «Лучший социальный партнёр»",
               "en": "Award: Best Social Partner"}, GOVERNOR, "best-social-partner"),
    ("11:50", {"kk": "WorldSkills-2025 және Abilympics-2025 (ерекше білім беру қажеттіліктері бар "
                     "студенттер арасында) республикалық кәсіби шеберлік чемпионаттарының "
                     "жеңімпаздары мен жүлдегерлеріне сыйлықтар мен грамоталар тапсыру",
               "ru": "Вручение подарков и грамот победителям и призёрам республиканских "
                     "чемпионатов профессионального мастерства WorldSkills-2025 и "
                     "Abilympics-2025 среди студентов с особыми образовательными потребностями",
               "en": "Gifts and certificates for the winners and prize-winners of the national "
                     "WorldSkills-2025 and Abilympics-2025 championships"}, GOVERNOR, None),
    ("12:10", {"kk": "Серіктестерге алғыс. Форумның жабылуы",
               "ru": "Благодарность партнёрам. Закрытие форума",
               "en": "Thanks to the partners. Closing of the forum"}, EDUCATION_DEPARTMENT, None),
]  # fmt: skip
# The partner enterprises of targeted training the report names ("в их числе ... и другие").
CEREMONY_PARTNERS = [
    KAZZINC,
    {"kk": "«Соғра ЖЭО» ЖШС", "ru": "ТОО «Согринская ТЭЦ»", "en": "Sogrinskaya CHP LLP"},
    {"kk": "«Өскемен өнеркәсіптік арматура зауыты» АҚ",
     "ru": "АО «Усть-Каменогорский завод промышленной арматуры»",
     "en": "Ust-Kamenogorsk Industrial Valves Plant JSC"},
    SOCIAL_PARTNERS[8],  # Promtekhmontazh
    {"kk": "Майлы дақылдар тәжірибе шаруашылығы", "ru": "Опытное хозяйство масличных культур",
     "en": "Oilseed Crops Experimental Farm"},
    SOCIAL_PARTNERS[4],  # United Energy Service Company
    {"kk": "Vosca", "ru": "Vosca", "en": "Vosca"},
    SOCIAL_PARTNERS[9],  # VK Development Group
]  # fmt: skip


def load_demo_ceremony(program: Program, *, organizer) -> None:
    """The 2025 ceremony's running order, both categories awarded at their point, and the
    partners. Side effects: adds running-order points and partners; flushes."""
    categories = {category.slug: category.id for category in program.categories}
    for starts_at, title, presenter, category in CEREMONY_RUNNING_ORDER:
        ceremony.add_running_order_item(
            program=program, actor=organizer, starts_at=time.fromisoformat(starts_at),
            title=title, presenter=presenter, category_id=categories.get(category),
        )  # fmt: skip
    for name in CEREMONY_PARTNERS:
        ceremony.add_partner(program=program, actor=organizer, name=name)


# Who signs the demo's certificates (an invented head of the department); the signature and the
# seal are drawn by awards/certificates/demo_artwork.py, the seal marked as a sample.
DEMO_SIGNATORY = {
    "name": {"kk": "Бауыржан Оспанов", "ru": "Бауыржан Оспанов", "en": "Bauyrzhan Ospanov"},
    "title": {"kk": "Облыстың білім басқармасының басшысы",
              "ru": "Руководитель управления образования области",
              "en": "Head of the Regional Education Department"},
}  # fmt: skip


def load_demo_certificate_settings(program: Program, *, organizer) -> None:
    """The certificates' signatory with a signature, and the seal; nothing issued.

    Side effects: the program's certificate settings and their pictures; flushes.
    """
    certificate_settings.save_certificate_settings(
        program=program, actor=organizer, theme="classic", print_english=False,
        citations=certificate_settings.DEFAULT_CITATIONS, seal=io.BytesIO(demo_seal()),
        signatories=[certificate_settings.SignatoryInput(
            **DEMO_SIGNATORY, signature=io.BytesIO(demo_signature()))],
    )  # fmt: skip
