"""Rate limits low enough to reach in a test, and a clock the limiter reads that a test can move."""

import time

import pytest


@pytest.fixture
def limits(settings, clock):
    """Set the rate of some groups for one test: limits(search="2/m", bearer="3/15m"). The windows' clock stands
    still meanwhile (``clock``), so no window ends between two requests of a test by chance."""

    def set_rates(**rates):
        settings.PORTAL_RATELIMITS = {**settings.PORTAL_RATELIMITS, **rates}

    return set_rates


class Clock:
    """Stands in for the `time` module inside django_ratelimit.core only: windows move, nothing else does."""

    def __init__(self):
        self.now = float(int(time.time()))

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    import django_ratelimit.core

    fake = Clock()
    monkeypatch.setattr(django_ratelimit.core, "time", fake)
    return fake
