"""The demo's whole page tree: every page of every kind the demo loader builds renders."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content_models.books.models import BookPage
from content_models.digests.models import DigestPage
from content_models.events import EventPage, NotableDatesPage
from content_models.exhibitions import ExhibitionPage, ExhibitionSchedulePage
from content_models.guidance.models import GuidelinePage
from content_models.videos.models import VideoPage

CONTENT = {BookPage, GuidelinePage, EventPage, NotableDatesPage, ExhibitionSchedulePage, ExhibitionPage, DigestPage, VideoPage}


class DemoTreeTests(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_every_page_of_the_demo_tree_renders(self):
        pages = list(Page.objects.filter(depth__gt=1).specific())
        # The demo's content under the sections, not only the skeleton's home, sections and information page.
        self.assertLessEqual(CONTENT, {type(page) for page in pages})
        self.assertEqual(sum(isinstance(page, BookPage) for page in pages), 3 * 150)
        for page in pages:
            self.assertPageIsRenderable(page)
