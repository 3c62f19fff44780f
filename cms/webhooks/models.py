"""Partner endpoints, the webhook outbox (events) and the delivery log."""

from __future__ import annotations

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.netsafety import UnsafeURLError, check_url
from webhooks.choices import DeliveryStatus, EventKind


def generate_secret() -> str:
    return secrets.token_urlsafe(32)


def validate_outbound_url(value: str) -> None:
    """Only http(s) to public hosts, or hosts on HUB_OUTBOUND_ALLOWED_HOSTS."""
    try:
        check_url(value)
    except UnsafeURLError as exc:
        raise ValidationError(str(exc), code="unsafe_url") from exc


class WebhookEndpoint(models.Model):
    """A partner site's address that receives signed notices of content changes."""

    name = models.CharField(
        _("partner"), max_length=120, help_text=_("Who receives this, e.g. norden.org.")
    )
    url = models.URLField(
        _("address"),
        max_length=500,
        validators=[validate_outbound_url],
        help_text=_(
            "The partner's https address that receives POST requests. It must be "
            "reachable on the public internet."
        ),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=generate_secret,
        help_text=_(
            "Give this to the partner over a safe channel: they use it to check "
            "the X-Hub-Signature header."
        ),
    )
    content_types = models.JSONField(
        _("content types"),
        default=list,
        blank=True,
        help_text=_("Leave all unticked to send every content type."),
    )
    locales = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Leave all unticked to send every language."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to stop sending; changes made meanwhile are not queued."),
    )
    paused_at = models.DateTimeField(_("paused"), null=True, blank=True, editable=False)
    pause_reason = models.CharField(
        _("reason for the pause"), max_length=500, blank=True, editable=False
    )
    consecutive_failures = models.PositiveIntegerField(
        _("failures in a row"), default=0, editable=False
    )
    failing_since = models.DateTimeField(
        _("failing since"), null=True, blank=True, editable=False
    )
    last_success_at = models.DateTimeField(
        _("last success"), null=True, blank=True, editable=False
    )
    # A worker holds the endpoint while it sends, so deliveries stay in order even
    # with several workers; a crashed worker's lease simply runs out.
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    lease_owner = models.CharField(max_length=36, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.name

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def status_label(self) -> str:
        if not self.is_active:
            return str(_("Off"))
        if self.is_paused:
            return str(_("Paused: failing"))
        if self.consecutive_failures:
            return str(_("Retrying"))
        return str(_("Active"))

    status_label.short_description = _("status")  # type: ignore[attr-defined]

    def accepts(self, doc_type: str, locale: str) -> bool:
        """Whether changes of this content type and language go to this partner."""
        if self.content_types and doc_type not in self.content_types:
            return False
        return not (self.locales and locale not in self.locales)

    def pause(self, reason: str) -> None:
        self.paused_at = timezone.now()
        self.pause_reason = reason[:500]
        self.save(update_fields=["paused_at", "pause_reason"])

    def resume(self) -> int:
        """Lift a pause; waiting deliveries are due at once. Returns how many."""
        self.paused_at = None
        self.pause_reason = ""
        self.consecutive_failures = 0
        self.failing_since = None
        self.save(
            update_fields=[
                "paused_at",
                "pause_reason",
                "consecutive_failures",
                "failing_since",
            ]
        )
        return self.deliveries.filter(status=DeliveryStatus.PENDING).update(
            next_attempt_at=timezone.now()
        )

    def replay_failed(self) -> int:
        """Queue every failed delivery of this endpoint again. Returns how many."""
        return self.deliveries.filter(status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
        )


class WebhookEvent(models.Model):
    """One change partners hear about, written in the same transaction as the change.

    The row id is the event's version: ids only grow, so partners can ignore an
    event older than what they already have. The JSON body is built once, by the
    worker, so that every partner and every retry gets the same bytes.
    """

    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    doc_id = models.CharField(_("item id"), max_length=120)
    doc_type = models.CharField(_("content type"), max_length=60)
    locale = models.CharField(_("language"), max_length=10, blank=True)
    model_label = models.CharField(_("model"), max_length=100)
    object_pk = models.CharField(_("object id"), max_length=64)
    occurred_at = models.DateTimeField(_("occurred"), default=timezone.now)
    body = models.TextField(_("body"), blank=True, editable=False)
    built_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn = models.BooleanField(
        _("withdrawn"),
        default=False,
        editable=False,
        help_text=_("The item was no longer public when the event was sent."),
    )

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        indexes = [models.Index(fields=["doc_id", "id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.doc_id}"


class WebhookDelivery(models.Model):
    """One event on its way to one partner, with the outcome of the last attempt."""

    uid = models.UUIDField(
        _("delivery id"), default=uuid.uuid4, unique=True, editable=False
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event = models.ForeignKey(
        WebhookEvent,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("event"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(
        _("response code"), null=True, blank=True
    )
    response_body = models.TextField(_("response (start)"), blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["endpoint", "status", "id"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"

    def replay(self) -> None:
        """Send this delivery again (same delivery id), ahead of newer ones."""
        self.status = DeliveryStatus.PENDING
        self.attempts = 0
        self.next_attempt_at = timezone.now()
        self.save(update_fields=["status", "attempts", "next_attempt_at"])
