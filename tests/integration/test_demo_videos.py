"""The demo's videos in each language: the collection-renewal video with its file, transcript and no embed."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "title"), [("kk", "Кітапхана қорын жаңарту: бір мектептің тәжірибесі"), ("ru", "Обновление фонда библиотеки: опыт одной школы"), ("en", "Renewing the library collection: one school&#x27;s experience")])
def test_demo_video_renders_in_each_language_with_video_transcript_and_no_embed(client, language, title):
    html = client.get(f"/{language}/videos/renewing-the-collection/").content.decode()
    assert f"<h1>{title}</h1>" in html
    assert '<video controls preload="metadata" playsinline' in html and 'type="video/mp4"' in html
    assert '<h2 id="transcript-heading">' in html
    assert "<iframe" not in html
