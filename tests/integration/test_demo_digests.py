"""The demo's digests in each language: the digest of the 3rd quarter of 2025."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "title"), [("kk", "Дайджест: 2025 жылғы 3-тоқсан"), ("ru", "Дайджест: 3-й квартал 2025 года"), ("en", "Digest: 3rd quarter 2025")])
def test_demo_digest_renders_in_each_language(client, language, title):
    html = client.get(f"/{language}/digests/digest-2025-q3/").content.decode()
    assert f"<h1>{title}</h1>" in html
    assert "IFLA School Library Guidelines" in html
