"""Site-wide files that are not pages: robots.txt and the favicon."""

from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from portal.links import base_url

FAVICON = settings.PROJECT_DIR / "static" / "img" / "favicon.ico"


@require_GET
def robots_txt(request):
    """Crawlers may read the public pages; the admin and the API are not for them. The sitemap's address must be
    absolute, so it takes the base of every other absolute link."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {base_url(request)}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@cache
def _favicon_bytes() -> bytes:
    return FAVICON.read_bytes()


@require_GET
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page links: the portal's own icon, cached for a day."""
    response = HttpResponse(_favicon_bytes(), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
