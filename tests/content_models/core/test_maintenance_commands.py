"""The cron commands of a deployment with several app servers: clean_expired deletes what has expired (and only
that), publish_scheduled publishes a scheduled page once however many runs meet (PostgreSQL: two real runs in two
threads, each on its own connection, committing for real; the rows are removed afterwards)."""

import io
import os
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from content_models.books.uploads import BookImportUpload
from content_models.core.run_once import lock_key
from content_models.holdings.jobs import HoldingsJob
from content_models.holdings.saved import HoldingsReport
from content_models.home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _rows(moderator, *, expired: bool):
    now = timezone.now()
    when = now - timedelta(seconds=1) if expired else now + timedelta(hours=1)
    tag = "old" if expired else "new"
    HoldingsReport.objects.create(token_hash=f"report-{tag}", expires_at=when, language="kk", min_copies=3, check_data={})
    HoldingsJob.objects.create(token_hash=f"job-{tag}", source="api", stage="report", expires_at=when)
    upload = BookImportUpload.objects.create(token_hash=f"upload-{tag}", user=moderator, name="a.csv", edition=2025, data=b"x")
    if expired:
        BookImportUpload.objects.filter(pk=upload.pk).update(created_at=now - timedelta(hours=24, seconds=1))


@pytest.mark.parametrize("command", ["clean_expired", "clean_holdings"])
def test_clean_expired_deletes_expired_rows_of_each_kind_and_keeps_the_current_ones(moderator, command):
    _rows(moderator, expired=True)
    _rows(moderator, expired=False)
    out = io.StringIO()
    call_command(command, stdout=out)
    assert out.getvalue().splitlines() == [
        "Deleted 1 expired checks, 0 old queue records, 1 expired saved reports.",
        "Deleted 1 expired book list uploads.",
    ]
    assert list(HoldingsReport.objects.values_list("token_hash", flat=True)) == ["report-new"]
    assert list(HoldingsJob.objects.values_list("token_hash", flat=True)) == ["job-new"]
    assert list(BookImportUpload.objects.values_list("token_hash", flat=True)) == ["upload-new"]
    out = io.StringIO()
    call_command(command, stdout=out)  # again: nothing left to delete
    assert "Deleted 0 expired checks, 0 old queue records, 0 expired saved reports." in out.getvalue()


def test_clean_expired_deletes_uploads_by_the_configured_lifetime(moderator, settings):
    _rows(moderator, expired=False)
    BookImportUpload.objects.update(created_at=timezone.now() - timedelta(hours=3))
    call_command("clean_expired", stdout=io.StringIO())
    assert BookImportUpload.objects.count() == 1  # 3 hours old, kept 24 by default
    settings.PORTAL_IMPORT_UPLOAD_HOURS = 2
    call_command("clean_expired", stdout=io.StringIO())
    assert not BookImportUpload.objects.exists()


# --- one run at a time (PostgreSQL) -----------------------------------------------------------------------------------

def _in_thread(function, *args):
    """Run on a thread of its own (its own connection, autocommit), closing the connection after."""
    result = {}

    def target():
        try:
            result["value"] = function(*args)
        except Exception as problem:  # noqa: BLE001
            result["error"] = problem
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(120)
    if "error" in result:
        raise result["error"]
    return result.get("value")


def _scheduled_page(slug):
    """A StandardPage under the kk home page, never live, its revision approved to go live a minute ago."""
    home = HomePage.objects.get(locale__language_code="kk")
    page = home.add_child(instance=StandardPage(title="Жоспарланған бет", slug=slug, live=False))
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # in the future: scheduled, not live
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    return page.pk, revision.pk


def _remove_page(page_id):
    PageLogEntry.objects.filter(page_id=page_id).delete()
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        page.delete()


def _published(page_id):
    page = Page.objects.get(pk=page_id)
    logs = PageLogEntry.objects.filter(page_id=page_id, action="wagtail.publish.scheduled").count()
    return page.live, page.live_revision_id, logs


def _run_publish(barrier, outputs):
    barrier.wait(30)
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    outputs.append(out.getvalue())


def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: on SQLite the whole run is one transaction behind the database's write lock")


@pytest.mark.django_db(transaction=False)
def test_two_concurrent_publish_scheduled_runs_publish_a_page_once(django_db_blocker):
    _postgresql_only()
    with django_db_blocker.unblock():
        page_id, revision_id = _in_thread(_scheduled_page, "scheduled-twice")
        try:
            barrier, outputs = threading.Barrier(2), []
            threads = [threading.Thread(target=lambda: (_run_publish(barrier, outputs), connections.close_all())) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
            assert len(outputs) == 2
            assert _in_thread(_published, page_id) == (True, revision_id, 1)  # live, one live revision, one log entry
        finally:
            _in_thread(_remove_page, page_id)


def _hold_lock(name, holding, release):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [lock_key(name)])
        holding.set()
        release.wait(120)
        cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_key(name)])


@pytest.mark.django_db(transaction=False)
def test_a_run_meeting_another_one_exits_0_and_publishes_nothing(django_db_blocker):
    _postgresql_only()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    env["DATABASE_URL"] = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict)
    with django_db_blocker.unblock():
        page_id, revision_id = _in_thread(_scheduled_page, "scheduled-held")
        holding, release = threading.Event(), threading.Event()
        holder = threading.Thread(target=lambda: (_hold_lock("publish_scheduled", holding, release), connections.close_all()))
        holder.start()
        try:
            assert holding.wait(30)
            second = subprocess.run([sys.executable, "manage.py", "publish_scheduled"], cwd=ROOT, env=env,
                                    capture_output=True, text=True, timeout=120)
            assert second.returncode == 0, second.stderr
            assert "Another run of publish_scheduled is in progress; nothing done." in second.stdout
            assert _in_thread(_published, page_id) == (False, None, 0)
            release.set()
            holder.join(30)
            first = subprocess.run([sys.executable, "manage.py", "publish_scheduled"], cwd=ROOT, env=env,
                                   capture_output=True, text=True, timeout=120)
            assert first.returncode == 0, first.stderr
            assert _in_thread(_published, page_id) == (True, revision_id, 1)
        finally:
            release.set()
            holder.join(30)
            _in_thread(_remove_page, page_id)


@pytest.mark.django_db(transaction=False)
def test_clean_expired_meeting_another_run_deletes_nothing(django_db_blocker, moderator):
    _postgresql_only()
    _rows(moderator, expired=True)
    with django_db_blocker.unblock():
        holding, release = threading.Event(), threading.Event()
        holder = threading.Thread(target=lambda: (_hold_lock("clean_expired", holding, release), connections.close_all()))
        holder.start()
        try:
            assert holding.wait(30)
            out = io.StringIO()
            call_command("clean_expired", stdout=out)
            assert out.getvalue().strip() == "Another run of clean_expired is in progress; nothing done."
            assert HoldingsReport.objects.count() == 1 and BookImportUpload.objects.count() == 1
        finally:
            release.set()
            holder.join(30)


def test_publish_scheduled_twice_in_a_row_publishes_once():
    page_id, revision_id = _scheduled_page("scheduled-once")
    for _run in range(2):
        call_command("publish_scheduled", stdout=io.StringIO())
    assert _published(page_id) == (True, revision_id, 1)
