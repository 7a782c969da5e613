"""The demo's exhibition schedule: every schedule and exhibition page renders, in each language."""

import pytest

from content_models.demo.calendars import EXHIBITIONS, LANGS, SCHEDULE_PAGE
from content_models.exhibitions import ExhibitionPage, ExhibitionSchedulePage

pytestmark = pytest.mark.django_db


def test_every_exhibition_page_of_the_demo_renders(admin_client):
    exhibitions = ExhibitionPage.objects.select_related("locale")
    assert {(page.slug, page.locale.language_code) for page in exhibitions} == {(row[0], code) for row in EXHIBITIONS for code in LANGS}
    schedules = ExhibitionSchedulePage.objects.select_related("locale")
    assert {(page.slug, page.locale.language_code) for page in schedules} == {(SCHEDULE_PAGE["slug"], code) for code in LANGS}
    for page in [*exhibitions, *schedules]:
        response = admin_client.get(page.url)
        assert response.status_code == 200, f"{type(page).__name__} {page.url}"
