"""Uploaded documents checked by what they contain, not by their name only.

A document's extension (``WAGTAILDOCS_EXTENSIONS``: pdf, docx, xlsx) must match its content: a PDF starts with
``%PDF-``; a .docx or .xlsx is an Office Open XML package, a ZIP archive (from its first byte: no HTML page with
an archive glued to its end) whose ``[Content_Types].xml`` declares the main part of a Word document or an Excel
workbook, which is there (``word/document.xml``, ``xl/workbook.xml``), and which carries no macros. Web content
(HTML, SVG, scripts) is refused whatever it is named, so nothing uploaded as a document can run in a visitor's
browser. The archive is read within bounds: a limited number of members and only its small content-types part.

``PortalDocumentForm`` is the admin's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``): the single and the
multiple upload, the chooser's upload and a replaced file all go through it. Documents are served by the
portal's view (``WAGTAILDOCS_SERVE_METHOD``) with their own content type, ``nosniff``, and as attachments except
PDF (``WAGTAILDOCS_INLINE_CONTENT_TYPES``).
"""

from __future__ import annotations

import os
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

HEAD_BYTES = 4096  # how much of the start of a file is read for its signature and for web content
MAX_MEMBERS = 10_000  # members of an Office archive
MAX_CONTENT_TYPES = 1024 * 1024  # bytes of [Content_Types].xml read at most

OOXML_PARTS = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
}
KIND_NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "xlsx": "Excel (.xlsx)"}

# The start of a web page, an SVG picture or a script, after a byte-order mark and white space.
_WEB_CONTENT = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|script|svg|iframe|object|embed|meta|a\s|img\s|div|\?xml)"
    rb"|javascript:|<\s*/\s*script",
    re.IGNORECASE,
)


def _refuse(code: str, name: str, kind: str = "") -> ValidationError:
    messages = {
        "web": _("“%(name)s” is a web page, picture or script, not a document: upload a PDF, Word (.docx) or Excel (.xlsx) file."),
        "mismatch": _("The content of “%(name)s” does not match its type (%(kind)s): save it again in that format and upload the new file."),
        "macros": _("“%(name)s” contains macros: save it without them (as .docx or .xlsx) and upload it again."),
    }
    return ValidationError(messages[code], code=f"document_{code}", params={"name": name, "kind": kind})


def _read_head(file) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(position)
    return head


def looks_like_web_content(head: bytes) -> bool:
    """True when the start of a file is HTML, SVG, XML or script (in any common encoding's ASCII bytes)."""
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").replace(b"\x00", b"")
    return bool(_WEB_CONTENT.search(text[:HEAD_BYTES]))


def _check_ooxml(file, extension: str, name: str) -> None:
    main_part, main_type = OOXML_PARTS[extension]
    position = file.tell()
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise _refuse("mismatch", name, KIND_NAMES[extension])
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names or main_part not in names:
                raise _refuse("mismatch", name, KIND_NAMES[extension])
            if any(member.lower().endswith("vbaproject.bin") for member in names):
                raise _refuse("macros", name)
            with archive.open("[Content_Types].xml") as handle:
                content_types = handle.read(MAX_CONTENT_TYPES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
        raise _refuse("mismatch", name, KIND_NAMES[extension]) from None
    finally:
        file.seek(position)
    if len(content_types) > MAX_CONTENT_TYPES or main_type.encode() not in content_types:
        if b"macroEnabled" in content_types:
            raise _refuse("macros", name)
        raise _refuse("mismatch", name, KIND_NAMES[extension])


def validate_document_content(file) -> None:
    """Raise a ValidationError (in the editor's language) unless the file's content is what its extension says."""
    name = os.path.basename(file.name or "")
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    head = _read_head(file)
    if extension == "pdf":
        if not head.startswith(b"%PDF-"):
            raise _refuse("web" if looks_like_web_content(head) else "mismatch", name, KIND_NAMES["pdf"])
        return
    if extension in OOXML_PARTS:
        if not head.startswith(b"PK\x03\x04"):
            raise _refuse("web" if looks_like_web_content(head) else "mismatch", name, KIND_NAMES[extension])
        _check_ooxml(file, extension, name)
        return
    if looks_like_web_content(head):  # an extension the settings allow but that has no check of its own
        raise _refuse("web", name)


class PortalDocumentForm(BaseDocumentForm):
    """Wagtail's document form, checking the uploaded file's content against its extension."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data and not getattr(file, "_committed", False):
            validate_document_content(file)
        return file
