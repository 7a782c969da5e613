"""The holdings check page (one per locale, under the home page); its routes are the views in views.py."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from content_models.core.pages import BasePage
from content_models.holdings.jobs import HoldingsJob
from content_models.holdings.progress import holdings_progress, holdings_retry
from content_models.holdings.saved import HoldingsReport
from content_models.holdings.views import (
    holdings_columns,
    holdings_decisions,
    holdings_discard,
    holdings_download,
    holdings_report,
    holdings_save,
    holdings_saved,
    holdings_saved_delete,
    holdings_saved_download,
    holdings_upload,
)
from portal.ratelimit import rate_limited

__all__ = ["HoldingsCheckPage", "HoldingsJob", "HoldingsReport"]


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
    @rate_limited("holdings", methods=("POST",))
    def upload_route(self, request):
        return holdings_upload(request, self)

    @path("columns/", name="columns")
    @rate_limited("holdings", methods=("POST",))
    def columns_route(self, request):
        return holdings_columns(request, self)

    @path("checking/", name="progress")
    def progress_route(self, request):
        return holdings_progress(request, self)

    @path("checking/retry/", name="retry")
    @rate_limited("holdings", methods=("POST",))
    def retry_route(self, request):
        return holdings_retry(request, self)

    @path("report/", name="report")
    @rate_limited("holdings_report")
    def report_route(self, request):
        return holdings_report(request, self)

    @path("report/decisions/", name="decisions")
    @rate_limited("holdings_report")
    def decisions_route(self, request):
        return holdings_decisions(request, self)

    @path("report/print/", name="print")
    @rate_limited("holdings_report")
    def print_route(self, request):
        return holdings_report(request, self, printable=True)

    @path("report/download/<str:kind>/", name="download")
    @rate_limited("exports")
    def download_route(self, request, kind):
        return holdings_download(request, self, kind)

    @path("report/save/", name="save")
    @rate_limited("holdings_report")
    def save_route(self, request):
        return holdings_save(request, self)

    @path("delete/", name="discard")
    def discard_route(self, request):
        return holdings_discard(request, self)

    @path("saved/<str:token>/", name="saved")
    @rate_limited("holdings_report")
    def saved_route(self, request, token):
        return holdings_saved(request, self, token)

    @path("saved/<str:token>/print/", name="saved_print")
    @rate_limited("holdings_report")
    def saved_print_route(self, request, token):
        return holdings_saved(request, self, token, printable=True)

    @path("saved/<str:token>/download/<str:kind>/", name="saved_download")
    @rate_limited("exports")
    def saved_download_route(self, request, token, kind):
        return holdings_saved_download(request, self, token, kind)

    @path("saved/<str:token>/delete/", name="saved_delete")
    def saved_delete_route(self, request, token):
        return holdings_saved_delete(request, self, token)
