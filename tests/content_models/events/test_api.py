"""The calendar endpoints of the v3 API: event occurrences in a range, notable dates; 400s; live only (exhibitions:
tests/content_models/exhibitions/test_api.py)."""

from datetime import date, time

import pytest
from openapi_spec_validator import validate

from content_models.calendars import clock
from content_models.translation.store import translated_copy, translation_sync
from tests import factories

pytestmark = pytest.mark.django_db

YEAR = 2031


@pytest.fixture
def events():
    kind = factories.event_type("writer-meeting-api", "Жазушымен кездесу")
    return {
        "yearly": factories.event("Жыл сайынғы күн", slug="yearly-api", start_date=date(2025, 10, 27), start_time=time(10), end_time=time(12), repeat="last_monday_october"),
        "almaty": factories.event("Алматы кездесуі", slug="almaty-api", start_date=date(YEAR, 10, 15), region="almaty", event_type=kind, audiences=["teachers"]),
        "draft": factories.event("Жоба", slug="draft-api", start_date=date(YEAR, 10, 16), live=False),
    }


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def test_occurrences_in_a_range_expand_repeating_events(client, events):
    data = _get(client, f"/api/v3/events/?start={YEAR - 1}-10-01&end={YEAR}-10-31")
    yearly = [item for item in data["items"] if item["title"] == "Жыл сайынғы күн"]
    assert [item["start"] for item in yearly] == ["2030-10-28T10:00:00+05:00", "2031-10-27T10:00:00+05:00"]
    assert yearly[0]["end"] == "2030-10-28T12:00:00+05:00" and yearly[0]["recurring"] is True
    assert data["start"] == f"{YEAR - 1}-10-01" and data["count"] == len(data["items"])
    assert "Жоба" not in {item["title"] for item in data["items"]}


def test_all_day_occurrences_come_as_dates_and_timed_ones_in_almaty_time(client, events):
    data = _get(client, f"/api/v3/events/?start={YEAR}-10-01&end={YEAR}-10-31")
    almaty = next(item for item in data["items"] if item["title"] == "Алматы кездесуі")
    assert (almaty["start"], almaty["end"], almaty["all_day"]) == (f"{YEAR}-10-15", f"{YEAR}-10-15", True)
    assert almaty["region"] == {"code": "almaty", "name": "Алматы"}
    assert almaty["event_type"] == {"code": "writer-meeting-api", "name": "Жазушымен кездесу"}
    assert almaty["url"].endswith("/kk/events/almaty-api/") and almaty["ics_url"].endswith("/almaty-api/event.ics")


def test_filters_narrow_the_occurrences(client, events):
    base = f"/api/v3/events/?start={YEAR}-10-01&end={YEAR}-10-31"
    assert {item["title"] for item in _get(client, base + "&type=writer-meeting-api")["items"]} == {"Алматы кездесуі"}
    assert "Алматы кездесуі" not in {item["title"] for item in _get(client, base + "&region=karaganda")["items"]}
    assert "Жыл сайынғы күн" in {item["title"] for item in _get(client, base + "&region=karaganda")["items"]}
    for_teachers = {item["title"] for item in _get(client, base + "&audience=teachers")["items"]}
    assert "Алматы кездесуі" in for_teachers and "Жыл сайынғы күн" not in for_teachers


def test_the_locale_chooses_the_language(client, events):
    translation_sync(events["almaty"], {"en": translated_copy(events["almaty"], title="Almaty meeting")})
    data = _get(client, f"/api/v3/events/?start={YEAR}-10-01&end={YEAR}-10-31&locale=en")
    assert data["locale"] == "en"
    almaty = next(item for item in data["items"] if item["title"] == "Almaty meeting")
    assert almaty["region"]["name"] == "Almaty"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("start=2031-01-01&end=2032-03-01", "at most 400 days"),
        ("start=2031-05-01&end=2031-04-01", "before start"),
        ("start=01.05.2031", "YYYY-MM-DD"),
        ("start=2031-02-30", "YYYY-MM-DD"),
        ("region=atlantis", "Unknown region 'atlantis'"),
        ("type=nonsense", "Unknown event type 'nonsense'"),
        ("audience=aliens", "Unknown audience 'aliens'"),
        ("locale=fr", "Unknown locale 'fr'"),
    ],
)
def test_bad_parameters_get_400_with_a_message(client, query, message):
    data = _get(client, f"/api/v3/events/?{query}", status=400)
    assert message in data["detail"]


def test_without_a_range_the_next_month_is_returned(client, events):
    with clock.frozen(date(YEAR, 10, 1)):
        data = _get(client, "/api/v3/events/")
    assert (data["start"], data["end"]) == (f"{YEAR}-10-01", f"{YEAR}-10-31")


def test_types_and_regions_are_listed_for_clients(client, events):
    assert {"code": "writer-meeting-api", "name": "Жазушымен кездесу"} in _get(client, "/api/v3/events/types/")
    regions = _get(client, "/api/v3/events/regions/?locale=ru")
    assert len(regions) == 21 and regions[0]["code"] == "nationwide"


def test_notable_dates_in_a_range_with_anniversaries(client):
    factories.author("Габриэль Гарсиа Маркес Т", birth_date=date(1927, 3, 6), death_date=date(2014, 4, 17))
    factories.author("Жылы белгілі Т", birth_year=2037 - 150)
    factories.notable_page(2036, dates=[(date(2037, 4, 2), "Балалар кітабы күні", "international")], slug="atauly-api-2036")
    data = _get(client, "/api/v3/notable-dates/?start=2037-01-01&end=2037-06-30")
    titles = [item["title"] for item in data["items"]]
    assert "Балалар кітабы күні" in titles
    undated = next(item for item in data["items"] if item["title"].startswith("Жылы белгілі Т"))
    assert undated["date"] is None and undated["year"] == 2037 and undated["kind"] == "birth"
    only_editors = _get(client, "/api/v3/notable-dates/?start=2037-01-01&end=2037-06-30&kind=international")
    assert [item["title"] for item in only_editors["items"]] == ["Балалар кітабы күні"]
    assert "Unknown kind" in _get(client, "/api/v3/notable-dates/?kind=party", status=400)["detail"]


def test_without_a_range_the_notable_dates_of_the_current_school_year_are_returned(client):
    # International School Library Day (the last Monday of October) on the pages of three school years, in Russian;
    # the Kazakh page of the current year is for another locale.
    for year, day in ((2025, 27), (2026, 26), (2027, 25)):
        factories.notable_page(
            year, dates=[(date(year, 10, day), "Международный день школьных библиотек", "professional")],
            parent=factories.calendar("ru"), slug=f"znamenatelnye-daty-{year}",
        )
    factories.notable_page(2026, dates=[(date(2026, 10, 26), "Халықаралық мектеп кітапханалары күні", "professional")], slug="atauly-kunder-2026")
    with clock.frozen(date(2026, 11, 25)):
        data = _get(client, "/api/v3/notable-dates/?locale=ru")
    assert (data["start"], data["end"]) == ("2026-09-01", "2027-08-31")
    titles = {item["title"] for item in data["items"]}
    assert "Международный день школьных библиотек" in titles
    assert "Халықаралық мектеп кітапханалары күні" not in titles
    assert [item["date"] for item in data["items"] if item["title"] == "Международный день школьных библиотек"] == ["2026-10-26"]
    assert all(item["school_year"] == 2026 for item in data["items"])


def test_the_calendar_endpoints_are_documented_in_the_openapi_schema(client):
    schema = client.get("/api/v3/openapi.json").json()
    validate(schema)
    for path in ("/api/v3/events/", "/api/v3/events/types/", "/api/v3/events/regions/", "/api/v3/exhibitions/", "/api/v3/notable-dates/"):
        assert path in schema["paths"], path
    parameters = {item["name"] for item in schema["paths"]["/api/v3/events/"]["get"]["parameters"]}
    assert parameters == {"start", "end", "region", "type", "audience", "locale"}
    assert "400" in schema["paths"]["/api/v3/events/"]["get"]["responses"]


def test_the_calendar_operations_keep_their_ids_tags_and_schemas(client):
    schema = client.get("/api/v3/openapi.json").json()
    expected = {
        "/api/v3/events/": ("events_list", "events", "EventOccurrences"),
        "/api/v3/events/types/": ("event_types_list", "events", None),
        "/api/v3/events/regions/": ("event_regions_list", "events", None),
        "/api/v3/exhibitions/": ("exhibitions_list", "exhibitions", "Exhibitions"),
        "/api/v3/notable-dates/": ("notable_dates_list", "notable dates", "NotableDates"),
    }
    for path, (operation_id, tag, response_schema) in expected.items():
        operation = schema["paths"][path]["get"]
        assert operation["operationId"] == operation_id
        assert operation["tags"] == [tag]
        assert set(operation["responses"]) == {"200", "400", "422"}
        assert set(operation["responses"]["400"]["content"]) == {"application/problem+json"}
        ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
        if response_schema:
            assert ok["$ref"] == f"#/components/schemas/{response_schema}"
        else:
            assert ok["items"]["$ref"] == "#/components/schemas/CodeName"
    components = schema["components"]["schemas"]
    for name in ("CodeName", "BookRef", "PageRef", "EventOccurrence", "Exhibition", "NotableDate"):
        assert name in components, name


def test_listing_occurrences_needs_a_fixed_number_of_queries(client, events, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/api/v3/events/?start={YEAR}-10-01&end={YEAR}-10-31"
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    for day in range(1, 12):
        factories.event(f"Қосымша {day}", slug=f"api-extra-{day}", start_date=date(YEAR, 10, day), event_type=events["almaty"].event_type)
    with django_assert_max_num_queries(len(context)):
        data = _get(client, url)
    assert data["count"] >= 12


def test_unpublished_notable_dates_pages_stay_out_of_the_api(client):
    page = factories.notable_page(2037, dates=[(date(2037, 10, 26), "Жасырын күн", "professional")], slug="atauly-hidden")
    assert "Жасырын күн" in {item["title"] for item in _get(client, "/api/v3/notable-dates/?start=2037-09-01&end=2038-08-31")["items"]}
    page.unpublish()
    assert "Жасырын күн" not in {item["title"] for item in _get(client, "/api/v3/notable-dates/?start=2037-09-01&end=2038-08-31")["items"]}
