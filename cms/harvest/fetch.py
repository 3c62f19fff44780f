"""Fetching a feed: conditional GET, timeouts, a size limit and checked redirects.

The client comes from ``core.netsafety.make_client``: every hop is resolved once,
checked (no internal addresses) and connected to exactly the checked address.
The body is read through :class:`LimitedTransport`, which stops reading as soon as
the response grows past the limit or takes longer than the deadline, and which
decompresses gzip itself so that a small compressed body cannot expand past the
limit either.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

from core import netsafety
from core.netsafety import UnsafeURLError, safe_request

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 15.0
DEFAULT_DEADLINE = 60.0
USER_AGENT = "IntegrationNordenHub-Harvester/1.0 (+https://www.norden.org)"


class FetchError(Exception):
    """The source could not be fetched; the message is shown to staff."""


class ResponseTooLargeError(FetchError):
    pass


class DeadlineExceededError(FetchError):
    pass


def max_bytes() -> int:
    return int(getattr(settings, "HARVEST_MAX_BYTES", DEFAULT_MAX_BYTES))


def timeout_seconds() -> float:
    return float(getattr(settings, "HARVEST_TIMEOUT", DEFAULT_TIMEOUT))


def deadline_seconds() -> float:
    return float(getattr(settings, "HARVEST_DEADLINE", DEFAULT_DEADLINE))


@dataclass(frozen=True)
class FetchResult:
    url: str
    status_code: int
    content: bytes
    content_type: str
    etag: str
    last_modified: str
    #: The response's Content-Language header (a page's language when it has none).
    content_language: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status_code == 304


class _LimitedStream(httpx.SyncByteStream):
    def __init__(
        self,
        stream: httpx.SyncByteStream,
        limit: int,
        seconds: float,
        started: float,
        decoder=None,
    ) -> None:
        self._stream = stream
        self._limit = limit
        self._seconds = seconds
        self._deadline = started + seconds
        self._decoder = decoder
        self._size = 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            self._check_deadline()
            if self._decoder is None:
                yield self._count(chunk)
                continue
            try:
                data = self._decoder.decompress(chunk, self._room())
                yield self._count(data)
                while self._decoder.unconsumed_tail:
                    tail = self._decoder.unconsumed_tail
                    yield self._count(self._decoder.decompress(tail, self._room()))
            except zlib.error as exc:
                raise FetchError(
                    _("The compressed response is damaged: %(error)s") % {"error": exc}
                ) from exc
        if self._decoder is not None:
            yield self._count(self._decoder.flush())

    def _room(self) -> int:
        return self._limit - self._size + 1

    def _count(self, data: bytes) -> bytes:
        self._size += len(data)
        if self._size > self._limit:
            raise ResponseTooLargeError(too_large_message(self._limit))
        return data

    def _check_deadline(self) -> None:
        if time.monotonic() > self._deadline:
            raise DeadlineExceededError(
                _("The source took longer than %(seconds)g seconds to send the feed.")
                % {"seconds": self._seconds}
            )

    def close(self) -> None:
        self._stream.close()


def too_large_message(limit: int) -> str:
    return _("The response is larger than %(size)s MB; it was not read further.") % {
        "size": f"{limit / (1024 * 1024):g}"
    }


class LimitedTransport(httpx.BaseTransport):
    """Wraps a transport: bodies over ``limit`` bytes (after decompression) or
    slower than ``deadline`` seconds raise instead of filling memory."""

    def __init__(
        self, transport: httpx.BaseTransport, limit: int, deadline: float
    ) -> None:
        self._transport = transport
        self._limit = limit
        self._deadline = deadline

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        response = self._transport.handle_request(request)
        headers = httpx.Headers(response.headers)
        try:
            declared = int(headers.get("content-length", "0"))
        except ValueError:
            declared = 0
        encoding = headers.get("content-encoding", "identity").strip().lower()
        decoder = None
        if encoding in ("gzip", "x-gzip", "deflate"):
            # wbits +32: zlib or gzip header, detected from the data.
            decoder = zlib.decompressobj(zlib.MAX_WBITS | 32)
            del headers["content-encoding"]
            headers.pop("content-length", None)
        elif encoding not in ("", "identity"):
            response.close()
            raise FetchError(
                _("The source answered with an unsupported encoding (%(enc)s).")
                % {"enc": encoding}
            )
        if declared > self._limit:
            response.close()
            raise ResponseTooLargeError(too_large_message(self._limit))
        stream = response.stream
        return httpx.Response(
            status_code=response.status_code,
            headers=headers,
            stream=_LimitedStream(
                stream,  # type: ignore[arg-type]
                self._limit,
                self._deadline,
                started,
                decoder,
            ),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._transport.close()


def make_client() -> httpx.Client:
    """A client for harvesting: checked and pinned addresses, no retries, no
    environment proxies, limits on."""
    return netsafety.make_client(
        wrap=lambda pinned: LimitedTransport(pinned, max_bytes(), deadline_seconds()),
        timeout=httpx.Timeout(timeout_seconds()),
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"},
    )


def fetch(
    client: httpx.Client,
    url: str,
    *,
    accept: str,
    etag: str = "",
    last_modified: str = "",
) -> FetchResult:
    """GET ``url`` conditionally. Raises FetchError with a message for staff."""
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        response = safe_request(client, "GET", url, headers=headers)
    except UnsafeURLError as exc:
        raise FetchError(_("Refused: %(reason)s") % {"reason": exc}) from exc
    except httpx.TimeoutException as exc:
        raise FetchError(
            _("The source did not answer within %(seconds)g seconds.")
            % {"seconds": timeout_seconds()}
        ) from exc
    except httpx.ConnectError as exc:
        raise FetchError(
            _("Cannot connect to the source: %(error)s") % {"error": exc}
        ) from exc
    except httpx.HTTPError as exc:
        raise FetchError(
            _("The connection failed: %(error)s")
            % {"error": str(exc) or type(exc).__name__}
        ) from exc
    final_url = str(response.url)
    if response.status_code == 304:
        return FetchResult(
            url=final_url,
            status_code=304,
            content=b"",
            content_type="",
            etag=response.headers.get("etag", etag),
            last_modified=response.headers.get("last-modified", last_modified),
        )
    if response.status_code != 200:
        raise FetchError(
            _("The source answered HTTP %(code)d %(reason)s.")
            % {"code": response.status_code, "reason": response.reason_phrase}
        )
    return FetchResult(
        url=final_url,
        status_code=200,
        content=response.content,
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag", "")[:300],
        last_modified=response.headers.get("last-modified", "")[:100],
        content_language=response.headers.get("content-language", "")[:100],
    )
