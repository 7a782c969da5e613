"""One run at a time across every app server: the lock of a maintenance command (publish_scheduled, clean_expired)
that cron may start on several machines, or again before the last run has finished.

PostgreSQL: a session-level advisory lock taken without waiting (``pg_try_advisory_lock``) on the command's own
connection; a second run that does not get it does nothing. It is released when the run ends, or by the server
when the connection drops (a killed run leaves no lock behind).
SQLite (one machine only): the database has one writer at a time and the portal's transactions begin IMMEDIATE
(see settings), so a run done in one transaction waits for the other's to end and then sees its work done; the
lock is always "taken" here and the caller runs in one transaction (``atomic_on_sqlite``).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator

from django.db import connection, transaction


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory lock key for a command's name."""
    return int.from_bytes(hashlib.sha256(f"portal:{name}".encode()).digest()[:8], "big", signed=True)


@contextlib.contextmanager
def single_run(name: str) -> Iterator[bool]:
    """Yields True when this run holds the command's lock (always on SQLite), False when another run holds it."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        taken = cursor.fetchone()[0]
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def atomic_on_sqlite():
    """One transaction on SQLite (its write lock serialises two runs); nothing extra elsewhere."""
    return transaction.atomic() if connection.vendor == "sqlite" else contextlib.nullcontext()
