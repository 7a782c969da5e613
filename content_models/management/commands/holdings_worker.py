import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from content_models.holdings.jobs import jobs_clean


class Command(BaseCommand):
    help = (
        "Run the worker of the holdings checks: takes the queued checks from the database one at a time (the "
        "'holdings' queue of django-tasks' database backend), at a lower CPU priority than the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--nice", type=int, default=settings.PORTAL_HOLDINGS_WORKER_NICE,
                            help="raise the process's nice value by this much (default: PORTAL_HOLDINGS_WORKER_NICE)")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between looks at an empty queue")
        parser.add_argument("--batch", action="store_true", help="check what is queued, then stop")
        parser.add_argument("--max-tasks", type=int, default=None, help="stop after this many checks")

    def handle(self, *args, **options):
        if options["nice"] > 0 and hasattr(os, "nice"):
            os.nice(options["nice"])
        jobs_clean()
        arguments = ["--backend", "holdings", "--queue-name", "holdings", "--interval", str(options["interval"]),
                     "--no-reload", "--no-startup-delay"]
        if options["batch"]:
            arguments.append("--batch")
        if options["max_tasks"] is not None:
            arguments += ["--max-tasks", str(options["max_tasks"])]
        call_command("db_worker", *arguments, verbosity=options["verbosity"])
