"""The online geocoder (Nominatim, through geopy), treated as something that fails.

clinics.geocoding asks it only what the bundled gazetteer cannot answer, and caches its
answers; this module makes each question cheap to fail: one try with a short timeout
(GEOCODER_TIMEOUT), no retries, and a circuit breaker that stops asking for a while after
failures in a row. Every failure is GeocodingUnavailable, never "not found".
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from typing import Any

from django.conf import settings
from geopy.adapters import RequestsAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

logger = logging.getLogger("clinics.geocoding")

TIMEOUT = 1.5  # seconds; the search page must answer in under 2 s even when Nominatim hangs
FAILURE_LIMIT = 3  # failures in a row before the breaker opens
COOLOFF_SECONDS = 60  # how long an open breaker skips the online geocoder


class GeocodingUnavailable(Exception):
    """The online geocoder could not be asked (down, too slow, or resting after failures).

    Unlike None ("no such place") this says nothing about the query: say "try again" or
    "try a ZIP code", never "we couldn't find it".
    """


def timeout() -> float:
    return float(getattr(settings, "GEOCODER_TIMEOUT", TIMEOUT))


@functools.cache
def nominatim(*, user_agent: str, domain: str, scheme: str, min_delay: float) -> Nominatim:
    """A Nominatim client that makes one try per question; one per set of settings."""
    # One try: geopy's requests adapter retries twice by itself (max_retries=2), and
    # each retry waits out the timeout again.
    def adapter(*, proxies: Any, ssl_context: Any) -> RequestsAdapter:
        return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)

    geocoder = Nominatim(user_agent=user_agent, domain=domain, scheme=scheme,
                         timeout=timeout(), adapter_factory=adapter)
    # Nominatim's usage policy allows one request per second. The limiter is
    # installed on the instance so callers keep the plain Geocoder API; it spaces
    # this process's requests (a wait of under a second, and only when this process
    # asked less than a second ago) but never retries: max_retries=0, and errors
    # reach ask(), which tells outages from real misses.
    geocoder.geocode = RateLimiter(
        geocoder.geocode, min_delay_seconds=min_delay, max_retries=0,
        swallow_exceptions=False,
    )
    return geocoder


class CircuitBreaker:
    """Stops asking a failing service for a while; one per process.

    After `limit` failures in a row the breaker opens: allow() says no, at once, for
    `cooloff` seconds. Then it lets exactly one trial call through (others are still
    refused while it runs); success closes the breaker, failure opens it for another
    cool-off. The lock is never held during the call itself, so a hanging call makes no
    other thread wait. (pybreaker, the usual library, holds its lock for the whole call.)

    The state is per process, not in the cache: "default" is per-process memory unless
    REDIS_URL is set, and the state must be readable without a network call to a cache
    that may itself be failing. The cost: each worker learns of an outage by itself, so up
    to `limit` requests per worker wait out the timeout, then one per worker per cool-off.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.failures = 0
            self.open_until = 0.0
            self._trial_running = False

    @staticmethod
    def _limits() -> tuple[int, float]:
        return (int(getattr(settings, "GEOCODER_FAILURE_LIMIT", FAILURE_LIMIT)),
                float(getattr(settings, "GEOCODER_COOLOFF_SECONDS", COOLOFF_SECONDS)))

    def allow(self) -> bool:
        limit, _ = self._limits()
        with self._lock:
            if self.failures < limit:
                return True
            if time.time() < self.open_until or self._trial_running:
                return False
            self._trial_running = True
            return True

    def record(self, *, ok: bool) -> None:
        limit, cooloff = self._limits()
        with self._lock:
            self._trial_running = False
            if ok:
                self.failures = 0
                return
            self.failures += 1
            if self.failures >= limit:
                self.open_until = time.time() + cooloff
                logger.warning("Online geocoder failed %d times in a row; not asking it "
                               "for %.0f s", self.failures, cooloff)


breaker = CircuitBreaker()


def ask(geocoder: Geocoder, text: str, backend: str) -> Location | None:
    """The online geocoder's answer (None: no such place), or GeocodingUnavailable."""
    if not breaker.allow():
        raise GeocodingUnavailable(f"{backend} is resting after failures")
    ok = False
    try:
        location = geocoder.geocode(text, exactly_one=True, timeout=timeout())
        ok = True
    except (GeopyError, OSError) as exc:
        # Transient by nature, so never cached as "not found": the breaker remembers.
        logger.warning("Geocoding %r with %s failed: %s", text, backend, exc)
        raise GeocodingUnavailable(str(exc) or type(exc).__name__) from exc
    finally:
        breaker.record(ok=ok)
    return location
