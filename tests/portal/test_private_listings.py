"""An unpublished or view-restricted page (password, login, groups; on itself or on an ancestor) is listed nowhere a
visitor or a machine reads lists of pages: the sitemap, the v3 pages API, the calendar feeds (.ics)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from content_models.home.models import StandardPage
from tests import factories

pytestmark = pytest.mark.django_db

KINDS = ("unpublished", "password", "login", "groups")


def block(kind: str, page: Page) -> None:
    if kind == "unpublished":
        Page.objects.get(pk=page.pk).specific.unpublish()
        return
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, password="secret" if kind == "password" else "")
    if kind == "groups":
        restriction.groups.add(Group.objects.get_or_create(name="Әдіскерлер")[0])


def _standard(parent, title, slug):
    page = StandardPage(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk)


@pytest.mark.parametrize("place", ("page", "ancestor"))
@pytest.mark.parametrize("kind", KINDS)
def test_the_sitemap_and_the_pages_api_list_no_blocked_page(client, home_pages, kind, place):
    parent = _standard(home_pages["kk"], "Әдістемелік бөлім", "adistemelik-bolim")
    child = _standard(parent, "Ішкі нұсқаулық", "ishki-nusqaulyq")
    sibling = _standard(home_pages["kk"], "Ашық бет", "ashyq-bet")
    listed = {item["id"] for item in client.get("/api/v3/pages/", {"type": "content_models.StandardPage", "limit": 100}).json()["items"]}
    assert {child.pk, sibling.pk} <= listed and "ishki-nusqaulyq" in client.get("/sitemap.xml").content.decode()

    block(kind, child if place == "page" else parent)

    sitemap = client.get("/sitemap.xml").content.decode()
    assert "ishki-nusqaulyq" not in sitemap and "ashyq-bet" in sitemap
    response = client.get("/api/v3/pages/", {"type": "content_models.StandardPage", "limit": 100})
    listed = {item["id"] for item in response.json()["items"]}
    assert child.pk not in listed and sibling.pk in listed
    assert "Ішкі нұсқаулық" not in response.content.decode()
    assert client.get(f"/api/v3/pages/{child.pk}/").status_code == 404
    assert client.get(f"/api/v3/pages/{sibling.pk}/").status_code == 200
    found = client.get("/api/v3/pages/", {"search": "нұсқаулық", "limit": 100})
    assert found.status_code != 200 or child.pk not in {item["id"] for item in found.json()["items"]}


@pytest.mark.parametrize("kind", KINDS)
def test_the_calendar_feeds_leave_out_a_blocked_event_or_exhibition(client, kind):
    year = datetime.date.today().year
    hidden = factories.event("Жабық кездесу", slug="jabyq-kezdesu", start_date=datetime.date(year, 10, 16))
    shown = factories.event("Ашық кездесу", slug="ashyq-kezdesu", start_date=datetime.date(year, 10, 17))
    schedule = factories.schedule(year)
    factories.exhibition(schedule, "Жабық көрме", datetime.date(year, 10, 1), datetime.date(year, 10, 20))
    factories.exhibition(schedule, "Ашық көрме", datetime.date(year, 11, 1), datetime.date(year, 11, 20))
    secret_show = Page.objects.get(title="Жабық көрме")
    block(kind, hidden)
    block(kind, secret_show)
    feed = client.get(f"{factories.calendar().url}events.ics").content.decode()
    assert "Ашық кездесу" in feed and "Жабық кездесу" not in feed
    assert shown.url in feed or "ashyq-kezdesu" in feed
    schedule_feed = client.get(f"{Page.objects.get(pk=schedule.pk).url}schedule.ics").content.decode()
    assert "Ашық көрме" in schedule_feed and "Жабық көрме" not in schedule_feed


def test_a_live_page_below_an_unpublished_one_answers_404_until_it_is_published_again(client, home_pages):
    parent = _standard(home_pages["kk"], "Әдістемелік бөлім", "adistemelik-bolim")
    child = _standard(parent, "Ішкі нұсқаулық", "ishki-nusqaulyq")
    url = "/kk/adistemelik-bolim/ishki-nusqaulyq/"
    assert client.get(url).status_code == 200

    Page.objects.get(pk=parent.pk).specific.unpublish()
    assert Page.objects.get(pk=child.pk).live  # Wagtail leaves the child live
    assert client.get(url).status_code == 404
    assert client.get("/kk/adistemelik-bolim/").status_code == 404

    parent.specific.save_revision().publish()
    assert client.get(url).status_code == 200
    assert client.get(f"/api/v3/pages/{child.pk}/").status_code == 200


@pytest.mark.parametrize("kind", ("password", "login", "groups"))
def test_the_language_switcher_links_no_restricted_translation(client, home_pages, kind):
    page = _standard(home_pages["kk"], "Ашық нұсқаулық", "ashyq-nusqaulyq")
    ru = factories.translate(page, ru={"title": "Закрытое руководство", "slug": "zakrytoe-rukovodstvo"})["ru"]
    assert "zakrytoe-rukovodstvo" in client.get("/kk/ashyq-nusqaulyq/").content.decode()

    block(kind, ru)

    html = client.get("/kk/ashyq-nusqaulyq/").content.decode()
    assert "zakrytoe-rukovodstvo" not in html
    assert 'hreflang="kk"' in html  # the page itself keeps its own link and alternate
