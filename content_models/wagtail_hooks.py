"""Snippet registrations, admin menus and admin URLs (each domain keeps its own beside its models, in admin.py), and the
admin's Content-Security-Policy helper script.

Wagtail looks for wagtail_hooks in the app's top package only, so this module imports them, in menu order.
"""

# In the order the snippets were always registered: books, guidance, events.
from content_models.books import admin as books_admin  # noqa: I001
from content_models.guidance import admin as guidance_admin
from content_models.events import admin as events_admin

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

__all__ = ["books_admin", "events_admin", "guidance_admin"]


@hooks.register("insert_global_admin_js")
def admin_csp_js():
    """Keeps the nonce of the admin's inline scripts that Wagtail moves into the page later (portal/csp.py)."""
    return format_html('<script src="{}"></script>', static("js/admin-csp.js"))
