"""The sender: delivers webhook events to partners, in order, with retries.

Per endpoint, deliveries go out strictly in the order the changes happened: the
oldest pending delivery is tried first, and nothing newer is sent while it is
waiting for a retry. A delivery counts as an attempt before the request leaves
and is marked delivered only after the partner answered 2xx, so a worker killed
in between sends the same delivery (same ``X-Hub-Delivery`` id) again on the
next run: at-least-once, never lost. An endpoint that keeps failing is paused
and shown to staff; its deliveries wait until staff resume it.
"""

from __future__ import annotations

import email.utils
import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from core import netsafety
from core.netsafety import UnsafeURLError
from webhooks import conf
from webhooks.choices import CONTENT_EVENTS, DeliveryStatus
from webhooks.metrics import count_run
from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from webhooks.payloads import event_body, public_item
from webhooks.signing import signed_headers

logger = logging.getLogger(__name__)

USER_AGENT = "IntegrationNordenHub-Webhooks/1.0"
#: Bytes of the partner's answer that are read at most (the log keeps fewer).
READ_LIMIT = 16 * 1024


@dataclass
class RunResult:
    delivered: int = 0
    failed: int = 0
    skipped: int = 0
    paused: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        """Deliveries that left the queue for good in this run."""
        return self.delivered + self.skipped

    @property
    def attempts(self) -> int:
        return self.delivered + self.failed


@dataclass
class Outcome:
    ok: bool
    status_code: int | None = None
    body: str = ""
    error: str = ""
    retry_after: timedelta | None = None
    refused: bool = False


def make_client() -> httpx.Client:
    """A client for partners: each request's host is checked when it is sent and
    the connection goes to the checked address; no redirects, no environment
    proxies, short timeouts."""
    return netsafety.make_client(
        timeout=httpx.Timeout(conf.timeout()), headers={"User-Agent": USER_AGENT}
    )


def deliver_once(
    client: httpx.Client | None = None, *, per_endpoint: int = 100
) -> RunResult:
    """Send what is due now, endpoint by endpoint. Returns what happened."""
    result = RunResult()
    own_client = client is None
    client = client or make_client()
    try:
        for endpoint in _endpoints_with_due_work():
            owner = str(uuid.uuid4())
            if not _claim(endpoint, owner):
                continue  # another worker is sending to this partner
            try:
                _deliver_endpoint(client, endpoint, owner, per_endpoint, result)
            finally:
                _release(endpoint, owner)
    finally:
        if own_client:
            client.close()
        count_run(result)
    return result


def _endpoints_with_due_work() -> list[WebhookEndpoint]:
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
    ).values("endpoint_id")
    return list(
        WebhookEndpoint.objects.filter(
            is_active=True, paused_at__isnull=True, pk__in=due
        ).order_by("pk")
    )


def _lease_seconds() -> float:
    return conf.timeout() * 3 + 30


def _claim(endpoint: WebhookEndpoint, owner: str) -> bool:
    now = timezone.now()
    claimed = (
        WebhookEndpoint.objects.filter(pk=endpoint.pk)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(
            lease_until=now + timedelta(seconds=_lease_seconds()), lease_owner=owner
        )
    )
    return claimed == 1


def _renew(endpoint: WebhookEndpoint, owner: str) -> None:
    until = timezone.now() + timedelta(seconds=_lease_seconds())
    WebhookEndpoint.objects.filter(pk=endpoint.pk, lease_owner=owner).update(
        lease_until=until
    )


def _release(endpoint: WebhookEndpoint, owner: str) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint.pk, lease_owner=owner).update(
        lease_until=None, lease_owner=""
    )


def _deliver_endpoint(
    client: httpx.Client,
    endpoint: WebhookEndpoint,
    owner: str,
    limit: int,
    result: RunResult,
) -> None:
    for _round in range(limit):
        try:
            endpoint.refresh_from_db()
        except WebhookEndpoint.DoesNotExist:
            return  # deleted by staff meanwhile (its deliveries went with it)
        if not endpoint.is_active or endpoint.is_paused:
            return
        head = (
            endpoint.deliveries.filter(status=DeliveryStatus.PENDING)
            .select_related("event")
            .order_by("pk")
            .first()
        )
        if head is None or head.next_attempt_at > timezone.now():
            return  # empty, or the oldest waits for its retry: keep the order
        _renew(endpoint, owner)
        if not _deliver(client, endpoint, head, result):
            return


def _deliver(
    client: httpx.Client,
    endpoint: WebhookEndpoint,
    delivery: WebhookDelivery,
    result: RunResult,
) -> bool:
    """One attempt; True when the queue of this endpoint may move on."""
    event = delivery.event
    body = event_body(event)
    if body is None or (event.kind in CONTENT_EVENTS and public_item(event) is None):
        _skip(delivery, _("The item was no longer public; nothing was sent."))
        result.skipped += 1
        return True

    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.save(update_fields=["attempts", "last_attempt_at"])

    started = time.monotonic()
    outcome = send(client, endpoint, delivery, event, body)
    delivery.duration_ms = int((time.monotonic() - started) * 1000)
    delivery.response_code = outcome.status_code
    delivery.response_body = outcome.body[: conf.response_body_limit()]
    delivery.error = outcome.error[:500]
    if outcome.ok:
        _succeeded(endpoint, delivery)
        result.delivered += 1
        return True
    _failed(endpoint, delivery, outcome, result)
    result.failed += 1
    return False


def send(
    client: httpx.Client,
    endpoint: WebhookEndpoint,
    delivery: WebhookDelivery,
    event: WebhookEvent,
    body: bytes,
) -> Outcome:
    """POST the signed body once. Never raises for network or partner trouble.

    The client checks the address again now (DNS or the allow-list may have
    changed) and connects to exactly the address it checked.
    """
    headers = signed_headers(
        endpoint.secret, body, event=event.kind, delivery_id=str(delivery.uid)
    )
    deadline = time.monotonic() + conf.timeout()
    try:
        with client.stream(
            "POST", endpoint.url, content=body, headers=headers, follow_redirects=False
        ) as response:
            text = _read_start(response, deadline)
            code = response.status_code
            retry_after = _retry_after(response.headers.get("retry-after", ""))
    except UnsafeURLError as exc:
        reason = _("Refused: %(reason)s") % {"reason": exc}
        return Outcome(ok=False, error=reason, refused=True)
    except httpx.TimeoutException:
        return Outcome(
            ok=False,
            error=_("No answer within %(seconds)g seconds.")
            % {"seconds": conf.timeout()},
        )
    except httpx.HTTPError as exc:
        return Outcome(
            ok=False,
            error=_("Connection failed: %(error)s")
            % {"error": f"{type(exc).__name__}: {exc}"},
        )
    if 200 <= code < 300:
        return Outcome(ok=True, status_code=code, body=text)
    if 300 <= code < 400:
        error = _("The partner answered with a redirect, which is not followed.")
    else:
        error = _("The partner answered HTTP %(code)d.") % {"code": code}
    return Outcome(
        ok=False, status_code=code, body=text, error=error, retry_after=retry_after
    )


def _read_start(response: httpx.Response, deadline: float) -> str:
    """The beginning of the answer, read within the time limit."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_raw():
        chunks.append(chunk)
        size += len(chunk)
        if size >= READ_LIMIT or time.monotonic() > deadline:
            break
    return b"".join(chunks)[:READ_LIMIT].decode("utf-8", errors="replace")


def _retry_after(value: str) -> timedelta | None:
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return timedelta(seconds=int(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(when - timezone.now(), timedelta(0))


def _skip(delivery: WebhookDelivery, reason: str) -> None:
    delivery.status = DeliveryStatus.SKIPPED
    delivery.error = reason
    delivery.save(update_fields=["status", "error"])


def _succeeded(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> None:
    now = timezone.now()
    delivery.status = DeliveryStatus.DELIVERED
    delivery.delivered_at = now
    delivery.save(
        update_fields=[
            "status",
            "delivered_at",
            "duration_ms",
            "response_code",
            "response_body",
            "error",
        ]
    )
    endpoint.consecutive_failures = 0
    endpoint.failing_since = None
    endpoint.last_success_at = now
    endpoint.save(
        update_fields=["consecutive_failures", "failing_since", "last_success_at"]
    )


def _failed(
    endpoint: WebhookEndpoint,
    delivery: WebhookDelivery,
    outcome: Outcome,
    result: RunResult,
) -> None:
    now = timezone.now()
    wait = conf.backoff(delivery.attempts)
    if outcome.retry_after is not None:
        ceiling = timedelta(seconds=float(conf.get("WEBHOOK_RETRY_MAX_SECONDS")))
        wait = min(max(wait, outcome.retry_after), ceiling)
    delivery.next_attempt_at = now + wait
    if delivery.attempts >= conf.max_attempts():
        delivery.status = DeliveryStatus.FAILED
    delivery.save(
        update_fields=[
            "status",
            "next_attempt_at",
            "duration_ms",
            "response_code",
            "response_body",
            "error",
        ]
    )
    # The secret and the signature are never logged.
    logger.warning(
        "Webhook delivery %s to endpoint %s failed (attempt %d): %s",
        delivery.uid,
        endpoint.pk,
        delivery.attempts,
        outcome.error,
    )

    endpoint.consecutive_failures += 1
    endpoint.failing_since = endpoint.failing_since or now
    endpoint.save(update_fields=["consecutive_failures", "failing_since"])
    reason = _pause_reason(endpoint, outcome, now)
    if reason:
        endpoint.pause(reason)
        result.paused.append(endpoint.name)
        logger.warning("Webhook endpoint %s paused: %s", endpoint.pk, reason)


def _pause_reason(
    endpoint: WebhookEndpoint, outcome: Outcome, now: datetime
) -> str | None:
    if outcome.refused:
        return outcome.error
    if endpoint.consecutive_failures >= conf.pause_after_failures():
        return _("%(count)d failed attempts in a row. Last error: %(error)s") % {
            "count": endpoint.consecutive_failures,
            "error": outcome.error,
        }
    if endpoint.failing_since and now - endpoint.failing_since >= conf.pause_after():
        return _("Failing since %(since)s. Last error: %(error)s") % {
            "since": timezone.localtime(endpoint.failing_since).strftime(
                "%Y-%m-%d %H:%M"
            ),
            "error": outcome.error,
        }
    return None


def purge(older_than: timedelta) -> int:
    """Forget finished deliveries and events older than ``older_than``.

    Failed deliveries stay for staff to replay, and the newest event of each item
    stays because it tells whether partners have heard of the item.
    """
    cutoff = timezone.now() - older_than
    deleted, _counts = WebhookDelivery.objects.filter(
        status__in=[DeliveryStatus.DELIVERED, DeliveryStatus.SKIPPED],
        created_at__lt=cutoff,
    ).delete()
    newest = WebhookEvent.objects.filter(doc_id=OuterRef("doc_id")).order_by("-pk")
    old_events = (
        WebhookEvent.objects.filter(occurred_at__lt=cutoff, deliveries__isnull=True)
        .annotate(newest_pk=Subquery(newest.values("pk")[:1]))
        .exclude(pk=F("newest_pk"))
    )
    removed, _counts = WebhookEvent.objects.filter(
        pk__in=list(old_events.values_list("pk", flat=True)[:10000])
    ).delete()
    return deleted + removed
