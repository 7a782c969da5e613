"""Demo content: the site tree in kk, ru and en (translations through wagtail-localize).

Every run creates only what is missing; nothing that exists is changed (see load_demo).
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page, Site

from content_models.books.importing import plan_import, run_import
from content_models.books.models import BookListPage, BookPage
from content_models.demo.calendars import demo_author_dates, demo_calendars
from content_models.demo.guidance import demo_guidance
from content_models.digests.models import DigestIndexPage
from content_models.events import EventIndexPage
from content_models.exhibitions import ExhibitionIndexPage
from content_models.guidance.models import GuidanceIndexPage
from content_models.holdings.models import HoldingsCheckPage
from content_models.home.models import HomePage, StandardPage
from content_models.translation.store import translated_copy, translation_sync
from content_models.videos.models import VideoIndexPage
from search.indexing import rebuild
from search.models import SearchDocument

HOME = {
    "kk": {
        "title": "Балалар кітапханасы",
        "slug": "home",
        "intro": "<p>«Балалар кітапханасы» бағдарламасы (2024–2026) мектеп кітапханаларының қорын жаңартады, "
        "кітапханашыларды оқытады және оқушылар, ата-аналар мен мұғалімдердің кітап оқу қозғалысын дамытады.</p>",
        "goal": "<p>Мектеп кітапханаларын оқушылардың кітапқа деген қызығушылығын оятатын заманауи білім "
        "және мәдениет орталығына айналдыру.</p>",
        "tasks": [
            {"title": "Кітап қорын жаңарту", "text": "Мектеп кітапханаларының көркем әдебиет қорын 1 770 атаудан тұратын ұсынылған тізім бойынша жаңарту."},
            {"title": "Кітапхана жұмысын цифрландыру", "text": "Мектеп кітапханаларының жұмысын цифрландыру, мектептің электрондық кітапханасын құру."},
            {"title": "Кітапханашыларды оқыту", "text": "10 000 мектеп кітапханашысының біліктілігін арттыру."},
            {"title": "Кітап оқу қозғалысын дамыту", "text": "Оқушылар, ата-аналар мен мұғалімдердің кітап оқу қозғалысын қалыптастыру."},
        ],
        "results": [
            {"label": "Мектеп кітапханаларының тұрақты оқырмандары", "baseline": "1 млн", "target": "2 млн", "note": ""},
            {"label": "Көркем әдебиет қоры", "baseline": "137 млн дана", "target": "143 млн дана", "note": "Жыл сайын +2 млн дана"},
            {"label": "Оқытылған кітапханашылар", "baseline": "", "target": "10 000", "note": "2024 жылы – 3 000, 2025 жылы – 3 000, 2026 жылы – 4 000"},
            {"label": "Кітап оқу қозғалысындағы оқушылар", "baseline": "", "target": "100 %", "note": ""},
            {"label": "Кітап оқу қозғалысындағы ата-аналар", "baseline": "", "target": "30 %", "note": ""},
        ],
    },
    "ru": {
        "title": "Детская библиотека",
        "slug": "home",
        "intro": "<p>Программа «Балалар кітапханасы» (2024–2026) обновляет фонды школьных библиотек, обучает "
        "библиотекарей и развивает читательское движение школьников, родителей и учителей.</p>",
        "goal": "<p>Превратить школьные библиотеки в современные центры образования и культуры, пробуждающие "
        "у школьников интерес к книге.</p>",
        "tasks": [
            {"title": "Обновление книжного фонда", "text": "Обновление фондов художественной литературы школьных библиотек по рекомендуемому списку из 1 770 наименований."},
            {"title": "Цифровизация работы библиотек", "text": "Цифровизация работы школьных библиотек, создание школьной электронной библиотеки."},
            {"title": "Обучение библиотекарей", "text": "Повышение квалификации 10 000 школьных библиотекарей."},
            {"title": "Развитие читательского движения", "text": "Формирование читательского движения школьников, родителей и учителей."},
        ],
        "results": [
            {"label": "Постоянные читатели школьных библиотек", "baseline": "1 млн", "target": "2 млн", "note": ""},
            {"label": "Фонд художественной литературы", "baseline": "137 млн экз.", "target": "143 млн экз.", "note": "Ежегодно +2 млн экз."},
            {"label": "Обученные библиотекари", "baseline": "", "target": "10 000", "note": "2024 год – 3 000, 2025 год – 3 000, 2026 год – 4 000"},
            {"label": "Школьники в читательском движении", "baseline": "", "target": "100 %", "note": ""},
            {"label": "Родители в читательском движении", "baseline": "", "target": "30 %", "note": ""},
        ],
    },
    "en": {
        "title": "Children's Library",
        "slug": "home",
        "intro": "<p>The Balalar kitaphanasy programme (2024–2026) renews school library collections, trains school "
        "librarians and builds a reading movement of pupils, parents and teachers.</p>",
        "goal": "<p>To turn school libraries into modern centres of learning and culture that awaken pupils' "
        "interest in books.</p>",
        "tasks": [
            {"title": "Renew the collections", "text": "Renew school libraries' fiction holdings against the recommended list of 1,770 titles."},
            {"title": "Digitise library work", "text": "Digitise the work of school libraries and build the school electronic library."},
            {"title": "Train librarians", "text": "Train 10,000 school librarians."},
            {"title": "Build a reading movement", "text": "Build a reading movement of pupils, parents and teachers."},
        ],
        "results": [
            {"label": "Regular school-library visitors", "baseline": "1 M", "target": "2 M", "note": ""},
            {"label": "Fiction holdings", "baseline": "137 M copies", "target": "143 M copies", "note": "+2 M copies a year"},
            {"label": "Librarians trained", "baseline": "", "target": "10,000", "note": "3,000 in 2024, 3,000 in 2025, 4,000 in 2026"},
            {"label": "Pupils in the reading movement", "baseline": "", "target": "100 %", "note": ""},
            {"label": "Parents in the reading movement", "baseline": "", "target": "30 %", "note": ""},
        ],
    },
}

SECTIONS = [
    (BookListPage, "books", {
        "kk": ("Ұсынылған кітаптар", "Бағдарлама ұсынған кітаптар тізімі: аннотациялар, кезеңдер, жанрлар мен сыныптар бойынша сүзгілер."),
        "ru": ("Рекомендуемые книги", "Рекомендуемый программой список книг: аннотации, фильтры по периодам, жанрам и классам."),
        "en": ("Recommended books", "The programme's recommended list: annotations, filters by period, genre and grade."),
    }),
    (GuidanceIndexPage, "guidance", {
        "kk": ("Әдістемелік нұсқаулар", "Мектеп кітапханашыларына арналған нұсқаулықтар мен әдістемелік ұсынымдар."),
        "ru": ("Методические рекомендации", "Инструкции и методические рекомендации для школьных библиотекарей."),
        "en": ("Guidance", "Instructions and methodological guidelines for school librarians."),
    }),
    (EventIndexPage, "events", {
        "kk": ("Іс-шаралар", "Бағдарламаның іс-шаралар күнтізбесі: Халықаралық мектеп кітапханалары күні, оқу акциялары."),
        "ru": ("Мероприятия", "Календарь мероприятий программы: Международный день школьных библиотек, читательские акции."),
        "en": ("Events", "The programme's event calendar: International School Library Day, reading campaigns."),
    }),
    (ExhibitionIndexPage, "exhibitions", {
        "kk": ("Кітап көрмелері", "Оқу жылына арналған кітап көрмелерінің бірыңғай кестесі."),
        "ru": ("Книжные выставки", "Единый график книжных выставок на учебный год."),
        "en": ("Exhibitions", "The unified school-year schedule of book exhibitions."),
    }),
    (DigestIndexPage, "digests", {
        "kk": ("Дайджестер", "Тоқсан сайынғы дайджестер мен жыл сайынғы библиографиялық көрсеткіштер."),
        "ru": ("Дайджесты", "Ежеквартальные дайджесты и ежегодные библиографические указатели."),
        "en": ("Digests", "Quarterly digests and annual bibliographic indexes."),
    }),
    (VideoIndexPage, "videos", {
        "kk": ("Бейнематериалдар", "Өңірлердегі мектеп кітапханаларының озық тәжірибесі туралы бейнематериалдар."),
        "ru": ("Видеоматериалы", "Видеоматериалы о лучших практиках школьных библиотек регионов."),
        "en": ("Videos", "Best-practice videos from school libraries across the regions."),
    }),
    (HoldingsCheckPage, "holdings-check", {
        "kk": ("Қорды тексеру", "Мектеп кітапханасының қорын (CSV немесе XLSX файлы) жүктеп, ұсынылған тізімдегі қай кітаптар жоқ екенін және қайсысын сатып алу керегін біліңіз. Тіркелудің қажеті жоқ, файл сақталмайды."),
        "ru": ("Проверка фонда", "Загрузите фонд школьной библиотеки (файл CSV или XLSX) и узнайте, каких книг из рекомендуемого списка в нём нет и что нужно закупить. Регистрация не нужна, файл не сохраняется."),
        "en": ("Holdings check", "Upload your school library's holdings (a CSV or XLSX file) and see which books of the recommended list it lacks and what to buy. No account needed; the file is not kept."),
    }),
]


def _save_and_publish(page: Page) -> None:
    revision = page.save_revision(clean=True)
    revision.publish()


def demo_home(log=print) -> tuple[HomePage, bool]:
    """The kk home page at the site root with ru/en translations, created when missing; (page, created).

    An existing home page is returned as it is: its text, translations and the site record belong to the editors.
    """
    kk = Locale.objects.get(language_code="kk")
    home = HomePage.objects.filter(locale=kk, depth=2).first()
    if home is not None:
        return home, False
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=kk))
    # Wagtail's placeholder "Welcome" page makes way for the home page.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    data = HOME["kk"]
    home = HomePage(title=data["title"], slug=data["slug"], locale=kk, intro=data["intro"], goal=data["goal"])
    home.tasks = [{"type": "task", "value": value} for value in data["tasks"]]
    home.results = [{"type": "figure", "value": value} for value in data["results"]]
    root.add_child(instance=home)
    _save_and_publish(home)
    home.refresh_from_db()
    log("created home page")

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, home, "Balalar kitaphanasy"
    site.save()

    translations = {}
    for code in ("ru", "en"):
        tr = HOME[code]
        translations[code] = translated_copy(
            home, title=tr["title"], slug=tr["slug"], intro=tr["intro"], goal=tr["goal"],
            tasks=tr["tasks"], results=tr["results"],
        )
    translation_sync(home, translations)
    return home, True


def demo_sections(home: HomePage, log=print) -> tuple[dict, set]:
    """The section pages under the kk home page, with ru/en translations; each created only when missing.

    Returns the sections by slug and the slugs of those created now (only those get the demo content under them).
    """
    sections, created = {}, set()
    children = list(Page.objects.child_of(home))  # one query; the specific pages load only if used
    for model, slug, texts in SECTIONS:
        content_type = ContentType.objects.get_for_model(model)
        page = next((child for child in children if child.content_type_id == content_type.pk), None)
        if page is not None:
            sections[slug] = page.specific_deferred
            continue
        title, intro = texts["kk"]
        page = model(title=title, slug=slug, intro=f"<p>{intro}</p>", show_in_menus=True)
        home.add_child(instance=page)
        _save_and_publish(page)
        page.refresh_from_db()
        log(f"created {slug}")
        translation_sync(
            page,
            {code: translated_copy(page, title=texts[code][0], slug=slug, intro=f"<p>{texts[code][1]}</p>") for code in ("ru", "en")},
        )
        sections[slug] = page
        created.add(slug)
    return sections, created


def demo_admin_user(log=print) -> tuple[str, str | None]:
    """The admin user from PORTAL_ADMIN_USER / PORTAL_ADMIN_PASSWORD, or a generated one (printed once)."""
    User = get_user_model()
    username = settings.PORTAL_ADMIN_USER or "admin"
    password = settings.PORTAL_ADMIN_PASSWORD or None
    user = User.objects.filter(username=username).first()
    if user is None:
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        return username, password if generated else None
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    return username, None


SAMPLE_LIST = Path(__file__).resolve().parent / "data" / "recommended-sample.csv"


def demo_books(log=print):
    """The sample of the recommended list (150 titles) in kk, ru and en, as the 2024 edition."""
    plan = plan_import(SAMPLE_LIST.read_bytes(), SAMPLE_LIST.name, default_edition=2024)
    if plan.errors:
        raise ValueError("the demo list has errors: " + "; ".join(str(error) for error in plan.errors[:5]))
    result = run_import(plan)
    log(f"book list: {result.summary()}")
    return result


def demo_books_missing() -> bool:
    """True while the Kazakh book list holds no book yet."""
    return not BookPage.objects.filter(locale__language_code="kk").exists()


ABOUT = {
    "kk": ("Бағдарлама туралы", "<p>«Балалар кітапханасы» бағдарламасы 2024–2026 жылдары мектеп кітапханаларының қорын ұсынылған тізім бойынша жаңартады, кітапхана жұмысын цифрландырады, 10 000 мектеп кітапханашысын оқытады және оқушылар, ата-аналар мен мұғалімдердің оқу қозғалысын дамытады.</p>"),
    "ru": ("О программе", "<p>Программа «Балалар кітапханасы» в 2024–2026 годах обновляет фонды школьных библиотек по рекомендуемому списку, цифровизирует библиотечную работу, обучает 10 000 школьных библиотекарей и развивает читательское движение учеников, родителей и учителей.</p>"),
    "en": ("About the programme", "<p>In 2024–2026 the Balalar kitaphanasy programme renews school library collections against the recommended list, digitises library work, trains 10,000 school librarians and builds a reading movement of pupils, parents and teachers.</p>"),
}


def demo_about(home: HomePage, log=print) -> None:
    """The information page about the programme (listed in the footer), created only when the home page has none."""
    if StandardPage.objects.child_of(home).exists():
        return
    title, body = ABOUT["kk"]
    page = StandardPage(title=title, slug="about", body=body, show_in_menus=False)
    home.add_child(instance=page)
    _save_and_publish(page)
    page.refresh_from_db()
    log("created about")
    translation_sync(page, {code: translated_copy(page, title=ABOUT[code][0], slug="about", body=ABOUT[code][1]) for code in ("ru", "en")})


@transaction.atomic
def load_demo(log=print, books: bool = True) -> dict:
    """Create whatever part of the demo is missing; never change, re-publish or re-revise what exists.

    The home page and each section are built once, with the demo content under them, when they are missing.
    A section that exists is left alone with everything under it, so editors' changes, additions and
    deletions survive every later run. The sample book list is imported while the list holds no book.
    """
    home, _created = demo_home(log)
    sections, new_sections = demo_sections(home, log)
    demo_about(home, log)
    book_result = None
    if books and "books" in sections and demo_books_missing():
        book_result = demo_books(log)
        demo_author_dates(log)
    guidance = demo_guidance(sections, new_sections, log)
    demo_calendars(sections, new_sections, log)
    demo_search_index(log)
    return {"home": home, "sections": sections, "new_sections": new_sections, "books": book_result, "guidance": guidance}


def demo_search_index(log=print):
    """Publishing keeps the portal search index in step; a database made before the index existed (or with
    the index emptied) gets it built once here."""
    if not SearchDocument.objects.exists():
        counts = rebuild()
        log(f"search index: {counts['documents']} documents")
