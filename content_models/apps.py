from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentModelsConfig(AppConfig):
    name = "content_models"
    verbose_name = _("Portal content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from content_models.books import search as books_search
        from content_models.books import signals as book_signals
        from content_models.calendars import checks  # noqa: F401
        from content_models.core import rich_text, signals
        from content_models.core.api_output import register_api_schemas
        from content_models.guidance import search as guidance_search
        from content_models.videos import search as videos_search
        from portal.checks import register_checks
        from portal.csp import install_admin_nonces
        from portal.links import install_page_urls

        register_checks()  # production needs a cache every process and server shares
        install_page_urls()
        install_admin_nonces()
        signals.connect_signals()
        rich_text.connect_signals()
        book_signals.connect_signals()
        register_api_schemas()
        for domain in (books_search, guidance_search, videos_search):
            domain.register()  # what the portal search indexes besides plain pages
