"""The page cache is one cache for every worker and server: keyed by the release, the page, its language and the
query parameters the page reads; tracking and unknown parameters hit the plain page's entry."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.translation import get_language_from_request

from portal import page_cache, release
from portal.page_cache import AnonymousPageCacheMiddleware
from portal.query_reads import carried_params, strip_tracking
from tests.factories import make_book

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/5"


@pytest.fixture
def page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE = True
    release.release.cache_clear()
    yield
    release.release.cache_clear()


def status(response):
    return response.get("X-Portal-Cache")


def test_the_key_depends_on_the_release_not_on_the_process(client, page_cache_on, settings):
    page = make_book(1, "Абай жолы", author="Мұхтар Әуезов")
    assert status(client.get(page.url)) == "miss"
    release.release.cache_clear()  # another worker, or another server of the same release, computes it again
    assert status(client.get(page.url)) == "hit"
    settings.PORTAL_RELEASE = "2026.12.05-1"  # a deploy: pages of the old code are not served
    release.release.cache_clear()
    assert status(client.get(page.url)) == "miss"
    release.release.cache_clear()
    assert status(client.get(page.url)) == "hit"


def test_the_code_fingerprint_follows_the_sources(tmp_path):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<p>{{ page.title }}</p>")
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "db.sqlite3.json").write_text("{}")
    first = release.code_fingerprint(tmp_path)
    assert release.code_fingerprint(tmp_path) == first
    (tmp_path / "var" / "db.sqlite3.json").write_text('{"changed": true}')  # data, not code
    assert release.code_fingerprint(tmp_path) == first
    template.write_text("<h1>{{ page.title }}</h1>")
    assert release.code_fingerprint(tmp_path) != first


def test_tracking_and_unknown_parameters_hit_the_plain_entry(client, page_cache_on):
    make_book(111, "Кішкентай ханзада", author="Антуан де Сент-Экзюпери", period="world", literature="world")
    first = client.get("/kk/books/?period=world")
    assert status(first) == "miss"
    for query in ("period=world&utm_source=newsletter&utm_medium=email", "fbclid=abc&period=world", "period=world&ref=school7"):
        response = client.get(f"/kk/books/?{query}")
        assert status(response) == "hit", query
        assert response.content == first.content
    assert "utm_source" not in first.content.decode() and "ref=school7" not in first.content.decode()


def test_unknown_parameters_are_not_carried_into_links(client, page_cache_on):
    make_book(111, "Кішкентай ханзада", author="Антуан де Сент-Экзюпери", period="world", literature="world")
    body = client.get("/kk/books/?ref=school7&period=world&utm_campaign=x").content.decode()
    assert "ref=school7" not in body and "utm_campaign" not in body
    assert "period=world" in body  # the filter the page reads is carried (language links, sorting, export)


def test_parameters_the_page_reads_have_their_own_entries(client, page_cache_on):
    make_book(1, "Абай жолы", author="Мұхтар Әуезов", period="independence")
    make_book(2, "Кішкентай ханзада", author="Антуан де Сент-Экзюпери", period="world", literature="world")
    world = client.get("/kk/books/?period=world")
    assert status(world) == "miss" and "Кішкентай ханзада" in world.content.decode()
    assert "Абай жолы" not in world.content.decode()
    other = client.get("/kk/books/?period=independence")
    assert status(other) == "miss" and "Абай жолы" in other.content.decode()
    assert "Кішкентай ханзада" not in other.content.decode()
    by_title = client.get("/kk/books/?period=world&sort=title")
    assert status(by_title) == "miss"
    assert status(client.get("/kk/books/?sort=title&period=world")) == "hit"  # the order of the names does not matter
    # A repeated parameter read as one value: the page sees the last one, so that is what the key holds.
    assert status(client.get("/kk/books/?period=world&sort=number&sort=title")) == "hit"
    assert status(client.get("/kk/books/?period=world&sort=title&sort=number")) == "miss"
    assert status(client.get("/kk/books/?period=independence")) == "hit"


def test_publish_move_and_delete_drop_every_page(client, page_cache_on):
    first = make_book(1, "Абай жолы", author="Мұхтар Әуезов")
    second = make_book(2, "Қан мен тер", author="Әбдіжәміл Нұрпейісов")
    third = make_book(3, "Көшпенділер", author="Ілияс Есенберлин")
    assert status(client.get(first.url)) == "miss"
    assert status(client.get(first.url)) == "hit"
    second.move(first, pos="left")
    assert status(client.get(first.url)) == "miss"
    third.delete()
    assert status(client.get(first.url)) == "miss"
    second.save_revision().publish()
    assert status(client.get(first.url)) == "miss"
    assert status(client.get(first.url)) == "hit"


def test_a_hit_costs_one_query(client, page_cache_on, django_assert_max_num_queries):
    page = make_book(1, "Абай жолы", author="Мұхтар Әуезов")
    client.get(f"{page.url}?utm_source=x")
    with django_assert_max_num_queries(1):  # the site's version
        assert status(client.get(page.url)) == "hit"


# The middleware around small views of the tests' own: what a view reads decides the entries.


def serve(view, url, **headers):
    request = RequestFactory().get(url, **headers)
    return AnonymousPageCacheMiddleware(view)(request)


def html(text):
    return HttpResponse(text, content_type="text/html; charset=utf-8")


def reads_b_when_a_is_1(request):
    a = request.GET.get("a", "")
    return html(a + (request.GET.get("b", "") if a == "1" else ""))


def test_a_parameter_read_only_in_some_states_is_never_answered_from_a_wrong_entry(page_cache_on):
    assert (status(serve(reads_b_when_a_is_1, "/x/?a=2&b=x")), serve(reads_b_when_a_is_1, "/x/?a=2&b=y").content) == ("miss", b"2")
    assert status(serve(reads_b_when_a_is_1, "/x/?a=2&b=y")) == "hit"  # b does not matter when a is 2
    one_x = serve(reads_b_when_a_is_1, "/x/?a=1&b=x")
    assert (status(one_x), one_x.content) == ("miss", b"1x")
    one_y = serve(reads_b_when_a_is_1, "/x/?a=1&b=y")
    assert (status(one_y), one_y.content) == ("miss", b"1y")
    again = serve(reads_b_when_a_is_1, "/x/?b=y&a=1")
    assert (status(again), again.content) == ("hit", b"1y")
    assert serve(reads_b_when_a_is_1, "/x/?a=1&b=x").content == b"1x"
    assert serve(reads_b_when_a_is_1, "/x/?a=1").content == b"1"


def test_a_list_parameter_keeps_all_its_values(page_cache_on):
    def view(request):
        return html(",".join(request.GET.getlist("genre")))

    assert serve(view, "/x/?genre=poem&genre=tale").content == b"poem,tale"
    assert status(serve(view, "/x/?genre=poem&genre=tale")) == "hit"
    assert (status(serve(view, "/x/?genre=tale")), serve(view, "/x/?genre=tale").content) == ("miss", b"tale")
    assert serve(view, "/x/?genre=tale&genre=poem").content == b"tale,poem"


def test_a_page_that_reads_every_parameter_is_keyed_by_all_of_them(page_cache_on):
    def view(request):
        return html(request.get_full_path())

    assert serve(view, "/x/?ref=1").content == b"/x/?ref=1"
    response = serve(view, "/x/?ref=2&utm_source=x")
    assert (status(response), response.content) == ("miss", b"/x/?ref=2")
    assert status(serve(view, "/x/?ref=2")) == "hit"

    def iterating(request):
        return html(";".join(f"{name}={value}" for name, value in request.GET.items()))

    assert serve(iterating, "/y/?p=1").content == b"p=1"
    assert serve(iterating, "/y/?p=2").content == b"p=2"


def test_a_link_that_left_out_a_parameter_read_later_is_not_stored(page_cache_on):
    def view(request):
        link = carried_params(request).urlencode()
        return html(f"{link}|{request.GET.get('late', '')}")

    first = serve(view, "/x/?late=1")
    assert first.content == b"|1" and status(first) is None
    second = serve(view, "/x/?late=1")  # the page is now known to read "late": the link carries it
    assert (status(second), second.content) == ("miss", b"late=1|1")
    assert status(serve(view, "/x/?late=1&utm_source=x")) == "hit"


def test_the_language_chosen_without_a_prefix_is_part_of_the_key(page_cache_on, settings):
    def view(request):
        return html(get_language_from_request(request, check_path=True))  # what LocaleMiddleware activates

    assert serve(view, "/plain/", HTTP_ACCEPT_LANGUAGE="ru").content == b"ru"
    english = serve(view, "/plain/", HTTP_ACCEPT_LANGUAGE="en")
    assert (status(english), english.content) == ("miss", b"en")
    request = RequestFactory().get("/plain/")
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert AnonymousPageCacheMiddleware(view)(request).content == b"ru"
    assert serve(view, "/kk/plain/", HTTP_ACCEPT_LANGUAGE="ru").content == b"kk"
    assert status(serve(view, "/kk/plain/", HTTP_ACCEPT_LANGUAGE="en")) == "hit"  # the prefix decides


def test_junk_query_strings_do_not_fill_the_cache(page_cache_on, monkeypatch):
    def view(request):
        return html(request.GET.get("q", ""))

    long_value = "ж" * 2000
    response = serve(view, f"/x/?q={long_value}")
    assert response.content.decode() == long_value and status(response) is None
    assert status(serve(view, f"/x/?q={long_value}")) is None
    monkeypatch.setattr(page_cache, "MAX_VARIANTS", 2)
    assert [status(serve(view, f"/y/?q={n}")) for n in range(3)] == ["miss", "miss", None]
    assert status(serve(view, "/y/?q=1")) == "hit"


def test_tracking_parameters_are_removed_and_the_rest_kept_as_written():
    assert strip_tracking("q=%D0%B0+b&utm_source=x&UTM_Medium=y&fbclid=1&gclid=2&page=2") == "q=%D0%B0+b&page=2"
    assert strip_tracking("") == "" and strip_tracking("utm_source=x") == ""


def test_pages_are_shared_through_redis(client, page_cache_on, settings):
    """With CACHE_URL=redis://… every server reads the same entries: one render, then hits whatever the tracking."""
    import os
    import socket
    import uuid

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        if os.environ.get("CI") or os.environ.get("PORTAL_REQUIRE_REDIS"):
            pytest.fail("Redis is required (CI, PORTAL_REQUIRE_REDIS) but 127.0.0.1:6379 is not answering")
        pytest.skip("no Redis server on 127.0.0.1:6379")
    prefix = f"portal-test-pages-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
    from django.core.cache import cache

    server = cache._cache.get_client(write=True)
    try:
        page = make_book(1, "Абай жолы", author="Мұхтар Әуезов")
        assert status(client.get(page.url)) == "miss"
        release.release.cache_clear()
        response = client.get(f"{page.url}?utm_source=x&fbclid=y")
        assert status(response) == "hit" and "Абай жолы" in response.content.decode()
        keys = [key.decode() for key in server.scan_iter(f"{prefix}:*")]
        assert len([key for key in keys if key.endswith(":vary")]) == 1
        assert all(0 < server.ttl(key) <= page_cache.TIMEOUT for key in keys)
        page.save_revision().publish()
        assert status(client.get(page.url)) == "miss"
    finally:
        keys = list(server.scan_iter(f"{prefix}:*"))
        if keys:
            server.delete(*keys)


def test_a_page_that_reads_no_parameter_has_one_entry(page_cache_on):
    def view(request):
        return html("static")

    assert [status(serve(view, url)) for url in ("/x/", "/x/", "/x/?a=1", "/x/?utm_source=y&b=2&b=3")] == ["miss", "hit", "hit", "hit"]


def test_pagination_links_carry_only_the_parameters_the_page_reads(page_cache_on):
    from django.template import engines

    template = engines["django"].from_string("{% load portal_tags %}{{ topic }} {% querystring page=2 %}")

    def view(request):
        return html(template.render({"topic": request.GET.get("topic", "")}, request))

    first = serve(view, "/x/?ref=school7&topic=poems&page=1")
    assert (status(first), first.content) == ("miss", b"poems ?topic=poems&amp;page=2")
    assert status(serve(view, "/x/?topic=poems&ref=other")) == "hit"
