"""The holdings check page (one per locale, under the home page) and the reports librarians choose to save."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from content_models.core.pages import BasePage


class HoldingsCheckPage(RoutablePageMixin, BasePage):
    """A public tool: a school librarian uploads the library's holdings and sees what is missing from the list."""
    template = "content_models/holdings/holdings_check_page.html"

    parent_page_types = ["content_models.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("holdings check page")
        verbose_name_plural = _("holdings check pages")

    @path("", name="upload")
    def upload_route(self, request):
        from content_models.holdings.views import holdings_upload

        return holdings_upload(request, self)

    @path("columns/", name="columns")
    def columns_route(self, request):
        from content_models.holdings.views import holdings_columns

        return holdings_columns(request, self)

    @path("report/", name="report")
    def report_route(self, request):
        from content_models.holdings.views import holdings_report

        return holdings_report(request, self)

    @path("report/decisions/", name="decisions")
    def decisions_route(self, request):
        from content_models.holdings.views import holdings_decisions

        return holdings_decisions(request, self)

    @path("report/print/", name="print")
    def print_route(self, request):
        from content_models.holdings.views import holdings_report

        return holdings_report(request, self, printable=True)

    @path("report/download/<str:kind>/", name="download")
    def download_route(self, request, kind):
        from content_models.holdings.views import holdings_download

        return holdings_download(request, self, kind)

    @path("report/save/", name="save")
    def save_route(self, request):
        from content_models.holdings.views import holdings_save

        return holdings_save(request, self)

    @path("delete/", name="discard")
    def discard_route(self, request):
        from content_models.holdings.views import holdings_discard

        return holdings_discard(request, self)

    @path("saved/<str:token>/", name="saved")
    def saved_route(self, request, token):
        from content_models.holdings.views import holdings_saved

        return holdings_saved(request, self, token)

    @path("saved/<str:token>/print/", name="saved_print")
    def saved_print_route(self, request, token):
        from content_models.holdings.views import holdings_saved

        return holdings_saved(request, self, token, printable=True)

    @path("saved/<str:token>/download/<str:kind>/", name="saved_download")
    def saved_download_route(self, request, token, kind):
        from content_models.holdings.views import holdings_saved_download

        return holdings_saved_download(request, self, token, kind)

    @path("saved/<str:token>/delete/", name="saved_delete")
    def saved_delete_route(self, request, token):
        from content_models.holdings.views import holdings_saved_delete

        return holdings_saved_delete(request, self, token)


def report_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


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
        token = secrets.token_urlsafe(24)
        now = timezone.now()
        report = cls.objects.create(
            token_hash=report_token_hash(token), created_at=now,
            expires_at=now + timedelta(days=settings.PORTAL_HOLDINGS_REPORT_DAYS), language=language,
            min_copies=min_copies, check_data=check_data, summary=summary,
        )
        return report, token

    @classmethod
    def for_token(cls, token: str) -> "HoldingsReport | None":
        if not token or len(token) > 64:
            return None
        return cls.objects.current().filter(token_hash=report_token_hash(token)).first()
