"""Admin form widgets of the event page."""

from django import forms


class RepeatSelect(forms.Select):
    """The repetition presets; a small script hides the custom-rule field unless "Custom rule" is chosen."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-repeat-select": "", "data-custom-field": "recurrence_rule", **(attrs or {})}, choices)

    class Media:
        js = ["js/event-repeat.js"]
