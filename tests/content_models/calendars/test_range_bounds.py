"""Calendar ranges stay within the calendar years: dates at the ends of what a date can hold (year 1, year 9999), which
used to overflow while repeating events were expanded, are answered with 400 and a message, never a server error."""

from datetime import date

import pytest

from content_models.calendars.dates import parse_range
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def yearly_event():
    return factories.event("Мектеп кітапханаларының күні Т", start_date=date(2024, 10, 28), repeat="last_monday_october")


@pytest.mark.parametrize("url", [
    "/api/v3/events/?start=9999-12-01&end=9999-12-31",
    "/api/v3/events/?start=0001-01-01&end=0001-02-01",
    "/api/v3/events/?start=9999-12-31",
    "/api/v3/events/?start=1999-12-31&end=2000-01-31",
    "/api/v3/notable-dates/?start=9999-12-01&end=9999-12-31",
    "/api/v3/notable-dates/?start=0001-01-01&end=0001-02-01",
    "/api/v3/exhibitions/?start=9999-12-01&end=9999-12-31",
    "/api/v3/exhibitions/?start=2100-12-01&end=2101-01-31",
])
def test_dates_outside_the_calendar_years_are_a_400_with_a_message(client, yearly_event, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "between 2000-01-01 and 2100-12-31" in response.json()["detail"]


def test_the_first_and_last_calendar_years_are_answered(client, yearly_event):
    first = client.get("/api/v3/events/?start=2000-01-01&end=2000-12-31").json()
    assert first["count"] == 0  # the event began in 2024
    last = client.get("/api/v3/events/?start=2100-12-01")  # the default end stops at the last calendar day
    assert last.status_code == 200 and last.json()["end"] == "2100-12-31"
    autumn = client.get("/api/v3/events/?start=2100-10-01&end=2100-10-31").json()
    assert [item["start"] for item in autumn["items"]] == ["2100-10-25"]  # the last Monday of October 2100


def test_the_month_grid_outside_the_calendar_years_is_not_found(client, yearly_event):
    calendar = factories.calendar()
    assert client.get(f"{calendar.url}month/2100/10/").status_code == 200
    assert client.get(f"{calendar.url}month/9999/12/").status_code == 404
    assert client.get(f"{calendar.url}agenda/1/1/").status_code == 404


def test_parse_range_names_the_parameter_outside_the_years():
    with pytest.raises(ValueError, match="^end must be between"):
        parse_range("2030-01-01", "9999-01-01", default_start=date(2030, 1, 1), default_days=30, max_days=400)
    assert parse_range("2100-12-30", None, default_start=date(2030, 1, 1), default_days=30, max_days=400) == (date(2100, 12, 30), date(2100, 12, 31))
