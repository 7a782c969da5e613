"""An event as an iCalendar component (VEVENT), with its repetition rule and skipped dates."""

from django.utils import translation
from django.utils.translation import gettext as _

from content_models.calendars import ical


def ical_event(page, request=None):
    """The VEVENT of ``page`` in the page's own language."""
    language = page.locale.language_code
    with translation.override(language):
        return _ical_event(page, request, language)


def _ical_event(page, request, language):
    lines = [ical.plain_text(page.intro), ical.plain_text(page.description)]
    if page.organiser:
        lines.append(f"{_('Organiser')}: {page.organiser}")
    if page.online_url:
        lines.append(f"{_('Online')}: {page.online_url}")
    if page.registration_url:
        lines.append(f"{_('Registration')}: {page.registration_url}")
    url = page.get_full_url(request) or ""
    event = ical.event_new(
        uid_value=ical.uid("event", page.translation_key, language),
        summary=page.title,
        stamp=page.last_published_at or page.first_published_at,
        description="\n\n".join(line for line in lines if line),
        location=page.venue or page.online_url,
        url=url,
        categories=[page.event_type.name] if page.event_type_id else (),
    )
    span = page.first_span
    ical.event_add_times(event, span)
    if page.rule:
        ical.event_add_recurrence(event, span, page.rule, page.repeat_until, page.skipped)
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    return event
