"""Media in S3-compatible object storage (PORTAL_MEDIA_STORAGE=s3), against a real S3 server (moto's, see conftest.py):
images uploaded in the admin and their renditions, documents and videos are stored in the bucket and addressed by
its URL (or the custom domain); nothing reads a local path."""

import datetime
import io
import urllib.error
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from content_models.videos.files import VideoFile
from tests.factories import MP4_BYTES, make_image, make_video_file, make_video_page
from tests.portal.media.conftest import s3_storages

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png(width=640, height=360) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (20, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the loopback server, whatever proxy is set


def _get(url: str, **headers) -> tuple[int, object, bytes]:
    """An anonymous request to the S3 server, as a browser makes it."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with DIRECT.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _keys(s3_client, bucket) -> set[str]:
    return {item["Key"] for item in s3_client.list_objects_v2(Bucket=bucket).get("Contents", [])}


def test_an_image_uploaded_in_the_admin_and_its_rendition_live_in_the_bucket(client, editor, s3_media, s3_client, s3_endpoint):
    client.force_login(editor)
    upload = SimpleUploadedFile("reading-corner.png", _png(), content_type="image/png")
    response = client.post("/admin/images/add/", {
        "title": "Оқу бұрышы", "file": upload, "collection": Collection.get_first_root_node().pk, "tags": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Оқу бұрышы")
    assert (image.width, image.height) == (640, 360)
    assert image.file.name in _keys(s3_client, s3_media)

    rendition = image.get_rendition("fill-160x90")
    assert rendition.file.name in _keys(s3_client, s3_media)
    assert rendition.url.startswith(f"{s3_endpoint}/{s3_media}/images/")
    assert "?" not in rendition.url  # plain URLs: pages are cached longer than a signed URL lives
    status, headers, body = _get(rendition.url)
    assert status == 200
    assert headers["Content-Type"] == "image/png"
    assert PILImage.open(io.BytesIO(body)).size == (160, 90)
    # A second server asking for the same rendition finds it in the database and the bucket: no new file.
    again = get_image_model().objects.get(pk=image.pk).get_rendition("fill-160x90")
    assert again.file.name == rendition.file.name
    assert len([key for key in _keys(s3_client, s3_media) if key.startswith("images/")]) == 1


def test_an_image_that_is_not_one_is_refused_and_nothing_reaches_the_bucket(client, editor, s3_media, s3_client):
    client.force_login(editor)
    upload = SimpleUploadedFile("poster.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    response = client.post("/admin/images/add/", {"title": "Not a picture", "file": upload, "collection": Collection.get_first_root_node().pk})
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="Not a picture").exists()
    assert _keys(s3_client, s3_media) == set()


def test_a_document_uploaded_in_the_admin_is_checked_stored_in_the_bucket_and_served(client, editor, s3_media, s3_client):
    client.force_login(editor)
    response = client.post("/admin/documents/add/", {
        "title": "Жылдық есеп", "file": SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf"),
        "collection": Collection.get_first_root_node().pk, "tags": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.get(title="Жылдық есеп")
    assert document.file.name in _keys(s3_client, s3_media)
    assert document.file_size == len(PDF)
    # The bucket's policy lets no one read documents/ straight from it (private collections stay private) ...
    status, _, _ = _get(document.file.url)
    assert status == 403
    # Served by the portal's document view, which reads it from the bucket (no local path to send).
    client.logout()
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == PDF


def test_a_document_whose_content_lies_is_refused_before_it_is_stored(client, editor, s3_media, s3_client):
    client.force_login(editor)
    response = client.post("/admin/documents/add/", {
        "title": "Fake", "file": SimpleUploadedFile("report.pdf", b"<!doctype html><p>hi", content_type="application/pdf"),
        "collection": Collection.get_first_root_node().pk,
    })
    assert response.status_code == 200
    assert not get_document_model().objects.filter(title="Fake").exists()
    assert _keys(s3_client, s3_media) == set()


def test_a_video_is_stored_in_the_bucket_and_the_bucket_answers_range_requests(s3_media, s3_client, s3_endpoint):
    video = make_video_file(name="lesson.mp4", content=MP4_BYTES)
    assert video.file.name.startswith("videos/lesson")
    assert video.file_size == len(MP4_BYTES)
    stored = s3_client.head_object(Bucket=s3_media, Key=video.file.name)
    assert stored["ContentType"] == "video/mp4"
    assert stored["CacheControl"] == "public, max-age=86400"
    assert video.url == f"{s3_endpoint}/{s3_media}/{video.file.name}"
    status, headers, body = _get(video.url, Range="bytes=4-11")
    assert status == 206
    assert body == MP4_BYTES[4:12] == b"ftypisom"
    assert headers["Content-Range"] == f"bytes 4-11/{len(MP4_BYTES)}"


def test_a_second_upload_of_the_same_name_never_overwrites_the_first(s3_media, s3_client):
    first = make_video_file(name="clip.mp4", title="One")
    second = make_video_file(name="clip.mp4", title="Two")
    assert first.file.name != second.file.name
    assert {first.file.name, second.file.name} <= _keys(s3_client, s3_media)


def test_a_deleted_video_file_leaves_the_bucket(s3_media, s3_client, django_capture_on_commit_callbacks):
    video = make_video_file(name="old.mp4")
    name = video.file.name
    with django_capture_on_commit_callbacks(execute=True):
        VideoFile.objects.get(pk=video.pk).delete()
    assert name not in _keys(s3_client, s3_media)


def test_with_a_custom_domain_pages_and_the_api_point_at_it(client, monkeypatch, section, s3_endpoint, bucket, s3_client):
    with override_settings(STORAGES=s3_storages(monkeypatch, s3_endpoint, bucket, AWS_S3_CUSTOM_DOMAIN="media.kitaphana.example.kz")):
        video = make_video_file(name="festival.mp4")
        poster = make_image("Фестиваль")
        page = make_video_page(section("videos", "kk"), "festival", video=video, poster=poster, duration=datetime.timedelta(seconds=5))
        assert video.file.name in _keys(s3_client, bucket)
        expected = f"https://media.kitaphana.example.kz/{video.file.name}"
        html = client.get(page.url).content.decode()
        assert f'<source src="{expected}" type="video/mp4">' in html
        assert 'poster="https://media.kitaphana.example.kz/images/' in html
        data = client.get(f"/api/v3/pages/{page.pk}/").json()
        assert data["video"]["url"] == expected
        assert data["poster"]["url"].startswith("https://media.kitaphana.example.kz/images/")
