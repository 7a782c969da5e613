"""Site-wide change counters: one row per kind of change, bumped by every write that changes what visitors see.

"books" counts changes of the live book list (each process's catalogue snapshot and the holdings check compare
it with the one they were built from); "site" counts any change visitors see (the page cache and navigation).
One cheap query tells a process whether what it keeps is stale, across workers and servers.
"""

from django.db import models
from django.db.models import F


class CatalogueVersion(models.Model):
    """One row per kind of change (the published book list; everything visitors see), counting changes."""

    key = models.CharField(max_length=20, primary_key=True)
    version = models.BigIntegerField(default=1)

    class Meta:
        app_label = "content_models"


def bump_version(*keys: str) -> None:
    """Count a change: "books" (the live list), "site" (anything visitors see; the page cache and navigation)."""
    for key in keys:
        updated = CatalogueVersion.objects.filter(key=key).update(version=F("version") + 1)
        if not updated:
            CatalogueVersion.objects.get_or_create(key=key, defaults={"version": 2})


def bump_catalogue_version(**kwargs) -> None:
    bump_version("books", "site")


def current_version(key: str = "books") -> int:
    version = CatalogueVersion.objects.filter(key=key).values_list("version", flat=True).first()
    return version or 1
