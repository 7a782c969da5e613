"""Where an upload waits between the steps: in Django's cache, for this browser session only.

The session holds nothing but a random id; the cache entry under that id holds the parsed table (until the
librarian confirms the columns) and then only the check (the cells it uses, the matches and the decisions).
The entry expires after ``PORTAL_HOLDINGS_SESSION_MINUTES`` without activity, and goes at once when the
librarian deletes it or uploads another file. The uploaded file itself is never stored anywhere. With several
server processes the cache must be shared (``CACHE_URL``, e.g. Redis), as in production.
"""

import secrets

from django.conf import settings
from django.core.cache import cache

SESSION_KEY = "holdings_check"


def _key(check_id: str) -> str:
    return f"portal:holdings:{check_id}"


def _timeout() -> int:
    return settings.PORTAL_HOLDINGS_SESSION_MINUTES * 60


def session_check_put(request, stage: str, data: dict) -> None:
    """Keep ``data`` for this session's check at ``stage`` ("columns" or "report")."""
    check_id = request.session.get(SESSION_KEY)
    if not check_id:
        check_id = secrets.token_urlsafe(24)
        request.session[SESSION_KEY] = check_id
    cache.set(_key(check_id), {"stage": stage, **data}, _timeout())


def session_check_get(request) -> dict | None:
    """This session's check, or None when there is none (never uploaded, deleted or expired)."""
    check_id = request.session.get(SESSION_KEY)
    if not check_id:
        return None
    data = cache.get(_key(check_id))
    if data is None:
        del request.session[SESSION_KEY]
        return None
    cache.touch(_key(check_id), _timeout())
    return data


def session_check_delete(request) -> None:
    check_id = request.session.pop(SESSION_KEY, None)
    if check_id:
        cache.delete(_key(check_id))
