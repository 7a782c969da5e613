"""Email from the environment: EMAIL_URL or the EMAIL_* variables; a page submitted for moderation reaches the
moderators through a real SMTP server (aiosmtpd on a loopback port)."""

import json
import logging
import os
import subprocess
import sys
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from wagtail.test.utils.form_data import nested_form_data, rich_text

from content_models.home.models import StandardPage
from portal.env import email_config
from tests.portal.test_health import closed_port

ROOT = Path(__file__).resolve().parents[2]


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    port = closed_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


@pytest.mark.django_db
def test_a_page_submitted_for_moderation_is_mailed_to_the_moderators(client, settings, smtp_server, home_pages, editor, moderator):
    port, inbox = smtp_server
    for name, value in email_config(f"smtp://127.0.0.1:{port}").items():
        setattr(settings, name, value)
    settings.DEFAULT_FROM_EMAIL = "kitaphana@example.kz"
    moderator.email = "moderator@example.kz"
    moderator.save()
    editor.email = "editor@example.kz"
    editor.save()
    page = StandardPage(title="Жаңа бет", slug="zhana-bet", live=False)
    home_pages["kk"].add_child(instance=page)
    page.save_revision(user=editor)
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        nested_form_data({"title": "Жаңа бет", "slug": "zhana-bet", "intro": rich_text(""), "body": rich_text("Мәтін"), "action-submit": "action-submit"}),
    )
    assert response.status_code == 302
    assert len(inbox.messages) == 1
    sender, recipients, message = inbox.messages[0]
    assert sender == "kitaphana@example.kz"
    assert recipients == ["moderator@example.kz"]  # not the editor who submitted it
    assert "Жаңа бет" in str(make_header(decode_header(message["Subject"])))


@pytest.mark.django_db
def test_a_mail_server_that_is_down_is_logged_and_the_page_stays_submitted(client, settings, home_pages, editor, moderator, caplog):
    for name, value in email_config(f"smtp://127.0.0.1:{closed_port()}").items():
        setattr(settings, name, value)
    moderator.email = "moderator@example.kz"
    moderator.save()
    page = StandardPage(title="Тағы бір бет", slug="tagy-bir-bet", live=False)
    home_pages["kk"].add_child(instance=page)
    page.save_revision(user=editor)
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        nested_form_data({"title": "Тағы бір бет", "slug": "tagy-bir-bet", "intro": rich_text(""), "body": rich_text("Мәтін"), "action-submit": "action-submit"}),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress and not page.live
    failures = [record for record in caplog.records if record.levelno == logging.ERROR and record.exc_info]
    assert failures and isinstance(failures[0].exc_info[1], ConnectionRefusedError)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example.kz", {"EMAIL_HOST": "mail.example.kz", "EMAIL_PORT": 25}),
        ("smtp+tls://portal%40example.kz:p%3Aw%2Fd@mail.example.kz",
         {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True, "EMAIL_HOST_USER": "portal@example.kz", "EMAIL_HOST_PASSWORD": "p:w/d"}),
        ("smtp+ssl://mail.example.kz", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
        ("smtp+tls://mail.example.kz:2525", {"EMAIL_PORT": 2525, "EMAIL_USE_TLS": True}),
        ("consolemail://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
    ],
)
def test_email_url_forms(url, expected):
    config = email_config(url)
    assert expected.items() <= config.items()
    if "smtp" in url:
        assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert "OPTIONS" not in config and None not in config.values()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("imap://mail.example.kz", "not an email URL"),
        ("smtp://mail.example.kz:port", "not an email URL"),
        ("smtp://mail.example.kz?timeout=5", "no query parameters"),
        ("smtp://", "no host"),
    ],
)
def test_bad_email_urls_are_refused(url, message):
    with pytest.raises(ValueError, match=message):
        email_config(url)


PRINT_EMAIL = (
    "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({n: getattr(s, n) for n in "
    "('EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'EMAIL_TIMEOUT', "
    "'DEFAULT_FROM_EMAIL', 'SERVER_EMAIL')}))"
)
PRODUCTION = {"DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": "x7!kq2" * 10, "ALLOWED_HOSTS": "kitaphana.example.kz"}


def _settings(**env_overrides):
    drop = {name for name in os.environ if name.startswith("EMAIL_")} | {"DEFAULT_FROM_EMAIL", "SERVER_EMAIL", "DEBUG"}
    env = {name: value for name, value in os.environ.items() if name not in drop}
    env.update(PRODUCTION, **env_overrides)
    return subprocess.run([sys.executable, "-c", PRINT_EMAIL], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_production_reads_email_url_or_the_email_variables():
    by_url = _settings(EMAIL_URL="smtp+ssl://portal:secret@mail.example.kz", DEFAULT_FROM_EMAIL="kitaphana@example.kz", EMAIL_TIMEOUT="5")
    assert by_url.returncode == 0, by_url.stderr
    assert json.loads(by_url.stdout) == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "mail.example.kz", "EMAIL_PORT": 465,
        "EMAIL_HOST_USER": "portal", "EMAIL_USE_TLS": False, "EMAIL_USE_SSL": True, "EMAIL_TIMEOUT": 5,
        "DEFAULT_FROM_EMAIL": "kitaphana@example.kz", "SERVER_EMAIL": "kitaphana@example.kz",
    }
    by_parts = _settings(EMAIL_HOST="relay.example.kz", EMAIL_PORT="587", EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")
    assert by_parts.returncode != 0 and "exclude each other" in by_parts.stderr
