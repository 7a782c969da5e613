"""`/api/v3/exhibitions/`: exhibitions in a range or the current school year, by grade; 400s; live only."""

from datetime import date

import pytest

from content_models.calendars import clock
from content_models.exhibitions import ExhibitionIndexPage
from tests import factories

pytestmark = pytest.mark.django_db


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def test_exhibitions_in_a_range(client):
    schedule = factories.schedule(2035)
    book = factories.make_book(801, "Ер Төстік Т", authors=())
    factories.exhibition(schedule, "Ертегілер Т", date(2036, 3, 29), date(2036, 4, 16), grades=(1, 4), books=[book])
    factories.exhibition(schedule, "Поэзия Т", date(2036, 3, 10), date(2036, 4, 3), grades=(5, 11))
    factories.exhibition(schedule, "Жоба Т", date(2036, 3, 1), date(2036, 3, 5), live=False)
    data = _get(client, "/api/v3/exhibitions/?start=2036-04-01&end=2036-04-30")
    assert [item["title"] for item in data["items"]] == ["Поэзия Т", "Ертегілер Т"]
    fairy = data["items"][1]
    assert fairy["books"][0]["title"] == "Ер Төстік Т" and fairy["school_year"] == 2035
    assert fairy["schedule"]["id"] == schedule.pk
    assert [item["title"] for item in _get(client, "/api/v3/exhibitions/?start=2036-04-01&end=2036-04-30&grade=2")["items"]] == ["Ертегілер Т"]
    assert "grade" in _get(client, "/api/v3/exhibitions/?grade=12", status=400)["detail"]
    assert "400 days" in _get(client, "/api/v3/exhibitions/?start=2035-01-01&end=2036-12-31", status=400)["detail"]


def test_exhibitions_default_to_the_current_school_year(client):
    section = ExhibitionIndexPage.objects.get(locale__language_code="en")
    last, current, next_ = (factories.schedule(year, title=f"Schedule {year}", parent=section) for year in (2025, 2026, 2027))
    factories.exhibition(last, "Summer reading 2026", date(2026, 5, 18), date(2026, 8, 31))
    factories.exhibition(current, "Summer reading 2027", date(2027, 5, 17), date(2027, 8, 31))
    factories.exhibition(current, "Knowledge Day 2026", date(2026, 9, 1), date(2026, 9, 20))
    factories.exhibition(next_, "Knowledge Day 2027", date(2027, 9, 1), date(2027, 9, 20))
    factories.exhibition(factories.schedule(2026), "Білім күні 2026", date(2026, 9, 1), date(2026, 9, 20))  # in kk
    with clock.frozen(date(2026, 11, 25)):
        data = _get(client, "/api/v3/exhibitions/?locale=en")
    assert (data["start"], data["end"]) == ("2026-09-01", "2027-08-31")
    assert [item["title"] for item in data["items"]] == ["Knowledge Day 2026", "Summer reading 2027"]
    assert {item["school_year"] for item in data["items"]} == {2026}
