"""The expensive part of a big holdings check — matching every row with the list, and for the API the report —
as a task on the "holdings" queue, run by the task worker (``manage.py holdings_worker``), not in a web process.

``job_queue`` puts a prepared check (``HoldingsJob`` at stage "queued", its cells in ``data["check"]``) or a big
API file not read yet (its bytes in ``upload``, the columns asked for in ``data["upload"]``) on the queue; the task
reads the file if need be (a file that cannot be checked fails the job with the reason), matches the rows,
telling the job its progress every few hundred rows, and leaves the result in the job: the matched check for the
page (stage "report"), the report as JSON text for the API. A failure leaves the
job at stage "failed" with its cells, so the librarian can try again. With ``PORTAL_HOLDINGS_TASKS=immediate``
the same task runs at once in the request.
"""

import json
import logging
import time

from django.http import HttpRequest
from django.utils import timezone, translation
from django_tasks import task

from content_models.holdings.jobs import HoldingsJob, job_hours, jobs_clean
from content_models.holdings.report import Check, check_match, check_prepare, report_build
from content_models.holdings.upload import UploadError, upload_columns, upload_table

logger = logging.getLogger(__name__)
PROGRESS_SECONDS = 0.5  # at most two progress writes a second


class LinkBase(HttpRequest):
    """Stands for the API request in the worker: the report's links start with the base the request had."""

    def __init__(self, base: str):
        super().__init__()
        self._scheme, _sep, self._host = base.partition("://")

    @property
    def scheme(self):
        return self._scheme

    def get_host(self):
        return self._host


def job_queue(job: HoldingsJob) -> None:
    """Queue the check of ``job`` (at stage "queued") for the worker. With the database queue the task's row is
    written in the same transaction as the job's."""
    holdings_check_task.enqueue(job.pk)


@task(backend="holdings", queue_name="holdings")
def holdings_check_task(job_id: int) -> str:
    """Match the check of one job; returns what became of it (the job itself holds the result)."""
    try:
        if not HoldingsJob.objects.current().filter(pk=job_id, stage="queued").update(
                stage="running", rows_done=0, updated_at=timezone.now(), error=""):
            return "gone"  # deleted, expired or taken by another worker
        try:
            return _run(HoldingsJob.objects.get(pk=job_id))
        except Exception:
            logger.exception("holdings check %s failed", job_id)
            HoldingsJob.objects.filter(pk=job_id, stage="running").update(stage="failed", error="error", updated_at=timezone.now())
            raise
    finally:
        jobs_clean()


def _read_upload(job: HoldingsJob) -> Check | None:
    """A big API file read and its columns chosen, as the request does for a small one; None (and the job failed
    with the reason) when the file cannot be checked."""
    upload = job.data["upload"]
    with translation.override(job.language):
        try:
            table = upload_table(bytes(job.upload), upload["name"])
            columns = upload_columns(table, upload["given"])
        except UploadError as problem:
            HoldingsJob.objects.filter(pk=job.pk, stage="running").update(
                stage="failed", error=str(problem), upload=b"", data={}, updated_at=timezone.now())
            return None
    check = check_prepare(table, columns, filename=upload["name"])
    job.rows_total = len(table.rows)
    job.data = {**job.data, "check": check.as_data()}
    HoldingsJob.objects.filter(pk=job.pk, stage="running").update(rows_total=job.rows_total, upload=b"", updated_at=timezone.now())
    return check


def _run(job: HoldingsJob) -> str:
    if "upload" in job.data:
        check = _read_upload(job)
        if check is None:
            return "failed"
    else:
        check = Check.from_data(job.data["check"])
    done = {"at": time.monotonic()}
    scale = job.rows_total / max(len(check.holdings), 1)

    def progress(rows: int) -> None:
        now = time.monotonic()
        if now - done["at"] >= PROGRESS_SECONDS:
            done["at"] = now
            HoldingsJob.objects.filter(pk=job.pk, stage="running").update(rows_done=int(rows * scale), updated_at=timezone.now())

    check_match(check, progress=progress)
    finished = {"stage": "report", "rows_done": job.rows_total, "updated_at": timezone.now(), "expires_at": timezone.now() + job_hours()}
    if job.source == "api":
        accepted, rejected = set(job.data.get("accept", [])), set(job.data.get("reject", []))
        check.decide(accepted, accepted | rejected)
        with translation.override(job.language):
            report = report_build(check, language=job.language, min_copies=job.min_copies, request=LinkBase(job.base_url))
        finished.update(data={}, result=json.dumps(report, ensure_ascii=False))
    else:
        finished.update(data={"check": check.as_data()})
    # Only a job still running gets the result: one deleted meanwhile stays deleted.
    return "done" if HoldingsJob.objects.filter(pk=job.pk, stage="running").update(**finished) else "gone"
