"""Admin import of the recommended list: upload → preview (errors and the diff) → confirm."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from content_models.books.importing import MAX_FILE_BYTES, ImportBusy, plan_import, run_import
from content_models.books.models import BookListPage
from content_models.books.uploads import BookImportUpload

MAX_UPLOAD_BYTES = MAX_FILE_BYTES


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("List file (CSV or XLSX)"),
        help_text=gettext_lazy("Columns as in the export: list_no, title_kk, title_ru, title_en, author_kk … annotation_en; optional translator, publisher, year, isbn, edition."),
    )
    edition = forms.IntegerField(
        label=gettext_lazy("List edition (year)"), min_value=2000, max_value=2100,
        help_text=gettext_lazy("The year new titles entered the list, unless the file has an edition column."),
    )
    skip_invalid = forms.BooleanField(label=gettext_lazy("Import the good rows even if some rows have errors"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)})
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


def _can_import(user) -> bool:
    page = BookListPage.objects.filter(locale__language_code="kk").first()
    return bool(page and page.permissions_for_user(user).can_publish())


def import_view(request):
    """Editors with publish rights on the book list upload a file, see what it would change, and confirm."""
    if not _can_import(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm(request)
    form = ImportForm(request.POST or None, request.FILES or None, initial={"edition": timezone.localdate().year})
    context = {"form": form, "header_title": _("Import the recommended list"), "page_title": _("Import the recommended list"), "header_icon": "upload"}
    if request.method == "POST" and form.is_valid():
        data, name = form.cleaned_data["file"].read(), form.cleaned_data["file"].name
        plan = plan_import(data, name, default_edition=form.cleaned_data["edition"])
        can_confirm = bool(plan.new or plan.changed) and not plan.fatal and (plan.ok or form.cleaned_data["skip_invalid"])
        upload = {"name": name, "token": ""}
        if can_confirm:  # kept in the database until confirmed, so any app server can take the confirmation
            _staged, upload["token"] = BookImportUpload.stage(
                user=request.user, name=name, edition=form.cleaned_data["edition"],
                skip_invalid=form.cleaned_data["skip_invalid"], data=data,
            )
        context.update({"plan": plan, "upload": upload, "can_confirm": can_confirm,
                        "verdict": _verdict(plan, form.cleaned_data["skip_invalid"], can_confirm)})
        context["changed"] = [(row, plan.previous[row.list_no].changes_from(row) if row.list_no in plan.previous else []) for row in plan.changed]
    return TemplateResponse(request, "content_models/books/admin/booklist_import.html", context)


def _verdict(plan, skip_invalid: bool, can_confirm: bool) -> str:
    """What the preview means, in one plain sentence (empty when the file can be imported)."""
    if can_confirm:
        return ""
    if plan.fatal:
        return _("The file cannot be imported as it is: correct the problem above and upload it again.")
    if plan.errors and not skip_invalid:
        rows = len(plan.invalid_rows)
        return ngettext(
            "%(count)s row has errors, so nothing will be imported: correct the file and upload it again, or allow importing the good rows.",
            "%(count)s rows have errors, so nothing will be imported: correct the file and upload it again, or allow importing the good rows.",
            rows,
        ) % {"count": rows}
    unchanged = len(plan.unchanged)
    return ngettext(
        "%(count)s title unchanged; nothing to import.",
        "%(count)s titles unchanged; nothing to import.",
        unchanged,
    ) % {"count": unchanged}


def _confirm(request):
    # Taken out of the database at once: unknown, expired, another editor's or already confirmed is "expired".
    upload = BookImportUpload.claim(request.POST.get("token", ""), request.user)
    if upload is None:
        messages.error(request, _("The uploaded file has expired; upload it again."))
        return redirect("booklist_import")
    plan = plan_import(bytes(upload.data), upload.name, default_edition=upload.edition)
    if plan.fatal or (plan.errors and not upload.skip_invalid):
        messages.error(request, _("The file has errors; nothing was imported."))
        return redirect("booklist_import")
    try:
        result = run_import(plan, skip_invalid=upload.skip_invalid, user=request.user)
    except ImportBusy as busy:
        messages.error(request, busy.message())  # who runs the other import and since when, in the editor's language
        return redirect("booklist_import")
    messages.success(
        request,
        _("Import finished: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(invalid)s invalid.")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged, "invalid": result.invalid},
    )
    return redirect(reverse("booklist_import"))
