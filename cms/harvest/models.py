"""External sources staff configure, and the items harvested from them."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from harvest.choices import RunStatus, SourceKind

#: Fields of a source that its items' search documents show.
DOCUMENT_FIELDS = ("name", "url", "is_active")
#: Fields whose change makes stored validators (ETag, Last-Modified) meaningless.
FETCH_FIELDS = ("url", "kind")


class ExternalSource(models.Model):
    """A partner feed (RSS, Atom, JSON Feed) or sitemap whose items the hub shows as
    external."""

    name = models.CharField(
        _("name"),
        max_length=160,
        unique=True,
        help_text=_("Shown with every item, e.g. 'Nordic Welfare Centre news'."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=SourceKind.choices,
        default=SourceKind.FEED,
        help_text=_(
            "Feeds are read as they are. For a sitemap (sitemap.xml, also a sitemap "
            "index), the hub reads the most recent pages it lists and takes each "
            "page's title, description, image, language and date from the page "
            "itself."
        ),
    )
    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_(
            "The address of the feed or sitemap itself (e.g. …/feed.xml or "
            "…/sitemap.xml), not of a web page."
        ),
    )
    locale = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.WAGTAIL_CONTENT_LANGUAGES,
        default="en",
        help_text=_(
            "Language of the items that state none of their own, or one the site "
            "does not have. Each item is searched and listed in its own language."
        ),
    )
    themes = models.ManyToManyField(
        "core.Theme",
        blank=True,
        related_name="+",
        verbose_name=_("default themes"),
        help_text=_("Every item of this source is tagged with these themes."),
    )
    countries = models.ManyToManyField(
        "core.Country",
        blank=True,
        related_name="+",
        verbose_name=_("default countries"),
        help_text=_("Every item of this source is tagged with these countries."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "Only active sources are fetched, and only their items appear in search, "
            "the API and feeds."
        ),
    )
    interval_minutes = models.PositiveIntegerField(
        _("fetch every (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(7 * 24 * 60)],
        help_text=_("From 5 minutes to a week."),
    )

    # Status, written by the harvester only.
    last_status = models.CharField(
        _("status"),
        max_length=20,
        choices=RunStatus.choices,
        default=RunStatus.NEVER,
        editable=False,
    )
    last_run_at = models.DateTimeField(
        _("last run"), null=True, blank=True, editable=False
    )
    last_success_at = models.DateTimeField(
        _("last success"), null=True, blank=True, editable=False
    )
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    last_error_at = models.DateTimeField(
        _("last error at"), null=True, blank=True, editable=False
    )
    last_warning = models.TextField(_("last warning"), blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(
        _("failures in a row"), default=0, editable=False
    )
    items_count = models.PositiveIntegerField(_("items"), default=0, editable=False)
    etag = models.CharField(_("ETag"), max_length=300, blank=True, editable=False)
    last_modified = models.CharField(
        _("Last-Modified"), max_length=100, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("external source")
        verbose_name_plural = _("external sources")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        parts = urlsplit(self.url or "")
        if self.url and parts.scheme not in ("http", "https"):
            raise ValidationError(
                {"url": _("Use an http:// or https:// address.")}, code="scheme"
            )

    def save(self, *args, **kwargs):
        changed = self._changed_fields()
        if changed & set(FETCH_FIELDS):
            # A new address: the old validators would wrongly answer "not modified".
            self.etag = ""
            self.last_modified = ""
        super().save(*args, **kwargs)
        if changed & set(DOCUMENT_FIELDS):
            from harvest.reindex import reindex_items

            reindex_items(self, reason="source changed")

    def _changed_fields(self) -> set[str]:
        if self.pk is None:
            return set()
        names = (*DOCUMENT_FIELDS, *FETCH_FIELDS)
        old = type(self).objects.filter(pk=self.pk).values(*names).first()
        if old is None:
            return set()
        return {name for name in names if old[name] != getattr(self, name)}

    @property
    def next_run_at(self) -> datetime | None:
        """When the harvester fetches this source next (None: at its next pass)."""
        if self.last_run_at is None:
            return None
        return self.last_run_at + timedelta(minutes=self.interval_minutes)

    def is_due(self, now: datetime | None = None) -> bool:
        if not self.is_active:
            return False
        next_run = self.next_run_at
        return next_run is None or next_run <= (now or timezone.now())

    def error_summary(self) -> str:
        """The last error while the source is failing, for the admin listing."""
        if self.last_status != RunStatus.FAILED:
            return ""
        return self.last_error[:160]

    error_summary.short_description = _("error")

    def status_label(self) -> str:
        label = self.get_last_status_display()
        if self.consecutive_failures > 1:
            return _("%(status)s (%(count)d times in a row)") % {
                "status": label,
                "count": self.consecutive_failures,
            }
        return label

    status_label.short_description = _("status")


class ExternalItemQuerySet(models.QuerySet):
    def with_source(self) -> ExternalItemQuerySet:
        return self.select_related("source")


class ExternalItem(models.Model):
    """An entry harvested from an external source, shown in search as external."""

    id = models.CharField(
        _("id"),
        primary_key=True,
        max_length=64,
        editable=False,
        help_text=_("'<source id>:<hash of the stable key>'."),
    )
    source = models.ForeignKey(
        ExternalSource,
        verbose_name=_("source"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    key = models.TextField(
        _("stable key"),
        help_text=_("The entry's guid or id, else its canonical link, else a hash."),
    )
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("The lead: the entry's summary, else its first sentences."),
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("The full text as plain text, for search."),
    )
    link = models.URLField(_("link"), max_length=1000)
    image_url = models.URLField(_("image"), max_length=1000, blank=True)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), null=True, blank=True)
    locale = models.CharField(
        _("language"), max_length=8, choices=settings.WAGTAIL_CONTENT_LANGUAGES
    )
    stated_locale = models.CharField(
        _("stated language"),
        max_length=8,
        blank=True,
        choices=settings.WAGTAIL_CONTENT_LANGUAGES,
        help_text=_(
            "The language the entry, its feed or its page states, when it is one "
            "of the site's; empty when it states none (the source's applies)."
        ),
    )
    themes = models.ManyToManyField(
        "core.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    countries = models.ManyToManyField(
        "core.Country", blank=True, related_name="+", verbose_name=_("countries")
    )
    content_hash = models.CharField(_("content hash"), max_length=64)
    defaults_hash = models.CharField(_("source defaults hash"), max_length=64)
    first_seen_at = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last seen"), default=timezone.now)

    objects = ExternalItemQuerySet.as_manager()

    class Meta:
        ordering = [models.F("published_at").desc(nulls_last=True), "id"]
        verbose_name = _("external item")
        verbose_name_plural = _("external items")
        indexes = [models.Index(fields=["source", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def make_id(source_id: int, key: str) -> str:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]
        return f"{source_id}:{digest}"
