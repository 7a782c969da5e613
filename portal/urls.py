from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from content_models.core.sitemaps import PortalSitemap
from portal.api import api
from portal.health import healthz
from portal.media_serve import serve_media
from portal.views import favicon, robots_txt
from search.views import search_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v3/", api.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),  # for load balancers (portal/health.py)
]

# Uploaded media (MEDIA_URL) with HTTP Range, when the portal serves them itself (PORTAL_SERVE_MEDIA; 404 otherwise).
urlpatterns.append(path(settings.MEDIA_URL.strip("/") + "/<path:path>", serve_media, name="media"))

urlpatterns += i18n_patterns(
    # Page routes that are files (calendar feeds, CSV exports): Wagtail's own page pattern allows no dots.
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|csv))$", wagtail_views.serve, name="page_file_route"),
    path("search/", search_view, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
