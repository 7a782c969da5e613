"""The client's address: what the rate limits (portal/ratelimit.py) and the login lockout (axes'
AXES_CLIENT_IP_CALLABLE) count against.

REMOTE_ADDR, the address that opened the connection, unless that address is one of PORTAL_TRUSTED_PROXIES
(the portal's own reverse proxies). Only then is X-Forwarded-For read, from the right: each trusted proxy appends
the address it was connected from, so the right-most entry that is not a trusted proxy is the client; what a client
writes into the header itself stays on the left and is never read. Without trusted proxies the header is ignored,
so a made-up X-Forwarded-For cannot move an attacker out of a limit or a lockout.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _is_trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # a WSGI caller that names no peer: one unknown client
    networks = _networks(tuple(getattr(settings, "PORTAL_TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(_address(remote), networks):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # a trusted proxy never writes this: stop at the last address a proxy vouched for
        if not _is_trusted(address, networks):
            return str(address)
        remote = str(address)
    return remote
