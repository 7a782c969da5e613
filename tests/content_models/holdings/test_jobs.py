"""Big checks are matched by the task worker, not in the request: the page's progress step, the API's 202 and its
job, failures and retries, expiry and cleanup, and who may see a job."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from content_models.holdings.api import JobOut
from content_models.holdings.jobs import HoldingsJob
from content_models.holdings.matching import holdings_match
from content_models.holdings.parsing import Holding
from content_models.holdings.session import SESSION_KEY

from .helpers import PAGE, check_file, known_file
from .test_api import post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]

EN = PAGE.format(language="en")
CHECKING = EN + "checking/"
API = "/api/v3/holdings/check/"


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    settings.PORTAL_HOLDINGS_INLINE_ROWS = 5  # the known file's 7 rows are a "big" file here


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- the page --------------------------------------------------------------------------------------------------

def test_a_big_file_waits_for_the_worker_with_a_progress_page_and_then_shows_the_report(client, holdings_worker, settings):
    progress = check_file(client, known_file(), language="en")  # upload, columns → the progress step
    assert progress.templates[0].name == "content_models/holdings/holdings_check_progress.html"
    html = progress.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html and progress["Refresh"] == "2"
    assert "<script" not in html.split("</header>", 1)[-1].split("<footer", 1)[0]  # works without JavaScript
    assert "0 of 7 rows checked." in html
    assert '<progress class="holdings-progress" max="7" value="0">' in html
    assert "no-store" in progress["Cache-Control"] and progress["X-Robots-Tag"].startswith("noindex")

    job = HoldingsJob.objects.get()
    assert (job.source, job.stage, job.rows_total) == ("page", "queued", 7)
    task = DBTaskResult.objects.get(backend_name="holdings")
    assert (task.queue_name, task.args_kwargs) == ("holdings", {"args": [job.pk], "kwargs": {}})  # no cells in the queue
    assert client.get(EN + "report/")["Location"] == CHECKING  # no report yet

    assert holdings_worker() == 1
    job.refresh_from_db()
    assert (job.stage, job.rows_done) == ("report", 7)
    assert job.expires_at > timezone.now() + timedelta(hours=23)  # the result waits a day for the librarian
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    done = client.get(CHECKING)
    assert done.status_code == 302 and done["Location"] == EN + "report/"
    report = client.get(EN + "report/").context["report"]

    settings.PORTAL_HOLDINGS_INLINE_ROWS = 2000
    inline = check_file(Client(), known_file(), language="en").context["report"]
    assert report == inline  # the worker's check gives the report a check in the request gives
    assert (report["matched"], report["possible"], report["unmatched"]) == (5, 1, 1)


def test_decisions_and_downloads_work_on_a_check_the_worker_did(client, holdings_worker):
    check_file(client, known_file(), language="en")
    holdings_worker()
    client.post(EN + "report/decisions/", {"shown": ["6"], "accept": ["6"]})
    assert client.get(EN + "report/").context["report"]["matched"] == 6
    assert client.get(EN + "report/download/csv/").status_code == 200


def test_a_waiting_file_is_told_how_many_checks_are_before_it(client):
    check_file(Client(), known_file(), language="en")
    html = check_file(client, known_file(), language="en").content.decode()
    assert "Your file waits for its turn: 1 check is before it." in html


def test_a_failed_check_can_be_tried_again(client, holdings_worker):
    check_file(client, known_file(), language="en")
    job = HoldingsJob.objects.get()
    cells = job.data
    HoldingsJob.objects.filter(pk=job.pk).update(data={"check": {"unreadable": True}})  # what the worker cannot read
    assert holdings_worker() == 1
    job.refresh_from_db()
    assert (job.stage, job.error) == ("failed", "error")
    assert DBTaskResult.objects.get().status == "FAILED"
    page = client.get(CHECKING)
    html = page.content.decode()
    assert page.status_code == 200 and "The check could not be finished" in html
    assert 'http-equiv="refresh"' not in html and "Refresh" not in page
    assert f'action="{CHECKING}retry/"' in html
    assert client.get(EN + "report/")["Location"] == CHECKING

    HoldingsJob.objects.filter(pk=job.pk).update(data=cells)  # the cause is gone
    response = client.post(CHECKING + "retry/", follow=True)
    assert response.redirect_chain == [(CHECKING, 302)]
    assert _messages(response) == ["Your file is being checked again."]
    assert HoldingsJob.objects.get().stage == "queued"
    assert holdings_worker() == 1
    assert client.get(CHECKING)["Location"] == EN + "report/"
    assert client.get(EN + "report/").context["report"]["matched"] == 5
    assert client.get(CHECKING + "retry/").status_code == 405


def test_a_check_whose_worker_died_counts_as_failed(client):
    check_file(client, known_file(), language="en")
    HoldingsJob.objects.update(stage="running", updated_at=timezone.now() - timedelta(minutes=20))
    assert "The check could not be finished" in client.get(CHECKING).content.decode()


def test_an_expired_check_is_said_to_have_expired_and_is_cleaned_up(client, holdings_worker):
    check_file(client, known_file(), language="en")
    HoldingsJob.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(CHECKING, follow=True)
    assert response.redirect_chain == [(EN, 302)]
    assert _messages(response) == ["The check of your file has expired and its rows are deleted from the portal. Upload the file again."]
    assert holdings_worker() == 1  # the queued task finds no job to check, and the worker cleans up
    assert not HoldingsJob.objects.exists()


def test_clean_holdings_deletes_expired_checks_and_old_queue_records(client, holdings_worker, capsys):
    check_file(client, known_file(), language="en")
    holdings_worker()
    check_file(Client(), known_file(), language="en")  # a second one, still queued
    DBTaskResult.objects.filter(status="SUCCESSFUL").update(finished_at=timezone.now() - timedelta(hours=25))
    HoldingsJob.objects.filter(stage="report").update(expires_at=timezone.now() - timedelta(minutes=1))
    call_command("clean_holdings")
    assert "Deleted 1 expired checks, 1 old queue records, 0 expired saved reports." in capsys.readouterr().out
    assert list(HoldingsJob.objects.values_list("stage", flat=True)) == ["queued"]
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["READY"]


def test_another_browser_does_not_see_the_check(client, holdings_worker):
    check_file(client, known_file(), language="en")
    holdings_worker()
    other = Client()
    response = other.get(CHECKING, follow=True)
    assert response.redirect_chain == [(EN, 302)]
    assert other.get(EN + "report/")["Location"] == EN
    token = client.session[SESSION_KEY]
    assert Client().get(f"/api/v3/holdings/jobs/{token}/").status_code == 404  # the page's token is not an API job


def test_deleting_the_rows_stops_a_waiting_check(client, holdings_worker):
    check_file(client, known_file(), language="en")
    client.post(EN + "delete/")
    assert not HoldingsJob.objects.exists()
    assert holdings_worker() == 1  # nothing left to check
    assert DBTaskResult.objects.get().return_value == "gone"


def test_the_worker_tells_progress_every_few_hundred_rows():
    told = []
    holdings = [Holding(row=number, title=f"Оқулық {number}") for number in range(2, 1202)]
    holdings_match(holdings, progress=told.append)
    assert told == [500, 1000]


# --- the API ---------------------------------------------------------------------------------------------------

def test_api_answers_a_big_file_with_a_job_to_ask_until_it_is_done(client, holdings_worker, settings):
    accepted = post(Client(), known_file(), locale="en", min_copies="4", accept="6")
    assert accepted.status_code == 202, accepted.content
    job = accepted.json()
    JobOut.model_validate(job)
    assert len(job["id"]) >= 32 and job["status"] == "queued" and (job["rows"], job["rows_done"]) == (7, 0)
    assert job["status_url"] == f"http://testserver/api/v3/holdings/jobs/{job['id']}/" == accepted["Location"]
    assert job["report"] is None and "no-store" in accepted["Cache-Control"]
    assert job["id"] not in HoldingsJob.objects.get().token_hash  # only a hash of the id is stored

    waiting = client.get(job["status_url"])
    assert waiting.status_code == 200 and waiting.json()["status"] == "queued"
    assert holdings_worker() == 1
    done = client.get(job["status_url"])
    assert done.status_code == 200 and "no-store" in done["Cache-Control"]
    data = done.json()
    assert (data["status"], data["rows_done"], data["error"]) == ("done", 7, None)
    JobOut.model_validate(data)

    settings.PORTAL_HOLDINGS_INLINE_ROWS = 2000
    direct = post(Client(), known_file(), locale="en", min_copies="4", accept="6")
    assert direct.status_code == 200
    assert data["report"] == direct.json()  # the same report the synchronous check gives
    assert data["report"]["matched"] == 6 and data["report"]["missing_titles"][0]["html_url"].startswith("http://testserver/en/")


def test_api_job_can_be_deleted_and_unknown_or_expired_jobs_are_404(client, holdings_worker):
    job = post(client, known_file()).json()
    deleted = client.delete(job["status_url"])
    assert deleted.status_code == 204
    assert not HoldingsJob.objects.exists()
    for url in (job["status_url"], "/api/v3/holdings/jobs/nothing-like-a-job/", "/api/v3/holdings/jobs/" + "x" * 100 + "/"):
        missing = client.get(url)
        assert missing.status_code == 404 and missing["Content-Type"].startswith("application/problem+json")
        assert missing.json()["status"] == 404
    expired = post(client, known_file()).json()
    HoldingsJob.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(expired["status_url"]).status_code == 404
    assert client.delete(expired["status_url"]).status_code == 404


def test_api_job_that_failed_says_so(client, holdings_worker):
    job = post(client, known_file()).json()
    HoldingsJob.objects.update(data={"check": None})
    holdings_worker()
    data = client.get(job["status_url"]).json()
    assert data["status"] == "failed" and data["report"] is None and "send the file again" in data["error"]


def test_api_file_errors_are_still_told_at_once(client):
    response = post(client, b"\x00\x01binary", name="holdings.csv")
    assert response.status_code == 400 and not HoldingsJob.objects.exists()


def test_the_jobs_are_in_the_openapi_schema(client):
    schema = client.get("/api/v3/openapi.json").json()
    assert {"200", "202", "400"} <= set(schema["paths"][API]["post"]["responses"])
    job_path = schema["paths"]["/api/v3/holdings/jobs/{job_id}/"]
    assert {"200", "404"} <= set(job_path["get"]["responses"]) and {"204", "404"} <= set(job_path["delete"]["responses"])
    assert "202 Accepted" in schema["paths"][API]["post"]["description"]


def test_a_setup_without_a_worker_can_run_the_checks_in_the_request(client, settings):
    settings.TASKS = {**settings.TASKS, "holdings": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["holdings"]}}
    report = check_file(client, known_file(), language="en")
    assert report.templates[0].name == "content_models/holdings/holdings_check_report.html"  # via the progress step
    api = post(Client(), known_file())
    assert api.status_code == 202 and api.json()["status"] == "done"
    assert json.loads(Client().get(api.json()["status_url"]).content)["report"]["matched"] == 5


def test_a_big_api_file_is_read_by_the_worker_not_in_the_request(client, holdings_worker, settings):
    settings.PORTAL_HOLDINGS_INLINE_BYTES = 100
    job = post(client, known_file(), locale="en", title_column="Атауы").json()
    stored = HoldingsJob.objects.get()
    assert (job["status"], job["rows"], stored.data["upload"]["given"]["title"]) == ("queued", 0, "Атауы")
    assert bytes(stored.upload) == known_file() and "check" not in stored.data  # not read yet
    holdings_worker()
    stored.refresh_from_db()
    assert bytes(stored.upload) == b"" and stored.data == {}  # the file is gone once checked
    data = client.get(job["status_url"]).json()
    assert (data["status"], data["rows"], data["report"]["matched"]) == ("done", 7, 5)


@pytest.mark.parametrize(("content", "fields", "reason"), [
    (b"\x00\x01\x02 not a table", {}, None),
    (known_file(), {"title_column": "Shelf mark"}, "title_column 'Shelf mark' is not a heading of the file"),
])
def test_a_big_api_file_that_cannot_be_checked_fails_with_the_reason(client, holdings_worker, settings, content, fields, reason):
    settings.PORTAL_HOLDINGS_INLINE_BYTES = 10
    inline = post(Client(), content, locale="en", **fields)
    assert inline.status_code == 202
    holdings_worker()
    data = client.get(inline.json()["status_url"]).json()
    settings.PORTAL_HOLDINGS_INLINE_BYTES = 10_000
    told = post(Client(), content, locale="en", **fields).json()["detail"]  # what a small upload is told at once
    assert data["status"] == "failed" and data["error"] == told
    assert reason is None or told.startswith(reason)
    assert bytes(HoldingsJob.objects.get().upload) == b""  # the file is gone with the failure
