"""Snippet registrations, admin menus and admin URLs; each domain keeps its own beside its models (admin.py).

Wagtail looks for wagtail_hooks in the app's top package only, so this module imports them, in menu order.
"""

# In the order the snippets were always registered: books, guidance, events.
from content_models.books import admin as books_admin  # noqa: I001
from content_models.guidance import admin as guidance_admin
from content_models.events import admin as events_admin

__all__ = ["books_admin", "events_admin", "guidance_admin"]
