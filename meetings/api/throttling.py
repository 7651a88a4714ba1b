"""Who is asking, and how often: the client's address behind the trusted proxies (for
the API throttle and the admin's sign-in lockout alike), and the API's throttle."""

import ipaddress

from django.conf import settings
from django.http import JsonResponse
from rest_framework import exceptions, throttling
from rest_framework.settings import api_settings


def client_address(request):
    """The address the request came from, counting settings.TRUSTED_PROXY_COUNT proxies.

    Each trusted proxy appends the address it was reached from to X-Forwarded-For, so
    the client is that many entries from the right; what lies further left was written
    by the client and proves nothing. With no trusted proxy the header is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not count or not forwarded:
        return remote
    addresses = forwarded.split(",")
    # Fewer entries than proxies: the request skipped the outer ones; the leftmost was
    # still written by a trusted proxy.
    candidate = addresses[-min(count, len(addresses))].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class AnonRateThrottle(throttling.AnonRateThrottle):
    """DRF's anonymous throttle, per client address (``client_address``), with the rate
    read from settings on every request.

    DRF's own class copies the rates once, at import; reading them late lets a
    changed setting (a test's, for one) take effect. The API has no logins, so every
    request is anonymous; the page cache asks before authentication has run.
    """

    def get_rate(self):
        self.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        return super().get_rate()

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


def refuse_if_throttled(request, throttle_classes):
    """For an answer from the page cache: the API's 429 if a throttle refuses, else None."""
    for throttle_class in throttle_classes:
        throttle = throttle_class()
        if not throttle.allow_request(request, None):
            refusal = exceptions.Throttled(throttle.wait())
            response = JsonResponse({"detail": str(refusal.detail)}, status=429)
            if refusal.wait is not None:
                response["Retry-After"] = str(refusal.wait)
            return response
    return None
