"""Per-client rate limits on the expensive anonymous endpoints: 429 with Retry-After, in the page's language."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import calendar, make_book, schedule

pytestmark = pytest.mark.django_db

SEARCH = "/{language}/search/?q=абай"
API_SEARCH = "/api/v3/search/?q=абай"
MESSAGES = {
    "kk": "секундтан кейін қайталап көріңіз",
    "ru": "Попробуйте ещё раз через",
    "en": "Please try again in",
}


def _seconds(response) -> int:
    value = int(response["Retry-After"])
    assert value >= 1
    return value


def _assert_private(response):
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_requests_under_the_limit_are_answered(client, limits):
    limits(search="3/m")
    for _ in range(3):
        response = client.get(SEARCH.format(language="kk"))
        assert response.status_code == 200
        assert "Retry-After" not in response


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_over_the_limit_the_page_says_so_in_its_language(client, limits, language):
    limits(search="1/m")
    assert client.get(SEARCH.format(language=language)).status_code == 200
    response = client.get(SEARCH.format(language=language))
    assert response.status_code == 429
    seconds = _seconds(response)
    assert seconds <= 60
    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert f'lang="{language}"' in html
    assert MESSAGES[language] in html
    assert re.search(rf"\b{seconds}\b", html)
    _assert_private(response)


def test_english_page_counts_the_seconds_in_the_plural(client, limits, clock):
    limits(search="1/m")
    client.get(SEARCH.format(language="en"))
    response = client.get(SEARCH.format(language="en"))
    seconds = _seconds(response)
    expected = "1 second." if seconds == 1 else f"{seconds} seconds."
    assert f"Please try again in {expected}" in response.content.decode()


def test_api_answers_429_as_a_problem_in_english(client, limits):
    limits(search="1/m")
    assert client.get(API_SEARCH).status_code == 200
    response = client.get(API_SEARCH, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    seconds = _seconds(response)
    assert response.json() == {
        "type": "about:blank",
        "title": "Too Many Requests",
        "status": 429,
        "detail": f"Too many requests from this client. Try again in {seconds} seconds.",
    }
    _assert_private(response)


def test_page_and_api_search_share_one_count_and_autocomplete_has_its_own(client, limits):
    limits(search="2/m", autocomplete="1/m")
    assert client.get(SEARCH.format(language="kk")).status_code == 200
    assert client.get(API_SEARCH).status_code == 200
    assert client.get(SEARCH.format(language="kk")).status_code == 429
    assert client.get(API_SEARCH).status_code == 429
    autocomplete = "/api/v3/search/autocomplete/?q=аб"
    assert client.get(autocomplete).status_code == 200
    assert client.get(autocomplete).status_code == 429


def test_clients_are_counted_apart(client, limits):
    limits(search="1/m")
    url = SEARCH.format(language="kk")
    assert client.get(url, REMOTE_ADDR="192.0.2.1").status_code == 200
    assert client.get(url, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(url, REMOTE_ADDR="192.0.2.2").status_code == 200
    assert client.get(url, REMOTE_ADDR="2001:db8:1::1").status_code == 200
    # IPv6 clients are counted by /64: another address of the same network is the same client.
    assert client.get(url, REMOTE_ADDR="2001:db8:1::2").status_code == 429


def test_a_forwarded_for_header_is_ignored_without_trusted_proxies(client, limits, settings):
    settings.PORTAL_TRUSTED_PROXIES = []
    limits(search="1/m")
    url = SEARCH.format(language="kk")
    assert client.get(url, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    response = client.get(url, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_address_it_saw_is_the_client(client, limits, settings):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.5"]
    limits(search="1/m")
    url = SEARCH.format(language="kk")
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 200
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy).status_code == 200
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 429
    # Entries the client wrote itself stand left of the proxy's and change nothing.
    spoofed = client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.7", **proxy)
    assert spoofed.status_code == 429


def test_two_trusted_proxies_take_the_right_most_address_neither_wrote(client, limits, settings):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.0/24"]
    limits(search="1/m")
    url = SEARCH.format(language="kk")
    assert client.get(url, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7, 10.0.0.4").status_code == 200
    assert client.get(url, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="2.2.2.2, 203.0.113.7, 10.0.0.4").status_code == 429
    # A connection from elsewhere than a trusted proxy is its own client, whatever its header says.
    assert client.get(url, REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 200
    assert client.get(url, REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_the_window_frees_after_retry_after_seconds(client, limits, clock):
    limits(search="2/m")
    url = SEARCH.format(language="kk")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    seconds = _seconds(client.get(url))
    clock.advance(seconds - 1)
    assert client.get(url).status_code == 429
    clock.advance(1)
    assert client.get(url).status_code == 200


def test_a_429_is_never_served_from_the_page_cache(client, limits, settings):
    settings.PORTAL_PAGE_CACHE = True
    limits(search="1/m")
    first = client.get("/kk/search/?q=абай", REMOTE_ADDR="192.0.2.1")
    assert first.status_code == 200 and first["X-Portal-Cache"] == "miss"
    refused = client.get("/kk/search/?q=жамбыл", REMOTE_ADDR="192.0.2.1")
    assert refused.status_code == 429 and "X-Portal-Cache" not in refused
    other = client.get("/kk/search/?q=жамбыл", REMOTE_ADDR="192.0.2.2")
    assert other.status_code == 200 and other["X-Portal-Cache"] == "miss"


def test_editors_are_not_limited(client, limits, editor):
    limits(search="1/m")
    client.force_login(editor)
    assert [client.get(SEARCH.format(language="kk")).status_code for _ in range(3)] == [200, 200, 200]


def test_a_group_switched_off_is_not_limited(client, limits):
    limits(search=None)
    assert [client.get(SEARCH.format(language="kk")).status_code for _ in range(3)] == [200, 200, 200]


def test_holdings_uploads_are_limited_but_the_form_is_not(client, limits):
    limits(holdings="1/h")
    page = "/ru/holdings-check/"
    upload = client.post(page, {"file": SimpleUploadedFile("holdings.csv", b"")})
    assert upload.status_code == 400
    refused = client.post(page, {"file": SimpleUploadedFile("holdings.csv", b"")})
    assert refused.status_code == 429
    assert MESSAGES["ru"] in refused.content.decode()
    assert _seconds(refused) <= 3600
    assert client.get(page).status_code == 200


def test_the_holdings_api_refuses_before_reading_the_file(client, limits):
    limits(holdings="1/h")
    assert client.post("/api/v3/holdings/check/", {}).status_code == 422  # no file: the schema requires one
    refused = client.post("/api/v3/holdings/check/", {"file": SimpleUploadedFile("holdings.csv", b"\xff\xfe broken")})
    assert refused.status_code == 429
    assert refused.json()["status"] == 429


def test_holdings_report_steps_have_their_own_limit(client, limits):
    limits(holdings_report="1/h", holdings="100/h")
    assert client.get("/kk/holdings-check/report/").status_code == 302  # no file yet: back to the upload
    assert client.get("/kk/holdings-check/report/").status_code == 429
    assert client.get("/kk/holdings-check/").status_code == 200


@pytest.mark.parametrize("kind", ["books_csv", "books_xlsx", "events_ics", "schedule_csv", "schedule_ics", "holdings_download"])
def test_exports_are_limited(client, limits, kind):
    limits(exports="1/h")
    if kind.startswith("books"):
        make_book(1, "Алпамыс батыр", author="Халық ауыз әдебиеті")
        url = f"/kk/books/export/{kind.split('_')[1]}/"
    elif kind == "events_ics":
        url = f"{calendar().url}events.ics"
    elif kind.startswith("schedule"):
        url = f"{schedule(2030).url}schedule.{kind.split('_')[1]}"
    else:
        url = "/kk/holdings-check/report/download/csv/"
    assert client.get(url).status_code in (200, 302)
    refused = client.get(url)
    assert refused.status_code == 429
    assert "Retry-After" in refused
    # The other groups are not touched by the exports' count.
    assert client.get(SEARCH.format(language="kk")).status_code == 200


def test_the_limit_is_counted_with_few_queries(client, limits, django_assert_max_num_queries):
    limits(search="1/m")
    client.get(API_SEARCH)
    with django_assert_max_num_queries(0):
        assert client.get(API_SEARCH).status_code == 429
