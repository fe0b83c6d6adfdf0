"""Throttles keyed on the real client address.

DRF's own `get_ident` trusts the first `X-Forwarded-For` hop whenever `NUM_PROXIES` is unset, so a
client picks its own throttle bucket by sending the header. Here the connecting address
(`REMOTE_ADDR`) is the client unless it is one of `settings.TRUSTED_PROXIES` (IPs or CIDRs); then
`X-Forwarded-For` is read from the right, skipping trusted proxies, and the first other address
is the client.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from rest_framework import throttling


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(meta: dict) -> str:
    """The client's address for throttling, from a request's META."""
    remote = meta.get("REMOTE_ADDR") or ""
    if not _is_trusted(remote):
        return remote
    hops = [h.strip() for h in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a garbled header from behind the proxy: count the proxy
    return remote


class RealAddressMixin:
    def get_ident(self, request) -> str:
        return client_address(request.META)


class AnonRateThrottle(RealAddressMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(RealAddressMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(RealAddressMixin, throttling.ScopedRateThrottle):
    pass
