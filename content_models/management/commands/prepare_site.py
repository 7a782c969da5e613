"""Everything `run.py serve` does before the server starts, in one process and skipping what is already done."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from content_models.management.commands.compile_translations import compile_translations, forget_loaded_catalogues


def migrations_unapplied(database: str = DEFAULT_DB_ALIAS) -> int:
    """How many migrations the database still lacks (what `migrate` would apply)."""
    executor = MigrationExecutor(connections[database])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


class Command(BaseCommand):
    help = (
        "Make the site ready to serve: apply missing migrations, compile stale translation catalogues and create "
        "missing demo content (existing content is never changed). With --runserver, then run the development "
        "server in the same process."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="skip the demo content")
        parser.add_argument("--runserver", metavar="ADDRPORT", help="then run the development server (no autoreload) on ADDRPORT")

    def handle(self, *args, **options):
        started = time.perf_counter()
        verbosity = options["verbosity"]
        # Catalogues first: migrations and the demo may already translate, and the server runs in this process.
        compiled = compile_translations()
        if compiled:
            forget_loaded_catalogues()
        pending = migrations_unapplied()
        if pending:
            self.stdout.write(f"Applying {pending} migration(s)…")
            call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        if not options["no_demo"]:
            call_command("load_demo", verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(
            f"Site ready in {time.perf_counter() - started:.1f} s: {pending} migration(s) applied, "
            f"{len(compiled)} catalogue(s) compiled."
        )
        if options["runserver"]:
            # Skipping the system checks saves seconds at every start; `manage.py check` and `run.py test` run them.
            call_command("runserver", options["runserver"], use_reloader=False, skip_checks=True)
