"""Rebuild the portal's search index (the database index, and Elasticsearch when it is configured)."""

import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import registry
from search.backends import resilience
from search.models import SearchDocument
from search.rebuild import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the portal search index from the live, public content: the database index and, when "
        "ELASTICSEARCH_URL is set, the Elasticsearch index (mapping and analysers included). "
        "--with-admin also rebuilds Wagtail's own index used by the admin's search (wagtail_update_index)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--with-admin", action="store_true", help="also rebuild Wagtail's admin search index")

    def handle(self, *args, **options):
        started = time.perf_counter()
        counted = registry.page_sources()  # the progress counts their pages, most of the index
        total = sum(len(source.ids()) for source in counted)
        unit = counted[0].unit if len(counted) == 1 else "item"
        bar = tqdm(total=total, unit=unit, desc="Indexing", file=sys.stderr, disable=None if options["verbosity"] else True)
        bars = [bar]

        def copied(count):
            if len(bars) == 1:  # the database index is complete: now its documents go to Elasticsearch
                bar.close()
                bars.append(tqdm(total=SearchDocument.objects.count(), unit="document", desc="Elasticsearch",
                                 file=sys.stderr, disable=bar.disable))
            bars[-1].update(count)

        try:
            counts = rebuild(progress=bar.update, copied=copied)
        except Exception as problem:  # Elasticsearch cannot be reached or refused: say so, without a traceback
            if type(problem).__module__.startswith(("elasticsearch", "elastic_transport", "search.backends")):
                raise CommandError(f"Elasticsearch: {resilience.describe(problem)}") from problem
            raise
        finally:
            for each in bars:
                each.close()
        self.stdout.write(
            f"{counts['documents']} documents and {counts['terms']} terms indexed in {time.perf_counter() - started:.1f} s"
        )
        if options["with_admin"]:
            call_command("wagtail_update_index", verbosity=options["verbosity"])
