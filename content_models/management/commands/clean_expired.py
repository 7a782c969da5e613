"""Delete what has expired in the database: holdings checks, the queue's old records, saved holdings reports and
staged book list uploads. Meant for a daily cron line (docs/deployment.md); one run at a time (a second run
started meanwhile says so and does nothing), and any run deletes only rows already expired, so nothing current
is ever lost."""

from django.core.management.base import BaseCommand

from content_models.books.uploads import BookImportUpload
from content_models.core.run_once import atomic_on_sqlite, single_run
from content_models.holdings.jobs import jobs_clean
from content_models.holdings.saved import HoldingsReport

LOCK_NAME = "clean_expired"


def clean_expired() -> dict:
    """Delete every expired row; how many of each kind went."""
    counts = jobs_clean()
    counts["reports"] = HoldingsReport.objects.expired().delete()[1].get(HoldingsReport._meta.label, 0)
    counts["uploads"] = BookImportUpload.objects.expired().delete()[1].get(BookImportUpload._meta.label, 0)
    return counts


class Command(BaseCommand):
    help = ("Delete expired holdings checks with the rows they held, the queue's old records of finished checks, "
            "expired saved holdings reports and book list uploads never confirmed (run it daily from cron; "
            "clean_holdings is the same command).")

    def handle(self, *args, **options):
        with single_run(LOCK_NAME) as mine:
            if not mine:
                self.stdout.write("Another run of clean_expired is in progress; nothing done.")
                return
            with atomic_on_sqlite():
                counts = clean_expired()
        self.stdout.write(
            f"Deleted {counts['jobs']} expired checks, {counts['task_results']} old queue records, "
            f"{counts['reports']} expired saved reports.\nDeleted {counts['uploads']} expired book list uploads."
        )
