"""Small project-level views."""

from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_GET

FAVICON = settings.PROJECT_DIR / "static" / "img" / "favicon.ico"


@cache
def _favicon_bytes() -> bytes:
    return FAVICON.read_bytes()


@require_GET
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page links: the portal's own icon, cached for a day."""
    response = HttpResponse(_favicon_bytes(), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
