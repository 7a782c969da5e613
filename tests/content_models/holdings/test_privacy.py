"""What the portal keeps of an upload: the used cells of the check while it lasts (in one database row, found by
the session's token), nothing after it unless the librarian saves the report."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from content_models.holdings.jobs import HoldingsJob, job_token_hash
from content_models.holdings.models import HoldingsReport
from content_models.holdings.session import SESSION_KEY

from .helpers import PAGE, check_file, known_file, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]

KK = PAGE.format(language="kk")
READER = "Айгерім Сәтбаева"  # a reader's name in a column the check does not use


def _entry(client):
    token = client.session.get(SESSION_KEY)
    job = HoldingsJob.objects.current().filter(token_hash=job_token_hash(token)).first() if token else None
    return {"stage": job.stage, **job.data} if job else None


def _database_holds(text: str) -> list[str]:
    """Tables with a text column holding ``text`` (the database is the real one of the test run)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
            for column in columns:
                try:
                    with transaction.atomic():
                        cursor.execute(f'SELECT 1 FROM "{table}" WHERE CAST("{column}" AS TEXT) LIKE %s LIMIT 1', [f"%{text}%"])
                        hit = cursor.fetchone()
                except DatabaseError:
                    continue
                if hit:
                    found.append(f"{table}.{column}")
    return found


def test_the_file_is_not_kept_and_only_the_used_cells_wait_between_steps(client):
    upload(client, known_file())
    entry = _entry(client)
    assert entry["stage"] == "columns"  # the parsed table waits for the column step
    assert READER in str(entry["table"])
    check_file(client, known_file())
    entry = _entry(client)
    assert entry["stage"] == "report" and "table" not in entry
    assert READER not in str(entry)  # the unused column is gone with the table
    job = HoldingsJob.objects.get()
    assert "Физика. 7 сынып" in str(job.data) and READER not in str(job.data)
    # Nowhere else (SQLite keeps JSON with \u escapes, so only PostgreSQL finds the text in the check's own row).
    assert set(_database_holds("Физика. 7 сынып")) <= {"content_models_holdingsjob.data"}
    assert _database_holds(READER) == []
    session = Session.objects.get().get_decoded()
    assert set(session) == {SESSION_KEY}  # the session holds only the token of the check
    assert client.session[SESSION_KEY] not in HoldingsJob.objects.get().token_hash  # only its hash is stored


def test_rows_are_gone_after_the_report_when_the_librarian_deletes_them(client):
    check_file(client, known_file())
    assert _entry(client) is not None
    response = client.post(KK + "delete/")
    assert response.status_code == 302 and response["Location"] == KK
    assert not HoldingsJob.objects.exists() and _database_holds("Физика. 7 сынып") == []
    assert SESSION_KEY not in client.session
    follow = client.get(KK + "report/", follow=True)
    assert follow.redirect_chain == [(KK, 302)]
    html = follow.content.decode()
    assert "Физика. 7 сынып" not in html
    assert HoldingsReport.objects.count() == 0


def test_rows_expire_an_hour_after_the_last_step(client):
    check_file(client, known_file())
    HoldingsJob.objects.update(expires_at=timezone.now() + timedelta(minutes=29))  # 31 minutes later
    assert client.get(KK + "report/").status_code == 200  # activity keeps them another hour
    assert HoldingsJob.objects.get().expires_at > timezone.now() + timedelta(minutes=59)
    HoldingsJob.objects.update(expires_at=timezone.now() - timedelta(seconds=1))  # an hour without activity
    response = client.get(KK + "report/", follow=True)
    assert response.redirect_chain == [(KK, 302)]
    with translation.override("kk"):
        expired = gettext("The check of your file has expired and its rows are deleted from the portal. Upload the file again.")
    assert [str(message) for message in response.context["messages"]] == [expired]
    assert _entry(client) is None


def test_a_new_upload_replaces_the_previous_one(client):
    check_file(client, known_file())
    first = client.session[SESSION_KEY]
    upload(client, known_file())
    assert not HoldingsJob.objects.filter(token_hash=job_token_hash(first)).exists()
    assert HoldingsJob.objects.get().stage == "columns"


def test_a_saved_report_keeps_the_report_data_only_and_outlives_the_session(client, settings):
    settings.PORTAL_PAGE_CACHE = True
    check_file(client, known_file())
    client.post(KK + "report/decisions/", {"shown": ["6"], "accept": ["6"]})
    response = client.post(KK + "report/save/", {"min_copies": "4"})
    link = response["Location"]
    assert link.startswith(KK + "saved/") and len(link.rsplit("/", 2)[1]) >= 32
    saved = HoldingsReport.objects.get()
    assert READER not in str(saved.check_data)
    assert saved.check_data["decisions"] == [[6, True]]  # the decision is kept, so the report is the same again
    assert link.rsplit("/", 2)[1] not in saved.token_hash  # only a hash of the token is stored
    assert saved.summary["matched"] == 6 and saved.summary["held"] == 3

    client.post(KK + "delete/")  # the session's copy goes; the saved report stays
    anonymous = client.__class__()
    for _ in range(2):
        page = anonymous.get(link)
        assert page.status_code == 200
        assert "X-Portal-Cache" not in page  # never in the anonymous page cache
    assert page["Cache-Control"].startswith("private") and "no-store" in page["Cache-Control"]
    assert page["X-Robots-Tag"].startswith("noindex") and page["Referrer-Policy"] == "no-referrer"
    html = page.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    report = page.context["report"]
    assert (report["matched"], report["possible"], report["min_copies"]) == (6, 0, 4)
    assert anonymous.get(link + "print/").status_code == 200
    assert anonymous.get(link + "download/csv/").status_code == 200
    assert anonymous.get(link.replace("/saved/", "/saved/x")).status_code == 404

    assert anonymous.post(link + "delete/").status_code == 302
    assert HoldingsReport.objects.count() == 0
    assert anonymous.get(link).status_code == 404


def test_saved_reports_expire(client, settings):
    check_file(client, known_file())
    link = client.post(KK + "report/save/", {"min_copies": "3"})["Location"]
    HoldingsReport.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(link).status_code == 404
    client.post(KK + "report/save/", {"min_copies": "3"})  # saving another report clears expired ones
    assert HoldingsReport.objects.count() == 1


def test_the_upload_page_is_not_cached_for_the_next_visitor(client, settings):
    settings.PORTAL_PAGE_CACHE = True
    first = client.get(KK)
    second = client.get(KK)
    assert "X-Portal-Cache" not in first and "X-Portal-Cache" not in second
    assert "no-store" in second["Cache-Control"]
