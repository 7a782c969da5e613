"""The calendar's month grid, agenda and iCalendar feed: occurrences, filters, today, drafts, parsing back."""

import re
from datetime import date, time

import pytest
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from content_models.calendars import clock
from tests import factories

pytestmark = pytest.mark.django_db

# A year of its own, far from the dates other tests use, so only the events made here show up.
YEAR = 2031


@pytest.fixture
def kinds():
    return {
        "meeting": factories.event_type("writer-meeting-x", "Жазушымен кездесу"),
        "quiet": factories.event_type("quiet-reading-x", "Тыныш оқу сағаты"),
    }


@pytest.fixture
def events(kinds):
    return {
        "library_day": factories.event(
            "Мектеп кітапханалары күні", slug="library-day-x", start_date=date(2029, 10, 29), repeat="last_monday_october",
            audiences=["librarians"], region="nationwide",
        ),
        "quiet": factories.event(
            "Тыныш оқу сағаты X", slug="quiet-x", start_date=date(YEAR, 10, 31), start_time=time(11), end_time=time(12),
            repeat="custom", recurrence_rule="FREQ=MONTHLY;BYDAY=-1FR", event_type=kinds["quiet"], audiences=["pupils"],
        ),
        "almaty": factories.event(
            "Алматыдағы кездесу", slug="almaty-x", start_date=date(YEAR, 10, 15), start_time=time(15), end_time=time(16, 30),
            region="almaty", event_type=kinds["meeting"], audiences=["pupils", "teachers"],
        ),
        "karaganda": factories.event(
            "Қарағандыдағы библиокросс", slug="karaganda-x", start_date=date(YEAR, 10, 20), region="karaganda", audiences=["pupils"],
        ),
        "festival": factories.event(
            "Он күндік фестиваль", slug="festival-x", start_date=date(YEAR, 10, 20), end_date=date(YEAR, 10, 29),
        ),
    }


def _grid(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def _cell(html, day: date) -> str:
    match = re.search(rf'<td class="month-grid__cell[^"]*"[^>]*>\s*<p class="month-grid__date"><time datetime="{day.isoformat()}">.*?</td>', html, re.S)
    assert match, f"no cell for {day}"
    return match.group(0)


def test_month_view_shows_repeating_occurrences_on_their_days(client, events):
    html = _grid(client, f"{factories.calendar().url}month/{YEAR}/10/")
    assert "Мектеп кітапханалары күні" in _cell(html, date(YEAR, 10, 27))  # the last Monday of October 2031
    assert "Мектеп кітапханалары күні" not in _cell(html, date(YEAR, 10, 20))
    assert "Тыныш оқу сағаты X" in _cell(html, date(YEAR, 10, 31))
    november = _grid(client, f"{factories.calendar().url}month/{YEAR}/11/")
    assert "Тыныш оқу сағаты X" in _cell(november, date(YEAR, 11, 28))  # the last Friday of November
    assert "11:00–12:00" in _cell(november, date(YEAR, 11, 28))


def test_a_multi_day_event_fills_every_day_it_lasts(client, events):
    html = _grid(client, f"{factories.calendar().url}month/{YEAR}/10/")
    for day in (20, 25, 29):
        assert "Он күндік фестиваль" in _cell(html, date(YEAR, 10, day))
    assert "Он күндік фестиваль" not in _cell(html, date(YEAR, 10, 30))


def test_the_grid_is_a_table_with_caption_and_weekday_headers_in_the_readers_language(client, events):
    html = _grid(client, f"/ru/events/month/{YEAR}/10/")
    assert '<caption id="month-grid-caption">Октябрь 2031' in html
    assert '<th scope="col"><abbr title="понедельник">Пн</abbr></th>' in html
    kk = _grid(client, f"{factories.calendar().url}month/{YEAR}/10/")
    assert '<caption id="month-grid-caption">Қазан 2031' in kk and '<abbr title="жұма">Жм</abbr>' in kk


def test_today_is_highlighted_in_almaty(client, events):
    with clock.frozen(date(YEAR, 10, 15)):
        html = _grid(client, factories.calendar().url)
    assert 'aria-current="date"' in _cell(html, date(YEAR, 10, 15))
    assert html.count('aria-current="date"') == 1
    assert "бүгін" in _cell(html, date(YEAR, 10, 15))


def test_previous_and_next_months_keep_the_filters(client, events):
    html = _grid(client, f"{factories.calendar().url}month/{YEAR}/10/?region=almaty")
    assert f'href="{factories.calendar().url}month/{YEAR}/9/?region=almaty"' in html
    assert f'href="{factories.calendar().url}month/{YEAR}/11/?region=almaty"' in html
    assert client.get(f"{factories.calendar().url}month/{YEAR}/13/").status_code == 404


def test_filters_narrow_the_month_view(client, events, kinds):
    base = f"{factories.calendar().url}month/{YEAR}/10/"
    almaty = _grid(client, base + "?region=almaty")
    assert "Алматыдағы кездесу" in almaty and "Қарағандыдағы библиокросс" not in almaty
    assert "Он күндік фестиваль" in almaty  # nationwide events stay with every region
    typed = _grid(client, base + "?type=writer-meeting-x")
    assert "Алматыдағы кездесу" in typed and "Он күндік фестиваль" not in typed
    for_teachers = _grid(client, base + "?audience=teachers")
    assert "Алматыдағы кездесу" in for_teachers and "Қарағандыдағы библиокросс" not in for_teachers


def test_an_unknown_filter_is_reported_and_ignored_in_html(client, events):
    html = _grid(client, f"{factories.calendar().url}month/{YEAR}/10/?region=atlantis")
    assert "form-error" in html
    assert "Қарағандыдағы библиокросс" in html


def test_agenda_lists_occurrences_grouped_by_month(client, events):
    html = _grid(client, f"{factories.calendar().url}agenda/{YEAR}/10/")
    months = re.findall(r'<h2 id="agenda-month-\d">([^<]+)</h2>', html)
    assert months == ["Қазан 2031", "Қараша 2031", "Желтоқсан 2031"]
    october = html.split('id="agenda-month-2"')[0]
    assert october.index("Алматыдағы кездесу") < october.index("Он күндік фестиваль") < october.index("Мектеп кітапханалары күні")
    assert html.count("Тыныш оқу сағаты X") == 3
    assert f'href="{factories.calendar().url}agenda/{YEAR}/7/"' in html


def test_agenda_from_today_leaves_out_what_has_ended(client, events):
    with clock.frozen(date(YEAR, 10, 21)):
        html = _grid(client, f"{factories.calendar().url}agenda/")
    assert "Алматыдағы кездесу" not in html
    assert "Он күндік фестиваль" in html  # still running


def test_drafts_and_private_events_never_show(client, events):
    factories.event("Жоба іс-шара", slug="draft-x", start_date=date(YEAR, 10, 16), live=False)
    private = factories.event("Жабық іс-шара", slug="private-x", start_date=date(YEAR, 10, 17))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    calendar_url = factories.calendar().url
    for url in (f"{calendar_url}month/{YEAR}/10/", f"{calendar_url}agenda/{YEAR}/10/", f"{calendar_url}events.ics"):
        body = client.get(url).content.decode()
        assert "Жоба іс-шара" not in body and "Жабық іс-шара" not in body


def test_an_unpublished_change_stays_out_of_the_views_and_the_feed(client, events):
    page = events["almaty"]
    page.title = "Жарияланбаған атау"
    page.save_revision()
    for url in (f"{factories.calendar().url}month/{YEAR}/10/", f"{factories.calendar().url}events.ics"):
        body = client.get(url).content.decode()
        assert "Жарияланбаған атау" not in body and "Алматыдағы кездесу" in body


def test_month_view_and_agenda_need_a_fixed_number_of_queries(client, events, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = [f"{factories.calendar().url}month/{YEAR}/10/", f"{factories.calendar().url}agenda/{YEAR}/10/"]
    before = []
    for url in urls:
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        before.append(len(context))
    for day in range(1, 12):
        factories.event(f"Қосымша {day}", slug=f"extra-{day}", start_date=date(YEAR, 10, day), event_type=events["almaty"].event_type)
    for url, count in zip(urls, before, strict=True):
        with django_assert_max_num_queries(count):
            client.get(url)
        assert count <= 25


def _feed(client, query=""):
    response = client.get(f"{factories.calendar().url}events.ics{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, Calendar.from_ical(response.content)


def test_feed_parses_back_with_timezone_rules_and_stable_uids(client, events):
    with clock.frozen(date(YEAR, 10, 1)):
        first, cal = _feed(client)
        second, _again = _feed(client)
    assert first.content == second.content
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Almaty"]
    by_summary = {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}
    quiet = by_summary["Тыныш оқу сағаты X"]
    assert quiet["DTSTART"].params["TZID"] == "Asia/Almaty"
    assert quiet.decoded("DTSTART").hour == 11 and quiet.decoded("DTSTART").utcoffset().total_seconds() == 5 * 3600
    assert quiet["RRULE"].to_ical() == b"FREQ=MONTHLY;BYDAY=-1FR"
    day = by_summary["Мектеп кітапханалары күні"]
    assert day["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1MO;BYMONTH=10"
    assert day.decoded("DTSTART") == date(2029, 10, 29)
    festival = by_summary["Он күндік фестиваль"]
    assert festival.decoded("DTEND") == date(YEAR, 10, 30)  # exclusive end of an all-day event
    uids = [str(event["UID"]) for event in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert str(quiet["UID"]) == f"event-{events['quiet'].translation_key}-kk@kitaphana.kz"
    assert str(quiet["URL"]).endswith("/kk/events/quiet-x/")


def test_skipped_dates_and_the_last_repetition_reach_the_feed(client):
    factories.event(
        "Айлық оқу", slug="monthly-x", start_date=date(YEAR, 1, 31), start_time=time(10), repeat="custom", recurrence_rule="FREQ=MONTHLY;BYDAY=-1FR",
        repeat_until=date(YEAR, 5, 31), exception_dates="28.03.2031",
    )
    with clock.frozen(date(YEAR, 1, 1)):
        _response, cal = _feed(client)
    event = next(event for event in cal.walk("VEVENT") if str(event["SUMMARY"]) == "Айлық оқу")
    assert event["RRULE"]["UNTIL"][0].isoformat() == "2031-05-31T18:59:59+00:00"
    skipped = event["EXDATE"].dts[0]
    assert skipped.params["TZID"] == "Asia/Almaty" and skipped.dt.isoformat() == "2031-03-28T10:00:00+05:00"


def test_filters_narrow_the_feed_too(client, events):
    with clock.frozen(date(YEAR, 10, 1)):
        _response, cal = _feed(client, "?region=almaty&type=writer-meeting-x")
    assert [str(event["SUMMARY"]) for event in cal.walk("VEVENT")] == ["Алматыдағы кездесу"]


def test_a_feed_with_an_unknown_code_answers_400_with_the_reason(client, events):
    response = client.get(f"{factories.calendar().url}events.ics?type=nonsense")
    assert response.status_code == 400
    assert "Unknown event type 'nonsense'" in response.content.decode()


def test_feed_is_in_the_pages_language(client, events):
    from content_models.translation.store import translated_copy, translation_sync

    page = events["almaty"]
    translation_sync(page, {"en": translated_copy(page, title="Meeting in Almaty")})
    with clock.frozen(date(YEAR, 10, 1)):
        response = client.get("/en/events/events.ics")
    cal = Calendar.from_ical(response.content)
    event = next(event for event in cal.walk("VEVENT") if str(event["SUMMARY"]) == "Meeting in Almaty")
    assert str(event["UID"]).endswith("-en@kitaphana.kz")
    assert str(event["URL"]).endswith("/en/events/almaty-x/")


def test_the_calendar_page_explains_how_to_subscribe(client, events):
    html = _grid(client, f"{factories.calendar().url}?region=almaty")
    assert 'href="webcal://' in html and "events.ics?region=almaty" in html
    assert "Google Calendar" in html


def test_feeds_of_a_private_calendar_are_not_kept_by_shared_caches(client, events, django_user_model):
    public = client.get(f"{factories.calendar().url}events.ics")
    assert "public" in public["Cache-Control"]
    calendar = factories.calendar()
    PageViewRestriction.objects.create(page=calendar, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"{calendar.url}events.ics").status_code == 302  # login first
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    private = client.get(f"{calendar.url}events.ics")
    assert private.status_code == 200 and "private" in private["Cache-Control"]
