"""Model fields shared by the portal's page types."""

from django import forms
from django.db import models
from wagtail.fields import StreamField


class PageStreamField(StreamField):
    """A StreamField that the v3 API renders in its page's language, with the page in the blocks' context.

    Wagtail's API renders a stream block by block without telling the blocks which page they belong to. Blocks
    that point at other pages (books of the list, related guidelines) need the page's language to link the
    translation in that language, and blocks with files need the site's address for absolute URLs.
    ``content_models.core.api_output`` registers the resolver that does this.
    """


class CodeListFormField(forms.MultipleChoiceField):
    """Checkboxes for a comma-separated list of codes; the model keeps the plain 'a,b' string."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        if isinstance(value, str):
            return [code for code in value.split(",") if code]
        return value

    def to_python(self, value):
        return super().to_python(self.prepare_value(value))

    def clean(self, value):
        return ",".join(super().clean(value))

    def has_changed(self, initial, data):
        return self.prepare_value(initial or "") != self.prepare_value(data or [])


class CodeListField(models.CharField):
    """Several codes of a choice list stored as 'a,b'; edited as checkboxes."""

    def __init__(self, *args, codes=(), **kwargs):
        self.codes = list(codes)
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["codes"] = self.codes
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return CodeListFormField(choices=self.codes, required=not self.blank, label=self.verbose_name, help_text=self.help_text)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return ",".join(value)
        return value

    def get_prep_value(self, value):
        return super().get_prep_value(self.to_python(value))
