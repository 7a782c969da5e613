"""Login lockouts in the admin (Settings → Login lockouts): who is locked out, and unlocking them.

For superusers and for groups given the "Can delete access attempt" permission (axes' own permission, shown in the
group editor): unlocking deletes the recorded failed attempts.
"""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from content_models.logins.lockouts import UNLOCK_PERMISSION, current_lockouts, lockout_minutes, unlock, unlock_all

TEMPLATE = "content_models/logins/admin/lockouts.html"


def can_unlock(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(UNLOCK_PERMISSION))


def _context(**extra) -> dict:
    title = _("Login lockouts")
    return {"header_title": title, "page_title": title, "header_icon": "lock", **extra}


@require_http_methods(["GET", "POST"])
def lockouts_view(request):
    """The current lockouts with an Unlock button each (POST), and one to unlock everyone."""
    if not can_unlock(request.user):
        # A plain 403 rather than Wagtail's redirect to the dashboard: the page exists, this user may not use it.
        return TemplateResponse(request, TEMPLATE, _context(denied=True), status=403)
    if request.method == "POST":
        return _unlock(request)
    return TemplateResponse(request, TEMPLATE, _context(lockouts=current_lockouts(), minutes=lockout_minutes()))


def _unlock(request):
    if request.POST.get("all"):
        count = unlock_all()
        if count:
            messages.success(request, _("Every lockout was lifted and every failed attempt forgotten."))
        else:
            messages.info(request, _("Nobody was locked out."))
        return redirect("login_lockouts")
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "").strip()
    if kind not in ("username", "ip_address") or not value:
        messages.error(request, _("Choose a lockout to lift."))
    elif unlock(kind, value):
        if kind == "username":
            message = _("The user name %(name)s can sign in again.")
        else:
            message = _("Logins from %(name)s are accepted again.")
        messages.success(request, message % {"name": value})
    else:
        messages.info(request, _("%(name)s was not locked out (or the lockout had already ended).") % {"name": value})
    return redirect("login_lockouts")


@hooks.register("register_admin_urls")
def register_lockouts_url():
    return [path("login-lockouts/", lockouts_view, name="login_lockouts")]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_unlock(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(gettext_lazy("Login lockouts"), reverse("login_lockouts"), icon_name="lock", order=610)


@hooks.register("register_permissions")
def register_unlock_permission():
    app_label, codename = UNLOCK_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
