"""Tunable numbers of webhook delivery, each overridable in Django settings."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

DEFAULTS: dict[str, float] = {
    # Seconds to connect, send and read the partner's answer.
    "WEBHOOK_TIMEOUT_SECONDS": 10,
    # First retry after this many seconds, doubling up to the maximum.
    "WEBHOOK_RETRY_BASE_SECONDS": 30,
    "WEBHOOK_RETRY_MAX_SECONDS": 3600,
    # A delivery is given up (shown as failed, replayable) after this many attempts.
    "WEBHOOK_MAX_ATTEMPTS": 15,
    # An endpoint is paused after this many failures in a row ...
    "WEBHOOK_PAUSE_AFTER_FAILURES": 10,
    # ... or when it has failed without a single success for this many hours.
    "WEBHOOK_PAUSE_AFTER_HOURS": 24,
    # Characters of the partner's answer kept in the delivery log.
    "WEBHOOK_RESPONSE_BODY_LIMIT": 1000,
}


def get(name: str) -> float:
    return getattr(settings, name, DEFAULTS[name])


def timeout() -> float:
    return float(get("WEBHOOK_TIMEOUT_SECONDS"))


def max_attempts() -> int:
    return int(get("WEBHOOK_MAX_ATTEMPTS"))


def pause_after_failures() -> int:
    return int(get("WEBHOOK_PAUSE_AFTER_FAILURES"))


def pause_after() -> timedelta:
    return timedelta(hours=float(get("WEBHOOK_PAUSE_AFTER_HOURS")))


def response_body_limit() -> int:
    return int(get("WEBHOOK_RESPONSE_BODY_LIMIT"))


def backoff(attempts: int) -> timedelta:
    """Wait before the next attempt, after ``attempts`` failed ones (1, 2, ...)."""
    base = float(get("WEBHOOK_RETRY_BASE_SECONDS"))
    ceiling = float(get("WEBHOOK_RETRY_MAX_SECONDS"))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), ceiling))
