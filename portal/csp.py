"""Content-Security-Policy on every response (django-csp 4, the policy is ``CONTENT_SECURITY_POLICY`` in settings).

``PortalCSPMiddleware`` sits inside the page cache (portal/page_cache.py), so a cached page is stored and served
again with the very header it was built with. Public pages carry no inline script, so their header has no nonce;
an admin page's header has one only when the page used it (django-csp adds it lazily).

``frame-ancestors`` follows the response's own X-Frame-Options (set by Django's middleware or overridden by a view,
as Wagtail's preview does): DENY becomes 'none', SAMEORIGIN 'self', so the two headers always say the same.

Wagtail's admin still writes a few inline scripts: its chooser and date/time widgets (rendered without a request)
and its inline panels. ``csp_nonce()`` gives the nonce of the request being answered to code that has no request
at hand: ``install_admin_nonces`` makes the chooser widgets (written in Python) put it on their script; the
templates of the date/time widgets (content_models/templates/wagtailadmin/widgets/, where Django's form renderer
finds them too) and of the panels (templates/wagtailadmin/panels/) take it from the ``csp_nonce`` template tag.
Scripts that Wagtail's JavaScript moves into the page later (dialogs, new inline forms) keep it through
portal/static/js/admin-csp.js.

In the admin, styles also allow 'unsafe-inline' (``PORTAL_CSP_ADMIN_UPDATE``): Wagtail's rich text editor (Draftail)
renders ``<style>`` elements whose text holds per-block keys and translated placeholders, so no hash or nonce fits.
Images there also allow blob: (previews of uploads), and the outside servers an operator switched on.
"""

from functools import wraps
from urllib.parse import urlsplit

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.links import current_request

FRAME_ANCESTORS = {"DENY": [NONE], "SAMEORIGIN": [SELF]}
ADMIN_PREFIX = "/admin/"
WAGTAIL_RELEASES = "https://releases.wagtail.org"  # where the dashboard's release check asks (latest.txt)


def admin_policy_update() -> dict[str, list[str]]:
    """What the admin adds to the policy: inline styles, and the outside servers an operator switched on (off by
    default): Wagtail's release check (``WAGTAIL_ENABLE_UPDATE_CHECK``) and avatars (``WAGTAIL_GRAVATAR_PROVIDER_URL``)."""
    update = {name: list(values) for name, values in getattr(settings, "PORTAL_CSP_ADMIN_UPDATE", {}).items()}
    if getattr(settings, "WAGTAIL_ENABLE_UPDATE_CHECK", False):
        update.setdefault("connect-src", []).append(WAGTAIL_RELEASES)
    avatars = urlsplit(getattr(settings, "WAGTAIL_GRAVATAR_PROVIDER_URL", None) or "")
    if avatars.netloc:
        update.setdefault("img-src", []).append(f"{avatars.scheme}://{avatars.netloc}" if avatars.scheme else avatars.netloc)
    return update


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        ancestors = FRAME_ANCESTORS.get(response.get("X-Frame-Options", "").upper())
        if ancestors:
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ancestors}
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**admin_policy_update(), **(parts.update or {})}
        return parts


def csp_nonce() -> str:
    """The nonce of the request being answered ("" outside a request or without the middleware)."""
    request = current_request()
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


def _nonce_on_scripts(render):
    """Wraps a widget's ``render``: its own bare ``<script>`` tags (written by Wagtail's code or template; the values
    in the widget's HTML are escaped, so no other ``<script>`` can appear there) get the response's nonce."""

    @wraps(render)
    def render_with_nonce(*args, **kwargs):
        html = render(*args, **kwargs)
        nonce = csp_nonce()
        if not nonce or "<script>" not in html:
            return html
        return mark_safe(html.replace("<script>", f'<script nonce="{nonce}">'))  # noqa: S308 - Wagtail's own markup

    render_with_nonce.portal_csp = True
    return render_with_nonce


def admin_csp_js() -> str:
    """The admin's ``insert_global_admin_js``: the script that keeps the nonce of re-created inline scripts."""
    return format_html('<script src="{}"></script>', static("js/admin-csp.js"))


def install_admin_nonces() -> None:
    """Once at start-up: the inline script of Wagtail's chooser widgets (written in Python) gets the response's nonce,
    and every admin page loads portal/static/js/admin-csp.js."""
    from wagtail import hooks
    from wagtail.admin.widgets.chooser import BaseChooser

    if not getattr(BaseChooser.render, "portal_csp", False):
        BaseChooser.render = _nonce_on_scripts(BaseChooser.render)
        hooks.register("insert_global_admin_js", admin_csp_js)
