"""API keys for partner sites. Only a hash is stored; the key is shown once."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "inh_"


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def validate_origins(value: str) -> None:
    check = URLValidator(schemes=["https", "http"])
    for origin in origin_list(value):
        check(origin)
        if origin.count("/") > 2:
            raise ValidationError(
                _("%(origin)s is not an origin: give scheme and host only."),
                params={"origin": origin},
            )


def origin_list(value: str) -> list[str]:
    return [line.strip().rstrip("/") for line in value.splitlines() if line.strip()]


class ApiKey(models.Model):
    """A partner's key to the GraphQL API, with its own rate limit and CORS origins."""

    name = models.CharField(
        _("partner"),
        max_length=120,
        help_text=_("Who uses this key, e.g. 'norden.org'."),
    )
    prefix = models.CharField(
        _("key prefix"), max_length=16, unique=True, editable=False
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    rate_limit_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=600,
        help_text=_(
            "Requests above this rate are answered with 429 Too Many Requests."
        ),
    )
    cors_origins = models.TextField(
        _("allowed browser origins"),
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "One origin per line, e.g. https://www.norden.org. Leave empty "
            "for server-to-server use only."
        ),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(
        _("revoked"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @classmethod
    def issue(cls, name: str, **fields) -> tuple[ApiKey, str]:
        """Create a key; returns the model and the raw key (shown to staff once)."""
        raw = KEY_PREFIX + secrets.token_urlsafe(32)
        key = cls(
            name=name,
            prefix=raw[: len(KEY_PREFIX) + 8],
            key_hash=hash_key(raw),
            **fields,
        )
        key.full_clean()
        key.save()
        return key, raw

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def as_store_entry(self) -> dict:
        return {
            "id": str(self.pk),
            "name": self.name,
            "prefix": self.prefix,
            "sha256": self.key_hash,
            "rate_limit_per_minute": self.rate_limit_per_minute,
            "cors_origins": origin_list(self.cors_origins),
            "revoked": self.is_revoked,
        }
