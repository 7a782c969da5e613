"""The forms of the holdings check: upload, column mapping and the report's options."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from content_models.holdings.parsing import FIELD_LABELS, FIELDS, MAX_BYTES, HoldingsFileError, HoldingsTable, file_error, holdings_read
from content_models.holdings.report import DEFAULT_MIN_COPIES, MAX_MIN_COPIES


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Holdings file"),
        help_text=_("CSV or Excel workbook (.xlsx), at most 5 MB and 50,000 rows. The first row holds the column headings."),
        error_messages={
            "required": _("Choose the file with your library's holdings."),
            "empty": _("The file is empty."),
            "invalid": _("Choose the file with your library's holdings."),
        },
    )

    table: HoldingsTable | None = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            if upload.size > MAX_BYTES:
                raise file_error("too_big", limit=MAX_BYTES // (1024 * 1024))
            self.table = holdings_read(upload.read(), upload.name or "")
        except HoldingsFileError as problem:
            raise ValidationError(problem.message, code=problem.code) from None
        return upload


class ColumnsForm(forms.Form):
    """One choice per field: which column of the file holds it (the title is required, the rest optional)."""

    def __init__(self, *args, table: HoldingsTable, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —"))] + [(str(index), table.column_label(index)) for index in range(table.width)]
        help_texts = {
            "title": _("Required. Titles in any language and script are recognised."),
            "author": _("Helps to tell books with the same title apart."),
            "isbn": _("ISBN-10 or ISBN-13, with or without hyphens."),
            "year": _("Shown in the report."),
            "copies": _("Without this column every row counts as one copy."),
        }
        for name in FIELDS:
            self.fields[name] = forms.ChoiceField(
                label=FIELD_LABELS[name], choices=choices, required=name == "title", help_text=help_texts[name],
                error_messages={"required": _("Choose the column with the titles."), "invalid_choice": _("Choose one of the file's columns.")},
            )

    def clean(self):
        cleaned = super().clean()
        used = {}
        for name in FIELDS:
            value = cleaned.get(name)
            if value in (None, ""):
                continue
            if value in used:
                self.add_error(name, _("This column is already chosen for “%(field)s”.") % {"field": FIELD_LABELS[used[value]]})
            else:
                used[value] = name
        return cleaned

    def columns(self) -> dict[str, int | None]:
        return {name: (int(self.cleaned_data[name]) if self.cleaned_data.get(name) not in (None, "") else None) for name in FIELDS}


class ReportOptionsForm(forms.Form):
    min_copies = forms.IntegerField(
        label=_("Copies each title should have"), min_value=1, max_value=MAX_MIN_COPIES, initial=DEFAULT_MIN_COPIES,
        required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter a whole number of copies."),
            "min_value": _("Enter a number from 1 to 100."),
            "max_value": _("Enter a number from 1 to 100."),
        },
    )

    def copies(self, default: int = DEFAULT_MIN_COPIES) -> int:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("min_copies"):
            return self.cleaned_data["min_copies"]
        return default
