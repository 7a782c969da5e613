"""The public site: locales, language switcher, hreflang, drafts and private pages."""

import re

import pytest
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from content_models.home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "heading"),
    [
        ("kk", "Балалар кітапханасы", "Бағдарламаның мақсаты"),
        ("ru", "Детская библиотека", "Цель программы"),
        ("en", "Children's Library", "Goal of the programme"),
    ],
)
def test_home_renders_in_each_locale_with_its_lang(client, language, title, heading):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{escape(title)}</h1>" in html
    assert heading in html


@pytest.mark.parametrize(("accept", "target"), [("ru-RU,ru;q=0.9", "/ru/"), ("en-GB,en;q=0.8", "/en/"), ("kk", "/kk/"), ("de-DE", "/kk/"), ("", "/kk/")])
def test_root_redirects_by_accept_language(client, accept, target):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == target


def _switcher_links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="lang-switcher".*?</nav>', html, re.S).group(0)
    return dict((code, href) for href, code in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav))


def test_switcher_links_to_this_pages_translation(client):
    html = client.get("/ru/guidance/").content.decode()
    assert _switcher_links(html) == {"kk": "/kk/guidance/", "ru": "/ru/guidance/", "en": "/en/guidance/"}
    assert 'aria-current="true">Русский' in html


def test_switcher_falls_back_to_the_locales_home_when_there_is_no_translation(client, home_pages):
    only_kk = StandardPage(title="Тек қазақша", slug="tek-kazaksha")
    home_pages["kk"].add_child(instance=only_kk)
    only_kk.save_revision().publish()
    html = client.get("/kk/tek-kazaksha/").content.decode()
    links = _switcher_links(html)
    assert links == {"kk": "/kk/tek-kazaksha/", "ru": "/ru/", "en": "/en/"}
    assert 'hreflang="ru"' not in html.split("</head>")[0]


def test_head_lists_hreflang_alternates_for_every_translation(client):
    head = client.get("/en/events/").content.decode().split("</head>")[0]
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', head))
    assert alternates == {
        "kk": "http://testserver/kk/events/",
        "ru": "http://testserver/ru/events/",
        "en": "http://testserver/en/events/",
    }


def test_navigation_lists_the_sections_in_the_current_language(client):
    html = client.get("/ru/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<]+)</a>", nav) == [
        "Рекомендуемые книги", "Методические рекомендации", "Мероприятия", "Книжные выставки", "Дайджесты", "Видеоматериалы",
        "Проверка фонда",
    ]


def test_breadcrumbs_lead_from_home_to_the_current_page(client):
    html = client.get("/en/videos/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    assert '<a href="/en/">Children&#x27;s Library</a>' in crumbs
    assert '<li aria-current="page">Videos</li>' in crumbs


def test_page_has_landmarks_skip_link_and_labelled_navigation(client):
    html = client.get("/kk/").content.decode()
    assert html.index('class="skip-link" href="#main"') < html.index("<header")
    for landmark in ("<header", '<main id="main"', "<footer"):
        assert landmark in html
    assert re.findall(r'<nav class="([\w-]+)[^"]*" aria-label="([^"]+)"', html) == [
        ("lang-switcher", "Тіл"),
        ("main-nav", "Негізгі мәзір"),
    ]


def test_stylesheets_are_served_by_the_project(client):
    html = client.get("/kk/").content.decode()
    hrefs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert hrefs and all(href.startswith("/static/") for href in hrefs)
    for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
        assert client.get(href).status_code == 200


def test_unknown_page_is_a_translated_404(client):
    response = client.get("/ru/net-takoi-stranicy/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_draft_page_is_not_served_listed_or_in_the_sitemap(client, home_pages):
    draft = StandardPage(title="Жоба бет", slug="zhoba-bet", live=False, show_in_menus=True)
    home_pages["kk"].add_child(instance=draft)
    draft.save_revision()
    assert client.get("/kk/zhoba-bet/").status_code == 404
    assert "Жоба бет" not in client.get("/kk/").content.decode()
    assert "zhoba-bet" not in client.get("/sitemap.xml").content.decode()


def test_private_page_is_not_served_anonymously_or_in_the_sitemap(client, section):
    videos = section("videos", "en")
    PageViewRestriction.objects.create(page=videos, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    response = client.get("/en/videos/")
    assert response.status_code == 200  # the password form, not the content
    assert "Best-practice videos from school libraries" not in response.content.decode()
    assert "/en/videos/" not in client.get("/sitemap.xml").content.decode()
    assert "/ru/videos/" in client.get("/sitemap.xml").content.decode()
