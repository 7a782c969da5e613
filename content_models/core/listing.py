"""Helpers of the section listings: filter forms that work without JavaScript, pagination, code-list filters."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.query_reads import carried_params

PER_PAGE = 12


def code_list_q(field: str, code: str) -> Q:
    """Pages whose comma-separated code list ``field`` holds ``code`` exactly (not as part of a longer code)."""
    return (
        Q(**{field: code})
        | Q(**{f"{field}__startswith": f"{code},"})
        | Q(**{f"{field}__endswith": f",{code}"})
        | Q(**{f"{field}__contains": f",{code},"})
    )


def query_string(request, **changes) -> str:
    """The request's query string with some parameters replaced, or dropped when given None or ""; only the
    parameters the page reads are carried (portal/query_reads.py)."""
    params = carried_params(request)
    for name, value in changes.items():
        params.pop(name, None)
        if value not in (None, ""):
            params[name] = value
    return params.urlencode()


def paginate(request, queryset, per_page: int = PER_PAGE):
    """One page of results; a missing, wrong or too large page number gives the first or the last page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class ListingFilterForm(forms.Form):
    """Base of the listings' filter forms: every field optional; an unknown value is reported and ignored."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data=data or None, **kwargs)
        for field in self.fields.values():
            field.required = False

    def values(self) -> dict:
        """The valid, non-empty filter values."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value not in (None, "")}

    @property
    def is_filtered(self) -> bool:
        return bool(self.values())


def empty_choice(label):
    return [("", label)]


class TopicFilterForm(ListingFilterForm):
    """A filter form with a topic field offering the topics given: those the listing's pages carry, by name."""

    topic = forms.ChoiceField(label=_("Topic"))

    def __init__(self, data=None, *, topics=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["topic"].choices = empty_choice(_("All topics")) + [(topic.slug, topic.name) for topic in topics]
