"""Finding events and expanding them into occurrences; the filters shared by the calendar views, feed and API."""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.db.models import Q
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from content_models.calendars import clock
from content_models.calendars.dates import format_date_range, format_time
from content_models.calendars.recurrence import Span, rule_last_day
from content_models.core.taxonomy import NATIONWIDE, REGIONS_AND_NATIONWIDE
from content_models.events.models import EventPage
from content_models.events.types import AUDIENCE_CODES, AUDIENCES, REGION_CODES_ALL, EventType

# A feed lists events that still happen or ended at most this long ago.
FEED_HISTORY = timedelta(days=365)
# Longest occurrence of a repeating event taken into account when looking for overlaps with a range.
LONGEST_OCCURRENCE = timedelta(days=366)


@dataclass
class Occurrence:
    """One occurrence of an event page: the page and the local start and end of this repetition."""

    page: EventPage
    span: Span

    @property
    def start(self):
        return self.span.start.date() if self.span.all_day else self.span.start.replace(tzinfo=clock.calendar_tz())

    @property
    def end(self):
        if self.span.all_day:
            return self.span.last_day
        return self.span.end.replace(tzinfo=clock.calendar_tz())

    @property
    def is_multi_day(self) -> bool:
        return self.span.last_day > self.span.first_day

    @property
    def date_label(self) -> str:
        return format_date_range(self.span.first_day, self.span.last_day)

    @property
    def time_label(self) -> str:
        if self.span.all_day:
            return ""
        if self.span.end > self.span.start and self.span.end.date() == self.span.start.date():
            return f"{format_time(self.span.start)}–{format_time(self.span.end)}"
        return format_time(self.span.start)

    def starts_on(self, day: date) -> bool:
        return self.span.first_day == day


def events_live(*, locale=None, within=None):
    """Live, public event pages (never drafts or pages behind a view restriction)."""
    queryset = EventPage.objects.live().public().select_related("event_type", "locale")
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    if within is not None:
        queryset = queryset.descendant_of(within)
    return queryset


def events_filter(queryset, *, type_code: str = "", audience: str = "", region: str = ""):
    """Narrow by event type code, audience code and region; a region also keeps the nationwide events."""
    if type_code:
        queryset = queryset.filter(event_type__slug=type_code)
    if audience:
        queryset = queryset.filter(
            Q(audiences=audience)
            | Q(audiences__startswith=f"{audience},")
            | Q(audiences__endswith=f",{audience}")
            | Q(audiences__contains=f",{audience},")
        )
    if region:
        queryset = queryset.filter(region=region) if region == NATIONWIDE else queryset.filter(region__in=[region, NATIONWIDE])
    return queryset


def events_touching(queryset, start: date, end: date):
    """Events that may have an occurrence between ``start`` and ``end`` (checked exactly when expanded)."""
    single = Q(repeat="") & (Q(end_date__gte=start) | Q(end_date__isnull=True, start_date__gte=start))
    repeating = ~Q(repeat="") & (Q(repeat_until__isnull=True) | Q(repeat_until__gte=start - LONGEST_OCCURRENCE))
    return queryset.filter(start_date__lte=end).filter(single | repeating)


def occurrences_between(pages, start: date, end: date) -> list[Occurrence]:
    """Every occurrence of ``pages`` overlapping ``start``…``end`` (inclusive), in time order."""
    found = []
    for page in pages:
        for span in page.spans_between(start, end):
            found.append(Occurrence(page, span))
    found.sort(key=lambda occurrence: (occurrence.span.start, occurrence.page.title))
    return found


def events_for_feed(queryset, today: date) -> list[EventPage]:
    """Events still running or repeating, or ended within the last year."""
    keep = []
    oldest = today - FEED_HISTORY
    for page in queryset.filter(Q(repeat="") & Q(start_date__gte=oldest) | Q(end_date__gte=oldest) | ~Q(repeat="")).order_by("start_date", "pk"):
        last = rule_last_day(page.first_span, page.rule, page.repeat_until)
        if last is None or last >= oldest:
            keep.append(page)
    return keep


def type_choices(locale) -> list[tuple[str, str]]:
    """(code, name) of every event type, named in ``locale`` where it has been translated."""
    names: dict[str, str] = {}
    for event_type in EventType.objects.select_related("locale").order_by("name"):
        if event_type.slug not in names or event_type.locale_id == getattr(locale, "pk", None):
            names[event_type.slug] = event_type.name
    return sorted(names.items(), key=lambda item: item[1])


class CalendarFilterForm(forms.Form):
    """The calendar's filters, read from the query string (type, audience, region)."""

    type = forms.ChoiceField(label=_("Event type"), required=False)
    audience = forms.ChoiceField(label=_("Audience"), required=False, choices=[("", _("Everyone"))] + AUDIENCES)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("All regions"))] + REGIONS_AND_NATIONWIDE)

    def __init__(self, data=None, *, locale=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["type"].choices = [("", _("All types"))] + type_choices(locale)

    def values(self) -> dict:
        """The valid filter values (invalid ones are left out and reported by the form)."""
        if not self.is_bound:
            return {"type_code": "", "audience": "", "region": ""}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"type_code": data.get("type", ""), "audience": data.get("audience", ""), "region": data.get("region", "")}

    def query_string(self) -> str:
        values = self.values()
        pairs = [("type", values["type_code"]), ("audience", values["audience"]), ("region", values["region"])]
        query = urlencode([(name, value) for name, value in pairs if value])
        return f"?{query}" if query else ""

    @property
    def active(self) -> bool:
        return any(self.values().values())


def filters_check(*, type_code: str, audience: str, region: str) -> None:
    """ValueError with a message for unknown codes (API and feeds answer 400 with it)."""
    if type_code and not EventType.objects.filter(slug=type_code).exists():
        known = ", ".join(sorted(set(EventType.objects.values_list("slug", flat=True))))
        raise ValueError(f"Unknown event type {type_code!r}; known types: {known}.")
    if audience and audience not in AUDIENCE_CODES:
        raise ValueError(f"Unknown audience {audience!r}; known audiences: {', '.join(AUDIENCE_CODES)}.")
    if region and region not in REGION_CODES_ALL:
        raise ValueError(f"Unknown region {region!r}; known regions: {', '.join(REGION_CODES_ALL)}.")
