"""Site-wide files that are not pages."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from portal.links import base_url


@require_GET
def robots_txt(request):
    """Crawlers may read the public pages; the admin and the API are not for them. The sitemap's address must be
    absolute, so it takes the base of every other absolute link."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {base_url(request)}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
