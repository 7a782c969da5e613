"""A phone with JavaScript switched off still gets the video, its subtitles, a download link and the transcript."""


def test_video_page_without_javascript_offers_the_video_subtitles_and_transcript(live_demo, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_demo.url}/ru/videos/renewing-the-collection/")
        video = page.locator("video")
        assert video.is_visible()
        assert video.get_attribute("controls") is not None
        assert page.locator("video source").get_attribute("src").endswith(".mp4")
        assert page.locator("video source").get_attribute("type") == "video/mp4"
        tracks = page.locator("video track")
        assert tracks.count() == 3
        assert tracks.first.get_attribute("srclang") == "ru" and tracks.first.get_attribute("default") is not None
        download = page.get_by_role("link", name="Скачать видео")
        assert download.is_visible()
        transcript = page.locator("section.transcript")
        assert transcript.is_visible()
        assert "Мы ежегодно анализируем фонд библиотеки." in transcript.inner_text()
        # The subtitle file the default track points to is served to the browser as WebVTT.
        response = page.request.get(live_demo.url + tracks.first.get_attribute("src"))
        assert response.ok and response.headers["content-type"].startswith("text/vtt")
        assert "Новые книги выбираем из рекомендуемого списка." in response.text()

        # The guideline's print button needs JavaScript, so it stays hidden; the contents work as plain links.
        page.goto(f"{live_demo.url}/ru/guidance/collection-forming-instruction/")
        assert not page.locator("[data-print-button]").is_visible()
        page.locator(".toc a").first.click()
        assert page.url.endswith("#" + page.locator(".guideline__body h2").first.get_attribute("id"))
    finally:
        context.close()
