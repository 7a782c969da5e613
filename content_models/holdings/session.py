"""Where the page's check waits between the steps: a ``HoldingsJob`` row in the database, for this browser
session only.

The session holds nothing but the check's random token; the row (found by the token's hash) holds the parsed table
(until the librarian confirms the columns), then only the check (the cells it uses, the matches and the decisions).
It expires ``PORTAL_HOLDINGS_SESSION_MINUTES`` after the last step — a check the worker has queued or finished is
kept at least ``PORTAL_HOLDINGS_JOB_HOURS`` — and goes at once when the librarian deletes it or uploads another
file. The uploaded file itself is never stored anywhere. Every web process and the task worker see the same row,
so nothing depends on a shared cache.
"""

from content_models.holdings.jobs import WAITING, HoldingsJob, job_hours, job_token_hash, session_minutes

SESSION_KEY = "holdings_check"
EXPIRED = "_holdings_check_expired"  # set on the request when the session's check has expired


def _lifetime(stage: str):
    return job_hours() if stage in WAITING else session_minutes()


def session_job(request, *, with_data: bool = True) -> HoldingsJob | None:
    """This session's check, or None when there is none (never uploaded, deleted or expired)."""
    token = request.session.get(SESSION_KEY)
    if not token:
        return None
    job = HoldingsJob.for_token(token, source="page", with_data=with_data)
    if job is None:
        del request.session[SESSION_KEY]
        setattr(request, EXPIRED, True)
        return None
    job.touch(_lifetime(job.stage))
    return job


def session_check_expired(request) -> bool:
    """Whether this request found the session's check gone (expired or cleaned up)."""
    return getattr(request, EXPIRED, False)


def session_check_put(request, stage: str, data: dict, **fields) -> HoldingsJob:
    """Keep ``data`` for this session's check at ``stage`` ("columns", "queued" or "report")."""
    job = session_job(request, with_data=False)
    if job is None:
        job, token = HoldingsJob.create(source="page", stage=stage, data=data, lifetime=_lifetime(stage), **fields)
        request.session[SESSION_KEY] = token
        return job
    job.stage, job.data, job.error = stage, data, ""
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=["stage", "data", "error", *fields])
    job.touch(_lifetime(stage))
    return job


def session_check_get(request) -> dict | None:
    """This session's check as ``{"stage": …, **data}``, or None."""
    job = session_job(request)
    if job is None:
        return None
    return {"stage": job.stage, **job.data}


def session_check_delete(request) -> None:
    token = request.session.pop(SESSION_KEY, None)
    if token:
        HoldingsJob.objects.filter(token_hash=job_token_hash(token), source="page").delete()
