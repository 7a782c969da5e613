"""load_demo builds the tree in three locales, creates only what is missing and never changes what exists."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation

from content_models.demo.guidance_texts import VIDEOS
from content_models.demo.loader import load_demo
from content_models.events import EventIndexPage, EventPage, EventType
from content_models.guidance.models import GuidelinePage
from content_models.home.models import HomePage
from content_models.videos.files import VideoFile
from content_models.videos.models import VideoIndexPage, VideoPage

pytestmark = pytest.mark.django_db


def test_load_demo_twice_gives_the_same_pages():
    before = sorted(Page.objects.values_list("locale__language_code", "url_path", "live"))
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert sorted(Page.objects.values_list("locale__language_code", "url_path", "live")) == before
    counts = {code: Page.objects.filter(locale__language_code=code, depth__gt=1).count() for code in ("kk", "ru", "en")}
    assert counts["kk"] == counts["ru"] == counts["en"] >= 7


def test_demo_translations_live_in_wagtail_localize():
    assert StringTranslation.objects.filter(locale__language_code="ru", data="Рекомендуемые книги").exists()
    assert StringTranslation.objects.filter(locale__language_code="en", data="Recommended books").exists()


def test_admin_user_comes_from_the_environment(settings):
    settings.PORTAL_ADMIN_USER = "kitapkhanashy"
    settings.PORTAL_ADMIN_PASSWORD = "Qupiya-Soz-2026"
    out = StringIO()
    call_command("load_demo", stdout=out)
    user = get_user_model().objects.get(username="kitapkhanashy")
    assert user.is_superuser and user.check_password("Qupiya-Soz-2026")
    assert "Qupiya-Soz-2026" not in out.getvalue()


def test_generated_admin_credentials_are_printed_once(settings):
    settings.PORTAL_ADMIN_USER = "demo-admin"
    settings.PORTAL_ADMIN_PASSWORD = ""
    first, second = StringIO(), StringIO()
    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)
    assert "Admin user created: demo-admin / " in first.getvalue()
    password = first.getvalue().split("demo-admin / ")[1].split()[0]
    assert get_user_model().objects.get(username="demo-admin").check_password(password)
    assert "Admin user created" not in second.getvalue()


# --- Starting the server never undoes an editor's work ------------------------------------------------------------


def _edit_and_publish(page, user, **fields):
    """What an editor does in the admin: change the draft, save a revision, publish it."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision(user=user).publish(user=user)
    return type(page).objects.get(pk=page.pk)


def test_the_serve_set_up_keeps_an_editors_published_edits_and_adds_no_revision(moderator):
    home = HomePage.objects.get(locale__language_code="kk", depth=2)
    guideline = GuidelinePage.objects.get(locale__language_code="kk", slug="collection-forming-instruction")
    event_type = EventType.objects.get(locale__language_code="kk", slug="festival")
    intro = "<p>Редактор жазған жаңа кіріспе: бағдарлама 2027 жылға дейін ұзартылды.</p>"
    body = [{"type": "paragraph", "value": "<p>Қордың жаңа ережелері 2027 жылдың қаңтарынан бастап қолданылады.</p>"}]
    home = _edit_and_publish(home, moderator, intro=intro)
    guideline = _edit_and_publish(guideline, moderator, body=body)
    event_type.name = "Кітап фестивалі"
    event_type.save()
    ru_home = HomePage.objects.get(locale__language_code="ru", depth=2)
    revisions = Revision.objects.count()
    pages = sorted(Page.objects.values_list("pk", "live", "latest_revision_id", "live_revision_id", "title"))

    out = StringIO()
    call_command("prepare_site", stdout=out)  # the set-up `run.py serve` runs before starting the server

    assert "Site ready" in out.getvalue() and "0 migration(s) applied" in out.getvalue()
    assert Revision.objects.count() == revisions
    assert sorted(Page.objects.values_list("pk", "live", "latest_revision_id", "live_revision_id", "title")) == pages
    home.refresh_from_db()
    guideline.refresh_from_db()
    assert home.intro == intro and home.live and not home.has_unpublished_changes
    assert [block.value.source for block in guideline.body] == [body[0]["value"]]
    assert EventType.objects.get(pk=event_type.pk).name == "Кітап фестивалі"
    assert HomePage.objects.get(pk=ru_home.pk).intro == ru_home.intro
    assert intro in Client().get("/kk/").content.decode()


def test_a_second_run_on_a_complete_site_only_looks(django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        result = load_demo(log=lambda message: None)
    assert result["new_sections"] == set() and result["books"] is None


def test_a_demo_page_an_editor_deleted_stays_deleted():
    calendar = EventIndexPage.objects.get(locale__language_code="kk")
    event = EventPage.objects.child_of(calendar).get(slug="quiet-reading-hour")
    for page in [*event.get_translations(), event]:
        page.delete()
    call_command("load_demo", verbosity=0, stdout=StringIO())
    assert not EventPage.objects.filter(slug="quiet-reading-hour").exists()


def test_a_missing_section_is_built_again_with_its_content_and_reuses_existing_files():
    section = VideoIndexPage.objects.get(locale__language_code="kk")
    for page in [*section.get_translations(), section]:
        page.delete()
    files, images = VideoFile.objects.count(), get_image_model().objects.count()
    out = StringIO()
    call_command("load_demo", verbosity=0, stdout=out)
    for code in ("kk", "ru", "en"):
        rebuilt = VideoIndexPage.objects.get(locale__language_code=code)
        assert rebuilt.live and VideoPage.objects.child_of(rebuilt).live().count() == len(VIDEOS)
    assert VideoFile.objects.count() == files and get_image_model().objects.count() == images
