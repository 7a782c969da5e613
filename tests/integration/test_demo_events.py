"""The demo's calendar: every page of the events section renders, in each language."""

import pytest

from content_models.demo.calendars import EVENTS, LANGS, NOTABLE_PAGE
from content_models.events import EventIndexPage, EventPage, NotableDatesPage

pytestmark = pytest.mark.django_db


def test_every_event_page_of_the_demo_renders(admin_client):
    events = EventPage.objects.select_related("locale")
    assert {(page.slug, page.locale.language_code) for page in events} == {(data["slug"], code) for data in EVENTS for code in LANGS}
    notable = NotableDatesPage.objects.select_related("locale")
    assert {(page.slug, page.locale.language_code) for page in notable} == {(NOTABLE_PAGE["slug"], code) for code in LANGS}
    calendars = EventIndexPage.objects.all()
    assert calendars.count() == len(LANGS)
    for page in [*calendars, *events, *notable]:
        response = admin_client.get(page.url)
        assert response.status_code == 200, f"{type(page).__name__} {page.url}"
