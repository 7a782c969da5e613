"""Shared calendar machinery: the Almaty clock, localised dates, RFC 5545 recurrence and iCalendar output.

Used by the event calendar, the notable-dates page and the exhibition schedule.
"""
