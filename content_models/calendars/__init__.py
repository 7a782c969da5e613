"""Shared calendar machinery: the Almaty clock, localised dates, RFC 5545 recurrence, iCalendar output, page
file routes and the API's date-range parameters.

Used by the event calendar, the notable-dates page and the exhibition schedule; it imports nothing from them.
"""
