"""Absolute links follow the request's scheme and host, or PORTAL_BASE_URL when it is set (portal/links.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

from content_models.calendars import clock
from portal.links import base_url, base_url_setting
from tests.factories import event, make_book, make_digest

pytestmark = pytest.mark.django_db


def test_portal_base_url_setting_is_scheme_and_host_only():
    assert base_url_setting("") == ""
    assert base_url_setting(" https://kitaphana.example.kz/ ") == "https://kitaphana.example.kz"
    assert base_url_setting("http://10.0.0.5:8080") == "http://10.0.0.5:8080"
    for wrong in ("kitaphana.example.kz", "ftp://kitaphana.example.kz", "https://kitaphana.example.kz/portal/", "https://"):
        with pytest.raises(ImproperlyConfigured):
            base_url_setting(wrong)


def test_page_links_use_the_request_host_and_port(client):
    page = make_book(1, "Alpamys Batyr", author="Kazakh folklore", language="en")
    html = client.get(page.url, HTTP_HOST="127.0.0.1:8101").content.decode()
    assert f"http://127.0.0.1:8101{page.url}" in html
    assert "http://localhost/" not in html


def test_api_urls_use_the_request_host_and_port(client):
    page = make_book(1, "Alpamys Batyr", author="Kazakh folklore", language="en")
    event("Reading marathon", language="en", start_date=clock.today())
    data = client.get("/api/v3/pages/?type=content_models.BookPage&locale=en&limit=1", HTTP_HOST="127.0.0.1:8101").json()
    meta = data["items"][0]["meta"]
    assert meta["detail_url"].startswith("http://127.0.0.1:8101/api/v3/pages/")
    assert meta["html_url"].startswith("http://127.0.0.1:8101/en/books/")
    listing = client.get("/api/v3/pages/?limit=3", HTTP_HOST="127.0.0.1:8101").json()  # plain Page instances
    assert all(item["meta"]["html_url"].startswith("http://127.0.0.1:8101/") for item in listing["items"])
    detail = client.get(f"/api/v3/pages/{page.pk}/", HTTP_HOST="127.0.0.1:8101").json()
    assert detail["meta"]["html_url"] == f"http://127.0.0.1:8101{page.url}"
    events = client.get("/api/v3/events/?locale=en", HTTP_HOST="127.0.0.1:8101").json()
    assert events["items"]
    for item in events["items"]:
        assert item["url"].startswith("http://127.0.0.1:8101/en/")
        assert item["ics_url"].startswith("http://127.0.0.1:8101/en/")


def test_forwarded_proto_counts_only_where_the_settings_trust_it(client, settings):
    page = event("Оқу марафоны")
    untrusted = client.get(page.url, HTTP_HOST="kitaphana.example.kz", HTTP_X_FORWARDED_PROTO="https").content.decode()
    assert f"http://kitaphana.example.kz{page.url}" in untrusted
    assert "https://kitaphana.example.kz" not in untrusted
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # as production.py sets it
    trusted = client.get(page.url, HTTP_HOST="kitaphana.example.kz", HTTP_X_FORWARDED_PROTO="https").content.decode()
    assert f"https://kitaphana.example.kz{page.url}" in trusted
    assert "http://kitaphana.example.kz" not in trusted


def test_configured_base_url_wins_over_the_request_host(client, settings):
    settings.PORTAL_BASE_URL = "https://kitaphana.example.kz"
    page = event("Марафон чтения", language="ru")
    html = client.get(page.url, HTTP_HOST="127.0.0.1:8101").content.decode()
    assert f"https://kitaphana.example.kz{page.url}" in html
    assert "127.0.0.1:8101" not in html
    meta = client.get(f"/api/v3/pages/{page.pk}/", HTTP_HOST="127.0.0.1:8101").json()["meta"]
    assert meta["detail_url"] == f"https://kitaphana.example.kz/api/v3/pages/{page.pk}/"
    assert meta["html_url"] == f"https://kitaphana.example.kz{page.url}"


def test_outside_a_request_links_use_the_default_site_or_the_configured_base(settings):
    page = make_book(1, "Алпамыс батыр")
    site = Site.objects.get(is_default_site=True)
    assert base_url() == site.root_url
    assert page.full_url == site.root_url + page.url
    settings.PORTAL_BASE_URL = "https://kitaphana.example.kz"
    assert base_url() == "https://kitaphana.example.kz"
    assert page.full_url == "https://kitaphana.example.kz" + page.url


def test_robots_txt_names_the_sitemap_on_the_request_host(client, settings, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get("/robots.txt", HTTP_HOST="127.0.0.1:8101")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://127.0.0.1:8101/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
    settings.PORTAL_BASE_URL = "https://kitaphana.example.kz"
    assert "Sitemap: https://kitaphana.example.kz/sitemap.xml" in client.get("/robots.txt").content.decode()
    assert client.post("/robots.txt").status_code == 405


def test_feed_links_and_self_link_use_the_configured_base(client, settings, section):
    digest = make_digest(section("digests", "ru"), "obzor-novinok")
    settings.PORTAL_BASE_URL = "https://kitaphana.example.kz"
    atom = client.get("/ru/digests/feed/atom/", HTTP_HOST="127.0.0.1:8101").content.decode()
    assert 'href="https://kitaphana.example.kz/ru/digests/feed/atom/"' in atom
    assert "https://kitaphana.example.kz/ru/digests/" in atom
    assert f'href="https://kitaphana.example.kz{digest.url}"' in atom  # the entry's link
    assert "127.0.0.1" not in atom and "http://localhost" not in atom
