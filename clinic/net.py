"""The client's address, read in one place for rate limits, lockouts and audit."""

from ipaddress import ip_address

from django.conf import settings


def client_ip(request):
    """
    The address of the person's machine.

    Behind TRUSTED_PROXY_COUNT proxies (load balancers) that each append to
    X-Forwarded-For, the client is that many entries from the right; anything
    further left was written by the client itself and cannot be trusted.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or None
