"""Subtitles of a video: timecodes, the subtitle (cue) blocks, and WebVTT files read and written."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

SUBTITLE_MAX_SIZE = 512 * 1024


TIMECODE_RE = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$")


def timecode_seconds(value: str) -> float:
    match = TIMECODE_RE.match((value or "").strip())
    if not match:
        raise ValueError(value)
    hours, minutes, seconds, millis = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int((millis or "0").ljust(3, "0")) / 1000


def timecode_vtt(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def validate_timecode(value):
    try:
        timecode_seconds(value)
    except ValueError:
        raise ValidationError(_("Write the time as minutes:seconds or hours:minutes:seconds, e.g. 0:04.5 or 1:02:03.250.")) from None


class TimecodeBlock(blocks.FieldBlock):
    """A time in the video (m:ss.mmm). Not a CharBlock, so translators never see it: the same in every language."""

    def __init__(self, required=True, help_text=None, **kwargs):
        self.field = forms.CharField(required=required, help_text=help_text, max_length=16, validators=[validate_timecode])
        super().__init__(**kwargs)

    class Meta:
        icon = "time"


class CueBlock(blocks.StructBlock):
    """One subtitle: when it shows, when it goes, and its text (translated for each language)."""

    start = TimecodeBlock(label=_("From"))
    end = TimecodeBlock(label=_("To"))
    text = blocks.TextBlock(label=_("Text"), max_length=300)

    class Meta:
        icon = "openquote"
        label = _("Subtitle")
        form_classname = "cue-block"

    def clean(self, value):
        value = super().clean(value)
        if timecode_seconds(value["end"]) <= timecode_seconds(value["start"]):
            raise blocks.StructBlockValidationError(block_errors={"end": ValidationError(_("A subtitle must end after it starts."))})
        return value


def vtt_parse(text: str) -> list[dict]:
    """The cues of a WebVTT file as [{start, end, text}]; raises ValueError with a message for a malformed file."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith("WEBVTT"):
        raise ValueError(_("A WebVTT file starts with the line WEBVTT."))
    cues = []
    for number, chunk in enumerate(re.split(r"\n{2,}", text.strip())[1:], start=1):
        lines = chunk.split("\n")
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        if "-->" not in lines[0]:
            lines = lines[1:]  # a cue identifier
        if not lines or "-->" not in lines[0]:
            raise ValueError(_("Cue %(number)s has no “start --> end” line.") % {"number": number})
        start, _arrow, rest = lines[0].partition("-->")
        end = rest.strip().split(" ")[0]
        try:
            start_s, end_s = timecode_seconds(start.strip()), timecode_seconds(end)
        except ValueError:
            raise ValueError(_("Cue %(number)s has a time that is not like 00:01.000.") % {"number": number}) from None
        if end_s <= start_s:
            raise ValueError(_("Cue %(number)s ends before it starts.") % {"number": number})
        body = "\n".join(lines[1:]).strip()
        if body:
            cues.append({"start": timecode_vtt(start_s), "end": timecode_vtt(end_s), "text": re.sub(r"<[^>]+>", "", body)})
    if not cues:
        raise ValueError(_("The file holds no subtitles."))
    return cues


def vtt_text(cues) -> str:
    lines = ["WEBVTT", ""]
    for number, cue in enumerate(cues, start=1):
        text = cue["text"].replace("-->", "→").strip()
        lines += [str(number), f"{timecode_vtt(timecode_seconds(cue['start']))} --> {timecode_vtt(timecode_seconds(cue['end']))}", text, ""]
    return "\n".join(lines)
