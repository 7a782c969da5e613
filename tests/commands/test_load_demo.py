"""load_demo builds the tree in three locales and is idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page
from wagtail_localize.models import StringTranslation

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
