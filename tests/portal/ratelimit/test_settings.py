"""Rates come from the environment as COUNT/PERIOD; a wrong value stops the start with a clear message."""

import pytest

from portal.env import env_rate


def test_a_rate_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORTAL_RATELIMIT_SEARCH", " 30/15m ")
    assert env_rate("PORTAL_RATELIMIT_SEARCH", "60/m") == "30/15m"
    monkeypatch.setenv("PORTAL_RATELIMIT_SEARCH", "")
    assert env_rate("PORTAL_RATELIMIT_SEARCH", "60/m") == "60/m"
    monkeypatch.setenv("PORTAL_RATELIMIT_SEARCH", "OFF")
    assert env_rate("PORTAL_RATELIMIT_SEARCH", "60/m") is None


@pytest.mark.parametrize("value", ["60", "60 per minute", "60/w", "/m", "-1/m"])
def test_a_wrong_rate_is_refused_with_its_name(monkeypatch, value):
    monkeypatch.setenv("PORTAL_RATELIMIT_SEARCH", value)
    with pytest.raises(ValueError, match="PORTAL_RATELIMIT_SEARCH"):
        env_rate("PORTAL_RATELIMIT_SEARCH", "60/m")


def test_an_unknown_group_is_a_mistake_at_import_time():
    from portal.ratelimit import rate_limited

    with pytest.raises(KeyError):
        rate_limited("no-such-group")
