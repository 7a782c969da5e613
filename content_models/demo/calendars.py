"""Demo content of the calendars, in kk with ru/en translations through wagtail-localize, built only into a
section that load_demo has just created; existing pages and event types are never changed.

International School Library Day and its ten-day festival, the "One country – one book" campaign, a monthly
quiet-reading hour, regional events, the notable dates of the 2026–2027 school year (with authors'
anniversaries from content_models/demo/data/author_dates.csv) and the exhibition schedule for that year. Books
are looked up by list number and left out when the book list has not been imported.
"""

import csv
from datetime import date, time
from pathlib import Path

from wagtail.models import Locale

from content_models.books.models import Author, BookPage
from content_models.events import EventBook, EventPage, EventType, NotableDate, NotableDatesPage
from content_models.exhibitions import ExhibitionBook, ExhibitionPage, ExhibitionSchedulePage
from content_models.translation.store import translated_copy, translation_sync

AUTHOR_DATES = Path(__file__).resolve().parent / "data" / "author_dates.csv"
# The demo's school year: today is 25 November 2026, so the current school year is 2026–2027.
DEMO_SCHOOL_YEAR = 2026
LANGS = ("kk", "ru", "en")

EVENT_TYPES = [
    ("library-day", ("Кәсіби мереке", "Профессиональный праздник", "Professional day")),
    ("festival", ("Фестиваль", "Фестиваль", "Festival")),
    ("campaign", ("Оқу акциясы", "Читательская акция", "Reading campaign")),
    ("quiet-reading", ("Тыныш оқу сағаты", "Час тихого чтения", "Quiet reading hour")),
    ("best-reader", ("«Сыныптың үздік оқырманы» байқауы", "Конкурс «Лучший читатель класса»", "“Best reader of the class” contest")),
    ("writer-meeting", ("Жазушымен кездесу", "Встреча с писателем", "Meeting with a writer")),
    ("bibliocross", ("Библиокросс", "Библиокросс", "Biblio-cross")),
    ("family-reading", ("Отбасылық оқу күні", "День семейного чтения", "Family reading day")),
    ("seminar", ("Кітапханашыларға арналған семинар", "Семинар для библиотекарей", "Seminar for librarians")),
]

# slug, type, dates/times/repetition, classification, books, then per language: title, intro, venue, organiser, description
EVENTS = [
    {
        "slug": "international-school-library-day", "type": "library-day",
        "start_date": date(2024, 10, 28), "repeat": "last_monday_october",
        "audiences": ["pupils", "teachers", "librarians"], "region": "nationwide", "programme_action": "2.8", "books": [12, 14],
        "text": {
            "kk": ("Халықаралық мектеп кітапханалары күні", "Жыл сайын қазанның соңғы дүйсенбісінде атап өтілетін мектеп кітапханашыларының кәсіби мерекесі.", "", "",
                   "<p>Мектептерде ашық есік күндері, кітап көрмелері мен оқырмандар кездесулері өтеді. Кітапханашылар осы күннің айналасындағы он күндік фестивальге қатысады.</p>"),
            "ru": ("Международный день школьных библиотек", "Профессиональный праздник школьных библиотекарей, который отмечают ежегодно в последний понедельник октября.", "", "",
                   "<p>В школах проходят дни открытых дверей, книжные выставки и встречи читателей. Библиотекари участвуют в десятидневном фестивале вокруг этого дня.</p>"),
            "en": ("International School Library Day", "The professional day of school librarians, held every year on the last Monday of October.", "", "",
                   "<p>Schools hold open days, book exhibitions and readers' meetings. Librarians take part in the ten-day festival around the day.</p>"),
        },
    },
    {
        "slug": "school-library-festival", "type": "festival",
        "start_date": date(2026, 10, 19), "end_date": date(2026, 10, 28), "repeat": "custom", "recurrence_rule": "FREQ=YEARLY;BYMONTH=10;BYDAY=-2MO",
        "audiences": ["pupils", "parents", "teachers", "librarians"], "region": "nationwide", "books": [5, 24, 111],
        "text": {
            "kk": ("Мектеп кітапханаларының он күндік фестивалі", "Халықаралық мектеп кітапханалары күнінің айналасындағы он күн: оқу марафондары, кітап жәрмеңкелері, авторлармен кездесулер.", "Барлық мектеп кітапханаларында", "", ""),
            "ru": ("Десятидневный фестиваль школьных библиотек", "Десять дней вокруг Международного дня школьных библиотек: читательские марафоны, книжные ярмарки, встречи с авторами.", "Во всех школьных библиотеках", "", ""),
            "en": ("Ten-day school library festival", "Ten days around International School Library Day: reading marathons, book fairs, meetings with authors.", "In every school library", "", ""),
        },
    },
    {
        "slug": "one-country-one-book-2027", "type": "campaign",
        "start_date": date(2027, 3, 1), "end_date": date(2027, 4, 30),
        "audiences": ["pupils", "parents", "teachers", "public"], "region": "nationwide", "books": [24, 12, 13],
        "text": {
            "kk": ("«Бір ел – бір кітап» акциясы", "Бүкіл ел бір кітапты оқиды: биылғы кітап – Мұхтар Әуезовтің «Абай жолы» роман-эпопеясы.", "", "",
                   "<p>Мектеп кітапханалары оқу марафондарын, пікірталас клубтарын және кітап бойынша викториналар өткізеді.</p>"),
            "ru": ("Акция «Одна страна – одна книга»", "Вся страна читает одну книгу: в этом году – роман-эпопея Мухтара Ауэзова «Путь Абая».", "", "",
                   "<p>Школьные библиотеки проводят читательские марафоны, дискуссионные клубы и викторины по книге.</p>"),
            "en": ("“One country – one book” campaign", "The whole country reads one book: this year, Mukhtar Auezov's epic novel “The Path of Abai”.", "", "",
                   "<p>School libraries run reading marathons, discussion clubs and quizzes on the book.</p>"),
        },
    },
    {
        "slug": "quiet-reading-hour", "type": "quiet-reading",
        "start_date": date(2026, 9, 25), "start_time": time(11, 0), "end_time": time(12, 0),
        "repeat": "custom", "recurrence_rule": "FREQ=MONTHLY;BYDAY=-1FR", "repeat_until": date(2027, 5, 31), "exception_dates": "2027-03-26",
        "audiences": ["pupils", "teachers"], "region": "nationwide", "books": [],
        "text": {
            "kk": ("Тыныш оқу сағаты", "Айдың соңғы жұмасында бүкіл мектеп бір сағат бойы өзі таңдаған кітабын тыныш оқиды.", "Әр мектепте", "", ""),
            "ru": ("Час тихого чтения", "В последнюю пятницу месяца вся школа в течение часа в тишине читает книги по своему выбору.", "В каждой школе", "", ""),
            "en": ("Quiet reading hour", "On the last Friday of each month the whole school spends an hour reading books of their own choice in silence.", "In every school", "", ""),
        },
    },
    {
        "slug": "best-reader-of-the-class", "type": "best-reader",
        "start_date": date(2026, 12, 7), "end_date": date(2026, 12, 18),
        "audiences": ["pupils"], "region": "nationwide", "books": [],
        "text": {
            "kk": ("«Сыныптың үздік оқырманы» байқауы", "Тоқсан қорытындысы бойынша әр сыныпта ең көп әрі ең мұқият оқыған оқушы анықталады.", "", "", ""),
            "ru": ("Конкурс «Лучший читатель класса»", "По итогам четверти в каждом классе выбирают ученика, который читал больше и вдумчивее всех.", "", "", ""),
            "en": ("“Best reader of the class” contest", "At the end of the term each class chooses the pupil who read the most and the most thoughtfully.", "", "", ""),
        },
    },
    {
        "slug": "seminar-book-exhibitions", "type": "seminar",
        "start_date": date(2026, 12, 3), "start_time": time(15, 0), "end_time": time(16, 30),
        "audiences": ["librarians"], "region": "nationwide", "books": [],
        "online_url": "https://example.org/balalar-kitaphanasy/seminar", "registration_url": "https://example.org/balalar-kitaphanasy/register",
        "text": {
            "kk": ("Онлайн семинар: мектеп кітапханасындағы кітап көрмесі", "Көрмені қалай жоспарлау, безендіру және оқушыларды тарту туралы практикалық семинар.", "", "Бағдарламаның әдістемелік орталығы", ""),
            "ru": ("Онлайн-семинар: книжная выставка в школьной библиотеке", "Практический семинар о том, как спланировать и оформить выставку и привлечь к ней учеников.", "", "Методический центр программы", ""),
            "en": ("Online seminar: book exhibitions in the school library", "A practical seminar on planning and setting up an exhibition and bringing pupils to it.", "", "The programme's methodological centre", ""),
        },
    },
    {
        "slug": "meeting-with-a-writer-almaty", "type": "writer-meeting",
        "start_date": date(2026, 12, 10), "start_time": time(15, 0), "end_time": time(16, 30),
        "audiences": ["pupils", "teachers"], "region": "almaty", "books": [86, 87, 88],
        "text": {
            "kk": ("Жазушымен кездесу: қазіргі балалар әдебиеті", "Оқушылар қазіргі балалар жазушыларымен кездесіп, кітаптары туралы сұрақ қояды.", "Алматы, қалалық балалар кітапханасы", "Алматы қаласының Білім басқармасы", ""),
            "ru": ("Встреча с писателем: современная детская литература", "Ученики встречаются с современными детскими писателями и задают вопросы об их книгах.", "Алматы, городская детская библиотека", "Управление образования города Алматы", ""),
            "en": ("Meeting with a writer: children's literature today", "Pupils meet present-day children's writers and ask them about their books.", "Almaty, city children's library", "Almaty City Department of Education", ""),
        },
    },
    {
        "slug": "biblio-cross-karaganda", "type": "bibliocross",
        "start_date": date(2027, 4, 23), "start_time": time(10, 0), "end_time": time(13, 0),
        "audiences": ["pupils"], "region": "karaganda", "books": [111, 112],
        "text": {
            "kk": ("«Кітап әлемінде» библиокроссы", "Дүниежүзілік кітап күніне орай командалар кітапханалар мен мектептердегі бекеттерден өтетін ойын.", "Қарағанды қаласы", "", ""),
            "ru": ("Библиокросс «В мире книг»", "Командная игра ко Всемирному дню книги: команды проходят станции в библиотеках и школах.", "Караганда", "", ""),
            "en": ("“In the world of books” biblio-cross", "A team game for World Book Day: teams pass stations set up in libraries and schools.", "Karaganda", "", ""),
        },
    },
    {
        "slug": "family-reading-day-turkistan", "type": "family-reading",
        "start_date": date(2027, 5, 15),
        "audiences": ["families", "parents", "pupils"], "region": "turkistan", "books": [5, 122, 130],
        "text": {
            "kk": ("Отбасылық оқу күні", "Халықаралық отбасы күніне орай ата-аналар мен балалар мектеп кітапханасында бірге оқиды.", "Түркістан облысының мектеп кітапханалары", "", ""),
            "ru": ("День семейного чтения", "В Международный день семей родители и дети читают вместе в школьной библиотеке.", "Школьные библиотеки Туркестанской области", "", ""),
            "en": ("Family reading day", "On the International Day of Families parents and children read together in the school library.", "School libraries of Turkistan Region", "", ""),
        },
    },
]

NOTABLE_PAGE = {
    "slug": f"notable-dates-{DEMO_SCHOOL_YEAR}-{DEMO_SCHOOL_YEAR + 1}",
    "kk": ("Атаулы және есте қаларлық күндер күнтізбесі", "<p>Мектеп және балалар кітапханаларына арналған 2026–2027 оқу жылының атаулы және есте қаларлық күндері: мерекелер, кәсіби күндер, әдеби оқиғалар және тізімдегі авторлардың мерейтойлары.</p>"),
    "ru": ("Календарь знаменательных и памятных дат", "<p>Знаменательные и памятные даты 2026–2027 учебного года для школьных и детских библиотек: праздники, профессиональные дни, литературные события и юбилеи авторов списка.</p>"),
    "en": ("Calendar of notable and memorable dates", "<p>Notable and memorable dates of the 2026–2027 school year for school and children's libraries: holidays, professional days, literary events and anniversaries of the list's authors.</p>"),
}
# date, kind, link ("event slug" or None), per language (title, note)
NOTABLE_DATES = [
    (date(2026, 9, 1), "education", None, {"kk": ("Білім күні", ""), "ru": ("День знаний", ""), "en": ("Knowledge Day", "")}),
    (date(2026, 9, 22), "national", None, {"kk": ("Қазақстан халқының тілдері күні", ""), "ru": ("День языков народа Казахстана", ""), "en": ("Day of the Languages of the People of Kazakhstan", "")}),
    (date(2026, 10, 25), "holiday", None, {"kk": ("Республика күні", ""), "ru": ("День Республики", ""), "en": ("Republic Day", "")}),
    (date(2026, 10, 26), "professional", "international-school-library-day", {
        "kk": ("Халықаралық мектеп кітапханалары күні", "Он күндік фестиваль 19–28 қазан аралығында өтеді."),
        "ru": ("Международный день школьных библиотек", "Десятидневный фестиваль проходит с 19 по 28 октября."),
        "en": ("International School Library Day", "The ten-day festival runs from 19 to 28 October."),
    }),
    (date(2026, 12, 16), "holiday", None, {"kk": ("Тәуелсіздік күні", ""), "ru": ("День Независимости", ""), "en": ("Independence Day", "")}),
    (date(2027, 2, 21), "international", None, {"kk": ("Халықаралық ана тілі күні", ""), "ru": ("Международный день родного языка", ""), "en": ("International Mother Language Day", "")}),
    (date(2027, 3, 21), "international", None, {"kk": ("Дүниежүзілік поэзия күні", ""), "ru": ("Всемирный день поэзии", ""), "en": ("World Poetry Day", "")}),
    (date(2027, 3, 22), "holiday", None, {"kk": ("Наурыз мейрамы", ""), "ru": ("Праздник Наурыз", ""), "en": ("Nauryz", "")}),
    (date(2027, 4, 2), "international", None, {
        "kk": ("Халықаралық балалар кітабы күні", "Ханс Кристиан Андерсеннің туған күні."),
        "ru": ("Международный день детской книги", "День рождения Ханса Кристиана Андерсена."),
        "en": ("International Children's Book Day", "Hans Christian Andersen's birthday."),
    }),
    (date(2027, 4, 23), "international", None, {"kk": ("Дүниежүзілік кітап және авторлық құқық күні", ""), "ru": ("Всемирный день книги и авторского права", ""), "en": ("World Book and Copyright Day", "")}),
    (date(2027, 5, 31), "national", None, {
        "kk": ("Саяси қуғын-сүргін және ашаршылық құрбандарын еске алу күні", "Алаш қайраткерлерінің шығармаларын көрмеге қойыңыз."),
        "ru": ("День памяти жертв политических репрессий и голода", "Покажите на выставке произведения деятелей Алаша."),
        "en": ("Day of Remembrance of the Victims of Political Repression and Famine", "Show the works of the Alash writers."),
    }),
    (date(2027, 6, 1), "international", None, {"kk": ("Халықаралық балаларды қорғау күні", ""), "ru": ("Международный день защиты детей", ""), "en": ("International Children's Day", "")}),
    (date(2027, 8, 30), "holiday", None, {"kk": ("Конституция күні", ""), "ru": ("День Конституции", ""), "en": ("Constitution Day", "")}),
]

SCHEDULE_PAGE = {
    "slug": f"schedule-{DEMO_SCHOOL_YEAR}-{DEMO_SCHOOL_YEAR + 1}",
    "kk": ("Кітап көрмелерінің бірыңғай кестесі", "<p>Оқу жылына арналған кітап көрмелері: тақырыптары, мерзімдері, сыныптары және ұсынылатын кітаптар.</p>"),
    "ru": ("Единый график книжных выставок", "<p>Книжные выставки на учебный год: темы, сроки, классы и рекомендуемые книги.</p>"),
    "en": ("Unified schedule of book exhibitions", "<p>Book exhibitions for the school year: themes, dates, grades and recommended books.</p>"),
}
# slug, start, end, grades, books, link to the guidance section, per language (title, theme, guidance)
EXHIBITIONS = [
    ("knowledge-day", date(2026, 9, 1), date(2026, 9, 20), (1, 4), [5, 6, 14, 122, 147], False, {
        "kk": ("Білім күні: кітап әлеміне саяхат", "Жаңа оқу жылына арналған кітап көрмесі", "<p>Көрмені үш бөлімге бөліңіз: ертегілер, өлеңдер, танымдық кітаптар. Әр бөлімге балаларға арналған шағын викторина қосыңыз.</p>"),
        "ru": ("День знаний: путешествие в мир книг", "Книжная выставка к новому учебному году", "<p>Разделите выставку на три раздела: сказки, стихи, познавательные книги. К каждому разделу добавьте небольшую викторину для детей.</p>"),
        "en": ("Knowledge Day: a journey into the world of books", "A book exhibition for the new school year", "<p>Divide the display into three parts: fairy tales, poems and books about the world. Add a short quiz for children to each part.</p>"),
    }),
    ("school-library-day", date(2026, 10, 12), date(2026, 10, 30), (1, 11), [14, 16, 99], True, {
        "kk": ("Мектеп кітапханасы – білім ордасы", "Халықаралық мектеп кітапханалары күніне", "<p>Кітапхананың тарихы мен қызметтері туралы фотосуреттер қойыңыз, оқырмандардың ұсыныстарына арналған жәшік орнатыңыз.</p>"),
        "ru": ("Школьная библиотека – дом знаний", "К Международному дню школьных библиотек", "<p>Разместите фотографии об истории и услугах библиотеки, поставьте ящик для предложений читателей.</p>"),
        "en": ("The school library, a house of knowledge", "For International School Library Day", "<p>Show photographs of the library's history and services and set up a box for readers' suggestions.</p>"),
    }),
    ("independence", date(2026, 12, 1), date(2026, 12, 20), (7, 11), [46, 56, 66, 67], False, {
        "kk": ("Тәуелсіздік шежіресі", "Тәуелсіздік күніне", "<p>Кітаптардың қасына Тәуелсіздік жылдарының маңызды оқиғалары көрсетілген уақыт сызығын іліңіз.</p>"),
        "ru": ("Летопись Независимости", "Ко Дню Независимости", "<p>Рядом с книгами повесьте ленту времени с важнейшими событиями лет Независимости.</p>"),
        "en": ("A chronicle of Independence", "For Independence Day", "<p>Hang a timeline of the key events of the years of Independence next to the books.</p>"),
    }),
    ("alash", date(2027, 1, 18), date(2027, 2, 12), (8, 11), [16, 17, 18, 19, 20, 21, 22], True, {
        "kk": ("Алаш арыстары", "Алаш қайраткерлерінің шығармашылығы", "<p>Әр қайраткердің портретін, өмір жылдарын және шығармасынан үзінді беріңіз. Жоғары сынып оқушыларымен талқылауға сұрақтар дайындаңыз.</p>"),
        "ru": ("Деятели Алаша", "Творчество деятелей движения «Алаш»", "<p>Для каждого деятеля дайте портрет, годы жизни и отрывок из произведения. Подготовьте вопросы для обсуждения со старшеклассниками.</p>"),
        "en": ("The leaders of Alash", "The writings of the Alash movement", "<p>For each writer show a portrait, the years of their life and an extract from their work. Prepare discussion questions for senior pupils.</p>"),
    }),
    ("poetry", date(2027, 3, 10), date(2027, 4, 3), (5, 11), [20, 37, 38, 39, 123], False, {
        "kk": ("Поэзия әлемі", "Дүниежүзілік поэзия күніне", "<p>Оқушылардан сүйікті өлеңдерін жазып, көрме қабырғасына ілуді сұраңыз; мәнерлеп оқу сағатын өткізіңіз.</p>"),
        "ru": ("Мир поэзии", "Ко Всемирному дню поэзии", "<p>Попросите учеников написать любимые стихи и повесить их на стену выставки; проведите час выразительного чтения.</p>"),
        "en": ("The world of poetry", "For World Poetry Day", "<p>Ask pupils to write out their favourite poems and pin them on the exhibition wall; hold an hour of reading aloud.</p>"),
    }),
    ("fairy-tales", date(2027, 3, 29), date(2027, 4, 16), (1, 4), [5, 130, 131, 139, 147], False, {
        "kk": ("Ертегілер еліне саяхат", "Халықаралық балалар кітабы күніне", "<p>Ертегі кейіпкерлерінің суреттерін салу байқауын ұйымдастырыңыз, үздік жұмыстарды кітаптардың жанына қойыңыз.</p>"),
        "ru": ("Путешествие в страну сказок", "К Международному дню детской книги", "<p>Устройте конкурс рисунков по сказкам и выставьте лучшие работы рядом с книгами.</p>"),
        "en": ("A journey to the land of fairy tales", "For International Children's Book Day", "<p>Run a drawing contest on the tales and show the best pictures next to the books.</p>"),
    }),
    ("summer-reading", date(2027, 5, 17), date(2027, 8, 31), (1, 9), [33, 86, 87, 113, 136], False, {
        "kk": ("Жазғы оқу: кітаппен демалыс", "Жазғы демалысқа ұсынылатын кітаптар", "<p>Әр сыныпқа арналған жазғы оқу тізімін басып шығарып, оқушыларға таратыңыз.</p>"),
        "ru": ("Летнее чтение: каникулы с книгой", "Книги, которые мы советуем на лето", "<p>Распечатайте летний список чтения для каждого класса и раздайте ученикам.</p>"),
        "en": ("Summer reading: holidays with a book", "Books we recommend for the summer", "<p>Print a summer reading list for each grade and hand it out to pupils.</p>"),
    }),
]


def _publish(page) -> None:
    page.save_revision(clean=True).publish()
    page.refresh_from_db()


def _missing(parent, model, slug) -> bool:
    return not model.objects.child_of(parent).filter(slug=slug).exists()


def _create_child(parent, page, log):
    parent.add_child(instance=page)
    log(f"created {page.slug}")
    _publish(page)
    return page.specific


def _books(numbers) -> list:
    found = {book.list_no: book for book in BookPage.objects.live().filter(locale__language_code="kk", list_no__in=numbers)}
    return [found[number] for number in numbers if number in found]


def demo_event_types(log=print) -> dict:
    """The event types by slug; missing ones are created with their translations, existing ones used as they are."""
    kk = Locale.objects.get(language_code="kk")
    existing = {event_type.slug: event_type for event_type in EventType.objects.filter(locale=kk)}
    types = {}
    for slug, names in EVENT_TYPES:
        event_type = existing.get(slug)
        if event_type is None:
            event_type = EventType.objects.create(locale=kk, slug=slug, name=names[0])
            translation_sync(event_type, {code: translated_copy(event_type, name=names[index]) for index, code in enumerate(LANGS) if code != "kk"})
        types[slug] = event_type
    return types


def demo_author_dates(log=print) -> int:
    """Dates from author_dates.csv applied to the list's Author snippets found by Kazakh name (and their translations)."""
    updated = 0
    with AUTHOR_DATES.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            author = Author.objects.filter(locale__language_code="kk", name=row["author_kk"].strip()).first()
            if author is None:
                continue
            birth = date.fromisoformat(row["birth_date"]) if row["birth_date"] else None
            death = date.fromisoformat(row["death_date"]) if row["death_date"] else None
            Author.objects.filter(translation_key=author.translation_key).update(
                birth_date=birth,
                birth_year=birth.year if birth else (int(row["birth_year"]) if row["birth_year"] else None),
                death_date=death,
                death_year=death.year if death else (int(row["death_year"]) if row["death_year"] else None),
            )
            updated += 1
    return updated


def demo_events(calendar, types, log=print) -> dict:
    """The demo events missing under ``calendar`` (existing ones are left alone), by slug."""
    pages = {}
    for data in EVENTS:
        if not _missing(calendar, EventPage, data["slug"]):
            continue
        page = EventPage(slug=data["slug"])
        title, intro, venue, organiser, description = data["text"]["kk"]
        page.title, page.intro, page.venue, page.organiser, page.description = title, f"<p>{intro}</p>", venue, organiser, description
        page.event_type = types[data["type"]]
        for name in ("start_date", "start_time", "end_date", "end_time", "repeat_until"):
            setattr(page, name, data.get(name))
        page.repeat, page.recurrence_rule = data.get("repeat", ""), data.get("recurrence_rule", "")
        page.exception_dates = data.get("exception_dates", "")
        page.audiences, page.region, page.programme_action = data["audiences"], data["region"], data.get("programme_action", "")
        page.online_url, page.registration_url = data.get("online_url", ""), data.get("registration_url", "")
        page.related_books = [EventBook(book=book, sort_order=index) for index, book in enumerate(_books(data["books"]))]
        texts = {
            code: {"title": text[0], "intro": f"<p>{text[1]}</p>", "venue": text[2], "organiser": text[3], "description": text[4]}
            for code, text in data["text"].items() if code != "kk"
        }
        page = _create_child(calendar, page, log)
        translation_sync(page, {code: translated_copy(page, **values) for code, values in texts.items()})
        pages[data["slug"]] = page
    return pages


def demo_notable_dates(calendar, log=print) -> NotableDatesPage | None:
    """The notable dates page under ``calendar`` when missing (its links go to the calendar's events by slug)."""
    if not _missing(calendar, NotableDatesPage, NOTABLE_PAGE["slug"]):
        return None
    events = {page.slug: page for page in EventPage.objects.child_of(calendar)}
    page = NotableDatesPage(slug=NOTABLE_PAGE["slug"], title=NOTABLE_PAGE["kk"][0], intro=NOTABLE_PAGE["kk"][1])
    page.school_year, page.show_anniversaries = DEMO_SCHOOL_YEAR, True
    page.dates = [
        NotableDate(sort_order=index, date=day, kind=kind, title=texts["kk"][0], description=texts["kk"][1],
                    link_page=events.get(link) if link else None)
        for index, (day, kind, link, texts) in enumerate(NOTABLE_DATES)
    ]
    page = _create_child(calendar, page, log)
    translation_sync(page, {code: _notable_copy(page, code) for code in ("ru", "en")})
    return page


def _notable_copy(page, code):
    translated = translated_copy(page, title=NOTABLE_PAGE[code][0], intro=NOTABLE_PAGE[code][1])
    copies = []
    for child, (_day, _kind, _link, texts) in zip(page.dates.all(), NOTABLE_DATES, strict=True):
        child.title, child.description = texts[code]
        copies.append(child)
    translated.dates = copies
    return translated


def demo_exhibitions(section, guidance, log=print) -> ExhibitionSchedulePage | None:
    """The exhibition schedule under ``section`` with its exhibitions, when the schedule is missing."""
    if not _missing(section, ExhibitionSchedulePage, SCHEDULE_PAGE["slug"]):
        return None
    schedule = ExhibitionSchedulePage(slug=SCHEDULE_PAGE["slug"], title=SCHEDULE_PAGE["kk"][0], intro=SCHEDULE_PAGE["kk"][1])
    schedule.school_year = DEMO_SCHOOL_YEAR
    schedule = _create_child(section, schedule, log)
    expected = {code: {"title": SCHEDULE_PAGE[code][0], "intro": SCHEDULE_PAGE[code][1]} for code in ("ru", "en")}
    translation_sync(schedule, {code: translated_copy(schedule, **values) for code, values in expected.items()})
    for slug, start, end, grades, numbers, with_guideline, texts in EXHIBITIONS:
        page = ExhibitionPage(slug=slug)
        page.title, page.theme, page.guidance = texts["kk"]
        page.start_date, page.end_date = start, end
        page.grade_min, page.grade_max = grades
        page.guideline_page = guidance if with_guideline else None
        page.recommended_books = [ExhibitionBook(book=book, sort_order=index) for index, book in enumerate(_books(numbers))]
        page = _create_child(schedule, page, log)
        expected = {code: {"title": texts[code][0], "theme": texts[code][1], "guidance": texts[code][2]} for code in ("ru", "en")}
        translation_sync(page, {code: translated_copy(page, **values) for code, values in expected.items()})
    return schedule


def demo_calendars(sections: dict, new_sections=None, log=print) -> dict:
    """Event types, events, notable dates and the exhibition schedule under those of the kk sections created in
    this run (all of them when ``new_sections`` is None)."""
    build = set(sections) if new_sections is None else set(new_sections)
    result = {"event_types": {}, "events": {}, "notable_dates": None, "exhibitions": None}
    if "events" in build:
        result["event_types"] = demo_event_types(log)
        result["events"] = demo_events(sections["events"], result["event_types"], log)
        result["notable_dates"] = demo_notable_dates(sections["events"], log)
    if "exhibitions" in build:
        result["exhibitions"] = demo_exhibitions(sections["exhibitions"], sections["guidance"], log)
    return result
