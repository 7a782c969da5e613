"""The page's step between the columns and the report for a big file: "checking… N of M rows" while the task
worker matches it (the page reloads itself with a meta refresh: no JavaScript), then on to the report; a failed
check can be tried again with the rows already there.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from content_models.holdings.session import session_job
from content_models.holdings.tasks import job_queue
from content_models.holdings.views import _no_check, _redirect, _url, private

REFRESH_SECONDS = 2


def holdings_progress(request, page):
    job = session_job(request, with_data=False)
    if job is None:
        return _no_check(request, page)
    if job.stage == "columns":
        return _redirect(_url(request, page, "columns"))
    if job.status == "done":
        return _redirect(_url(request, page, "report"))
    failed = job.status == "failed"
    context = page.get_context(request)
    context.update({
        "step": 3, "job": job, "job_hours": settings.PORTAL_HOLDINGS_JOB_HOURS, "failed": failed, "refresh": None if failed else REFRESH_SECONDS,
        "ahead": job.ahead if job.stage == "queued" else 0,
        "percent": int(100 * job.rows_done / job.rows_total) if job.rows_total else 0,
    })
    response = TemplateResponse(request, "content_models/holdings/holdings_check_progress.html", context)
    if not failed:
        response["Refresh"] = str(REFRESH_SECONDS)  # what the meta element says, for clients that read headers
    return private(response)


def holdings_retry(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    job = session_job(request)
    if job is None:
        return _no_check(request, page)
    if job.status == "failed" and "check" in job.data:
        job.stage, job.error, job.rows_done = "queued", "", 0
        job.created_at = job.updated_at = timezone.now()
        job.save(update_fields=["stage", "error", "rows_done", "created_at", "updated_at"])
        job_queue(job)
        messages.info(request, _("Your file is being checked again."))
    return _redirect(_url(request, page, "progress"))
