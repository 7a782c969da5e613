"""A digest's introduction stored with a script never reaches the page or the RSS/Atom feeds as markup, and a
reference's address is a link only when it is a web address."""

import xml.etree.ElementTree as ET

import pytest
from django.db.models import JSONField, Value

from content_models.digests.models import DigestPage
from tests.factories import make_digest

pytestmark = pytest.mark.django_db

MALICIOUS = '<p>Тоқсан <b>шолуы</b><script>alert(1)</script> &lt;script&gt;alert(2)&lt;/script&gt;<img src=x onerror="alert(3)"></p>'


def _digest(section):
    page = make_digest(section("digests", "kk"), "digest-2031-q1", title="Дайджест 2031", year=2031, quarter=1, introduction="<p>Кіріспе</p>")
    entries = [{"type": "reference", "value": {"title": "Сілтеме", "year": 2031, "url": "javascript:alert(4)"}}]
    DigestPage.objects.filter(pk=page.pk).update(introduction=MALICIOUS, entries=Value(entries, output_field=JSONField()))
    return page


def test_a_stored_script_is_neither_on_the_digest_page_nor_in_its_feeds(client, section):
    page = _digest(section)
    html = client.get(page.url).content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    assert "<script" not in main and "onerror" not in main and "alert(1)" not in main
    assert 'href="javascript' not in main and "<b>шолуы</b>" in main

    for url in ("/kk/digests/feed/", "/kk/digests/feed/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        texts = [element.text or "" for element in root.iter() if element.tag.split("}")[-1] in ("description", "summary")]
        described = [text for text in texts if "шолуы" in text]
        assert described, texts
        for text in described:  # what a feed reader takes as HTML
            assert "<script" not in text and "<img" not in text and "alert(1)" not in text
