"""StreamField blocks of the home page: the programme's tasks and its expected results."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ProgrammeTaskBlock(blocks.StructBlock):
    """One of the programme's tasks, as shown on the home page."""

    title = blocks.CharBlock(label=_("Task"), max_length=200)
    text = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "tick"
        label = _("Task")
        template = "content_models/home/blocks/programme_task_block.html"


class ResultFigureBlock(blocks.StructBlock):
    """An expected result of the programme: a measure, its baseline and its target."""

    label = blocks.CharBlock(label=_("Measure"), max_length=200)
    baseline = blocks.CharBlock(label=_("Baseline"), max_length=40, required=False, help_text=_("e.g. 1 M"))
    target = blocks.CharBlock(label=_("Target"), max_length=40, help_text=_("e.g. 2 M or 100 %"))
    note = blocks.TextBlock(label=_("Note"), required=False, help_text=_("e.g. the yearly breakdown"))

    class Meta:
        icon = "pick"
        label = _("Expected result")
        template = "content_models/home/blocks/result_figure_block.html"
