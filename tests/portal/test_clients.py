"""The address limits and failed logins count against: the connection's, unless it comes from a trusted proxy."""

import pytest
from django.test import RequestFactory

from portal.clients import client_address


def _address(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().post("/admin/login/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.PORTAL_TRUSTED_PROXIES = []
    assert _address("203.0.113.66", "192.0.2.1") == "203.0.113.66"


def test_a_connection_from_elsewhere_than_a_trusted_proxy_keeps_its_own_address(settings):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert _address("203.0.113.66", "192.0.2.1") == "203.0.113.66"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("192.0.2.1, 198.51.100.7", "198.51.100.7"),  # what the client wrote itself stays on the left
        ("192.0.2.1, 198.51.100.7, 10.0.0.3", "198.51.100.7"),  # two proxies of our own
        ("not-an-address, 198.51.100.7", "198.51.100.7"),
        ("2001:db8::5", "2001:db8::5"),
        ("10.0.0.9", "10.0.0.9"),  # only proxies: the left-most one they vouched for
        ("", "10.0.0.2"),
    ],
)
def test_behind_trusted_proxies_the_right_most_untrusted_address_is_the_client(settings, forwarded, client):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert _address("10.0.0.2", forwarded) == client


def test_a_garbled_entry_a_proxy_would_never_write_stops_the_walk(settings):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert _address("10.0.0.2", "198.51.100.7, garbage, 10.0.0.3") == "10.0.0.3"


def test_a_request_naming_no_peer_is_one_unknown_client(settings):
    settings.PORTAL_TRUSTED_PROXIES = []
    request = RequestFactory().get("/kk/")
    del request.META["REMOTE_ADDR"]
    assert client_address(request) == "0.0.0.0"
