"""Uploaded media served by the portal itself, with HTTP Range requests, for a setup without a web server in front.

In production nginx (or the object storage, ``PORTAL_MEDIA_STORAGE=s3``) serves ``MEDIA_URL``. A single server
run by ``python3 run.py serve`` (DEBUG) or with ``PORTAL_SERVE_MEDIA=1`` has the portal answer it instead, and a
browser plays a video only when it can ask for parts of the file: Django's own ``static.serve`` sends the whole file
every time. This view reads through the default storage (``storage.open``) and answers:

* ``Range: bytes=START-END``, ``bytes=START-`` and ``bytes=-SUFFIX`` with 206, ``Content-Range`` and just those bytes;
* a range that starts past the end, a suffix of 0 bytes, or a malformed or reversed range with 416 and
  ``Content-Range: bytes */SIZE``;
* several ranges (``bytes=0-9,20-29``), a unit other than bytes, or an ``If-Range`` that no longer matches with the
  whole file (200): RFC 9110 lets a server ignore Range, and no player asks for several;
* every 200 and 206 carries ``Accept-Ranges: bytes``, ``ETag``, ``Last-Modified`` and the file's content type;
  ``If-None-Match``/``If-Modified-Since`` get 304 (Django's ``get_conditional_response``); HEAD gets the headers only.

Documents are not served here: they go through Wagtail's document view (``/documents/``), which keeps private
collections private, so ``documents/`` under ``MEDIA_URL`` is a 404 (nginx should deny it too).
"""

from __future__ import annotations

import mimetypes
import posixpath
import re

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

CHUNK = 64 * 1024
PRIVATE_PREFIXES = ("documents/",)  # Wagtail's documents: served by its view, which checks privacy
CONTENT_TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".vtt": "text/vtt; charset=utf-8"}
_SPEC = re.compile(r"^\s*(\d{0,18})\s*-\s*(\d{0,18})\s*$")


class RangeNotSatisfiable(Exception):
    pass


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The one byte range (first, last; inclusive) a Range header asks of a file of ``size`` bytes; None to send the
    whole file (no header, another unit, several ranges). Raises RangeNotSatisfiable for an invalid or unsatisfiable
    range."""
    unit, _, specs = (header or "").partition("=")
    if not specs or unit.strip().lower() != "bytes":
        return None
    parts = [part for part in specs.split(",") if part.strip()]
    if len(parts) != 1:
        if not parts:
            raise RangeNotSatisfiable
        return None
    match = _SPEC.match(parts[0])
    if not match or match.group(1) == match.group(2) == "":
        raise RangeNotSatisfiable
    first, last = match.groups()
    if first == "":
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - suffix), size - 1
    start = int(first)
    end = size - 1 if last == "" else int(last)
    if end < start or start >= size:
        raise RangeNotSatisfiable
    return start, min(end, size - 1)


def _file_chunks(handle, start: int, length: int):
    try:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        handle.close()


def _content_type(name: str) -> str:
    extension = posixpath.splitext(name)[1].lower()
    return CONTENT_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _if_range_matches(request, etag: str, last_modified: str) -> bool:
    """Whether Range still applies: no If-Range, or one naming this very version (its ETag or exact date)."""
    value = request.headers.get("If-Range", "").strip()
    if not value:
        return True
    if value.startswith(("W/", '"')):
        return value == etag  # a weak tag never matches (RFC 9110 13.1.5)
    return parse_http_date_safe(value) is not None and value == last_modified


@require_safe
def serve_media(request, path: str):
    """A file of the default storage under MEDIA_URL, with Range support (see the module's docstring)."""
    if not getattr(settings, "PORTAL_SERVE_MEDIA", False):
        raise Http404
    name = posixpath.normpath(path).lstrip("/")
    if not name or name.startswith(("..", ".")) or name.startswith(PRIVATE_PREFIXES):
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation):
        raise Http404 from None
    try:
        size = handle.size
        modified = default_storage.get_modified_time(name)
    except (OSError, NotImplementedError):
        handle.close()
        raise Http404 from None
    mtime = int(modified.timestamp())
    etag = f'"{size:x}-{int(modified.timestamp() * 1_000_000):x}"'
    last_modified = http_date(mtime)
    not_modified = get_conditional_response(request, etag=etag, last_modified=mtime)
    headers = {
        "Accept-Ranges": "bytes", "ETag": etag, "Last-Modified": last_modified,
        "Cache-Control": "public, max-age=86400",
    }
    if not_modified is not None:
        handle.close()
        for header, value in headers.items():
            not_modified[header] = value
        return not_modified
    try:
        byte_range = parse_range(request.headers.get("Range", ""), size) if _if_range_matches(request, etag, last_modified) else None
    except RangeNotSatisfiable:
        handle.close()
        response = HttpResponse(status=416, headers={"Content-Range": f"bytes */{size}", "Accept-Ranges": "bytes"})
        return response
    start, end = byte_range if byte_range else (0, size - 1)
    length = end - start + 1 if size else 0
    headers["Content-Type"] = _content_type(name)
    headers["Content-Length"] = str(length)
    status = 206 if byte_range else 200
    if byte_range:
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    if request.method == "HEAD":
        handle.close()
        return HttpResponse(status=status, headers=headers)
    return StreamingHttpResponse(_file_chunks(handle, start, length), status=status, headers=headers)
