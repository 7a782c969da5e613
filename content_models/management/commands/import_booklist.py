import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.utils import timezone
from tqdm import tqdm

from content_models.books.importing import ImportBusy, plan_import, run_import


class Command(BaseCommand):
    help = (
        "Import the recommended list from a CSV (UTF-8, UTF-16, Windows-1251 or KZ-1048; comma, semicolon or tab) or XLSX file: validates every row first, "
        "then creates or updates the Kazakh pages and their Russian and English translations."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file in the list's column layout (see docs/book-list.md)")
        parser.add_argument("--dry-run", action="store_true", help="validate and compare only; write nothing")
        parser.add_argument("--skip-invalid", action="store_true", help="import the good rows and report the bad ones")
        parser.add_argument("--edition", type=int, default=None, help="year of the list edition (default: this year)")
        parser.add_argument("--retire-missing", action="store_true", help="mark books that are not in the file as having left the list in --edition")

    @no_translations  # messages in English, like the row errors (the admin import shows them in the editor's language)
    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        edition = options["edition"] or timezone.localdate().year
        if not 2000 <= edition <= 2100:
            raise CommandError(f"--edition {edition} is not a year")
        plan = plan_import(path.read_bytes(), path.name, default_edition=edition)
        for error in plan.errors:
            self.stderr.write(str(error))
        if plan.fatal or (plan.errors and not plan.rows and not options["skip_invalid"]):
            self.stdout.write(f"0 created, 0 updated, 0 unchanged, {max(len(plan.invalid_rows), 1)} invalid")
            raise CommandError(f"{len(plan.errors)} error(s); nothing was written", returncode=1)
        if plan.errors and not options["skip_invalid"]:
            self.stdout.write(f"0 created, 0 updated, 0 unchanged, {len(plan.invalid_rows)} invalid")
            raise CommandError(f"{len(plan.errors)} error(s) in {len(plan.invalid_rows)} row(s); nothing was written (use --skip-invalid to import the good rows)", returncode=1)
        if options["dry_run"]:
            self.stdout.write(
                f"Dry run: {len(plan.new)} would be created, {len(plan.changed)} updated, {len(plan.unchanged)} unchanged, "
                f"{len(plan.invalid_rows)} invalid, {len(plan.missing)} in the list but not in the file"
            )
            return
        rows = plan.new + plan.changed

        def progress(items):
            return tqdm(items, total=len(rows), unit="book", file=sys.stderr, disable=None if options["verbosity"] else True, desc="Importing")

        try:
            result = run_import(plan, skip_invalid=options["skip_invalid"], retire_missing_in=edition if options["retire_missing"] else None, progress=progress)
        except ImportBusy as busy:
            raise CommandError(str(busy), returncode=2) from None
        self.stdout.write(result.summary())
