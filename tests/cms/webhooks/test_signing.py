"""The signature scheme partners implement: HMAC-SHA256 over timestamp and body."""

from __future__ import annotations

import hashlib
import hmac

from webhooks.signing import sign, signed_headers, verify_signature

SECRET = "s3cret-for-tests"
BODY = b'{"event":"published","id":"news:1","title":"Sprogskole i K\xc3\xb8benhavn"}'
NOW = 1_767_225_600


def test_signature_is_hmac_sha256_of_timestamp_dot_body():
    expected = hmac.new(
        SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256
    ).hexdigest()
    assert sign(SECRET, NOW, BODY) == f"sha256={expected}"


def test_signed_headers_verify():
    headers = signed_headers(
        SECRET, BODY, event="published", delivery_id="d-1", now=NOW
    )
    assert headers["X-Hub-Event"] == "published"
    assert headers["X-Hub-Delivery"] == "d-1"
    assert headers["X-Hub-Timestamp"] == str(NOW)
    assert verify_signature(
        SECRET, headers["X-Hub-Timestamp"], BODY, headers["X-Hub-Signature"], now=NOW
    )


def test_body_may_be_given_as_text():
    signature = sign(SECRET, NOW, BODY)
    assert verify_signature(SECRET, str(NOW), BODY.decode(), signature, now=NOW + 1)


def test_tampered_body_wrong_secret_or_bad_header_fail():
    signature = sign(SECRET, NOW, BODY)
    assert not verify_signature(SECRET, NOW, BODY + b" ", signature, now=NOW)
    assert not verify_signature("other", NOW, BODY, signature, now=NOW)
    assert not verify_signature(SECRET, NOW + 1, BODY, signature, now=NOW)
    assert not verify_signature(SECRET, NOW, BODY, signature[7:], now=NOW)
    assert not verify_signature(SECRET, "not-a-number", BODY, signature, now=NOW)
    assert not verify_signature(SECRET, NOW, BODY, "", now=NOW)


def test_old_or_future_timestamps_are_refused():
    signature = sign(SECRET, NOW, BODY)
    assert verify_signature(SECRET, NOW, BODY, signature, now=NOW + 300)
    assert not verify_signature(SECRET, NOW, BODY, signature, now=NOW + 301)
    assert not verify_signature(SECRET, NOW, BODY, signature, now=NOW - 301)
    assert verify_signature(SECRET, NOW, BODY, signature, tolerance=3600, now=NOW + 900)
