"""The videos section the tests read: two videos built in kk and translated into ru and en through wagtail-localize,
each language with its own title, transcript and subtitles."""

import datetime

import pytest

from tests.factories import WEBM_BYTES, make_image, make_topic, make_video_file, make_video_page, translate

RENEWING = {
    "kk": {
        "title": "Кітапхана қорын жаңарту: бір мектептің тәжірибесі", "school": "№ 12 мектеп-лицей кітапханасы, Тараз",
        "summary": "Кітапханашы қорды жыл сайын қалай талдайтынын көрсетеді.",
        "transcript": "<p>Біз кітапхана қорын жыл сайын талдаймыз. Жаңа кітаптарды ұсынылған тізімнен таңдаймыз.</p>",
        "cues": ["Біз кітапхана қорын жыл сайын талдаймыз.", "Жаңа кітаптарды ұсынылған тізімнен таңдаймыз."],
    },
    "ru": {
        "title": "Обновление фонда библиотеки: опыт одной школы", "school": "Библиотека школы-лицея № 12, Тараз",
        "summary": "Библиотекарь показывает, как ежегодно анализирует фонд.",
        "transcript": "<p>Мы ежегодно анализируем фонд библиотеки. Новые книги выбираем из рекомендуемого списка.</p>",
        "cues": ["Мы ежегодно анализируем фонд библиотеки.", "Новые книги выбираем из рекомендуемого списка."],
    },
    "en": {
        "title": "Renewing the library collection: one school's experience", "school": "Library of School-Lyceum No. 12, Taraz",
        "summary": "A librarian shows how she analyses the collection every year.",
        "transcript": "<p>Every year we analyse the library collection. We choose new books from the recommended list.</p>",
        "cues": ["Every year we analyse the library collection.", "We choose new books from the recommended list."],
    },
}
TIMES = [("00:00:00.000", "00:00:01.800"), ("00:00:01.800", "00:00:04.000")]


def _cues(texts) -> list:
    return [{"start": start, "end": end, "text": text} for (start, end), text in zip(TIMES, texts["cues"], strict=True)]


@pytest.fixture
def videos(section) -> dict:
    """Two live videos in kk, ru and en (the kk pages by slug), published in this order:

    - renewing-the-collection: an MP4 with a poster, 5 seconds, from the Zhambyl region, topic collection-forming,
      two subtitles per language (the first from 00:00:00.000 to 00:00:01.800), a transcript, and a link to the
      school's own channel;
    - reading-festival: a WebM from the Pavlodar region, topics school-library-day and reading-promotion.
    """
    parent = section("videos", "kk")
    collection = make_topic("collection-forming", "Кітапхана қорын қалыптастыру", ru="Формирование фонда", en="Collection development")
    day = make_topic("school-library-day", "Мектеп кітапханалары күні", ru="День школьных библиотек", en="School Library Day")
    reading = make_topic("reading-promotion", "Кітап оқуды насихаттау", ru="Продвижение чтения", en="Reading promotion")

    kk = RENEWING["kk"]
    renewing = make_video_page(
        parent, "renewing-the-collection", title=kk["title"], summary=kk["summary"], school=kk["school"], transcript=kk["transcript"],
        poster=make_image("Қорды жаңарту – постер"), duration=datetime.timedelta(seconds=5), region="zhambyl", topics=[collection],
        external_url="https://example.org/school-12/renewing", subtitles=[{"type": "cue", "value": cue} for cue in _cues(kk)],
    )
    translate(renewing, **{
        code: {"title": texts["title"], "summary": texts["summary"], "school": texts["school"], "transcript": texts["transcript"], "subtitles": _cues(texts)}
        for code, texts in RENEWING.items() if code != "kk"
    })

    festival = make_video_page(
        parent, "reading-festival", title="Онкүндік: мектеп кітапханасындағы оқу мерекесі", summary="Онкүндік туралы қысқа бейне.",
        video=make_video_file(name="reading-festival.webm", content=WEBM_BYTES, title="Оқу онкүндігі"), region="pavlodar",
        school="№ 7 мектеп кітапханасы, Павлодар", transcript="<p>Онкүндік кітап көрмесімен ашылады.</p>", topics=[day, reading],
    )
    translate(
        festival,
        ru={"title": "Декада чтения в школьной библиотеке", "summary": "Короткое видео о декаде.", "school": "Библиотека школы № 7, Павлодар",
            "transcript": "<p>Декада открывается книжной выставкой.</p>"},
        en={"title": "A ten-day reading festival in a school library", "summary": "A short video on the festival.",
            "school": "Library of School No. 7, Pavlodar", "transcript": "<p>The festival opens with a book exhibition.</p>"},
    )
    return {page.slug: page for page in (renewing, festival)}
