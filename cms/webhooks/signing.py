"""Webhook signatures: how the hub signs each request and how a partner checks it.

For partners
------------
Each change (``published``, ``updated``, ``unpublished``, ``deleted``) arrives
as ``POST`` with a JSON body and these headers::

    X-Hub-Event: published
    X-Hub-Delivery: 5b0f3c1e-...      unique per delivery, the same on every retry
    X-Hub-Timestamp: 1767225600       Unix seconds when this attempt was signed
    X-Hub-Signature: sha256=<hex>     HMAC-SHA256 of f"{timestamp}.{body}"

To check a request, compute ``HMAC-SHA256(secret, timestamp + "." + raw body)``
over the raw bytes you received (before any JSON parsing), compare it with the
hex after ``sha256=`` in constant time, and refuse timestamps more than five
minutes away from your clock (this stops an old request from being replayed).
``verify_signature`` below does exactly this and can be copied as is::

    if not verify_signature(SECRET, request.headers["X-Hub-Timestamp"],
                            request.body, request.headers["X-Hub-Signature"]):
        return 401

Answer with any 2xx status within 10 seconds; anything else (or no answer) is
retried later with growing pauses, and deliveries to you stay in order. The
same ``X-Hub-Delivery`` can arrive twice (at-least-once delivery): ignore ids
you have processed, and ignore an event whose ``version`` is lower than the
one you hold for that ``id``.
"""

from __future__ import annotations

import hashlib
import hmac
import time

TIMESTAMP_HEADER = "X-Hub-Timestamp"
SIGNATURE_HEADER = "X-Hub-Signature"
EVENT_HEADER = "X-Hub-Event"
DELIVERY_HEADER = "X-Hub-Delivery"
SCHEME = "sha256="


def _as_bytes(value: bytes | str) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


def sign(secret: str, timestamp: int | str, body: bytes | str) -> str:
    """The ``X-Hub-Signature`` value for ``body`` sent at ``timestamp``."""
    message = f"{timestamp}.".encode() + _as_bytes(body)
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
    return SCHEME + digest


def signed_headers(
    secret: str,
    body: bytes,
    *,
    event: str,
    delivery_id: str,
    now: float | None = None,
) -> dict[str, str]:
    """Every header of one attempt; a fresh timestamp each time it is sent."""
    timestamp = str(int(time.time() if now is None else now))
    return {
        "Content-Type": "application/json",
        EVENT_HEADER: event,
        DELIVERY_HEADER: delivery_id,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(secret, timestamp, body),
    }


def verify_signature(
    secret: str,
    timestamp: int | str,
    body: bytes | str,
    signature: str,
    tolerance: int = 300,
    *,
    now: float | None = None,
) -> bool:
    """True when ``signature`` is the hub's and ``timestamp`` is recent enough.

    Args:
        secret: The endpoint's signing secret.
        timestamp: The ``X-Hub-Timestamp`` header.
        body: The raw request body, exactly as received.
        signature: The ``X-Hub-Signature`` header (``sha256=<hex>``).
        tolerance: Largest accepted distance, in seconds, between the timestamp
            and now (both ways, for clock drift).
        now: The current Unix time (for tests).
    """
    stamp = str(timestamp).strip()
    try:
        sent_at = int(stamp)
    except ValueError:
        return False
    current = time.time() if now is None else now
    if abs(current - sent_at) > tolerance:
        return False
    expected = sign(secret, stamp, body)
    return hmac.compare_digest(expected.encode(), str(signature).strip().encode())
