"""Rich text is sanitised on save and on output: a stored script, ``on*=`` handler or ``javascript:`` URL is never
shown, on the page or in the API, while Wagtail's stored format (page links, image embeds, lists, bold) survives."""

import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, models
from django.db.models import Value
from wagtail.blocks import RichTextBlock as WagtailRichTextBlock
from wagtail.blocks import StreamBlock, StructBlock
from wagtail.blocks.list_block import ListBlock
from wagtail.fields import StreamField
from wagtail.models import Page

from content_models.core.pages import PortalPage
from content_models.core.rich_text import RichTextBlock
from content_models.core.sanitise import sanitise_output_html, sanitise_rich_text
from content_models.guidance.models import GuidanceIndexPage, GuidelinePage
from content_models.home.models import StandardPage
from tests.factories import make_guideline, make_image

ATTACKS = [
    '<p>Оқыңыз<script>alert("xss")</script></p>',
    '<p><img src="x" onerror="alert(1)">сурет</p>',
    '<p onclick="alert(1)" style="color:red">басыңыз</p>',
    '<p><a href="javascript:alert(1)">сілтеме</a></p>',
    '<p><a href="JaVaScRiPt:alert(1)">сілтеме</a></p>',
    '<p><a href="jav&#x61;script:alert(1)">сілтеме</a></p>',
    '<p><a href="java\tscript:alert(1)">сілтеме</a></p>',
    '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">сілтеме</a></p>',
    '<p><a linktype="page" id="1 OR 1=1" onmouseover="alert(1)">бет</a></p>',
    '<iframe src="https://evil.example/"></iframe><style>p{}</style><svg onload="alert(1)"></svg>',
    '<embed src="https://evil.example/x.swf"/><object data="x"></object>',
    "<p>басқару\x00таңбасы\x07</p>",
]
FORBIDDEN = re.compile(r"<script|alert\(|onerror|onclick|onmouseover|onload|javascript:|data:text|<iframe|<svg|<style|<object|evil|\x00|\x07", re.I)

MALICIOUS = (
    '<p data-block-key="a1">Абай <b>жолы</b><script>alert("xss")</script></p>'
    '<p><img src="x" onerror="alert(1)"><a href="JaVaScRiPt:alert(1)" onclick="alert(2)">басыңыз</a>'
    '<a href="jav&#x61;script:alert(3)">тағы</a></p>'
)


def _raw(model, field: str, pk: int) -> str:
    """The column as stored, read past the model's field (a StreamField would convert it)."""
    with connection.cursor() as cursor:
        column = model._meta.get_field(field).column
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE page_ptr_id = %s", [pk])
        value = cursor.fetchone()[0]
    if isinstance(value, str) and value.startswith("["):
        value = json.loads(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _assert_clean(text: str):
    found = FORBIDDEN.search(text)
    assert found is None, f"{found.group()!r} left in {text!r}"


@pytest.mark.parametrize("html", ATTACKS)
def test_stored_policy_drops_scripts_handlers_and_unsafe_urls(html):
    cleaned = sanitise_rich_text(html)
    _assert_clean(cleaned)
    assert sanitise_rich_text(cleaned) == cleaned


@pytest.mark.parametrize("html", ATTACKS)
def test_output_policy_drops_scripts_handlers_and_unsafe_urls(html):
    _assert_clean(sanitise_output_html(html))


def test_stored_policy_keeps_wagtails_own_format_unchanged():
    stored = (
        '<h2 data-block-key="k1">Тарау</h2><p data-block-key="k2"><b>Қалың</b> және <i>көлбеу</i> мәтін, '
        '<a linktype="page" id="3">бет</a>, <a linktype="document" id="5">құжат</a>, '
        '<a href="https://kitaphana.kz/kk/">сайт</a>, <a href="mailto:info@kitaphana.kz">хат</a></p>'
        '<ul><li data-block-key="k3">бір</li></ul><ol><li data-block-key="k4">екі</li></ol>'
        '<embed embedtype="image" id="7" format="left" alt="Мұқаба &gt; сурет"/><hr/><blockquote>дәйексөз</blockquote>'
    )
    cleaned = sanitise_rich_text(stored)
    assert cleaned == stored.replace("<hr/>", "<hr>")
    assert sanitise_rich_text(cleaned) == cleaned


def test_output_policy_adds_rel_to_links():
    html = sanitise_output_html('<a href="https://example.org/">сыртқы</a>')
    assert html == '<a href="https://example.org/" rel="noopener noreferrer">сыртқы</a>'


# ---------------------------------------------------------------------------------------------------------------
# On save


def _standard_page(home, **fields) -> StandardPage:
    page = StandardPage(title="Бағдарлама туралы", slug="turaly", **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_rich_text_fields_are_sanitised_on_save(home_pages):
    page = _standard_page(home_pages["kk"], intro=MALICIOUS, body=MALICIOUS)
    stored = StandardPage.objects.filter(pk=page.pk).values_list("intro", "body").get()
    for value in stored:
        _assert_clean(value)
        assert "<b>жолы</b>" in value and "басыңыз" in value


def _stream_with_attacks() -> list:
    return [
        {"type": "paragraph", "value": MALICIOUS},
        {"type": "callout", "value": {"kind": "note", "title": "", "text": MALICIOUS}},
        {"type": "steps", "value": {"title": "", "steps": [{"title": "Бірінші қадам", "text": MALICIOUS}]}},
    ]


@pytest.mark.django_db
def test_stream_rich_text_blocks_are_sanitised_on_save():
    page = make_guideline(None, "qauipsiz", title="Қауіпсіз нұсқаулық", body=_stream_with_attacks())
    text = _raw(GuidelinePage, "body", page.pk)
    _assert_clean(text)
    assert text.count("<b>жолы</b>") == 3


# ---------------------------------------------------------------------------------------------------------------
# On output, for content stored around the models (before this policy, by SQL, by a tool)


def _store_around_the_models(home):
    page = _standard_page(home, intro="<p>Кіріспе</p>", body="<p>Мәтін</p>")
    StandardPage.objects.filter(pk=page.pk).update(intro=MALICIOUS, body=MALICIOUS)
    guideline = make_guideline(GuidanceIndexPage.objects.get(locale__language_code="kk"), "eski", title="Ескі нұсқаулық")
    GuidelinePage.objects.filter(pk=guideline.pk).update(body=Value(_stream_with_attacks(), output_field=models.JSONField()))
    assert "<script>" in _raw(StandardPage, "body", page.pk) and "<script>" in _raw(GuidelinePage, "body", guideline.pk)
    return page, guideline


@pytest.mark.django_db
def test_stored_scripts_are_not_rendered_on_the_page(client, home_pages):
    page, guideline = _store_around_the_models(home_pages["kk"])
    for url in (page.url, guideline.url):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        article = html[html.index("<main"):html.index("</main>")]
        _assert_clean(article)
        assert "<b>жолы</b>" in article and "басыңыз" in article


@pytest.mark.django_db
@pytest.mark.parametrize("rich_text_format", ["", "db_html", "html", "markdown"])
def test_stored_scripts_are_not_returned_by_the_pages_api(client, home_pages, rich_text_format):
    page, guideline = _store_around_the_models(home_pages["kk"])
    query = f"?rich_text_format={rich_text_format}" if rich_text_format else ""
    for target in (page, guideline):
        response = client.get(f"/api/v3/pages/{target.pk}/{query}")
        assert response.status_code == 200, response.content
        body = json.dumps(response.json(), ensure_ascii=False)
        _assert_clean(body)
        assert "жолы" in body


# ---------------------------------------------------------------------------------------------------------------
# Legitimate formatting survives


@pytest.mark.django_db
def test_links_images_lists_and_bold_survive_save_and_render(client, home_pages):
    home = home_pages["kk"]
    target = _standard_page(home, intro="<p>Мақсат</p>")
    image = make_image("Кітапхана")
    body = (
        f'<h2 data-block-key="h">Тарау</h2><p data-block-key="p"><b>Маңызды</b>: <a linktype="page" id="{target.pk}">мақсат беті</a> '
        f'мен <a href="https://kitaphana.kz/">сайт</a></p><ul><li data-block-key="l">бірінші</li><li>екінші</li></ul>'
        f'<embed embedtype="image" id="{image.pk}" format="left" alt="Оқу залы"/>'
    )
    page = StandardPage(title="Ресурстар", slug="resurstar", body=body)
    home.add_child(instance=page)
    page.save_revision().publish()
    stored = StandardPage.objects.filter(pk=page.pk).values_list("body", flat=True).get()
    assert f'<a linktype="page" id="{target.pk}">' in stored
    assert f'<embed embedtype="image" id="{image.pk}" format="left" alt="Оқу залы"/>' in stored

    html = client.get(page.url).content.decode()
    assert f'<a href="{target.url}" rel="noopener noreferrer">мақсат беті</a>' in html
    assert '<a href="https://kitaphana.kz/" rel="noopener noreferrer">сайт</a>' in html
    assert re.search(r'<img alt="Оқу залы" class="richtext-image left" [^>]*src="/media/images/[^"]+"', html)
    assert "<ul><li" in html and "<b>Маңызды</b>" in html and "<h2" in html

    data = client.get(f"/api/v3/pages/{page.pk}/?rich_text_format=html").json()
    assert "<img" in data["body"] and f'href="{target.url}"' in data["body"]
    assert f'linktype="page" id="{target.pk}"' in client.get(f"/api/v3/pages/{page.pk}/").json()["body"]


@pytest.mark.django_db
def test_guideline_blocks_keep_their_formatting(client):
    page = make_guideline(None, "taza", title="Таза нұсқаулық", body=[
        {"type": "paragraph", "value": '<p><b>Қалың</b> <i>көлбеу</i></p><ol><li>бір</li></ol>'},
        {"type": "callout", "value": {"kind": "tip", "title": "", "text": '<p><a href="https://kitaphana.kz/">сайт</a></p>'}},
    ])
    html = client.get(page.url).content.decode()
    assert "<b>Қалың</b> <i>көлбеу</i>" in html and "<ol><li>бір</li></ol>" in html
    assert '<a href="https://kitaphana.kz/" rel="noopener noreferrer">сайт</a>' in html


# ---------------------------------------------------------------------------------------------------------------
# Guards: every way out goes through the policy


def test_templates_use_the_sanitising_filter_not_wagtails():
    root = Path(__file__).resolve().parents[3] / "templates"
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.html") if re.search(r"\|\s*richtext\b", path.read_text())]
    assert offenders == []


def _rich_text_blocks(block):
    if isinstance(block, WagtailRichTextBlock):
        yield block
    elif isinstance(block, StreamBlock | StructBlock):
        for child in block.child_blocks.values():
            yield from _rich_text_blocks(child)
    elif isinstance(block, ListBlock):
        yield from _rich_text_blocks(block.child_block)


def test_every_rich_text_block_of_the_portal_sanitises():
    found = []
    for model in apps.get_app_config("content_models").get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                found += [(model.__name__, field.name, type(block)) for block in _rich_text_blocks(field.stream_block)]
    assert found, "no rich text block found"
    assert [item for item in found if item[2] is not RichTextBlock] == []


def test_every_page_type_checks_its_plain_text():
    page_models = [model for model in apps.get_app_config("content_models").get_models() if issubclass(model, Page)]
    assert page_models
    assert [model.__name__ for model in page_models if not issubclass(model, PortalPage)] == []
