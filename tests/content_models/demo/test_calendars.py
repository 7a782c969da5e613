"""The calendars' demo content: what a visitor of the demo sees in three languages, and the author dates file."""

import csv
from datetime import date

import pytest

from content_models.books.models import Author
from content_models.demo.calendars import AUTHOR_DATES, demo_author_dates
from content_models.events import EventPage, NotableDatesPage
from content_models.exhibitions import ExhibitionPage, ExhibitionSchedulePage
from content_models.translation.store import translated_copy, translation_sync

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_programmes_dates_in_three_languages():
    for code in ("kk", "ru", "en"):
        events = EventPage.objects.live().filter(locale__language_code=code)
        slugs = set(events.values_list("slug", flat=True))
        assert {"international-school-library-day", "school-library-festival", "one-country-one-book-2027"} <= slugs
        assert events.exclude(region="nationwide").count() >= 3
        assert NotableDatesPage.objects.live().get(locale__language_code=code, school_year=2026)
        schedule = ExhibitionSchedulePage.objects.live().get(locale__language_code=code, school_year=2026)
        assert ExhibitionPage.objects.child_of(schedule).live().count() >= 6


def test_library_day_is_the_last_monday_of_october_and_the_festival_lasts_ten_days():
    day = EventPage.objects.get(locale__language_code="en", slug="international-school-library-day")
    assert [span.first_day for span in day.spans_between(date(2026, 1, 1), date(2027, 12, 31))] == [date(2026, 10, 26), date(2027, 10, 25)]
    festival = EventPage.objects.get(locale__language_code="ru", slug="school-library-festival")
    span = festival.spans_between(date(2027, 10, 1), date(2027, 10, 31))[0]
    assert len(span.days()) == 10 and date(2027, 10, 25) in span.days()
    assert festival.title == "Десятидневный фестиваль школьных библиотек"


def test_author_dates_file_is_well_formed():
    with AUTHOR_DATES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 14
    names = {row["author_kk"] for row in rows}
    assert {"Абай Құнанбайұлы", "Мұхтар Әуезов", "Ахмет Байтұрсынұлы", "Шоқан Уәлиханов", "Александр Пушкин", "Уильям Шекспир"} <= names
    for row in rows:
        assert row["birth_date"] or row["birth_year"] or row["death_date"] or row["death_year"], row
        if row["birth_date"] and row["death_date"]:
            assert date.fromisoformat(row["birth_date"]) < date.fromisoformat(row["death_date"])


def test_author_dates_reach_the_authors_and_their_translations_and_the_anniversaries(client):
    # The demo's sample import made the kk authors and their translations; add any the sample lacks.
    def kk_author(name):
        author = Author.objects.filter(name=name, locale_id=_kk()).first()
        return author or Author.objects.create(name=name, locale_id=_kk())

    abai = kk_author("Абай Құнанбайұлы")
    if not Author.objects.filter(translation_key=abai.translation_key, locale__language_code="ru").exists():
        translation_sync(abai, {"ru": translated_copy(abai, name="Абай Кунанбаев")})
    musrepov = kk_author("Ғабит Мүсірепов")
    shokan = kk_author("Шоқан Уәлиханов")
    with AUTHOR_DATES.open(encoding="utf-8") as handle:
        names = {row["author_kk"] for row in csv.DictReader(handle)}
    assert demo_author_dates(log=lambda message: None) == Author.objects.filter(locale_id=_kk(), name__in=names).count()
    assert {(author.birth_date, author.death_date) for author in Author.objects.filter(translation_key=abai.translation_key)} == {(date(1845, 8, 10), date(1904, 7, 6))}
    shokan.refresh_from_db()
    assert (shokan.birth_date, shokan.birth_year, shokan.death_year) == (None, 1835, 1865)
    musrepov.refresh_from_db()
    assert musrepov.birth_year == 1902
    page = NotableDatesPage.objects.get(locale__language_code="kk", school_year=2026)
    assert "Ғабит Мүсірепов – туғанына 125 жыл" in client.get(page.url).content.decode()


def _kk():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="kk").pk
