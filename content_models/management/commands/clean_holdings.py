from django.core.management.base import BaseCommand

from content_models.holdings.jobs import jobs_clean
from content_models.holdings.saved import HoldingsReport


class Command(BaseCommand):
    help = ("Delete expired holdings checks with the rows they held, the queue's old records of finished checks and "
            "expired saved reports (the worker does the first two after every check; run this daily from cron).")

    def handle(self, *args, **options):
        counts = jobs_clean()
        reports, _by_model = HoldingsReport.objects.expired().delete()
        self.stdout.write(f"Deleted {counts['jobs']} expired checks, {counts['task_results']} old queue records, "
                          f"{reports} expired saved reports.")
