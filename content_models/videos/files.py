"""Uploaded video files (MP4 or WebM), checked by extension, first bytes and size; the same file serves every
language's video page."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from content_models.core.numbers import format_filesize
from content_models.core.text import validate_single_line

VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}
VIDEO_SIGNATURES = {"mp4": lambda head: head[4:8] == b"ftyp", "webm": lambda head: head[:4] == b"\x1a\x45\xdf\xa3"}
def video_max_size() -> int:
    """PORTAL_VIDEO_MAX_UPLOAD_SIZE in bytes (default 200 MB): school connections are slow, keep videos short."""
    return int(getattr(settings, "PORTAL_VIDEO_MAX_UPLOAD_SIZE", 200 * 1024 * 1024))


def validate_video_file(file):
    """MP4 or WebM only, checked by extension and by the file's first bytes, and no larger than the limit."""
    extension = os.path.splitext(file.name)[1].lower().lstrip(".")
    if extension not in VIDEO_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a video the portal can play: upload an MP4 or WebM file."),
            code="video_type", params={"name": os.path.basename(file.name)},
        )
    limit = video_max_size()
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("This video is %(size)s; videos may be at most %(limit)s. Shorten it or lower its resolution."),
            code="video_size", params={"size": format_filesize(file.size), "limit": format_filesize(limit)},
        )
    if getattr(file, "_committed", False):
        return  # already stored: it was checked when it was uploaded
    position = file.tell()
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    if not VIDEO_SIGNATURES[extension](head):
        raise ValidationError(
            _("“%(name)s” is named .%(ext)s but is not an %(type)s video."),
            code="video_content", params={"name": os.path.basename(file.name), "ext": extension, "type": extension.upper()},
        )


class VideoFile(index.Indexed, models.Model):
    """An uploaded video file (MP4 or WebM), chosen by video pages; the same file serves every language."""

    title = models.CharField(_("title"), max_length=255, validators=[validate_single_line])
    file = models.FileField(
        _("file"), upload_to="videos/", validators=[validate_video_file],
        help_text=_("MP4 (H.264) or WebM, short and small: librarians often watch on a phone or a slow school connection."),
    )
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, editable=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    panels = ["title", "file"]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("video file")
        verbose_name_plural = _("video files")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            try:
                self.file_size = self.file.size
            except OSError:
                self.file_size = None
        super().save(*args, **kwargs)

    @property
    def extension(self) -> str:
        return os.path.splitext(self.file.name)[1].lower().lstrip(".")

    @property
    def mime_type(self) -> str:
        return VIDEO_TYPES.get(self.extension, "video/mp4")

    @property
    def url(self) -> str:
        return self.file.url if self.file else ""


@receiver(post_delete, sender=VideoFile, dispatch_uid="portal-video-file-deleted")
def _video_file_deleted(sender, instance, **kwargs):
    if instance.file:
        transaction.on_commit(lambda: instance.file.delete(save=False))
