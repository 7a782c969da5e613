"""The demo's texts for guidance, digests and videos in kk, ru and en (kept apart from the loading code)."""

import datetime


def _pick(code):
    return lambda kk, ru, en: {"kk": kk, "ru": ru, "en": en}[code]


TOPICS = {
    "collection-forming": {"kk": "Кітапхана қорын қалыптастыру", "ru": "Формирование фонда", "en": "Collection development"},
    "electronic-library": {"kk": "Мектептің электрондық кітапханасы", "ru": "Школьная электронная библиотека", "en": "School electronic library"},
    "reading-promotion": {"kk": "Кітап оқуды насихаттау", "ru": "Продвижение чтения", "en": "Reading promotion"},
    "school-library-day": {"kk": "Мектеп кітапханалары күні", "ru": "День школьных библиотек", "en": "School Library Day"},
}


# --- Guidelines ----------------------------------------------------------------------------------------------------

def _collection_streams(code, books, files):
    t = _pick(code)
    body = [
        ("general", "heading", {"text": t("Жалпы ережелер", "Общие положения", "General provisions"), "level": "h2"}),
        ("general-text", "paragraph", t(
            "<p>Мектеп кітапханасының қоры оқу процесін және оқушылардың жасына сай кітап оқуын қамтамасыз етеді. Қор оқулықтардан, көркем және ғылыми-танымдық әдебиеттен, анықтамалық басылымдардан және электрондық ресурстардан тұрады.</p>",
            "<p>Фонд школьной библиотеки обеспечивает учебный процесс и чтение учащихся с учётом их возраста. Фонд состоит из учебников, художественной и научно-познавательной литературы, справочных изданий и электронных ресурсов.</p>",
            "<p>A school library's collection supports teaching and pupils' reading at every age. It consists of textbooks, fiction and non-fiction, reference works and electronic resources.</p>",
        )),
        ("list-first", "callout", {"kind": "important", "title": "", "text": t(
            "<p>Көркем әдебиет қорын жаңартқанда алдымен бағдарламаның ұсынылған тізіміндегі кітаптарды таңдаңыз: тізім сынып топтары мен әдебиет кезеңдері бойынша теңгерілген.</p>",
            "<p>Обновляя фонд художественной литературы, в первую очередь выбирайте книги из рекомендуемого списка программы: он сбалансирован по группам классов и периодам литературы.</p>",
            "<p>When renewing the fiction collection, choose books from the programme's recommended list first: it is balanced across grade groups and literary periods.</p>",
        )}),
        ("acquisition", "heading", {"text": t("Қорды толықтыру тәртібі", "Порядок комплектования", "How to acquire new books"), "level": "h2"}),
        ("acquisition-steps", "steps", {"title": "", "steps": [
            {"title": t("Қордың қазіргі жағдайын талдаңыз", "Проанализируйте состояние фонда", "Analyse the collection as it is"),
             "text": t("<p>Сынып топтары бойынша бір оқушыға келетін кітап санын есептеңіз.</p>", "<p>Посчитайте число книг на одного учащегося по группам классов.</p>", "<p>Count the books per pupil for each grade group.</p>")},
            {"title": t("Тапсырыс тізімін жасаңыз", "Составьте список заказа", "Draw up the order list"),
             "text": t("<p>Ұсынылған тізімнен қорда жоқ немесе тозған кітаптарды белгілеңіз.</p>", "<p>Отметьте в рекомендуемом списке книги, которых нет в фонде или которые изношены.</p>", "<p>Mark the books of the recommended list that the library lacks or whose copies are worn out.</p>")},
            {"title": t("Тізімді педагогикалық кеңесте келісіңіз", "Согласуйте список на педагогическом совете", "Agree the list with the teachers' council"), "text": ""},
            {"title": t("Түскен кітаптарды есепке алыңыз", "Учтите поступившие книги", "Record the books received"),
             "text": t("<p>Әр түсімді жиынтық есеп кітабына және электрондық каталогқа енгізіңіз.</p>", "<p>Внесите каждое поступление в книгу суммарного учёта и в электронный каталог.</p>", "<p>Enter every delivery in the summary register and in the electronic catalogue.</p>")},
        ]}),
        ("timetable", "heading", {"text": t("Жұмыс кестесі", "График работы", "Timetable"), "level": "h3"}),
        ("timetable-table", "table", {
            "caption": t("Қорды қалыптастыру кезеңдері", "Этапы формирования фонда", "Stages of collection forming"),
            "header": [t("Кезең", "Этап", "Stage"), t("Мерзімі", "Срок", "When"), t("Жауапты", "Ответственный", "Who")],
            "rows": [
                [t("Қорды талдау", "Анализ фонда", "Analysing the collection"), t("қыркүйек", "сентябрь", "September"), t("кітапханашы", "библиотекарь", "librarian")],
                [t("Тапсырыс тізімі", "Список заказа", "Order list"), t("қазан", "октябрь", "October"), t("кітапханашы, пән мұғалімдері", "библиотекарь, учителя-предметники", "librarian, subject teachers")],
                [t("Кітаптарды қабылдау және есепке алу", "Приём и учёт книг", "Receiving and recording books"), t("түскен күні", "в день поступления", "on the day of delivery"), t("кітапханашы", "библиотекарь", "librarian")],
                [t("Қорды тазарту", "Очистка фонда", "Weeding"), t("мамыр – маусым", "май – июнь", "May – June"), t("кітапхана комиссиясы", "библиотечная комиссия", "library committee")],
            ],
        }),
    ]
    if books:
        body += [
            ("start-with-list", "heading", {"text": t("Ұсынылған тізімнен бастаңыз", "Начните с рекомендуемого списка", "Start with the recommended list"), "level": "h2"}),
            ("start-with-list-books", "books", {"title": "", "books": books}),
        ]
    body.append(("proverb", "quote", {"text": t("Кітап – білім бұлағы.", "Книга – источник знаний.", "A book is a spring of knowledge."), "attribution": t("Халық мақалы", "Народная пословица", "Kazakh proverb")}))
    attachments = [
        ("checklist", "document", {"document": files["checklist"], "title": t("Бақылау парағы", "Контрольный лист", "Checklist"), "description": ""}),
        ("order-form", "document", {"document": files["order_form"], "title": t("Кітапқа тапсырыс беру нысаны", "Форма заказа книг", "Book order form"),
                                    "description": t("Ұсынылған тізім бойынша тапсырыс жасауға арналған кесте.", "Таблица для заказа книг по рекомендуемому списку.", "A spreadsheet for ordering books from the recommended list.")}),
    ]
    return {"body": body, "attachments": attachments}


def _electronic_streams(code, books, files):
    t = _pick(code)
    body = [
        ("what", "heading", {"text": t("Электрондық кітапхана деген не", "Что такое электронная библиотека", "What an electronic library is"), "level": "h2"}),
        ("what-text", "paragraph", t(
            "<p>Мектептің электрондық кітапханасы – кітапхана қорының электрондық каталогы, цифрлық кітаптар мен оқу материалдары және оларды оқушылар мен мұғалімдерге беру жүйесі. Ол мектептің ішкі желісінде де, интернетте де жұмыс істей алады.</p>",
            "<p>Школьная электронная библиотека – это электронный каталог фонда, цифровые книги и учебные материалы и система их выдачи учащимся и учителям. Она может работать и во внутренней сети школы, и в интернете.</p>",
            "<p>A school electronic library is the electronic catalogue of the collection, digital books and learning materials, and the way they are lent to pupils and teachers. It can work on the school's own network as well as on the internet.</p>",
        )),
        ("start", "heading", {"text": t("Іске қосу кезеңдері", "Этапы запуска", "Getting started"), "level": "h2"}),
        ("start-steps", "steps", {"title": "", "steps": [
            {"title": t("Қорды электрондық каталогқа енгізіңіз", "Внесите фонд в электронный каталог", "Enter the collection in the electronic catalogue"),
             "text": t("<p>Жиі сұралатын көркем әдебиет пен ұсынылған тізімдегі кітаптардан бастаңыз.</p>", "<p>Начните с востребованной художественной литературы и книг из рекомендуемого списка.</p>", "<p>Begin with the fiction most in demand and the books of the recommended list.</p>")},
            {"title": t("Оқырмандарды тіркеңіз", "Зарегистрируйте читателей", "Register the readers"),
             "text": t("<p>Әр оқушы мен мұғалімге жеке оқырман билетін беріңіз.</p>", "<p>Выдайте каждому учащемуся и учителю личный читательский билет.</p>", "<p>Give every pupil and teacher a personal reader's card.</p>")},
            {"title": t("Цифрлық ресурстарды қосыңыз", "Подключите цифровые ресурсы", "Add the digital resources"),
             "text": t("<p>Тек құқық иеленушілер рұқсат берген басылымдарды орналастырыңыз.</p>", "<p>Размещайте только издания, на которые правообладатели дали разрешение.</p>", "<p>Publish only works whose rights holders have given permission.</p>")},
            {"title": t("Мұғалімдер мен оқушыларды үйретіңіз", "Обучите учителей и учащихся", "Show teachers and pupils how to use it"), "text": ""},
        ]}),
        ("slow-internet", "callout", {"kind": "tip", "title": "", "text": t(
            "<p>Интернеті баяу мектептерде каталогты мектептің ішкі желісінде орналастырыңыз: ол интернетсіз де ашылады.</p>",
            "<p>В школах с медленным интернетом разместите каталог во внутренней сети школы: он откроется и без интернета.</p>",
            "<p>In schools with a slow internet connection, host the catalogue on the school's own network: it opens without the internet.</p>",
        )}),
        ("data", "heading", {"text": t("Дербес деректерді қорғау", "Защита персональных данных", "Protecting personal data"), "level": "h2"}),
        ("data-text", "paragraph", t(
            "<p>Оқырмандар туралы мәліметтерді тек кітап беру үшін қажетті көлемде сақтаңыз, ал оқушының оқу тарихын үшінші тұлғаларға бермеңіз.</p>",
            "<p>Храните сведения о читателях только в объёме, необходимом для выдачи книг, и не передавайте историю чтения учащегося третьим лицам.</p>",
            "<p>Keep readers' details only as far as lending requires, and never pass a pupil's reading history to third parties.</p>",
        )),
    ]
    return {"body": body, "attachments": []}


def _festival_streams(code, books, files):
    t = _pick(code)
    rows = [
        ("1", t("Онкүндіктің ашылуы, кітап көрмесі", "Открытие декады, книжная выставка", "Opening of the festival, book exhibition"), t("барлық сыныптар", "все классы", "all grades")),
        ("2–3", t("Дауыстап оқу сағаттары", "Часы громкого чтения", "Reading-aloud hours"), t("1–4 сыныптар", "1–4 классы", "grades 1–4")),
        ("4–5", t("«Менің сүйікті кітабым» эссе байқауы", "Конкурс эссе «Моя любимая книга»", "“My favourite book” essay competition"), t("5–9 сыныптар", "5–9 классы", "grades 5–9")),
        ("6–7", t("Отбасылық оқу күндері", "Дни семейного чтения", "Family reading days"), t("ата-аналар мен оқушылар", "родители и учащиеся", "parents and pupils")),
        ("8–9", t("Жазушымен немесе ақынмен кездесу", "Встреча с писателем или поэтом", "Meeting a writer or poet"), t("10–11 сыныптар", "10–11 классы", "grades 10–11")),
        ("10", t("Қорытынды: үздік оқырмандарды марапаттау", "Итоги: награждение лучших читателей", "Closing: awards for the best readers"), t("барлық сыныптар", "все классы", "all grades")),
    ]
    body = [
        ("intro", "paragraph", t(
            "<p>Халықаралық мектеп кітапханалары күні жыл сайын қазанның төртінші дүйсенбісінде атап өтіледі. Осы күнге дейінгі он күн бойы мектеп кітапханасы оқу мерекесін өткізіп, оқушыларды, ата-аналар мен мұғалімдерді кітапханаға шақырады.</p>",
            "<p>Международный день школьных библиотек отмечается ежегодно в четвёртый понедельник октября. В течение десяти дней до этой даты школьная библиотека проводит праздник чтения и приглашает в библиотеку учащихся, родителей и учителей.</p>",
            "<p>International School Library Day is celebrated every year on the fourth Monday of October. For the ten days leading up to it the school library holds a reading festival and invites pupils, parents and teachers in.</p>",
        )),
        ("programme", "heading", {"text": t("Онкүндік бағдарламасы", "Программа декады", "Festival programme"), "level": "h2"}),
        ("programme-table", "table", {
            "caption": t("Күн сайынғы іс-шаралар", "Мероприятия по дням", "Activities day by day"),
            "header": [t("Күн", "День", "Day"), t("Іс-шара", "Мероприятие", "Activity"), t("Қатысушылар", "Участники", "Participants")],
            "rows": [list(row) for row in rows],
        }),
        ("preparation", "heading", {"text": t("Дайындық", "Подготовка", "Preparation"), "level": "h2"}),
        ("preparation-steps", "steps", {"title": "", "steps": [
            {"title": t("Жұмыс тобын құрыңыз", "Создайте рабочую группу", "Form a working group"),
             "text": t("<p>Кітапханашы, әдебиет пәнінің мұғалімдері және оқушылар кеңесінің өкілдері.</p>", "<p>Библиотекарь, учителя литературы и представители ученического совета.</p>", "<p>The librarian, literature teachers and representatives of the pupils' council.</p>")},
            {"title": t("Бағдарламаны мектеп сайтында жариялаңыз", "Опубликуйте программу на сайте школы", "Publish the programme on the school website"), "text": ""},
            {"title": t("Кітап көрмесін дайындаңыз", "Подготовьте книжную выставку", "Prepare a book exhibition"),
             "text": t("<p>Көрмеге ұсынылған тізімдегі кітаптарды қойыңыз.</p>", "<p>Включите в выставку книги из рекомендуемого списка.</p>", "<p>Include books from the recommended list.</p>")},
        ]}),
    ]
    if books:
        body.append(("exhibition-books", "books", {"title": t("Көрмеге ұсынылатын кітаптар", "Книги для выставки", "Books for the exhibition"), "books": books}))
    body.append(("report", "callout", {"kind": "note", "title": "", "text": t(
        "<p>Онкүндіктің қорытындысын (қатысушылар саны, берілген кітаптар) жылдық есепке енгізіңіз.</p>",
        "<p>Внесите итоги декады (число участников, выданные книги) в годовой отчёт.</p>",
        "<p>Record the results of the festival (number of participants, books lent) in the annual report.</p>",
    )}))
    return {"body": body, "attachments": []}


GUIDELINES = [
    {
        "slug": "collection-forming-instruction",
        "document_type": "instruction",
        "audience": ["librarians"],
        "topics": ["collection-forming"],
        "approval_date": datetime.date(2025, 8, 20),
        "last_reviewed": datetime.date(2025, 9, 1),
        "books": [12, 24, 1, 14],
        "related": ["school-electronic-library"],
        "streams": _collection_streams,
        "texts": {
            "kk": {
                "title": "Мектеп кітапханасының қорын қалыптастыру жөніндегі нұсқаулық",
                "summary": "Мектеп кітапханасының қорын қалай жоспарлау, толықтыру, есепке алу және тазарту керектігін қадам-қадаммен түсіндіреді. Қорды «Балалар кітапханасы» бағдарламасының ұсынылған тізімі бойынша жаңартуға арналған.",
                "approval_reference": "«Балалар кітапханасы» бағдарламасы жұмыс тобының шешімі, № 3 хаттама",
            },
            "ru": {
                "title": "Инструкция по формированию фонда школьной библиотеки",
                "summary": "Пошагово объясняет, как планировать, комплектовать, учитывать и очищать фонд школьной библиотеки. Предназначена для обновления фонда по рекомендуемому списку программы «Балалар кітапханасы».",
                "approval_reference": "Решение рабочей группы программы «Балалар кітапханасы», протокол № 3",
            },
            "en": {
                "title": "Instruction on forming a school library's collection",
                "summary": "Explains step by step how to plan, acquire, record and weed a school library's collection. Written for renewing the collection against the recommended list of the Balalar kitaphanasy programme.",
                "approval_reference": "Decision of the Balalar kitaphanasy programme working group, minutes No. 3",
            },
        },
    },
    {
        "slug": "school-electronic-library",
        "document_type": "recommendation",
        "audience": ["librarians", "teachers"],
        "topics": ["electronic-library"],
        "last_reviewed": datetime.date(2025, 10, 15),
        "books": [],
        "related": ["collection-forming-instruction"],
        "streams": _electronic_streams,
        "texts": {
            "kk": {
                "title": "«Мектептің электрондық кітапханасы» әдістемелік ұсынымдары",
                "summary": "Мектептің электрондық кітапханасын қалай ұйымдастыру керек: электрондық каталог, цифрлық ресурстарға қолжетімділік, оқушылар мен мұғалімдерді тіркеу және дербес деректерді қорғау.",
            },
            "ru": {
                "title": "Методические рекомендации «Школьная электронная библиотека»",
                "summary": "Как организовать школьную электронную библиотеку: электронный каталог, доступ к цифровым ресурсам, регистрация учащихся и учителей, защита персональных данных.",
            },
            "en": {
                "title": "Methodological recommendations: the school electronic library",
                "summary": "How to set up a school electronic library: the electronic catalogue, access to digital resources, registering pupils and teachers, and protecting their personal data.",
            },
        },
    },
    {
        "slug": "school-library-day-festival",
        "document_type": "recommendation",
        "audience": ["librarians", "teachers", "pupils", "parents"],
        "topics": ["school-library-day", "reading-promotion"],
        "last_reviewed": datetime.date(2025, 9, 20),
        "books": [3, 25, 123, 146],
        "related": ["collection-forming-instruction"],
        "streams": _festival_streams,
        "texts": {
            "kk": {
                "title": "Халықаралық мектеп кітапханалары күніне арналған онкүндікті өткізу жөніндегі әдістемелік ұсынымдар",
                "summary": "Қазан айындағы Халықаралық мектеп кітапханалары күніне арналған онкүндіктің бағдарламасы: күн сайынғы іс-шаралар және оқушыларды, ата-аналар мен мұғалімдерді тарту жолдары.",
            },
            "ru": {
                "title": "Методические рекомендации по проведению декады к Международному дню школьных библиотек",
                "summary": "Программа декады к Международному дню школьных библиотек в октябре: мероприятия на каждый день и способы вовлечь учащихся, родителей и учителей.",
            },
            "en": {
                "title": "Methodological recommendations for the International School Library Day ten-day festival",
                "summary": "A programme for the ten days before International School Library Day in October: an activity for each day and ways to involve pupils, parents and teachers.",
            },
        },
    },
]


# --- Digests and the bibliographic index ---------------------------------------------------------------------------

def _reference(t, key, **values):
    entry = {"authors": "", "place": "", "publisher": "", "year": None, "pages": None, "url": "", "annotation": ""}
    entry.update(values)
    return (key, "reference", entry)


def _book_entries(books, numbers):
    return [(f"book-{number}", "book", {"book": books[number].pk, "annotation": ""}) for number in numbers if number in books]


def _ifla_guidelines(t):
    return _reference(
        t, "ifla-guidelines", authors="", title="IFLA School Library Guidelines. 2nd revised edition", place="The Hague", publisher="IFLA", year=2015,
        url="https://www.ifla.org/",
        annotation=t(
            "Мектеп кітапханасының міндеттері, қоры, қызметкерлері мен бағдарламалары туралы халықаралық ұсынымдар.",
            "Международные рекомендации о задачах, фонде, персонале и программах школьной библиотеки.",
            "International guidance on the mission, collection, staff and programmes of a school library.",
        ),
    )


def _digest_q3_entries(code, books):
    t = _pick(code)
    entries = []
    if any(number in books for number in (12, 24, 25)):
        entries.append(("from-list", "section", t("Ұсынылған тізімнен", "Из рекомендуемого списка", "From the recommended list")))
        entries += _book_entries(books, [12, 24, 25])
    entries.append(("for-librarian", "section", t("Кітапханашыға", "Библиотекарю", "For the librarian")))
    entries.append(_ifla_guidelines(t))
    entries.append(_reference(
        t, "manifesto", title="IFLA-UNESCO School Library Manifesto 2021", place="The Hague", publisher="IFLA", year=2021, url="https://www.ifla.org/",
        annotation=t(
            "Мектеп кітапханасының оқу мен білім берудегі рөлі туралы манифест.",
            "Манифест о роли школьной библиотеки в обучении и образовании.",
            "A manifesto on the role of the school library in teaching and learning.",
        ),
    ))
    return entries


def _digest_q4_entries(code, books):
    t = _pick(code)
    entries = []
    if any(number in books for number in (1, 3, 146)):
        entries.append(("festival-books", "section", t("Онкүндікке арналған кітаптар", "Книги для декады чтения", "Books for the reading festival")))
        entries += _book_entries(books, [1, 3, 146])
    entries.append(("day", "section", t("Мектеп кітапханалары күні", "День школьных библиотек", "School Library Day")))
    entries.append(_reference(
        t, "iasl", title=t("Халықаралық мектеп кітапханалары күні", "Международный день школьных библиотек", "International School Library Month and Day"),
        publisher="International Association of School Librarianship (IASL)", url="https://iasl-online.org/",
        annotation=t(
            "Мерекенің тарихы мен жыл сайынғы тақырыбы туралы ресми ақпарат.",
            "Официальные сведения об истории праздника и его ежегодной теме.",
            "Official information on the history of the day and its theme each year.",
        ),
    ))
    return entries


def _index_2024_entries(code, books):
    t = _pick(code)
    entries = [("classics", "section", t("Қазақ педагогикасының классикасы", "Классика казахской педагогики", "Classics of Kazakh pedagogy"))]
    entries += _book_entries(books, [14, 99])
    entries.append(_reference(
        t, "baitursynuly", authors=t("Байтұрсынұлы А.", "Байтурсынулы А.", "Baitursynuly A."), title="Оқу құралы", place=t("Орынбор", "Оренбург", "Orenburg"), year=1912,
        annotation=t(
            "Ахмет Байтұрсынұлының қазақ балаларына арналған тұңғыш әліппесі; ана тілінде сауат ашудың негізі.",
            "Первый букварь Ахмета Байтурсынулы для казахских детей – основа обучения грамоте на родном языке.",
            "Akhmet Baitursynuly's first primer for Kazakh children, the basis of teaching literacy in the mother tongue.",
        ),
    ))
    entries.append(("school-library", "section", t("Мектеп кітапханасы", "Школьная библиотека", "The school library")))
    entries.append(_ifla_guidelines(t))
    return entries


DIGESTS = [
    {
        "slug": "digest-2025-q3", "kind": "digest", "year": 2025, "quarter": 3, "books": [12, 24, 25], "entries": _digest_q3_entries,
        "texts": {
            "kk": {"title": "Дайджест: 2025 жылғы 3-тоқсан", "introduction": "<p>Тоқсандық дайджест білім беру ұйымдарына жаңа оқу жылына арналған кітаптар мен әдістемелік материалдарды ұсынады.</p>"},
            "ru": {"title": "Дайджест: 3-й квартал 2025 года", "introduction": "<p>Квартальный дайджест предлагает организациям образования книги и методические материалы к новому учебному году.</p>"},
            "en": {"title": "Digest: 3rd quarter 2025", "introduction": "<p>This quarterly digest offers educational organisations books and methodological materials for the new school year.</p>"},
        },
    },
    {
        "slug": "digest-2025-q4", "kind": "digest", "year": 2025, "quarter": 4, "books": [1, 3, 146], "entries": _digest_q4_entries, "pdf": True,
        "texts": {
            "kk": {"title": "Дайджест: 2025 жылғы 4-тоқсан", "introduction": "<p>Бұл шығарылым Халықаралық мектеп кітапханалары күніне арналған онкүндікті дайындауға көмектеседі.</p>"},
            "ru": {"title": "Дайджест: 4-й квартал 2025 года", "introduction": "<p>Этот выпуск поможет подготовить декаду к Международному дню школьных библиотек.</p>"},
            "en": {"title": "Digest: 4th quarter 2025", "introduction": "<p>This issue helps to prepare the ten-day festival for International School Library Day.</p>"},
        },
    },
    {
        "slug": "bibliographic-index-2024", "kind": "index", "year": 2024, "books": [14, 99], "entries": _index_2024_entries,
        "texts": {
            "kk": {"title": "Педагогика бойынша библиографиялық көрсеткіш, 2024", "introduction": "<p>Жылдық көрсеткіш педагогика мен мектеп кітапханасы жұмысы бойынша басылымдарды жинақтайды.</p>"},
            "ru": {"title": "Библиографический указатель по педагогике, 2024", "introduction": "<p>Ежегодный указатель собирает издания по педагогике и работе школьной библиотеки.</p>"},
            "en": {"title": "Bibliographic index on pedagogy, 2024", "introduction": "<p>The annual index brings together publications on pedagogy and school library work.</p>"},
        },
    },
]


# --- Videos --------------------------------------------------------------------------------------------------------

VIDEOS = [
    {
        "slug": "renewing-the-collection", "name": "collection-forming", "file": "collection-forming.mp4",
        "file_title": "Қорды жаңарту (MP4)", "poster": "collection-forming-poster.jpg", "poster_title": "Қорды жаңарту – постер",
        "duration": datetime.timedelta(seconds=5), "region": "zhambyl", "topics": ["collection-forming"],
        "texts": {
            "kk": {
                "title": "Кітапхана қорын жаңарту: бір мектептің тәжірибесі",
                "summary": "Кітапханашы қорды жыл сайын қалай талдайтынын, жаңа кітаптарды ұсынылған тізімнен қалай таңдайтынын және оларды каталогқа қалай енгізетінін көрсетеді.",
                "school": "№ 12 мектеп-лицей кітапханасы, Тараз",
                "poster_description": "Көк және сары түсті түрлі-түсті фон",
                "transcript": "<p>Біз кітапхана қорын жыл сайын талдаймыз. Жаңа кітаптарды ұсынылған тізімнен таңдаймыз. Әр түскен кітапты бірден каталогқа енгіземіз.</p>",
            },
            "ru": {
                "title": "Обновление фонда библиотеки: опыт одной школы",
                "summary": "Библиотекарь показывает, как ежегодно анализирует фонд, выбирает новые книги из рекомендуемого списка и вносит их в каталог.",
                "school": "Библиотека школы-лицея № 12, Тараз",
                "poster_description": "Цветной фон в синих и жёлтых тонах",
                "transcript": "<p>Мы ежегодно анализируем фонд библиотеки. Новые книги выбираем из рекомендуемого списка. Каждую поступившую книгу сразу вносим в каталог.</p>",
            },
            "en": {
                "title": "Renewing the library collection: one school's experience",
                "summary": "A librarian shows how she analyses the collection every year, chooses new books from the recommended list and enters them in the catalogue.",
                "school": "Library of School-Lyceum No. 12, Taraz",
                "poster_description": "A colourful background in blue and yellow",
                "transcript": "<p>Every year we analyse the library collection. We choose new books from the recommended list. Each book that arrives goes straight into the catalogue.</p>",
            },
        },
    },
    {
        "slug": "reading-festival", "name": "reading-festival", "file": "reading-festival.webm",
        "file_title": "Оқу онкүндігі (WebM)", "poster": "reading-festival-poster.jpg", "poster_title": "Оқу онкүндігі – постер",
        "duration": datetime.timedelta(seconds=5), "region": "pavlodar", "topics": ["school-library-day", "reading-promotion"],
        "texts": {
            "kk": {
                "title": "Онкүндік: мектеп кітапханасындағы оқу мерекесі",
                "summary": "Халықаралық мектеп кітапханалары күніне арналған онкүндік қалай ашылып, қалай аяқталатыны туралы қысқа бейне.",
                "school": "№ 7 жалпы білім беретін мектеп кітапханасы, Павлодар",
                "poster_description": "Түрлі-түсті сынақ кескіні",
                "transcript": "<p>Онкүндік кітап көрмесімен ашылады. Соңғы күні үздік оқырмандарды марапаттаймыз.</p>",
            },
            "ru": {
                "title": "Декада чтения в школьной библиотеке",
                "summary": "Короткое видео о том, как открывается и завершается декада к Международному дню школьных библиотек.",
                "school": "Библиотека общеобразовательной школы № 7, Павлодар",
                "poster_description": "Цветное тестовое изображение",
                "transcript": "<p>Декада открывается книжной выставкой. В последний день мы награждаем лучших читателей.</p>",
            },
            "en": {
                "title": "A ten-day reading festival in a school library",
                "summary": "A short video on how the ten-day festival for International School Library Day opens and closes.",
                "school": "Library of Secondary School No. 7, Pavlodar",
                "poster_description": "A colourful test pattern",
                "transcript": "<p>The festival opens with a book exhibition. On the last day we give awards to the best readers.</p>",
            },
        },
    },
]
