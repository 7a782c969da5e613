"""Failed-login lockouts: the message and page a locked-out login gets, the current lockouts, unlocking.

A user name is locked when its failed logins within the lockout window (from any client) reach the limit; a client
address is locked when its failed logins (with any user names) do. Both counts come from axes' AccessAttempt rows
(one per user name, address and browser) in the database, so every app server sees the same lockouts.
"""

from dataclasses import dataclass
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.forms.utils import ErrorList
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import ngettext

UNLOCK_PERMISSION = "axes.delete_accessattempt"
SHOWN_PER_LOCKOUT = 5  # addresses (or user names) named beside one lockout; the rest are counted


def lockout_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_message() -> str:
    minutes = lockout_minutes()
    return ngettext(
        "Too many failed attempts; try again in %(minutes)s minute or ask an administrator to unlock your account.",
        "Too many failed attempts; try again in %(minutes)s minutes or ask an administrator to unlock your account.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, its only error the lockout message, with 429 Too Many Requests and Retry-After.

    429 rather than 403: the request is refused for its rate, not for who is asking, and a correct password
    is refused the same way as a wrong one. A login view that is not a template response gets the message as text.
    """
    message = lockout_message()
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(original_response, TemplateResponse) and form is not None:
        form.errors.clear()
        form.errors["__all__"] = ErrorList([message])
        original_response.content = original_response.rendered_content
        response = original_response
    else:
        response = HttpResponse(message, content_type="text/plain; charset=utf-8")
    response.status_code = 429
    response.reason_phrase = "Too Many Requests"
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


class LoginAttemptsHandler(AxesDatabaseHandler):
    """axes' database handler, except that a successful login forgives only that user name's failures.

    axes would also forgive every failure from the client address, so someone with an account of their own could
    sign in between guesses at a colleague's password and never be locked out as a client.
    """

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


@dataclass
class Lockout:
    kind: str  # "username" or "ip_address"
    value: str
    failures: int
    last_attempt: datetime
    others: list[str]  # the addresses a locked user name was tried from, or the user names a locked client tried
    more_others: int

    @property
    def locked_until(self) -> datetime:
        return self.last_attempt + settings.AXES_COOLOFF_TIME


def _window_start() -> datetime:
    return timezone.now() - settings.AXES_COOLOFF_TIME


def current_lockouts() -> list[Lockout]:
    """Locked user names, then locked client addresses, most recent first: four queries whatever the attempts."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=_window_start())
    lockouts = []
    for kind, other in (("username", "ip_address"), ("ip_address", "username")):
        rows = recent.exclude(**{f"{kind}__isnull": True})
        if kind == "username":
            rows = rows.exclude(username="")  # an address is never "": the field stores None
        rows = (
            rows.values(kind).annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT).order_by("-last")
        )
        found = [Lockout(kind, row[kind], row["failures"], row["last"], [], 0) for row in rows]
        if not found:
            continue
        by_value = {lockout.value: lockout for lockout in found}
        pairs = recent.filter(**{f"{kind}__in": list(by_value)}).values_list(kind, other).distinct().order_by(kind, other)
        for value, other_value in pairs:
            lockout = by_value[value]
            if other_value in (None, ""):
                continue
            if len(lockout.others) < SHOWN_PER_LOCKOUT:
                lockout.others.append(other_value)
            else:
                lockout.more_others += 1
        lockouts += found
    return lockouts


def unlock(kind: str, value: str) -> int:
    """Forget every failed login with this user name (or from this address): the lockout ends now."""
    if kind not in ("username", "ip_address") or not value:
        return 0
    count, _ = AccessAttempt.objects.filter(**{kind: value}).delete()
    return count


def unlock_all() -> int:
    count, _ = AccessAttempt.objects.all().delete()
    return count
