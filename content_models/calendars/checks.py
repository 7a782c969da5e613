"""System check: the installed time-zone data must know Almaty's UTC+5 (since 1 March 2024)."""

from django.core.checks import Error, register

from content_models.calendars.clock import tz_data_is_current


@register()
def tz_data_check(app_configs, **kwargs):
    if tz_data_is_current():
        return []
    return [
        Error(
            "The time-zone data on this server still puts Asia/Almaty at UTC+6; Kazakhstan has used UTC+5 since 1 March 2024.",
            hint="Upgrade the system tzdata package (2024a or later), or run with PYTHONTZPATH= so Python uses the tzdata package.",
            id="content_models.E001",
        )
    ]
