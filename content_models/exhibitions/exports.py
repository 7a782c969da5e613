"""The exhibition schedule as iCalendar (all-day events) and as CSV for spreadsheets."""

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from content_models.calendars import ical
from content_models.core.downloads import spreadsheet_download


def exhibition_event(exhibition, request=None):
    language = exhibition.locale.language_code
    with translation.override(language):
        lines = [exhibition.theme, ical.plain_text(exhibition.intro)]
        lines.append(_("Grades: %(grades)s") % {"grades": exhibition.grades})
        books = exhibition.books_in_locale()
        if books:
            lines.append(_("Recommended books:") + "\n" + "\n".join(f"{item['book'].list_no}. {item['book'].title}" for item in books))
        guidance = ical.plain_text(exhibition.guidance)
        if guidance:
            lines.append(guidance)
        event = ical.event_new(
            uid_value=ical.uid("exhibition", exhibition.translation_key, language),
            summary=exhibition.title,
            stamp=exhibition.last_published_at or exhibition.first_published_at,
            description="\n\n".join(line for line in lines if line),
            url=exhibition.get_full_url(request) or "",
            categories=[_("Book exhibition")],
        )
    ical.event_add_times(event, exhibition.span)
    return event


def schedule_calendar(schedule, request=None):
    cal = ical.calendar_new(f"{schedule.title} {schedule.school_year_label}", description=ical.plain_text(schedule.intro), language=schedule.locale.language_code)
    for exhibition in schedule.exhibitions():
        cal.add_component(exhibition_event(exhibition, request))
    return cal


def schedule_csv_rows(schedule, request=None) -> list[list[str]]:
    with translation.override(schedule.locale.language_code):
        rows = [[_("Title"), _("Theme"), _("Opens"), _("Closes"), _("Grades"), _("Recommended books"), _("Guideline"), _("Web page")]]
        for exhibition in schedule.exhibitions().select_related("guideline_page"):
            guideline = exhibition.guideline_localized()
            rows.append([
                exhibition.title,
                exhibition.theme,
                exhibition.start_date.isoformat(),
                exhibition.end_date.isoformat(),
                exhibition.grades,
                "; ".join(f"{item['book'].list_no}. {item['book'].title}" for item in exhibition.books_in_locale()),
                guideline.get_full_url(request) if guideline else "",
                exhibition.get_full_url(request) or "",
            ])
    return rows


def schedule_csv_response(schedule, request=None) -> HttpResponse:
    """The schedule as a CSV attachment, one row an exhibition, written like every other table the portal offers."""
    header, *rows = schedule_csv_rows(schedule, request)
    return spreadsheet_download(header, rows, file_format="csv", filename=f"exhibitions-{schedule.school_year}-{schedule.locale.language_code}")
