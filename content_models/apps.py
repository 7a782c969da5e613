from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentModelsConfig(AppConfig):
    name = "content_models"
    verbose_name = _("Portal content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.links import install_page_urls

        from . import signals
        from .api_output import register_api_schemas
        from .calendars import checks  # noqa: F401

        install_page_urls()
        signals.connect_signals()
        register_api_schemas()
