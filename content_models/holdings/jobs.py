"""Holdings checks in the database: the page's check between its steps, and every check the task worker matches
(queued, running, finished or failed) with its progress and result.

One row per check, so every web process and the worker see the same state (nothing lives in one process's
memory or cache). A check is found only by the token of whoever created it — kept in the librarian's session, or
given to the API client as the job id — and only a hash of the token is stored. Rows expire: the page's check
``PORTAL_HOLDINGS_SESSION_MINUTES`` after the last step, a queued or finished job ``PORTAL_HOLDINGS_JOB_HOURS``
after it was queued or finished; ``jobs_clean`` (run by the worker after every check and by ``manage.py
clean_expired``) deletes expired rows with the cells they held.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content_models.core.tokens import new_token, token_hash

STAGES = ("columns", "queued", "running", "report", "failed")
WAITING = ("queued", "running")
STALLED_MINUTES = 15  # a running check whose progress has not moved for this long died with its worker


job_token_hash = token_hash


def job_hours() -> timedelta:
    return timedelta(hours=settings.PORTAL_HOLDINGS_JOB_HOURS)


def session_minutes() -> timedelta:
    return timedelta(minutes=settings.PORTAL_HOLDINGS_SESSION_MINUTES)


class HoldingsJobQuerySet(models.QuerySet):
    def current(self):
        return self.filter(expires_at__gt=timezone.now())

    def expired(self):
        return self.filter(expires_at__lte=timezone.now())


class HoldingsJob(models.Model):
    """One holdings check: its stage, the cells it uses (``data``), its progress and, for the API, its report."""

    token_hash = models.CharField(max_length=64, unique=True)
    source = models.CharField(max_length=8)  # "page" or "api"
    stage = models.CharField(max_length=12)  # one of STAGES
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)  # last progress
    expires_at = models.DateTimeField(db_index=True)
    language = models.CharField(max_length=8, blank=True)
    min_copies = models.PositiveSmallIntegerField(default=3)
    base_url = models.CharField(max_length=200, blank=True)  # the API's links start with it
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)  # "table" (columns step) or "check" (queued: not matched yet; report)
    upload = models.BinaryField(blank=True, default=b"")  # a big API file, until the worker has read it
    result = models.TextField(blank=True)  # the API's finished report, as JSON text
    error = models.TextField(blank=True)  # why it failed: "error" (unexpected) or what is wrong with the file

    objects = HoldingsJobQuerySet.as_manager()

    class Meta:
        app_label = "content_models"
        verbose_name = _("holdings check job")
        verbose_name_plural = _("holdings check jobs")

    def __str__(self):
        return f"holdings check {self.pk} ({self.source}, {self.stage})"

    @classmethod
    def create(cls, *, source: str, stage: str, data: dict, lifetime: timedelta, **fields) -> tuple["HoldingsJob", str]:
        """A new check and its token (given once, never stored); expired checks go first."""
        cls.objects.expired().delete()
        token, hashed = new_token()
        now = timezone.now()
        job = cls.objects.create(token_hash=hashed, source=source, stage=stage, data=data,
                                 created_at=now, updated_at=now, expires_at=now + lifetime, **fields)
        return job, token

    @classmethod
    def for_token(cls, token: str, *, source: str, with_data: bool = True) -> "HoldingsJob | None":
        if not token or len(token) > 64:
            return None
        jobs = cls.objects.current().filter(token_hash=token_hash(token), source=source)
        jobs = jobs.defer("upload")
        if not with_data:
            jobs = jobs.defer("data", "upload", "result")
        return jobs.first()

    @property
    def stalled(self) -> bool:
        return self.stage == "running" and self.updated_at < timezone.now() - timedelta(minutes=STALLED_MINUTES)

    @property
    def status(self) -> str:
        """queued, running, done or failed (a stalled check has failed)."""
        if self.stage == "report":
            return "done"
        if self.stage == "failed" or self.stalled:
            return "failed"
        return self.stage

    @property
    def ahead(self) -> int:
        """Checks queued before this one and not finished yet."""
        return HoldingsJob.objects.current().filter(stage__in=WAITING, created_at__lt=self.created_at).count()

    def touch(self, lifetime: timedelta) -> None:
        """Keep the check at least ``lifetime`` from now (never shortens it; written at most once a minute)."""
        until = timezone.now() + lifetime
        if self.expires_at < until - timedelta(minutes=1):
            HoldingsJob.objects.filter(pk=self.pk, expires_at__lt=until).update(expires_at=until)
            self.expires_at = until


def jobs_clean() -> dict:
    """Delete expired checks (with the cells they held) and the queue's records of finished checks older than a
    job's lifetime; the numbers deleted."""
    from django_tasks_db.models import DBTaskResult

    jobs, _by_model = HoldingsJob.objects.expired().delete()
    old = timezone.now() - job_hours()
    results, _by_model = (DBTaskResult.objects.filter(backend_name="holdings", finished_at__lt=old)
                          .exclude(status__in=["READY", "RUNNING"]).delete())
    return {"jobs": jobs, "task_results": results}
