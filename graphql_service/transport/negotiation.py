"""Media types of GraphQL over HTTP and the watershed between them.

The service follows the GraphQL-over-HTTP draft as of its legacy watershed
(2025): responses are ``application/graphql-response+json`` unless the client
asks for ``application/json`` (a *legacy* client) by name.

* ``Accept`` is respected by quality; at equal quality the GraphQL media type
  wins, and so does a wildcard (``*/*``, ``application/*``) or a missing
  header. Nothing acceptable: 406.
* Both media types are UTF-8 and say so (``; charset=utf-8``).
* Status codes (:func:`request_error_status`): a GraphQL *request error*
  (the document does not parse or validate, the operation cannot be
  determined, the variables cannot be coerced) is 400 with
  ``application/graphql-response+json`` and 200 with ``application/json``,
  where only a 200 proves the body is the server's. A request that is not a
  well-formed GraphQL-over-HTTP request (bad JSON, bad parameters) is 400 with
  both; refusals of the edge (401, 403, 429, 503) and 405, 406, 413, 415,
  504 are HTTP conditions and keep their codes with both.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "CONTENT_TYPES",
    "GRAPHQL_RESPONSE",
    "JSON",
    "negotiate_media_type",
    "request_error_status",
    "wants_html",
]

GRAPHQL_RESPONSE: Final = "application/graphql-response+json"
JSON: Final = "application/json"
CONTENT_TYPES: Final = {
    GRAPHQL_RESPONSE: b"application/graphql-response+json; charset=utf-8",
    JSON: b"application/json; charset=utf-8",
}
_WILDCARDS: Final = frozenset({"*/*", "application/*"})
_MAX_REMEMBERED: Final = 500
_remembered: dict[bytes, str | None] = {}


def negotiate_media_type(accept: bytes | None) -> str | None:
    """:data:`GRAPHQL_RESPONSE`, :data:`JSON` or ``None`` (406)."""
    if not accept or not accept.strip():
        return GRAPHQL_RESPONSE
    known = _remembered.get(accept, "")
    if known != "":
        return known
    result = _negotiate(accept.decode("latin-1"))
    if len(_remembered) > _MAX_REMEMBERED:
        _remembered.clear()
    _remembered[accept] = result
    return result


def _negotiate(header: str) -> str | None:
    # The most specific range that names a media type gives its quality.
    quality: dict[str, tuple[int, float]] = {}
    for part in header.split(","):
        media, *params = (item.strip() for item in part.split(";"))
        media = media.lower()
        value = 1.0
        for param in params:
            name, _, text = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    value = min(max(float(text), 0.0), 1.0)
                except ValueError:
                    value = 0.0
        for candidate in (GRAPHQL_RESPONSE, JSON):
            if media == candidate:
                specificity = 2
            elif media in _WILDCARDS:
                specificity = 1 if media == "application/*" else 0
            else:
                continue
            known = quality.get(candidate)
            if known is None or specificity > known[0]:
                quality[candidate] = (specificity, value)
    best: tuple[float, int, str] | None = None
    for rank, candidate in enumerate((GRAPHQL_RESPONSE, JSON)):
        found = quality.get(candidate)
        if found is None or found[1] <= 0:
            continue
        choice = (-found[1], rank, candidate)
        if best is None or choice < best:
            best = choice
    return None if best is None else best[2]


def request_error_status(media: str) -> int:
    """The status of a GraphQL request error in ``media`` (the watershed)."""
    return 400 if media == GRAPHQL_RESPONSE else 200


def wants_html(accept: bytes | None) -> bool:
    """A browser asking for a page (GraphiQL in debug mode)."""
    return bool(accept) and b"text/html" in (accept or b"")
