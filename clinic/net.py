"""The client's address, read in one place for rate limits, lockouts and audit."""

import hashlib
import hmac
from ipaddress import ip_address, ip_network

from django.conf import settings
from django.http import HttpRequest


def client_ip(request):
    """
    The address of the person's machine.

    X-Forwarded-For is believed only when the request came from a proxy listed
    in TRUSTED_PROXIES (addresses or networks), and only as far as it was
    written by such proxies: read from the right, the first address that is not
    a trusted proxy is the client. Anything further left was written by the
    client itself. A client that reaches the app directly cannot choose its
    address with the header.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if not is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for entry in reversed([part.strip() for part in forwarded if part.strip()]):
        try:
            address = str(ip_address(entry))
        except ValueError:
            return remote  # the proxy passed on something unreadable
        if not is_trusted_proxy(address):
            return address
    return remote


def client_hash(request: HttpRequest) -> str:
    """A keyed hash of the client's address (an IPv6 client's /64): enough to
    rate-limit, not to identify."""
    address = rate_limit_key(client_ip(request))
    return hmac.new(
        settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256
    ).hexdigest()


def lockout_address(request):
    """The address sign-in lockouts count failures for (AXES_CLIENT_IP_CALLABLE):
    the client's, or for IPv6 the first address of its /64, so a client cannot
    escape by picking other addresses in its own network."""
    address = client_ip(request)
    key = rate_limit_key(address)
    return key.split("/", 1)[0] if "/" in key else address


def rate_limit_key(address):
    """The part of an address that identifies one client for rate limits: the
    address itself, or for IPv6 its /64 network (one household or device gets
    a whole /64 and can pick any address in it)."""
    if not address:
        return ""
    try:
        parsed = ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ip_network(f"{parsed}/64", strict=False))


def is_trusted_proxy(address):
    if not address:
        return False
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(
        parsed in ip_network(network, strict=False)
        for network in settings.TRUSTED_PROXIES
    )
