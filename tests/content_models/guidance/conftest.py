"""The guidance section the tests read: three guidelines built in kk and translated into ru and en through
wagtail-localize, each language with its own texts and topics."""

import datetime

import pytest

from tests.factories import make_document, make_guideline, make_topic, translate

PDF_886_BYTES = b"%PDF-1.4\n".ljust(879, b"%") + b"\n%%EOF\n"  # 886 bytes: its size is shown next to the download link

INSTRUCTION = {
    "kk": {
        "title": "Мектеп кітапханасының қорын қалыптастыру жөніндегі нұсқаулық",
        "summary": "Мектеп кітапханасының қорын қалай жоспарлау, толықтыру және есепке алу керектігін түсіндіреді.",
        "approval_reference": "Бағдарлама жұмыс тобының шешімі, № 3 хаттама",
        "headings": ["Жалпы ережелер", "Қорды толықтыру тәртібі", "Жұмыс кестесі", "Ұсынылған тізімнен бастаңыз"],
        "paragraph": "<p>Мектеп кітапханасының қоры оқу процесін қамтамасыз етеді.</p>",
        "steps": ["Қордың қазіргі жағдайын талдаңыз", "Тапсырыс тізімін жасаңыз"],
        "attachments": ["Бақылау парағы", "Кітапқа тапсырыс беру нысаны"],
    },
    "ru": {
        "title": "Инструкция по формированию фонда школьной библиотеки",
        "summary": "Объясняет, как планировать, комплектовать и учитывать фонд школьной библиотеки.",
        "approval_reference": "Решение рабочей группы программы, протокол № 3",
        "headings": ["Общие положения", "Порядок комплектования", "График работы", "Начните с рекомендуемого списка"],
        "paragraph": "<p>Фонд школьной библиотеки обеспечивает учебный процесс.</p>",
        "steps": ["Проанализируйте состояние фонда", "Составьте список заказа"],
        "attachments": ["Контрольный лист", "Форма заказа книг"],
    },
    "en": {
        "title": "Instruction on forming a school library's collection",
        "summary": "Explains how to plan, acquire and record a school library's collection.",
        "approval_reference": "Decision of the programme working group, minutes No. 3",
        "headings": ["General provisions", "How to acquire new books", "Timetable", "Start with the recommended list"],
        "paragraph": "<p>A school library's collection supports teaching.</p>",
        "steps": ["Analyse the collection as it is", "Draw up the order list"],
        "attachments": ["Checklist", "Book order form"],
    },
}


def _instruction_body(texts) -> list:
    """The body's block values in order: sections, a subsection (h3) under the second one, text and steps whose
    list items keep the same ids in every language (wagtail-localize pairs the translated steps by them)."""
    headings = texts["headings"]
    steps = [{"type": "item", "id": f"step-{number}", "value": {"title": title, "text": ""}} for number, title in enumerate(texts["steps"], 1)]
    return [
        {"text": headings[0], "level": "h2"},
        texts["paragraph"],
        {"text": headings[1], "level": "h2"},
        {"title": "", "steps": steps},
        {"text": headings[2], "level": "h3"},
        {"text": headings[3], "level": "h2"},
    ]


INSTRUCTION_BLOCKS = ["heading", "paragraph", "heading", "steps", "heading", "heading"]


def _attachments(texts, documents) -> list:
    return [{"document": document.pk, "title": title, "description": ""} for document, title in zip(documents, texts["attachments"], strict=True)]


def _stream(types, values) -> list:
    return [{"type": block_type, "value": value} for block_type, value in zip(types, values, strict=True)]


def _simple_body(heading, text) -> list:
    return [{"text": heading, "level": "h2"}, text]


@pytest.fixture
def guidelines(section) -> dict:
    """Three live guidelines in kk, ru and en (the kk pages by slug), published oldest to newest:

    - school-electronic-library: recommendations for librarians and teachers, topic electronic-library;
    - collection-forming-instruction: an instruction for librarians, topic collection-forming, approved (minutes
      No. 3, 20 August 2025), last reviewed 1 September 2025; four headings (the third a subsection), numbered
      steps, two attachments (an 886-byte PDF and an XLSX) and the electronic library as related guideline;
    - school-library-day-festival: recommendations for all four audiences, topics school-library-day and
      reading-promotion.
    """
    parent = section("guidance", "kk")
    collection = make_topic("collection-forming", "Кітапхана қорын қалыптастыру", ru="Формирование фонда", en="Collection development")
    electronic_topic = make_topic("electronic-library", "Мектептің электрондық кітапханасы", ru="Школьная электронная библиотека", en="School electronic library")
    day = make_topic("school-library-day", "Мектеп кітапханалары күні", ru="День школьных библиотек", en="School Library Day")
    reading = make_topic("reading-promotion", "Кітап оқуды насихаттау", ru="Продвижение чтения", en="Reading promotion")

    electronic = make_guideline(
        parent, "school-electronic-library", title="«Мектептің электрондық кітапханасы» әдістемелік ұсынымдары",
        summary="Электрондық каталог және цифрлық ресурстар.", document_type="recommendation", audience="librarians,teachers",
        topics=[electronic_topic], body=_stream(["heading", "paragraph"], _simple_body("Іске қосу кезеңдері", "<p>Каталогтан бастаңыз.</p>")),
    )
    translate(
        electronic,
        ru={"title": "Методические рекомендации «Школьная электронная библиотека»", "summary": "Электронный каталог и цифровые ресурсы.",
            "body": _simple_body("Этапы запуска", "<p>Начните с каталога.</p>")},
        en={"title": "Methodological recommendations: the school electronic library", "summary": "The electronic catalogue and digital resources.",
            "body": _simple_body("Getting started", "<p>Begin with the catalogue.</p>")},
    )

    documents = [make_document("checklist.pdf", PDF_886_BYTES, title="Бақылау парағы"), make_document("order-form.xlsx", b"PK\x03\x04" + b"\x00" * 60, title="Нысан")]
    kk = INSTRUCTION["kk"]
    instruction = make_guideline(
        parent, "collection-forming-instruction", title=kk["title"], summary=kk["summary"], document_type="instruction", audience="librarians",
        topics=[collection], approval_reference=kk["approval_reference"], approval_date=datetime.date(2025, 8, 20),
        last_reviewed=datetime.date(2025, 9, 1), body=_stream(INSTRUCTION_BLOCKS, _instruction_body(kk)),
        attachments=_stream(["document", "document"], _attachments(kk, documents)), related=[{"type": "guideline", "value": electronic.pk}],
    )
    translate(instruction, **{
        code: {
            "title": texts["title"], "summary": texts["summary"], "approval_reference": texts["approval_reference"],
            "body": _instruction_body(texts), "attachments": _attachments(texts, documents),
        }
        for code, texts in INSTRUCTION.items() if code != "kk"
    })

    festival = make_guideline(
        parent, "school-library-day-festival", title="Мектеп кітапханалары күніне арналған онкүндік", summary="Онкүндік бағдарламасы.",
        document_type="recommendation", audience="librarians,teachers,pupils,parents", topics=[day, reading],
        body=_stream(["heading", "paragraph"], _simple_body("Онкүндік бағдарламасы", "<p>Күн сайынғы іс-шаралар.</p>")),
    )
    translate(
        festival,
        ru={"title": "Декада к Международному дню школьных библиотек", "summary": "Программа декады.",
            "body": _simple_body("Программа декады", "<p>Мероприятия по дням.</p>")},
        en={"title": "The International School Library Day festival", "summary": "The festival programme.",
            "body": _simple_body("Festival programme", "<p>Activities day by day.</p>")},
    )
    return {page.slug: page for page in (electronic, instruction, festival)}
