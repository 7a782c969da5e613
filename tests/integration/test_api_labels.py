"""Names of codes in API answers are in the language asked for with `locale` (Kazakh by default), on every
portal router, and in the page's own language on Wagtail's pages endpoint."""

import pytest
from django.utils import translation

from content_models.books.codes import PERIODS
from content_models.events.notable import KIND_LABELS
from content_models.guidance.models import DOCUMENT_TYPES, GuidelinePage

pytestmark = pytest.mark.django_db

PUPILS = {"kk": "Оқушылар", "ru": "Учащиеся", "en": "Pupils"}
NATIONWIDE = {"kk": "Республикалық", "ru": "Республиканское", "en": "Nationwide"}
EVENTS = "/api/v3/events/?start=2026-09-01&end=2027-08-31"


def _in(language, lazy) -> str:
    with translation.override(language):
        return str(lazy)


@pytest.mark.parametrize("code", ["kk", "ru", "en"])
def test_event_audiences_and_regions_are_named_in_the_asked_locale(client, code):
    items = client.get(f"{EVENTS}&locale={code}").json()["items"]
    audiences = {audience["code"]: audience["name"] for item in items for audience in item["audiences"]}
    regions = {item["region"]["code"]: item["region"]["name"] for item in items}
    assert audiences["pupils"] == PUPILS[code]
    assert regions["nationwide"] == NATIONWIDE[code]


def test_events_default_to_kazakh_names_whatever_the_browser_asks(client):
    items = client.get(EVENTS, HTTP_ACCEPT_LANGUAGE="en").json()["items"]
    assert {a["name"] for item in items for a in item["audiences"] if a["code"] == "pupils"} == {PUPILS["kk"]}


def test_an_unknown_locale_is_a_400_not_english(client):
    response = client.get(f"{EVENTS}&locale=de")
    assert response.status_code == 400
    assert "de" in response.json()["detail"]


@pytest.mark.parametrize("code", ["kk", "ru", "en"])
def test_event_code_lists_are_named_in_the_asked_locale(client, code):
    regions = {item["code"]: item["name"] for item in client.get(f"/api/v3/events/regions/?locale={code}").json()}
    assert regions["nationwide"] == NATIONWIDE[code]
    types = {item["code"]: item["name"] for item in client.get(f"/api/v3/events/types/?locale={code}").json()}
    assert types  # event types are snippets translated by editors
    if code == "ru":
        assert types["festival"] == "Фестиваль"


@pytest.mark.parametrize("code", ["kk", "ru", "en"])
def test_notable_date_kinds_are_named_in_the_asked_locale(client, code):
    items = client.get(f"/api/v3/notable-dates/?locale={code}").json()["items"]
    assert items
    for item in items:
        assert item["kind_label"] == _in(code, KIND_LABELS[item["kind"]])
    if code != "en":
        assert all(item["kind_label"] != _in("en", KIND_LABELS[item["kind"]]) for item in items)


@pytest.mark.parametrize("code", ["kk", "ru", "en"])
def test_book_periods_are_named_in_the_asked_locale(client, code):
    items = client.get(f"/api/v3/books/?locale={code}").json()["items"]
    classical = {item["period_label"] for item in items if item["period"] == "classical"}
    assert classical == {_in(code, dict(PERIODS)["classical"])}
    assert (classical == {"Ancient and classical"}) == (code == "en")


@pytest.mark.parametrize(("code", "label"), [("kk", "Кітап"), ("ru", "Книга"), ("en", "Book")])
def test_search_result_types_are_named_in_the_asked_locale(client, code, label):
    items = client.get(f"/api/v3/search/?q=abai&locale={code}").json()["items"]
    assert {item["type_label"] for item in items if item["type"] == "book"} == {label}


@pytest.mark.parametrize("code", ["kk", "ru", "en"])
def test_page_detail_labels_are_in_the_pages_own_language(client, code):
    page = GuidelinePage.objects.live().filter(locale__language_code=code).exclude(document_type="").first()
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    assert data["document_type"] == {"code": page.document_type, "label": _in(code, dict(DOCUMENT_TYPES)[page.document_type])}
