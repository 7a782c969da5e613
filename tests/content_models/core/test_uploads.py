"""Documents are checked by content through the Wagtail admin's own upload views (real multipart POSTs): a PDF must
be a PDF, a .docx or .xlsx an Office Open XML package with its parts, web content is refused whatever its name;
documents are served with their own content type, nosniff, and as attachments except PDF."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from openpyxl import Workbook
from wagtail.documents.models import Document
from wagtail.users.models import UserProfile

from content_models.core.uploads import validate_document_content

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>\n'
WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def docx(main_type=WORD_TYPE, **extra) -> bytes:
    """A minimal Word document, as Office writes its package."""
    return _zip({
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Оқу жоспары</w:t></w:r></w:p></w:body></w:document>"
        ),
        **extra,
    })


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Кітап", "Саны"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("docs-admin", password="x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def upload(client, name, content, title="Құжат"):
    return client.post("/admin/documents/add/", {"title": title, "file": SimpleUploadedFile(name, content), "collection": 1})


@pytest.mark.parametrize(("name", "content"), [
    ("plan.pdf", PDF),
    ("plan.docx", docx()),
    ("books.xlsx", xlsx()),
])
def test_real_documents_are_accepted(admin, name, content):
    response = upload(admin, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get(title="Құжат")
    assert document.file.name.endswith(name.rsplit(".", 1)[1])


@pytest.mark.parametrize(("name", "content", "message"), [
    ("page.pdf", HTML, "is a web page, picture or script, not a document"),
    ("picture.pdf", SVG, "is a web page, picture or script, not a document"),
    ("page.docx", HTML, "is a web page, picture or script, not a document"),
    ("page.xlsx", b"\xef\xbb\xbf  <html><script src=x></script>", "is a web page, picture or script, not a document"),
    ("notes.pdf", b"Just some text, not a PDF at all.", "does not match its type (PDF)"),
    ("archive.docx", _zip({"readme.txt": "not a document"}), "does not match its type (Word (.docx))"),
    ("report.xlsx", docx(), "does not match its type (Excel (.xlsx))"),
    ("glued.docx", HTML + docx(), "is a web page, picture or script, not a document"),
    ("broken.docx", b"PK\x03\x04" + b"\x00" * 200, "does not match its type (Word (.docx))"),
    ("macros.docx", docx(main_type="application/vnd.ms-word.document.macroEnabled.main+xml"), "contains macros"),
    ("vba.docx", docx(**{"word/vbaProject.bin": "x"}), "contains macros"),
])
def test_content_that_does_not_match_the_extension_is_refused(admin, name, content, message):
    response = upload(admin, name, content)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&quot;", '"')
    assert not Document.objects.exists()


def test_the_multiple_upload_refuses_it_too(admin):
    response = admin.post("/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile("page.pdf", HTML)})
    data = response.json()
    assert data["success"] is False and "not a document" in data["error_message"]
    assert not Document.objects.exists()
    response = admin.post("/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile("plan.pdf", PDF)})
    assert response.json()["success"] is True and Document.objects.count() == 1


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_an_oversized_file_is_refused(admin):
    response = upload(admin, "big.pdf", PDF + b"0" * 4096)
    assert response.status_code == 200 and "This file is too big" in response.content.decode()
    assert not Document.objects.exists()


def test_the_messages_speak_kazakh_russian_and_english():
    seen = set()
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            with pytest.raises(ValidationError) as error:
                validate_document_content(SimpleUploadedFile("page.pdf", HTML))
            text = " ".join(error.value.messages)
        assert "page.pdf" in text
        seen.add(text)
    assert len(seen) == 3


@pytest.mark.parametrize(("name", "content", "content_type", "disposition"), [
    ("plan.pdf", PDF, "application/pdf", "inline"),
    ("plan.docx", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment"),
    ("books.xlsx", xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"),
])
def test_documents_are_served_with_their_type_nosniff_and_attachments_but_pdf(admin, client, name, content, content_type, disposition):
    assert upload(admin, name, content).status_code == 302
    document = Document.objects.get()
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Disposition"].startswith(disposition)
    assert b"".join(response.streaming_content) == content


def test_an_image_upload_is_checked_by_pillow_too(admin):
    from wagtail.images.models import Image

    response = admin.post("/admin/images/add/", {"title": "Сурет", "file": SimpleUploadedFile("poster.png", HTML), "collection": 1})
    assert response.status_code == 200 and not Image.objects.exists()
    assert "Not a valid .png image" in response.content.decode()


def test_the_choosers_upload_refuses_it_too(admin):
    response = admin.post("/admin/documents/chooser/create/", {
        "document-chooser-upload-title": "Бет", "document-chooser-upload-file": SimpleUploadedFile("page.pdf", HTML),
        "document-chooser-upload-collection": 1,
    })
    assert "not a document" in response.content.decode().replace("\\u201c", "“")
    assert not Document.objects.exists()
