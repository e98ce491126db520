"""The texts of the demo: the 2025 forum closing East Kazakhstan's "Year of Working Professions",
its organizations, categories and rubrics, the demo people, the running order and partners of the
ceremony and who signs the certificates.

Facts come from ../shared/DOMAIN.md and the news report it cites; the demo people are invented.
"""

from awards.programs.models import Role

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
AMANZHOLOV_UNIVERSITY = {
    "kk": "С. Аманжолов атындағы Шығыс Қазақстан университеті",
    "ru": "Восточно-Казахстанский университет им. С. Аманжолова",
    "en": "S. Amanzholov East Kazakhstan University",
}
# How a college may write Kazzinc when it means the plant it works with: one of its other names.
KAZZINC_PLANT = "Усть-Каменогорский металлургический комплекс «Казцинк»"

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
        # Degrees by rank, to show a diploma with a degree: I to the first 3, II to the next 5,
        # III to the next 8 (all sixteen laureates of the 2025 ceremony).
        "degrees": {"degree_rule": "rank", "degree_limits": [3, 5, 8]},
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

# What the points of every demo criterion (out of 10) mean; judges read it beside the points.
DEMO_LEVELS = [
    {"low": 0, "high": 3, "label": {
        "kk": "Әлсіз: үлесі аз, дәлелдері жоқтың қасы",
        "ru": "Слабо: вклад невелик, подтверждений почти нет",
        "en": "Weak: a small contribution, hardly any evidence"}},
    {"low": 4, "high": 6, "label": {
        "kk": "Орташа: нақты үлесі бар, бірақ жүйелі емес",
        "ru": "Достойно: вклад заметный, но не системный",
        "en": "Sound: a real contribution, not yet systematic"}},
    {"low": 7, "high": 10, "label": {
        "kk": "Үздік: жүйелі үлес, нәтижесі құжатпен расталған",
        "ru": "Выдающийся: системный вклад с подтверждёнными результатами",
        "en": "Outstanding: a systematic contribution with documented results"}},
]  # fmt: skip

# (email, role, name, language, organization)
DEMO_PEOPLE = [
    ("organizer@demo.kz", Role.ORGANIZER, "Айгерім Қасымова", "ru", EDUCATION_DEPARTMENT),
    ("committee@demo.kz", Role.COMMITTEE, "Ерлан Жақыпов", "kk", CHAMBER),
    ("judge1@demo.kz", Role.JUDGE, "Сергей Ким", "ru", UNIVERSITY),
    ("judge2@demo.kz", Role.JUDGE, "Гүлнар Төлеуова", "kk", KAZZINC),
    ("judge3@demo.kz", Role.JUDGE, "Anna Petrova", "en", EDUCATION_DEPARTMENT),
    # A fourth judge: Kazzinc's entry, which judge2 may not score, still gets three scorecards.
    ("judge4@demo.kz", Role.JUDGE, "Дәурен Әбілов", "kk", AMANZHOLOV_UNIVERSITY),
]
# judge1 also chairs the jury: they record the Best Patron decision with the jury's votes.
DEMO_CHAIR = "judge1@demo.kz"
DEMO_ACCOUNTS = [
    (email, f"{role}, {Role.CHAIR}" if email == DEMO_CHAIR else str(role))
    for email, role, *_ in DEMO_PEOPLE
]
# judge4 votes against Kazzinc as Best Patron and says why, in their own words.
DEMO_DISSENTER = "judge4@demo.kz"
DEMO_DISSENT = (
    "«Қазмырыш» ЖШС-ның колледждерге қосқан үлесі зор екенін мойындаймын. Бірақ бұл "
    "номинацияда шағын кәсіпорындардың ауылдық колледждерге көрсеткен көмегін де ескеру керек "
    "еді деп санаймын, сондықтан қарсы дауыс бердім."
)


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
    # A break the hall screen counts down to the awards; the report does not mention it.
    ("11:00", {"kk": "Кофе-брейк", "ru": "Кофе-брейк", "en": "Coffee break"}, {}, None, 10),
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


# Who signs the demo's certificates (an invented head of the department); the signature and the
# seal are drawn by awards/certificates/demo_artwork.py, the seal marked as a sample.
DEMO_SIGNATORY = {
    "name": {"kk": "Бауыржан Оспанов", "ru": "Бауыржан Оспанов", "en": "Bauyrzhan Ospanov"},
    "title": {"kk": "Облыстың білім басқармасының басшысы",
              "ru": "Руководитель управления образования области",
              "en": "Head of the Regional Education Department"},
}  # fmt: skip

# Who comes on stage for some laureates (invented people: the news report names none), by the
# laureate's Russian name; the rest have not answered, one cannot come.
DEMO_REPRESENTATIVES = {
    "ТОО «Казцинк»": (
        {"kk": "Ерлан Жақсыбеков", "ru": "Ерлан Жаксыбеков"},
        {"kk": "персонал жөніндегі директор", "ru": "директор по персоналу"},
        2,
        ("1", "4"),
    ),
    "Ульбинский металлургический завод": (
        {"kk": "Наталья Ким", "ru": "Наталья Ким"},
        {"kk": "кадр даярлау бөлімінің басшысы", "ru": "начальник отдела подготовки кадров"},
        1,
        ("1", "6"),
    ),
    "Усть-Каменогорская гидроэлектростанция": (
        {"kk": "Асхат Нұрғалиев", "ru": "Асхат Нургалиев"},
        {"kk": "бас инженер", "ru": "главный инженер"},
        0,
        ("2", "3"),
    ),
}
DEMO_NOT_COMING = "ТОО «Промтехмонтаж»"
# The jury's discussion of the entry its jurors disagree on most: the juror with the lowest
# total writes first, the one with the highest answers (each in their own language, kk or ru),
# the organizer closes.
DISCUSSION_LOW = {
    "ru": "Мои баллы заметно ниже остальных: в отчёте нет цифр — сколько студентов прошли "
    "практику на предприятии и сколько наставников за ними закреплено. Без этого вклад "
    "трудно оценить.",
    "kk": "Менің бағам басқалардан едәуір төмен: есепте кәсіпорында қанша студент практикадан "
    "өткені және оларға қанша тәлімгер бекітілгені туралы сандар жоқ. Оларсыз үлесті бағалау "
    "қиын.",
}
DISCUSSION_HIGH = {
    "ru": "Мои баллы высокие: предприятие второй год принимает студентов колледжа на дуальное "
    "обучение, это видно по договорам в приложении.\nПредлагаю запросить уточнённые цифры.",
    "kk": "Мен жоғары баға бердім: кәсіпорын екінші жыл қатарынан колледж студенттерін дуалды "
    "оқытуға қабылдап келеді, бұл қосымшадағы шарттардан көрінеді.\nНақты сандарды сұратуды "
    "ұсынамын.",
}
DISCUSSION_ORGANIZER = (
    "Запросим у предприятия данные о практике и наставниках и обсудим заявку на заседании жюри."
)

# Comments the demo jurors write on Best Patron's entries (first criterion, overall), by
# juror: the first and third let the nominators read theirs in the feedback letter, the second
# does not (a comment kept for the jury).
DEMO_FEEDBACK = (
    ("Поддержка колледжей описана подробно, с цифрами за три года.",
     "Сильная заявка; стоит приложить отзывы самих студентов.", True),
    ("Нақты сандар аз, бірақ жұмыс ауқымы айқын көрінеді.",
     "Жоба жақсы, құжаттарды толықтыру қажет.", False),
    ("Видно долгосрочное партнёрство, а не разовую помощь.",
     "Рекомендую в следующий раз показать, как изменилось трудоустройство выпускников.", True),
)  # fmt: skip
