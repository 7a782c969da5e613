"""The demo's guidelines in each language: the collection-forming instruction and its translations."""

import pytest

from content_models.guidance.models import GuidelinePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "heading"),
    [
        ("kk", "Мектеп кітапханасының қорын қалыптастыру жөніндегі нұсқаулық", "Жалпы ережелер"),
        ("ru", "Инструкция по формированию фонда школьной библиотеки", "Общие положения"),
        ("en", "Instruction on forming a school library&#x27;s collection", "General provisions"),
    ],
)
def test_the_collection_forming_instruction_renders_in_each_language(client, language, title, heading):
    response = client.get(f"/{language}/guidance/collection-forming-instruction/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{title}</h1>" in html
    assert heading in html


def test_the_russian_translation_comes_from_wagtail_localize():
    from wagtail_localize.models import StringTranslation

    assert StringTranslation.objects.filter(locale__language_code="ru", data="Порядок комплектования").exists()
    ru = GuidelinePage.objects.get(locale__language_code="ru", slug="collection-forming-instruction")
    assert [topic.name for topic in ru.topics] == ["Формирование фонда"]
    assert ru.audience_codes == ["librarians"]
