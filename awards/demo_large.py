"""Demo data at scale: a national program of 2,000 nominations, 100 judges and 30,000
scorecards to measure pages against (``flask --app awards demo --scale large``).

The many rows go in as SQLAlchemy Core executemany inserts inside the caller's transaction: about
8 s on SQLite where one ORM object per row took 35 s. The program, its categories and rubrics go
through the services. The same seed gives the same rows; only the dates follow the day of
loading, so that judging is open and some scorecards are still to be written. People and
organizations are invented.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select

from awards.accounts.identity import bin_check_digit, identity_keys
from awards.accounts.models import Organization, User
from awards.accounts.services import hash_password
from awards.audit.models import AuditEntry, SubjectKind
from awards.demo import CATEGORIES as FORUM_CATEGORIES
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.models import Assignment, Conflict, Score, Scorecard
from awards.nominations.history import action_for
from awards.nominations.models import Nomination
from awards.programs import services as programs
from awards.programs.models import Program, ProgramRole, Role

LARGE_DEMO_SLUG = "working-professions-national"
DOMAIN = "national.demo.kz"
ORGANIZER_EMAIL = f"organizer@{DOMAIN}"
SEED = 2025
ORGANIZING_BODY = {
    "kk": "Жұмысшы мамандықтарын дамыту жөніндегі республикалық кеңес",
    "ru": "Республиканский совет по развитию рабочих профессий",
    "en": "National Council for Working Professions",
}


@dataclass(frozen=True)
class Scale:
    nominations: int = 2000
    judges: int = 100
    scorecards: int = 30000
    categories: int = 8
    committees: int = 60
    judges_per_nomination: int = 18
    panels_per_judge: int = 2  # each judge sits on this many categories' panels


def committee_email(number: int) -> str:
    return f"committee{number:02d}@{DOMAIN}"


def judge_email(number: int) -> str:
    return f"judge{number:03d}@{DOMAIN}"


def large_demo_logins(scale: Scale = Scale()) -> list[str]:
    """Lines for the operator: who can log in to the large demo."""
    return [
        f"  {ORGANIZER_EMAIL:<32} organizer",
        f"  {committee_email(1)} … {committee_email(scale.committees)}  committee",
        f"  {judge_email(1)} … {judge_email(scale.judges)}  judge",
    ]


def _criteria(*rows):
    return [({"kk": kk, "ru": ru, "en": en}, weight) for kk, ru, en, weight in rows]


MORE_CATEGORIES = [
    ("best-mentor", ("Үздік тәлімгер кәсіпорын", "Лучшее предприятие-наставник",
                     "Best Mentoring Enterprise"), _criteria(
        ("Тәлімгерлердің саны мен біліктілігі", "Число и квалификация наставников",
         "Number and qualifications of mentors", 3),
        ("Тәлімгерлік бағдарламаның сапасы", "Качество программы наставничества",
         "Quality of the mentoring programme", 2),
        ("Білім алушылардың нәтижелері", "Результаты обучающихся", "Students' results", 2),
        ("Колледжбен тұрақты байланыс", "Постоянная связь с колледжем",
         "Ongoing contact with the college", 1))),
    ("dual-training-leader", ("Дуалды оқыту көшбасшысы", "Лидер дуального обучения",
                              "Dual Training Leader"), _criteria(
        ("Практика орындарының саны", "Число мест практики", "Number of placements", 3),
        ("Өндірістегі оқытудың үлесі", "Доля обучения на производстве",
         "Share of training on the job", 2),
        ("Колледжге берілген жабдық", "Оборудование, переданное колледжу",
         "Equipment given to the college", 2),
        ("Түлектерді жұмыста қалдыру", "Закрепление выпускников на предприятии",
         "Graduates kept on", 1))),
    ("young-specialists-employer", ("Жас мамандардың үздік жұмыс берушісі",
                                    "Лучший работодатель для молодых специалистов",
                                    "Best Employer of Young Specialists"), _criteria(
        ("Жұмысқа қабылданған түлектер", "Принятые на работу выпускники", "Graduates hired", 3),
        ("Жалақы мен әлеуметтік кепілдіктер", "Заработная плата и социальные гарантии",
         "Pay and social guarantees", 2),
        ("Кәсіби даму", "Профессиональное развитие", "Professional development", 2),
        ("Баспана және көлік көмегі", "Помощь с жильём и транспортом",
         "Help with housing and transport", 1))),
    ("inclusive-employer", ("Инклюзивті жұмыс беруші", "Инклюзивный работодатель",
                            "Inclusive Employer"), _criteria(
        ("Ерекше білім беру қажеттіліктері бар түлектерді жұмысқа алу",
         "Трудоустройство выпускников с особыми образовательными потребностями",
         "Employing graduates with special educational needs", 3),
        ("Жұмыс орындарын бейімдеу", "Адаптация рабочих мест", "Adapted workplaces", 2),
        ("Abilympics чемпионаттарын қолдау", "Поддержка чемпионатов Abilympics",
         "Support for Abilympics championships", 2),
        ("Тәлімгерлік және сүйемелдеу", "Наставничество и сопровождение",
         "Mentoring and support", 1))),
    ("worldskills-partner", ("WorldSkills қозғалысының серіктесі", "Партнёр движения WorldSkills",
                             "WorldSkills Partner"), _criteria(
        ("Чемпионат алаңдарын жабдықтау", "Оснащение площадок чемпионата",
         "Equipping championship sites", 3),
        ("Сарапшылар дайындау", "Подготовка экспертов", "Training experts", 2),
        ("Жүлдегерлерді қолдау", "Поддержка призёров", "Support for prize-winners", 2),
        ("Құзыреттерді насихаттау", "Популяризация компетенций", "Promoting the skills", 1))),
    ("best-placement-site", ("Үздік өндірістік практика базасы",
                             "Лучшая база производственной практики",
                             "Best Industrial Placement Site"), _criteria(
        ("Практика жағдайлары мен қауіпсіздік", "Условия и безопасность практики",
         "Placement conditions and safety", 3),
        ("Практика бағдарламасының мазмұны", "Содержание программы практики",
         "Content of the placement programme", 2),
        ("Студенттердің бағалауы", "Оценка студентов", "Students' feedback", 2),
        ("Ақылы практика орындары", "Оплачиваемые места практики", "Paid placements", 1))),
]  # fmt: skip

CITIES = [
    ("Өскемен", "Усть-Каменогорск", "Ust-Kamenogorsk"), ("Риддер", "Риддер", "Ridder"),
    ("Алтай", "Алтай", "Altai"), ("Семей", "Семей", "Semey"), ("Аягөз", "Аягоз", "Ayagoz"),
    ("Зайсан", "Зайсан", "Zaisan"), ("Астана", "Астана", "Astana"),
    ("Алматы", "Алматы", "Almaty"), ("Шымкент", "Шымкент", "Shymkent"),
    ("Қарағанды", "Караганда", "Karaganda"), ("Павлодар", "Павлодар", "Pavlodar"),
    ("Екібастұз", "Экибастуз", "Ekibastuz"), ("Ақтөбе", "Актобе", "Aktobe"),
    ("Атырау", "Атырау", "Atyrau"), ("Ақтау", "Актау", "Aktau"),
    ("Қостанай", "Костанай", "Kostanay"), ("Петропавл", "Петропавловск", "Petropavl"),
    ("Орал", "Уральск", "Oral"), ("Тараз", "Тараз", "Taraz"),
    ("Түркістан", "Туркестан", "Turkistan"), ("Қызылорда", "Кызылорда", "Kyzylorda"),
    ("Көкшетау", "Кокшетау", "Kokshetau"), ("Теміртау", "Темиртау", "Temirtau"),
    ("Талдықорған", "Талдыкорган", "Taldykorgan"),
]  # fmt: skip
COLLEGE_KINDS = [
    ("политехникалық колледжі", "Политехнический колледж", "Polytechnic College"),
    ("құрылыс колледжі", "Строительный колледж", "Construction College"),
    ("көлік және коммуникациялар колледжі", "Колледж транспорта и коммуникаций",
     "College of Transport and Communications"),
    ("аграрлық-техникалық колледжі", "Аграрно-технический колледж",
     "Agricultural and Technical College"),
    ("тау-кен металлургия колледжі", "Горно-металлургический колледж",
     "Mining and Metallurgy College"),
    ("сервис және туризм колледжі", "Колледж сервиса и туризма", "College of Service and Tourism"),
    ("энергетика колледжі", "Энергетический колледж", "Energy College"),
    ("жоғары медициналық колледжі", "Высший медицинский колледж", "Higher Medical College"),
]  # fmt: skip
ROOTS = [
    ("Ертіс", "Иртыш", "Irtysh"), ("Алтай", "Алтай", "Altai"), ("Шығыс", "Восток", "Vostok"),
    ("Бұқтырма", "Бухтарма", "Bukhtarma"), ("Үлбі", "Ульба", "Ulba"),
    ("Тарбағатай", "Тарбагатай", "Tarbagatai"), ("Сарыарқа", "Сарыарка", "Saryarka"),
    ("Балқаш", "Балхаш", "Balkhash"), ("Жетісу", "Жетысу", "Zhetysu"),
    ("Каспий", "Каспий", "Caspiy"), ("Есіл", "Есиль", "Yesil"), ("Тобыл", "Тобол", "Tobol"),
    ("Қаратау", "Каратау", "Karatau"), ("Маңғыстау", "Мангистау", "Mangystau"),
    ("Арқа", "Арка", "Arka"), ("Самал", "Самал", "Samal"), ("Береке", "Береке", "Bereke"),
    ("Бірлік", "Бирлик", "Birlik"), ("Нұр", "Нур", "Nur"), ("Дала", "Дала", "Dala"),
    ("Хантау", "Хантау", "Khantau"), ("Марқакөл", "Маркаколь", "Markakol"),
    ("Белуха", "Белуха", "Belukha"), ("Көктем", "Коктем", "Koktem"), ("Сұңқар", "Сункар", "Sunkar"),
    ("Тұран", "Туран", "Turan"), ("Ақжайық", "Акжайык", "Akzhaiyk"), ("Іле", "Или", "Ile"),
    ("Шұбар", "Шубар", "Shubar"), ("Орда", "Орда", "Orda"), ("Керей", "Керей", "Kerey"),
    ("Атамұра", "Атамура", "Atamura"), ("Жайық", "Жайык", "Zhaiyk"), ("Бөрілі", "Борили", "Borili"),
    ("Қазына", "Казына", "Kazyna"), ("Шалқар", "Шалкар", "Shalkar"), ("Меркі", "Мерке", "Merke"),
    ("Теректі", "Теректы", "Terekty"), ("Аққайың", "Аккайын", "Akkaiyn"),
    ("Көкпекті", "Кокпекты", "Kokpekty"),
]  # fmt: skip
SECTORS = [
    ("Энергосервис", "Energoservice"), ("Металлург", "Metallurg"), ("Стройинвест", "Stroyinvest"),
    ("АгроТех", "AgroTech"), ("Трансавто", "Transavto"), ("Техмаш", "Tekhmash"),
    ("Промсервис", "Promservice"), ("Электромонтаж", "Elektromontazh"), ("ГеоТех", "GeoTech"),
    ("Полимер", "Polymer"), ("ТеплоСеть", "TeploSet"), ("Инжиниринг", "Engineering"),
    ("Логистик", "Logistic"), ("Автоматика", "Avtomatika"), ("Кабель", "Kabel"),
    ("Фарм", "Pharm"), ("Текстиль", "Textile"), ("Бетон", "Beton"), ("Мебель", "Mebel"),
    ("Нефтесервис", "Nefteservice"), ("Агрохолдинг", "Agroholding"), ("Сүт", "Sut"),
    ("Нан", "Nan"), ("Цемент", "Tsement"), ("Горнорудная компания", "Mining Company"),
    ("Машзавод", "Mashzavod"), ("Медиа", "Media"), ("Сервис", "Service"),
    ("Курылыс", "Kurylys"), ("Жол", "Zhol"),
]  # fmt: skip
LEGAL_FORMS = [("ЖШС", "ТОО", "LLP")] * 5 + [("АҚ", "АО", "JSC")]
FIRST_NAMES = [
    ("Ерлан", "m"), ("Асхат", "m"), ("Нұрлан", "m"), ("Дәурен", "m"), ("Бауыржан", "m"),
    ("Серік", "m"), ("Қайрат", "m"), ("Марат", "m"), ("Сергей", "m"), ("Андрей", "m"),
    ("Дмитрий", "m"), ("Виктор", "m"), ("Айгүл", "f"), ("Гүлнар", "f"), ("Динара", "f"),
    ("Жанар", "f"), ("Мәдина", "f"), ("Салтанат", "f"), ("Әсел", "f"), ("Ләззат", "f"),
    ("Анна", "f"), ("Елена", "f"), ("Ольга", "f"), ("Ирина", "f"),
]  # fmt: skip
SURNAMES = [
    "Қасымов", "Жақыпов", "Төлеуов", "Серікбаев", "Омаров", "Ахметов", "Сұлтанов", "Әбенов",
    "Нұрпейісов", "Бекенов", "Иванов", "Петров", "Кузнецов", "Смирнов", "Волков", "Ким", "Цой",
]  # fmt: skip
JUSTIFICATIONS = {
    "ru": "Социальный партнёр колледжа с {since} года: практику на предприятии прошли {n} "
          "студентов, трудоустроены {m} выпускников, наставниками закреплены {k} сотрудников.",
    "kk": "{since} жылдан бері колледждің әлеуметтік серіктесі: кәсіпорында {n} студент "
          "өндірістік практикадан өтті, {m} түлек жұмысқа орналасты, {k} қызметкер тәлімгер "
          "болып бекітілді.",
}  # fmt: skip
CONFLICT_REASONS = [
    "Работал(а) в этой организации до 2024 года.",
    "Близкий родственник работает в руководстве организации.",
    "Бұл ұйыммен бірлескен жобаға қатысамын.",
    "Консультирую организацию по договору.",
]


def _random_bin(rng: random.Random, taken: set[str]) -> str:
    """A BIN with a valid check digit: registration year and month, the legal-entity mark."""
    while True:
        first = f"{rng.randint(0, 24):02d}{rng.randint(1, 12):02d}40{rng.randint(0, 99999):05d}"
        check = bin_check_digit(first)
        if check is not None and first + str(check) not in taken:
            taken.add(first + str(check))
            return first + str(check)


def _brand_names(rng: random.Random, count: int, bins: set[str]) -> list[dict]:
    """``count`` invented enterprises: their names in three languages and a BIN."""
    pairs = [(root, sector) for root in ROOTS for sector in SECTORS]
    rng.shuffle(pairs)
    if count > len(pairs):
        raise ValueError(f"at most {len(pairs)} distinct nominees per category")
    brands = []
    for (kk, ru, en), (sector, sector_en) in pairs[:count]:
        form_kk, form_ru, form_en = rng.choice(LEGAL_FORMS)
        name = {"kk": f"«{kk} {sector}» {form_kk}", "ru": f"{form_ru} «{ru} {sector}»",
                "en": f"{en} {sector_en} {form_en}"}  # fmt: skip
        brands.append({"name": name, "bin": _random_bin(rng, bins), "city": rng.choice(CITIES)})
    return brands


def _college(city, kind) -> dict:
    return {"kk": f"{city[0]} қаласының {kind[0]}", "ru": f"{kind[1]} города {city[1]}",
            "en": f"{city[2]} {kind[2]}"}  # fmt: skip


def _person(rng: random.Random) -> str:
    first, gender = rng.choice(FIRST_NAMES)
    surname = rng.choice(SURNAMES)
    if gender == "f" and surname.endswith(("ов", "ев", "ин")):
        surname += "а"
    return f"{first} {surname}"


def _insert(model, rows: list[dict], *, returning_ids: bool = False) -> list[int]:
    """Core executemany insert of ``rows``; with ``returning_ids`` their new ids, in order."""
    if not rows:
        return []
    table = model.__table__
    if not returning_ids:
        db.session.execute(insert(table), rows)
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(db.session.execute(statement, rows).scalars())


@dataclass
class _Entry:
    """A nomination before it is inserted; ``index`` is its place in the plan."""

    index: int
    category: int
    brand: dict
    committee: int
    state: str = "accepted"
    merged_into: int | None = None
    id: int | None = None


def _plan_entries(rng: random.Random, scale: Scale, pool: list[dict]) -> list[_Entry]:
    """Entries per category: most accepted, a few rejected, one in a hundred a second
    committee's entry about the same nominee, merged into the first."""
    entries: list[_Entry] = []
    for category in range(scale.categories):
        count = scale.nominations // scale.categories
        count += int(category < scale.nominations % scale.categories)
        # Rounded up, so that even a small program shows each kind.
        merged, rejected = (-(-count // 100), -(-count * 3 // 200)) if count >= 10 else (0, 0)
        own = [
            _Entry(len(entries) + n, category, brand, rng.randrange(scale.committees))
            for n, brand in enumerate(rng.sample(pool, count - merged))
        ]
        for entry in rng.sample(own, rejected):
            entry.state = "rejected"
        entries += own
        accepted = [entry for entry in own if entry.state == "accepted"]
        for target in rng.sample(accepted, merged):
            other = (target.committee + 1 + rng.randrange(scale.committees - 1)) % scale.committees
            entries.append(_Entry(len(entries), category, target.brand, other, "merged",
                                  merged_into=target.index))  # fmt: skip
    return entries


UNIVERSITY_CITIES = CITIES[:12]


def _organization_row(name: dict, bin: str, today: datetime) -> dict:
    return {"name": name, "bin": bin, "city": None, "created_at": today}


def _organization_rows(rng, scale, bins, today) -> list[dict]:
    """The committees' colleges, the universities, the organizing body (last)."""
    colleges = [(city, kind) for city in CITIES for kind in COLLEGE_KINDS]
    rng.shuffle(colleges)
    names = [_college(city, kind) for city, kind in colleges[: scale.committees]]
    names += [
        {"kk": f"{kk} техникалық университеті", "ru": f"Технический университет города {ru}",
         "en": f"{en} Technical University"} for kk, ru, en in UNIVERSITY_CITIES
    ]  # fmt: skip
    names.append(ORGANIZING_BODY)
    return [_organization_row(name, _random_bin(rng, bins), today) for name in names]


def _employer(judge: int, scale: Scale, entries: list[_Entry]) -> tuple[str, object]:
    """A tenth of the jury works at a nominating college, a twentieth at a nominee (their
    entries are automatic conflicts of interest); the rest at universities."""
    if judge % 10 == 3:
        return "college", (judge // 10) % scale.committees
    if judge % 20 == 7:
        accepted = [entry for entry in entries if entry.state == "accepted"]
        return "nominee", accepted[(judge * 13) % len(accepted)].brand
    return "university", judge % len(UNIVERSITY_CITIES)


def _people(rng, scale, entries, password_hash, bins, today) -> dict:
    """Organizations and accounts, all able to log in with the one demo password."""
    org_ids = _insert(Organization, _organization_rows(rng, scale, bins, today), returning_ids=True)
    employers = [_employer(judge, scale, entries) for judge in range(scale.judges)]
    brands = {brand["bin"]: brand for kind, brand in employers if kind == "nominee"}
    rows = [_organization_row(brand["name"], bin, today) for bin, brand in brands.items()]
    brand_ids = dict(zip(brands, _insert(Organization, rows, returning_ids=True), strict=True))
    universities = org_ids[scale.committees : -1]

    def organization_id(kind: str, value) -> int:
        if kind == "college":
            return org_ids[value]
        return brand_ids[value["bin"]] if kind == "nominee" else universities[value]

    judge_orgs = [organization_id(kind, value) for kind, value in employers]
    user = {"password_hash": password_hash, "activated_at": today, "created_at": today,
            "is_admin": False, "last_login_at": None}  # fmt: skip
    rows = [{**user, "email": ORGANIZER_EMAIL, "name": "Айгерім Сейітқали", "locale": "ru",
             "organization_id": org_ids[-1], "is_admin": True}]  # fmt: skip
    rows += [{**user, "email": committee_email(n + 1), "name": _person(rng),
              "locale": ("kk", "ru")[n % 2], "organization_id": org_ids[n]}
             for n in range(scale.committees)]  # fmt: skip
    rows += [{**user, "email": judge_email(n + 1), "name": _person(rng),
              "locale": ("kk", "ru", "ru", "en")[n % 4], "organization_id": judge_orgs[n]}
             for n in range(scale.judges)]  # fmt: skip
    ids = _insert(User, rows, returning_ids=True)
    return {
        "organizer": ids[0], "committees": ids[1 : 1 + scale.committees],
        "committee_orgs": org_ids[: scale.committees], "judges": ids[1 + scale.committees :],
        "judge_orgs": judge_orgs, "rows": rows,
    }  # fmt: skip


def _program(scale: Scale, people: dict, today: datetime) -> Program:
    organizer = db.session.get(User, people["organizer"])
    program = programs.create_program(
        actor=organizer, slug=LARGE_DEMO_SLUG, year=today.year, timezone="Asia/Almaty",
        title={"kk": "«Жұмысшы мамандықтары жылы» республикалық байқауы",
               "ru": "Республиканский конкурс «Год рабочих профессий»",
               "en": "Year of Working Professions National Awards"},
        organizing_body=ORGANIZING_BODY,
        venue={"kk": "Астана қ.", "ru": "г. Астана", "en": "Astana"},
        nominations_open_at=today - timedelta(days=75),
        nominations_close_at=today - timedelta(days=15),
        judging_open_at=today - timedelta(days=10), judging_close_at=today + timedelta(days=20),
        ceremony_at=today + timedelta(days=30), judges_per_nomination=scale.judges_per_nomination,
    )  # fmt: skip
    specs = [(c["slug"], c["title"], c["criteria"]) for c in FORUM_CATEGORIES]
    specs += [(slug, dict(zip(("kk", "ru", "en"), title, strict=True)), criteria)
              for slug, title, criteria in MORE_CATEGORIES]  # fmt: skip
    for slug, title, criteria in specs[: scale.categories]:
        category = programs.add_category(
            program=program, actor=organizer, slug=slug, title=title, max_laureates=3,
            nominee_kind="organization",
        )  # fmt: skip
        for name, weight in criteria:
            programs.add_criterion(
                category=category, actor=organizer, name=name, weight=weight, max_points=10
            )
    roles = [(user_id, Role.COMMITTEE) for user_id in people["committees"]]
    roles += [(user_id, Role.JUDGE) for user_id in people["judges"]]
    _insert(ProgramRole, [{"program_id": program.id, "user_id": user_id, "role": str(role),
                           "created_at": today} for user_id, role in roles])  # fmt: skip
    return program


def _nomination_row(rng, entry: _Entry, program: Program, people: dict, when: dict) -> dict:
    committee = people["rows"][1 + entry.committee]
    language = committee["locale"]
    justification = JUSTIFICATIONS[language].format(
        since=rng.randint(2012, 2023), n=rng.randint(8, 240), m=rng.randint(2, 60),
        k=rng.randint(1, 25),
    )  # fmt: skip
    state = entry.state
    return {
        "program_id": program.id, "category_id": program.categories[entry.category].id,
        "state": state, "nominee_kind": "organization", "org_name": entry.brand["name"],
        "bin": entry.brand["bin"], "city": entry.brand["city"][0], "website": "",
        "person_name": "", "person_position": "", "person_workplace": "", "team_name": "",
        "team_members": [], "justification": justification, "achievements": [],
        "contact_name": committee["name"], "contact_email": committee["email"],
        "contact_phone": f"+7 7{rng.randint(0, 99):02d} {rng.randint(100, 999)} "
                         f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
        "submitting_organization_id": people["committee_orgs"][entry.committee],
        "created_by_id": people["committees"][entry.committee],
        "merged_into_id": None, "created_at": when["created"], "updated_at": when["decided"],
        "submitted_at": when["submitted"], "returned_at": None,
        "accepted_at": when["decided"] if state == "accepted" else None,
        "rejected_at": when["decided"] if state == "rejected" else None,
        "withdrawn_at": None, "merged_at": when["decided"] if state == "merged" else None,
    }  # fmt: skip


def _nominations(rng, entries: list[_Entry], program: Program, people: dict) -> None:
    """Insert the entries (merged ones after their targets) with their three state changes."""
    opens, closes = program.nominations_open_at, program.nominations_close_at
    span = int((closes - opens).total_seconds()) - 86400
    rows, events = {}, []
    for entry in entries:
        submitted = opens + timedelta(seconds=rng.randrange(span))
        when = {
            "created": submitted - timedelta(hours=rng.randint(1, 72)),
            "submitted": submitted,
            "decided": closes + timedelta(hours=rng.randint(1, 90)),
        }
        rows[entry.index] = _nomination_row(rng, entry, program, people, when)
        actor = people["committees"][entry.committee]
        for old, new, at, by in (
            (None, "draft", "created", actor),
            ("draft", "submitted", "submitted", actor),
            ("submitted", entry.state, "decided", people["organizer"]),
        ):
            events.append((entry, {"actor_id": by, "at": when[at], "from_state": old,
                                   "to_state": new, "reason": ""}))  # fmt: skip
    for merging in (False, True):
        batch = [entry for entry in entries if (entry.state == "merged") == merging]
        for entry in batch:
            if merging:
                rows[entry.index]["merged_into_id"] = entries[entry.merged_into].id
        ids = _insert(Nomination, [rows[e.index] for e in batch], returning_ids=True)
        for entry, new_id in zip(batch, ids, strict=True):
            entry.id = new_id
    for entry, event in events:
        if entry.state == "rejected" and event["to_state"] == "rejected":
            event["reason"] = "Организация не отвечает условиям номинации."
        elif entry.state == "merged" and event["to_state"] == "merged":
            event["reason"] = f"Объединена с заявкой №{entries[entry.merged_into].id}."
    _insert(AuditEntry, [_logged(program, entry, **event) for entry, event in events])


def _logged(program, entry, *, from_state, to_state, **fields) -> dict:
    """A state change as the audit log keeps it."""
    return {
        "program_id": program.id, "subject_kind": SubjectKind.NOMINATION, "subject_id": entry.id,
        "action": action_for(from_state, to_state), "new": {"state": to_state},
        "old": {"state": from_state} if from_state else {}, **fields,
    }  # fmt: skip


def _panels(scale: Scale) -> list[list[int]]:
    """The judges (by index) on each category's panel; each judge sits on panels_per_judge."""
    panels_per_judge = min(scale.panels_per_judge, scale.categories)
    step = max(1, scale.categories // panels_per_judge)
    panels: list[list[int]] = [[] for _ in range(scale.categories)]
    for judge in range(scale.judges):
        for turn in range(panels_per_judge):
            panels[(judge + turn * step) % scale.categories].append(judge)
    if min(len(panel) for panel in panels) < scale.judges_per_nomination:
        raise ValueError("too few judges per category for judges_per_nomination")
    return panels


def _automatic_conflicts(scale, entries: list[_Entry], people: dict) -> set[tuple[int, int]]:
    """(judge index, entry index) where the judge's organization nominated or is the nominee,
    the rule awards.judging.conflicts applies, worked out here for the whole plan at once."""
    supporters = {entry.index: {people["committee_orgs"][entry.committee]} for entry in entries}
    for entry in entries:
        if entry.merged_into is not None:
            supporters[entry.merged_into].add(people["committee_orgs"][entry.committee])
    brand_keys = {e.index: identity_keys(bin=e.brand["bin"], names=e.brand["name"].values())
                  for e in entries}  # fmt: skip
    org_keys = {}
    judge_orgs = select(Organization.id, Organization.name, Organization.bin).where(
        Organization.id.in_(set(people["judge_orgs"]))
    )
    for org_id, name, bin in db.session.execute(judge_orgs):
        org_keys[org_id] = identity_keys(bin=bin, names=name.values())
    return {
        (judge, entry.index)
        for judge, org_id in enumerate(people["judge_orgs"])
        for entry in entries
        if org_id in supporters[entry.index] or org_keys[org_id] & brand_keys[entry.index]
    }


def _jury(rng, scale, entries: list[_Entry], program: Program, people: dict) -> list[tuple]:
    """Stored conflicts on one entry in twenty, then each accepted entry assigned to
    judges_per_nomination of its category's panel, turn by turn, skipping every conflict.

    Returns the assignments as (judge index, entry) pairs.
    """
    conflicted = _automatic_conflicts(scale, entries, people)
    panels = _panels(scale)
    accepted = [entry for entry in entries if entry.state == "accepted"]
    stored = []
    for entry in rng.sample(accepted, len(accepted) // 20):
        judge = rng.choice(panels[entry.category])
        if (judge, entry.index) in conflicted:
            continue
        conflicted.add((judge, entry.index))
        declared = len(stored) % 3 != 2  # two declared by the judge, one recorded by the organizer
        stored.append({
            "nomination_id": entry.id, "judge_id": people["judges"][judge],
            "source": "declared" if declared else "recorded",
            "reason": rng.choice(CONFLICT_REASONS),
            "created_by_id": people["judges"][judge] if declared else people["organizer"],
            "created_at": program.judging_open_at + timedelta(hours=rng.randint(1, 200)),
        })  # fmt: skip
    _insert(Conflict, stored)
    pairs, seen = [], [0] * scale.categories
    for entry in accepted:
        panel, k = panels[entry.category], scale.judges_per_nomination
        start, seen[entry.category] = seen[entry.category] * k, seen[entry.category] + 1
        turn = [panel[(start + offset) % len(panel)] for offset in range(len(panel))]
        pairs += [(judge, entry) for judge in
                  [j for j in turn if (j, entry.index) not in conflicted][:k]]  # fmt: skip
    _insert(Assignment, [
        {"nomination_id": entry.id, "judge_id": people["judges"][judge],
         "assigned_by_id": people["organizer"], "created_at": program.judging_open_at}
        for judge, entry in pairs
    ])  # fmt: skip
    return pairs


def _points(rng, criteria: list[int], quality: float, bias: float, *, complete: bool) -> dict:
    chosen = criteria if complete else criteria[: rng.randint(1, len(criteria) - 1)]
    noise = [rng.uniform(-1.5, 1.5) for _ in chosen]
    return {
        criterion: float(min(10, max(0, round(quality + bias + n))))
        for criterion, n in zip(chosen, noise, strict=True)
    }


def _scorecard_ids(program: Program, cards: list[dict]) -> list[int]:
    """The new scorecards' ids, read back by their unique (nomination, judge): SQLite
    returns ids in order only one row at a time, which is most of the time for 30,000 rows."""
    query = (
        select(Scorecard.nomination_id, Scorecard.judge_id, Scorecard.id)
        .join(Nomination, Nomination.id == Scorecard.nomination_id)
        .where(Nomination.program_id == program.id)
    )
    found = {(nomination, judge): id for nomination, judge, id in db.session.execute(query)}
    return [found[card["nomination_id"], card["judge_id"]] for card in cards]


def _scorecards(rng, scale, pairs: list[tuple], program: Program, people: dict, today) -> None:
    """``scale.scorecards`` of the assignments scored, one in twelve still a draft, each with
    its points and the event that wrote them; the other assignments are still to be scored."""
    if scale.scorecards > len(pairs):
        raise ValueError(f"only {len(pairs)} assignments for {scale.scorecards} scorecards")
    criteria = [[c.id for c in category.criteria] for category in program.categories]
    quality = {entry.index: rng.uniform(3.5, 9.0) for _, entry in pairs}
    bias = [rng.uniform(-1.0, 1.0) for _ in range(scale.judges)]
    window = int((today - program.judging_open_at).total_seconds()) - 3600
    cards, points = [], []
    for judge, entry in sorted(rng.sample(pairs, scale.scorecards), key=lambda p: p[1].index):
        submitted = rng.random() >= 1 / 12
        created = program.judging_open_at + timedelta(seconds=rng.randrange(window))
        done = created + timedelta(minutes=rng.randint(5, 55)) if submitted else None
        card_points = _points(rng, criteria[entry.category], quality[entry.index], bias[judge],
                              complete=submitted)  # fmt: skip
        cards.append({
            "nomination_id": entry.id, "judge_id": people["judges"][judge],
            "state": "submitted" if submitted else "draft", "overall_comment": "",
            "version": 1, "created_at": created, "updated_at": done or created,
            "submitted_at": done,
        })  # fmt: skip
        points.append(card_points)
    _insert(Scorecard, cards)
    ids = _scorecard_ids(program, cards)
    scores, events = [], []
    for card_id, card, card_points in zip(ids, cards, points, strict=True):
        scores += [{"scorecard_id": card_id, "criterion_id": criterion, "points": value,
                    "comment": ""} for criterion, value in card_points.items()]  # fmt: skip
        snapshot = {"state": card["state"], "overall_comment": "", "comments": {},
                    "points": {str(c): p for c, p in card_points.items()}}  # fmt: skip
        events.append({
            "program_id": program.id, "subject_kind": SubjectKind.SCORECARD, "subject_id": card_id,
            "actor_id": card["judge_id"], "old": {}, "new": snapshot,
            "action": "submitted" if card["submitted_at"] else "created", "reason": "",
            "at": card["updated_at"],
        })  # fmt: skip
    _insert(Score, scores)
    _insert(AuditEntry, events)


def load_large_demo(
    *, password: str, scale: Scale = Scale(), seed: int = SEED, now: datetime | None = None
) -> Program:
    """A national program: ``scale`` nominations from many colleges in several categories,
    a jury with conflicts of interest, and most of the scorecards written, judging still open.

    Side effects: adds organizations, accounts (one password hash shared by all), the program
    with its categories, rubrics and roles, nominations with their state changes, conflicts,
    assignments, scorecards with points and history; flushes, never commits.
    """
    today = (now or utcnow()).replace(hour=0, minute=0, second=0, microsecond=0)
    rng = random.Random(seed)  # noqa: S311  (repeatable demo data, not secrets)
    bins: set[str] = set()
    pool = _brand_names(rng, len(ROOTS) * len(SECTORS), bins)
    entries = _plan_entries(rng, scale, pool)
    people = _people(rng, scale, entries, hash_password(password), bins, today)
    program = _program(scale, people, today)
    _nominations(rng, entries, program, people)
    pairs = _jury(rng, scale, entries, program, people)
    _scorecards(rng, scale, pairs, program, people, today)
    db.session.flush()
    return program
