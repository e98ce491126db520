"""The large demo's world and its size: the national program's constants, the Scale, invented
categories, cities, colleges, enterprises with valid BINs, people's names, the reasons judges give
for a conflict, and the two building blocks of the loaders (a planned entry and a bulk insert).
Drawn from a seeded random generator, so the same seed names the same things."""

import random
from dataclasses import dataclass

from sqlalchemy import insert

from awards.accounts.identity import bin_check_digit
from awards.extensions import db

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


DEFAULT_SCALE = Scale()


def committee_email(number: int) -> str:
    return f"committee{number:02d}@{DOMAIN}"


def judge_email(number: int) -> str:
    return f"judge{number:03d}@{DOMAIN}"


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


def random_bin(rng: random.Random, taken: set[str]) -> str:
    """A BIN with a valid check digit: registration year and month, the legal-entity mark."""
    while True:
        first = f"{rng.randint(0, 24):02d}{rng.randint(1, 12):02d}40{rng.randint(0, 99999):05d}"
        check = bin_check_digit(first)
        if check is not None and first + str(check) not in taken:
            taken.add(first + str(check))
            return first + str(check)


def brand_names(rng: random.Random, count: int, bins: set[str]) -> list[dict]:
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
        brands.append({"name": name, "bin": random_bin(rng, bins), "city": rng.choice(CITIES)})
    return brands


def college(city, kind) -> dict:
    return {"kk": f"{city[0]} қаласының {kind[0]}", "ru": f"{kind[1]} города {city[1]}",
            "en": f"{city[2]} {kind[2]}"}  # fmt: skip


def person(rng: random.Random) -> str:
    first, gender = rng.choice(FIRST_NAMES)
    surname = rng.choice(SURNAMES)
    if gender == "f" and surname.endswith(("ов", "ев", "ин")):
        surname += "а"
    return f"{first} {surname}"


def insert_rows(model, rows: list[dict], *, returning_ids: bool = False) -> list[int]:
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
class Entry:
    """A nomination before it is inserted; ``index`` is its place in the plan."""

    index: int
    category: int
    brand: dict
    committee: int
    state: str = "accepted"
    merged_into: int | None = None
    id: int | None = None
