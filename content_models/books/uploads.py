"""A list file waiting between the admin import's preview and its confirmation, kept in the database.

Every app server sees the same row, so the confirmation may reach another server than the preview (or come from
another browser session of the same editor). The row is found by the token the preview page carries (only its
hash is stored) together with the editor who uploaded it: nobody else can confirm it. Confirming deletes it; rows
older than ``PORTAL_IMPORT_UPLOAD_HOURS`` are expired: a confirmation finds nothing, and ``manage.py
clean_expired`` deletes them.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content_models.core.tokens import new_token, token_hash

upload_token_hash = token_hash


def upload_lifetime() -> timedelta:
    return timedelta(hours=settings.PORTAL_IMPORT_UPLOAD_HOURS)


class BookImportUploadQuerySet(models.QuerySet):
    def current(self):
        return self.filter(created_at__gt=timezone.now() - upload_lifetime())

    def expired(self):
        return self.filter(created_at__lte=timezone.now() - upload_lifetime())


class BookImportUpload(models.Model):
    """The uploaded file (its bytes and name) and the choices made with it, until it is confirmed or expires."""

    token_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255)
    edition = models.PositiveSmallIntegerField()
    skip_invalid = models.BooleanField(default=False)
    data = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = BookImportUploadQuerySet.as_manager()

    class Meta:
        app_label = "content_models"
        verbose_name = _("book list upload")
        verbose_name_plural = _("book list uploads")

    def __str__(self):
        return f"book list upload {self.pk} ({self.name})"

    @classmethod
    def stage(cls, *, user, name: str, edition: int, skip_invalid: bool, data: bytes) -> tuple["BookImportUpload", str]:
        """Keep an uploaded file until it is confirmed; the upload and the token of its confirmation (never stored)."""
        token, hashed = new_token()
        upload = cls.objects.create(token_hash=hashed, user=user, name=name[:255], edition=edition,
                                    skip_invalid=skip_invalid, data=data)
        return upload, token

    @classmethod
    def claim(cls, token: str, user) -> "BookImportUpload | None":
        """The editor's current upload with this token, deleted from the database as it is returned: of two
        confirmations of one upload (a double click, two servers) exactly one gets it. None when the token is
        unknown, expired, already confirmed or another user's."""
        if not token or len(token) > 64 or not getattr(user, "pk", None):
            return None
        upload = cls.objects.current().filter(token_hash=token_hash(token), user=user).first()
        if upload is None:
            return None
        deleted, _by_model = cls.objects.filter(pk=upload.pk).delete()
        return upload if deleted else None
