"""The portal's own media serving (PORTAL_SERVE_MEDIA, portal/media_serve.py): whole files and HTTP Range requests,
so a browser can play and seek a video on a single server without a web server in front."""

import datetime

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.utils.http import http_date

from portal.media_serve import RangeNotSatisfiable, parse_range
from tests.factories import make_video_file, make_video_page

pytestmark = pytest.mark.django_db

DATA = bytes(range(256)) * 4  # 1024 bytes, each position recognisable
DEMO_MP4 = settings.BASE_DIR / "content_models" / "demo" / "assets" / "collection-forming.mp4"  # a real, tiny H.264 MP4


@pytest.fixture
def serving():
    with override_settings(PORTAL_SERVE_MEDIA=True):
        yield


@pytest.fixture
def stored(serving):
    name = default_storage.save("videos/range-test.mp4", ContentFile(DATA))
    yield name
    default_storage.delete(name)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_whole_file_says_it_accepts_ranges(client, stored):
    response = client.get(f"/media/{stored}")
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Length"] == "1024"
    assert _body(response) == DATA


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-199", 100, 199),
        ("bytes=-100", 924, 1023),  # the last 100 bytes
        ("bytes=1000-", 1000, 1023),  # open-ended
        ("bytes=1000-5000", 1000, 1023),  # an end past the file is the file's end
        ("bytes=-5000", 0, 1023),  # a suffix longer than the file is the whole file
        ("BYTES = 5 - 5", 5, 5),  # unit case and spaces
    ],
)
def test_a_range_is_answered_with_206_and_exactly_those_bytes(client, stored, header, start, end):
    response = client.get(f"/media/{stored}", HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/1024"
    assert response["Content-Length"] == str(end - start + 1)
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert _body(response) == DATA[start:end + 1]


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=5000-6000", "bytes=-0", "bytes=200-100", "bytes=abc", "bytes=-", "bytes=,", "bytes=1-2-3"])
def test_an_invalid_or_unsatisfiable_range_is_416_with_the_size(client, stored, header):
    response = client.get(f"/media/{stored}", HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"
    assert _body(response) == b""


@pytest.mark.parametrize("header", ["items=0-10", "bytes=0-9,20-29", "0-10"])
def test_several_ranges_or_another_unit_get_the_whole_file(client, stored, header):
    response = client.get(f"/media/{stored}", HTTP_RANGE=header)
    assert response.status_code == 200
    assert _body(response) == DATA


def test_head_gives_the_headers_without_the_body(client, stored):
    response = client.head(f"/media/{stored}")
    assert response.status_code == 200
    assert response["Content-Length"] == "1024"
    assert response["Accept-Ranges"] == "bytes"
    assert response.content == b""
    ranged = client.head(f"/media/{stored}", HTTP_RANGE="bytes=0-9")
    assert ranged.status_code == 206
    assert ranged["Content-Range"] == "bytes 0-9/1024"
    assert ranged.content == b""


def test_other_methods_are_refused(client, stored):
    assert client.post(f"/media/{stored}").status_code == 405


def test_if_range_applies_the_range_only_to_the_same_version(client, stored):
    first = client.get(f"/media/{stored}")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(f"/media/{stored}", HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag).status_code == 206
    assert client.get(f"/media/{stored}", HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=modified).status_code == 206
    changed = client.get(f"/media/{stored}", HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"another-version"')
    assert changed.status_code == 200
    assert _body(changed) == DATA
    older = http_date(0)
    assert client.get(f"/media/{stored}", HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=older).status_code == 200


def test_a_cached_copy_is_confirmed_with_304(client, stored):
    first = client.get(f"/media/{stored}")
    again = client.get(f"/media/{stored}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize("path", ["videos/missing.mp4", "videos/", "../settings.py", "videos/../../secret", "documents/private.pdf"])
def test_missing_files_folders_paths_outside_and_documents_are_404(client, serving, path):
    if path.startswith("documents/"):
        default_storage.save(path, ContentFile(b"%PDF-1.4\n"))
    assert client.get(f"/media/{path}").status_code == 404


def test_nothing_is_served_unless_the_portal_serves_media(client, stored):
    with override_settings(PORTAL_SERVE_MEDIA=False):
        assert client.get(f"/media/{stored}").status_code == 404


def test_an_empty_file_is_served_and_any_range_of_it_is_unsatisfiable(client, serving):
    name = default_storage.save("videos/empty.webm", ContentFile(b""))
    whole = client.get(f"/media/{name}")
    assert (whole.status_code, whole["Content-Length"], whole["Content-Type"]) == (200, "0", "video/webm")
    assert client.get(f"/media/{name}", HTTP_RANGE="bytes=0-").status_code == 416
    assert client.get(f"/media/{name}", HTTP_RANGE="bytes=-1").status_code == 416


def test_the_demo_mp4_of_a_video_page_plays_from_its_url_in_parts(client, serving, section):
    """What a browser does with the page's <video>: the <source> URL, then a range of it, as video/mp4."""
    content = DEMO_MP4.read_bytes()
    video = make_video_file(name="collection-forming.mp4", content=content)
    page = make_video_page(section("videos", "kk"), "forming", video=video, duration=datetime.timedelta(seconds=5))
    html = client.get(page.url).content.decode()
    assert f'<source src="/media/{video.file.name}" type="video/mp4">' in html
    head = client.get(video.url, HTTP_RANGE="bytes=0-")
    assert head.status_code == 206
    assert head["Content-Type"] == "video/mp4"
    assert head["Content-Range"] == f"bytes 0-{len(content) - 1}/{len(content)}"
    assert _body(head)[4:8] == b"ftyp"
    tail = client.get(video.url, HTTP_RANGE="bytes=-1024")
    assert _body(tail) == content[-1024:]
    default_storage.delete(video.file.name)


def test_parse_range_reads_only_well_formed_single_byte_ranges():
    assert parse_range("", 10) is None
    assert parse_range("bytes=0-0", 10) == (0, 0)
    assert parse_range("bytes=9-", 10) == (9, 9)
    assert parse_range("bytes=0-9, 5-6", 10) is None
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=10-", 10)
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=" + "9" * 40 + "-", 10)  # absurdly long numbers are invalid, not a crash
