"""The list's lock: one import writes the book list at a time, and the one that loses is told by whom and since
when the list is being written (or was changed), with nothing written.

PostgreSQL: a transaction-level advisory lock taken without waiting. The import holding it names itself in its
session's ``application_name`` (``booklist-import user=<id>``, local to the transaction), so the loser reads the
holder from ``pg_locks`` and ``pg_stat_activity``: the user and the start of their transaction. No table to keep
in step: when the holder's transaction ends, so does everything the loser could read.
SQLite: the import's transaction is BEGIN IMMEDIATE (see settings), so a second import waits for the first (up to
the connection's timeout); then it finds the list changed since its file was checked and stops, naming whoever
last wrote a book (the newest log entry of a book page).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry

from content_models.books.models import BookPage
from content_models.core.versions import current_version

# PostgreSQL advisory lock key of the list import ("booklist" in ASCII): one import writes at a time.
IMPORT_LOCK_KEY = 0x626F6F6B6C697374
APPLICATION_NAME = "booklist-import user="


@dataclass
class Holder:
    """Who holds (or last changed) the list, as far as the database tells: a user's name and a time."""

    user: str = ""
    since: datetime.datetime | None = None

    @property
    def clock(self) -> str:
        """HH:MM in the portal's time zone, with the date when it is not today."""
        if self.since is None:
            return ""
        local = timezone.localtime(self.since)
        if local.date() == timezone.localdate():
            return local.strftime("%H:%M")
        return local.strftime("%Y-%m-%d %H:%M")


class ImportBusy(RuntimeError):
    """Another import is writing the list, or wrote it after this file was checked; nothing was written.

    ``str()`` is one English line (the management command's); ``message()`` is the same in the active language
    (the admin's)."""

    def __init__(self, reason: str = "running", holder: Holder | None = None):
        self.reason = reason  # "running": another import holds the lock; "stale": the list changed since the check
        self.holder = holder or Holder()
        super().__init__(self._english())

    def _english(self) -> str:
        who = self.holder
        if self.reason == "stale":
            by = f" (by {who.user} at {who.clock})" if who.user and who.clock else (f" (at {who.clock})" if who.clock else "")
            return (f"the list changed after this file was checked{by}; nothing was written: "
                    "check the file again and run the import again")
        since = f" (started by {who.user} at {who.clock})" if who.user and who.clock else (f" (started at {who.clock})" if who.clock else "")
        return f"another import of the list is running{since}; nothing was written: run this import again when it has finished"

    def message(self) -> str:
        who, values = self.holder, {"user": self.holder.user, "time": self.holder.clock}
        if self.reason == "stale":
            if who.user and who.clock:
                return _("The list changed after this file was checked (by %(user)s at %(time)s); nothing was imported. Upload the file again to see the changes.") % values
            return _("The list changed after this file was checked; nothing was imported. Upload the file again to see the changes.")
        if who.user and who.clock:
            return _("Another import of the list is running (started by %(user)s at %(time)s); nothing was imported. Try again when it has finished.") % values
        if who.clock:
            return _("Another import of the list is running (started at %(time)s); nothing was imported. Try again when it has finished.") % values
        return _("Another import of the list is running; nothing was imported. Try again when it has finished.")


def _user_name(user_id) -> str:
    if not user_id:
        return ""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return ""
    return (user.get_full_name() or "").strip() or user.get_username()


def take_lock(plan, user=None) -> None:
    """Inside the import's transaction: take the list's lock (PostgreSQL) and check that the list is still the one
    the plan was compared with; raise ImportBusy, naming the other import, when either fails."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
            if not cursor.fetchone()[0]:
                raise ImportBusy("running", lock_holder())
            cursor.execute("SELECT set_config('application_name', %s, true)", [f"{APPLICATION_NAME}{getattr(user, 'pk', None) or ''}"])
    if plan.version is not None and current_version() != plan.version:
        raise ImportBusy("stale", last_writer())


def lock_holder() -> Holder:
    """The session holding the list's lock (PostgreSQL): its user, if it is an import that named one, and since
    when its transaction runs. Empty when the lock was released meanwhile."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.application_name, a.xact_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = %s AND l.objid::bigint = %s "
            "AND l.objsubid = 1 LIMIT 1",
            [IMPORT_LOCK_KEY >> 32, IMPORT_LOCK_KEY & 0xFFFFFFFF],
        )
        row = cursor.fetchone()
    if row is None:
        return Holder()
    name, since = row
    user_id = name[len(APPLICATION_NAME):] if name and name.startswith(APPLICATION_NAME) else ""
    return Holder(user=_user_name(int(user_id)) if user_id.isdigit() else "", since=since)


def last_writer() -> Holder:
    """Who last wrote a book of the list, and when (the newest log entry of a book page)."""
    entry = (
        PageLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(BookPage))
        .order_by("-timestamp", "-pk").values("user_id", "timestamp").first()
    )
    if entry is None:
        return Holder()
    return Holder(user=_user_name(entry["user_id"]), since=entry["timestamp"])
