"""The admin import's staged upload lives in the database between preview and confirmation: any app server (any
session of the same editor) can confirm it, nobody else can, and it expires."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.users.models import UserProfile

from content_models.books.models import BookPage
from content_models.books.uploads import BookImportUpload, upload_token_hash

from .test_import_booklist import new_row
from .test_import_files import csv_text

pytestmark = pytest.mark.django_db
URL = "/admin/book-list/import/"
EXPIRED = "The uploaded file has expired; upload it again."


def _preview(client, number, title="Сақталған кітап"):
    upload = SimpleUploadedFile("list.csv", csv_text([new_row(number, title=title, author="Сақтаулы Автор")]).encode(), content_type="text/csv")
    html = client.post(URL, {"file": upload, "edition": 2025}).content.decode()
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def _confirm(client, token):
    response = client.post(URL, {"confirm": "1", "token": token}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_upload_waits_in_the_database_and_another_session_of_the_same_editor_confirms_it(moderator, settings, tmp_path):
    settings.VAR_DIR = tmp_path  # an empty var folder of its own: nothing may be written there
    token = _preview(_logged_in(moderator), 1300)
    staged = BookImportUpload.objects.get()
    assert staged.user == moderator and staged.name == "list.csv" and staged.edition == 2025 and not staged.skip_invalid
    assert staged.token_hash == upload_token_hash(token) and token not in staged.token_hash  # only the hash is kept
    assert b"1300" in bytes(staged.data)
    assert not any(tmp_path.iterdir())
    html = _confirm(_logged_in(moderator), token)  # a new session, as when the confirmation reaches another server
    assert "Import finished: 1 created, 0 updated, 0 unchanged, 0 invalid." in html
    assert BookPage.objects.filter(list_no=1300).count() == 3  # kk, ru, en
    assert not BookImportUpload.objects.exists()  # confirming deletes it
    assert EXPIRED in _confirm(_logged_in(moderator), token)  # a second confirmation (a double click) finds nothing
    assert BookPage.objects.filter(list_no=1300).count() == 3  # kk, ru, en


def test_another_user_cannot_confirm_it_and_the_owner_still_can(moderator):
    owner = _logged_in(moderator)
    token = _preview(owner, 1301)
    other = moderator.__class__.objects.create_user(username="other-moderator", password="x")
    other.groups.add(Group.objects.get(name="Moderators"))
    UserProfile.objects.update_or_create(user=other, defaults={"preferred_language": "en"})
    assert EXPIRED in _confirm(_logged_in(other), token)
    assert not BookPage.objects.filter(list_no=1301).exists()
    assert BookImportUpload.objects.count() == 1  # the other user's attempt takes nothing away
    assert "Import finished: 1 created" in _confirm(owner, token)


@pytest.mark.parametrize("token", ["", "unknown", "x" * 65])
def test_an_unknown_token_says_expired(moderator, token):
    _preview(_logged_in(moderator), 1302)
    assert EXPIRED in _confirm(_logged_in(moderator), token)
    assert BookImportUpload.objects.count() == 1


def test_an_expired_upload_says_so_writes_nothing_and_the_cleanup_removes_it(moderator, settings):
    client = _logged_in(moderator)
    token = _preview(client, 1303)
    fresh = _preview(client, 1304, title="Жаңа сақталған кітап")
    settings.PORTAL_IMPORT_UPLOAD_HOURS = 2
    BookImportUpload.objects.filter(token_hash=upload_token_hash(token)).update(created_at=timezone.now() - timedelta(hours=2, seconds=1))
    assert EXPIRED in _confirm(client, token)
    assert not BookPage.objects.filter(list_no=1303).exists()
    call_command("clean_expired")
    assert list(BookImportUpload.objects.values_list("token_hash", flat=True)) == [upload_token_hash(fresh)]
    assert EXPIRED in _confirm(client, token)  # after the cleanup: still the same clear message
    assert "Import finished: 1 created" in _confirm(client, fresh)


def test_a_preview_that_cannot_be_imported_stages_nothing(moderator):
    client = _logged_in(moderator)
    bad = new_row(1305, title="Қате кітап", author="Қате Автор")
    bad["period"] = "medieval"
    upload = SimpleUploadedFile("bad.csv", csv_text([bad]).encode(), content_type="text/csv")
    html = client.post(URL, {"file": upload, "edition": 2025}).content.decode()
    assert 'name="confirm"' not in html
    assert not BookImportUpload.objects.exists()


def test_an_editor_without_publish_rights_cannot_confirm_a_staged_upload(moderator, editor):
    token = _preview(_logged_in(moderator), 1306)
    assert _logged_in(editor).post(URL, {"confirm": "1", "token": token}).status_code in (302, 403)
    assert BookImportUpload.objects.count() == 1
