"""Page sub-routes that are files (``events.ics``, ``schedule.csv``).

Wagtail's page URL pattern allows no dots, so portal/urls.py sends ``…/name.ics`` and ``…/name.csv`` to
Wagtail's page view itself; RoutablePageMixin then sees the route as ``name.ics/``. These helpers give the
address without the trailing slash.
"""


def file_path(page, name: str) -> str:
    return page.reverse_subpage(name).rstrip("/")


def file_url(page, name: str, request=None, query: str = "") -> str:
    """Absolute address of a file route of ``page`` ('' when the page has no URL, e.g. not in a site)."""
    base = page.get_full_url(request)
    return base + file_path(page, name) + query if base else ""
