"""Locale middleware that leaves the API, admin and files alone."""

from django.middleware.locale import LocaleMiddleware

NON_I18N_PREFIXES = ("/api/", "/admin/", "/static/", "/media/", "/documents/", "/sitemap.xml", "/i18n/", "/healthz")


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware redirects any 404 to a language-prefixed URL; for the API (JSON 404s),
    the admin and files that would turn a clear "not found" into a redirect to an HTML page."""

    def process_response(self, request, response):
        if request.path_info.startswith(NON_I18N_PREFIXES):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
