"""Holdings reports a librarian chose to save behind a private link."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content_models.core.tokens import new_token, token_hash

report_token_hash = token_hash


class HoldingsReportQuerySet(models.QuerySet):
    def current(self):
        return self.filter(expires_at__gt=timezone.now())

    def expired(self):
        return self.filter(expires_at__lte=timezone.now())


class HoldingsReport(models.Model):
    """A report a librarian saved behind a private link. It keeps the report's data (the rows the check used,
    what each matched and the librarian's decisions), never the uploaded file; only a hash of the link's token
    is stored, so the database alone does not give the links away."""

    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    language = models.CharField(max_length=8)
    min_copies = models.PositiveSmallIntegerField()
    check_data = models.JSONField()
    summary = models.JSONField(default=dict)  # the headline figures when saved

    objects = HoldingsReportQuerySet.as_manager()

    class Meta:
        app_label = "content_models"
        verbose_name = _("saved holdings report")
        verbose_name_plural = _("saved holdings reports")

    def __str__(self):
        return f"holdings report {self.pk} ({self.created_at:%Y-%m-%d})"

    @classmethod
    def create_for(cls, check_data: dict, *, language: str, min_copies: int, summary: dict) -> tuple["HoldingsReport", str]:
        """A new saved report and the token of its private link (shown once, never stored)."""
        cls.objects.expired().delete()
        token, hashed = new_token()
        now = timezone.now()
        report = cls.objects.create(
            token_hash=hashed, created_at=now,
            expires_at=now + timedelta(days=settings.PORTAL_HOLDINGS_REPORT_DAYS), language=language,
            min_copies=min_copies, check_data=check_data, summary=summary,
        )
        return report, token

    @classmethod
    def for_token(cls, token: str) -> "HoldingsReport | None":
        if not token or len(token) > 64:
            return None
        return cls.objects.current().filter(token_hash=token_hash(token)).first()
