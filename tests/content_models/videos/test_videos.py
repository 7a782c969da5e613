"""Videos: uploads refused with clear messages, subtitles (WebVTT) per language, render, filters, API (over the videos
of the `videos` fixture, see conftest.py, or pages the test builds)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content_models.videos.files import VideoFile
from content_models.videos.models import VideoIndexPage, VideoPage
from content_models.videos.subtitles import vtt_parse, vtt_text
from tests.factories import MP4_BYTES, WEBM_BYTES, make_topic, make_video_file, make_video_page

pytestmark = pytest.mark.django_db

VTT = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nСәлеметсіз бе!\n\n2\n00:00:02.000 --> 00:00:04.500 align:start\nКітапханаға қош келдіңіз.\n"


class VideoPageTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.section = VideoIndexPage.objects.get(locale__language_code="kk")

    def test_videos_live_only_in_the_videos_section(self):
        self.assertAllowedParentPageTypes(VideoPage, {VideoIndexPage})
        self.assertAllowedSubpageTypes(VideoIndexPage, {VideoPage})

    def _form(self, slug, **extra):
        video = make_video_file(name=f"{slug}.mp4", title=slug)
        data = nested_form_data({
            "title": "Кітапхана сабағы", "slug": slug, "summary": "Қысқаша.", "video": video.pk, "poster": "",
            "duration": "4:35", "region": "astana", "school": "№ 5 мектеп", "external_url": "https://example.org/video",
            "transcript": rich_text("Толық мәтін."), "video_topics": inline_formset([]),
            "subtitles": streamfield([("cue", {"start": "0:00", "end": "0:02.5", "text": "Сәлем!"})]),
        })
        data.update(extra)
        return data

    def test_editor_creates_a_video_page_in_the_admin(self):
        self.assertCanCreate(self.section, VideoPage, self._form("sabak"))
        page = VideoPage.objects.get(slug="sabak")
        self.assertEqual(page.duration_label, "4:35")
        self.assertEqual(page.subtitle_cues(), [{"start": "0:00", "end": "0:02.5", "text": "Сәлем!"}])

    def test_editor_imports_subtitles_from_a_webvtt_file(self):
        data = self._form("vtt-import", subtitles_file=SimpleUploadedFile("subs.vtt", VTT.encode(), content_type="text/vtt"))
        self.assertCanCreate(self.section, VideoPage, data)
        page = VideoPage.objects.get(slug="vtt-import")
        self.assertEqual([cue["text"] for cue in page.subtitle_cues()], ["Сәлеметсіз бе!", "Кітапханаға қош келдіңіз."])

    def test_a_subtitle_file_that_is_not_webvtt_is_refused_with_a_message(self):
        data = self._form("bad-vtt", subtitles_file=SimpleUploadedFile("subs.srt", b"1\n00:00:01,000 --> 00:00:02,000\nHi\n"))
        data["action-publish"] = "action-publish"
        with translation.override("en"):
            response = self.client.post(f"/admin/pages/add/content_models/videopage/{self.section.pk}/", data)
        self.assertEqual(response.status_code, 200)
        errors = str(response.context["form"].errors["subtitles_file"])  # in the admin user's language
        self.assertTrue(any(text in errors for text in ("Upload a WebVTT file (.vtt).", "WebVTT файлын (.vtt) жүктеңіз.", "Загрузите файл WebVTT (.vtt).")), errors)
        self.assertFalse(VideoPage.objects.filter(slug="bad-vtt").exists())

    def test_a_video_page_renders(self):
        self.assertPageIsRenderable(make_video_page(self.section, "renders"))


# --- Uploads ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lesson.avi", b"RIFF....AVI ", "upload an MP4 or WebM file"),
        ("lesson.mp4", b"not a video at all, just text", "is not an MP4 video"),
        ("lesson.webm", MP4_BYTES, "is not an WEBM video"),
    ],
)
def test_video_uploads_of_the_wrong_type_are_refused_with_a_clear_message(name, content, message):
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            make_video_file(name=name, content=content)
        assert message in " ".join(raised.value.message_dict["file"])


@override_settings(PORTAL_VIDEO_MAX_UPLOAD_SIZE=50)
def test_video_uploads_over_the_size_limit_are_refused_with_a_clear_message():
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            make_video_file(name="long.mp4", content=MP4_BYTES)
        assert "videos may be at most 50" in " ".join(raised.value.message_dict["file"])


def test_mp4_and_webm_uploads_are_accepted_and_keep_their_size():
    assert make_video_file(name="a.mp4", content=MP4_BYTES).file_size == len(MP4_BYTES)
    assert make_video_file(name="b.webm", content=WEBM_BYTES, title="b").mime_type == "video/webm"


def test_video_file_upload_in_the_admin_refuses_a_wrong_file(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("video-admin", password="x"))
    with translation.override("en"):
        response = client.post("/admin/snippets/content_models/videofile/add/", {"title": "Клип", "file": SimpleUploadedFile("clip.mov", b"\x00\x00\x00\x14ftypqt  ")})
    assert response.status_code == 200
    html = response.content.decode()  # in the admin user's language
    assert any(text in html for text in ("upload an MP4 or WebM file", "MP4 немесе WebM файлын жүктеңіз", "загрузите файл MP4 или WebM"))
    assert not VideoFile.objects.filter(title="Клип").exists()


# --- Subtitles ----------------------------------------------------------------------------------------------------

def test_webvtt_parses_and_writes_back():
    cues = vtt_parse(VTT)
    assert cues == [
        {"start": "00:00:00.000", "end": "00:00:02.000", "text": "Сәлеметсіз бе!"},
        {"start": "00:00:02.000", "end": "00:00:04.500", "text": "Кітапханаға қош келдіңіз."},
    ]
    assert vtt_parse(vtt_text(cues)) == cues


@pytest.mark.parametrize("text", ["1\n00:00:01,000 --> 00:00:02,000\nHi", "WEBVTT\n\n00:00:03.000 --> 00:00:01.000\nBackwards", "WEBVTT\n"])
def test_malformed_webvtt_is_refused(text):
    with pytest.raises(ValueError):
        vtt_parse(text)


def test_cues_out_of_time_order_are_refused(section):
    page = VideoPage(title="t", slug="t", summary="s", region="astana", school="s", transcript="<p>t</p>", subtitles=[
        {"type": "cue", "value": {"start": "0:03", "end": "0:04", "text": "екінші"}},
        {"type": "cue", "value": {"start": "0:01", "end": "0:02", "text": "бірінші"}},
    ])
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert "subtitles" in raised.value.message_dict


@pytest.mark.parametrize(("language", "line"), [("kk", "Біз кітапхана қорын жыл сайын талдаймыз."), ("ru", "Мы ежегодно анализируем фонд библиотеки."), ("en", "Every year we analyse the library collection.")])
def test_each_language_serves_its_own_webvtt_subtitles(client, videos, language, line):
    response = client.get(f"/{language}/videos/renewing-the-collection/subtitles/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("WEBVTT\n") and "00:00:00.000 --> 00:00:01.800" in body and line in body


def test_video_page_offers_a_track_per_language_with_its_own_language_as_default(client, videos):
    html = client.get("/ru/videos/renewing-the-collection/").content.decode()
    tracks = re.findall(r'<track kind="subtitles" src="([^"]+)" srclang="(\w+)" label="[^"]+"( default)?>', html)
    assert tracks == [
        ("/ru/videos/renewing-the-collection/subtitles/", "ru", " default"),
        ("/kk/videos/renewing-the-collection/subtitles/", "kk", ""),
        ("/en/videos/renewing-the-collection/subtitles/", "en", ""),
    ]


# --- Pages --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("language", "title", "transcript"),
    [
        ("kk", "Кітапхана қорын жаңарту: бір мектептің тәжірибесі", "Біз кітапхана қорын жыл сайын талдаймыз."),
        ("ru", "Обновление фонда библиотеки: опыт одной школы", "Мы ежегодно анализируем фонд библиотеки."),
        ("en", "Renewing the library collection: one school&#x27;s experience", "Every year we analyse the library collection."),
    ],
)
def test_a_translated_video_renders_in_each_language_with_video_transcript_and_no_embed(client, videos, language, title, transcript):
    html = client.get(f"/{language}/videos/renewing-the-collection/").content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{title}</h1>" in html
    assert '<video controls preload="metadata" playsinline poster="' in html and 'type="video/mp4"' in html
    transcript_section = html.split('<h2 id="transcript-heading">', 1)[1]
    assert transcript in transcript_section
    assert '<a href="https://example.org/school-12/renewing" rel="noopener external">' in html  # its channel: a link only
    assert "<iframe" not in html


def test_external_link_is_a_plain_link_never_an_embed(client, section):
    make_video_page(section("videos"), "with-link", external_url="https://example.org/channel/42")
    html = client.get("/kk/videos/with-link/").content.decode()
    assert '<a href="https://example.org/channel/42" rel="noopener external">' in html
    assert "<iframe" not in html


@pytest.mark.parametrize(("query", "slugs"), [("region=pavlodar", ["reading-festival"]), ("topic=collection-forming", ["renewing-the-collection"]), ("region=pavlodar&topic=collection-forming", [])])
def test_video_index_filters_by_region_and_topic(client, videos, query, slugs):
    html = client.get(f"/en/videos/?{query}").content.decode()
    assert re.findall(r'<h2><a href="/en/videos/([^"]+)/">', html) == slugs


def test_video_index_reports_an_unknown_region(client, videos):
    html = client.get("/kk/videos/?region=mars").content.decode()
    assert 'role="alert"' in html and len(re.findall(r'<h2><a href="/kk/videos/', html)) == 2


def test_video_index_query_count_does_not_grow_with_videos(client, section, django_assert_max_num_queries):
    topic = make_topic("video-topic", "Тақырып")
    for number in range(8):
        make_video_page(section("videos"), f"video-{number}", topics=[topic])
    assert len(re.findall(r'<h2><a href="/kk/videos/', client.get("/kk/videos/").content.decode())) == 8
    with django_assert_max_num_queries(30):
        assert client.get("/kk/videos/").status_code == 200


def test_draft_videos_are_not_listed_or_served(client, section):
    make_video_page(section("videos"), "live-video")
    draft = make_video_page(section("videos"), "draft-video", live=False)
    listed = re.findall(r'<h2><a href="/kk/videos/([^"]+)/">', client.get("/kk/videos/").content.decode())
    assert listed == ["live-video"]
    assert client.get("/kk/videos/draft-video/").status_code == 404
    assert client.get(f"/api/v3/pages/{draft.pk}/").status_code == 404


def test_video_api_fields_are_exactly_the_declared_ones(client, videos):
    page = VideoPage.objects.get(locale__language_code="en", slug="renewing-the-collection")
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    assert set(data) - {"id", "title", "meta"} == {field.name for field in VideoPage.api_fields}
    assert data["meta"]["locale"] == "en"
    assert data["video"]["url"].startswith("http://") and data["video"]["url"].endswith(".mp4") and data["video"]["mime_type"] == "video/mp4"
    assert data["poster"]["url"].startswith("http://")
    assert data["duration"] == "P0DT00H00M05S"
    assert data["region"] == {"code": "zhambyl", "label": "Zhambyl Region"}
    assert data["subtitles"][0]["value"] == {"start": "00:00:00.000", "end": "00:00:01.800", "text": "Every year we analyse the library collection."}
    assert [track["language"] for track in data["subtitle_tracks"]] == ["en", "kk", "ru"]
    assert all(track["url"].startswith("http://") for track in data["subtitle_tracks"])
    assert "analyse the library collection" in data["transcript"]


def test_videos_are_listed_in_the_api_by_type_and_region(client, videos):
    items = client.get("/api/v3/pages/?type=content_models.VideoPage&locale=kk&region=pavlodar").json()["items"]
    assert [item["meta"]["slug"] for item in items] == ["reading-festival"]
