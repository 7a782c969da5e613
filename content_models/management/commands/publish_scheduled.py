"""Wagtail's publish_scheduled, one run at a time for the whole deployment.

Cron runs it on one machine (docs/deployment.md); should a second run start anyway (another machine's cron, or a
slow run still going a minute later), it would publish the same revisions again: two live revisions, two log
entries. So the run takes the command's lock first (``core/run_once.py``): on PostgreSQL a second concurrent run
says another run is in progress and exits 0; on SQLite the whole run is one transaction, so the second waits for
the first to finish and then finds nothing left to publish.
"""

from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

from content_models.core.run_once import atomic_on_sqlite, single_run

LOCK_NAME = "publish_scheduled"


class Command(WagtailCommand):
    help = "Publish the pages and snippets whose scheduled time has come and unpublish expired ones (one run at a time)."

    def handle(self, *args, **options):
        with single_run(LOCK_NAME) as mine:
            if not mine:
                self.stdout.write("Another run of publish_scheduled is in progress; nothing done.")
                return
            with atomic_on_sqlite():
                super().handle(*args, **options)
