"""Kazakh number formats for Django's own formatting (``number_format``, ``floatformat``, form widgets).

Django ships no Kazakh formats, so it would write 12,345.6; CLDR's Kazakh is 12 345,6 (no-break space).
Pages write numbers through content_models/numbers.py (Babel); these settings cover what still goes through Django.
"""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"
NUMBER_GROUPING = 3
