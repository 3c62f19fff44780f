"""Funding: the programme's funding pool and the calls for applications to it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BodyBlock
from core.models import ContentPage
from core.visibility import public_pages

from .choices import CallStatus, Currency


class FundingIndexPage(ContentPage):
    """Presents a funding pool and lists its calls, open calls first."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("about the funding"),
        help_text=_("Who the pool is for and what it funds; shown above the calls."),
    )

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldPanel("body"),
        ContentPage.taxonomy_panel,
    ]
    search_fields = [*ContentPage.search_fields, index.SearchField("body")]
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["funding.FundingCallPage"]

    class Meta:
        verbose_name = _("funding index page")

    def calls(self, now: datetime | None = None) -> list[FundingCallPage]:
        """Live, public calls: open (closing soonest first), upcoming, then closed."""
        now = now or timezone.now()
        calls = list(public_pages(FundingCallPage.objects.child_of(self)))
        order = {CallStatus.OPEN: 0, CallStatus.UPCOMING: 1, CallStatus.CLOSED: 2}

        def sort_key(call: FundingCallPage) -> tuple[int, float]:
            status = call.status(now)
            if status == CallStatus.OPEN:
                return (0, call.closes_at.timestamp())
            if status == CallStatus.UPCOMING:
                return (1, call.opens_at.timestamp())
            return (order[status], -call.closes_at.timestamp())

        return sorted(calls, key=sort_key)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["calls"] = [(call, call.status(now)) for call in self.calls(now)]
        return context


class FundingCallPage(ContentPage):
    """A call for applications: dates, who may apply, amounts and how to apply."""

    opens_at = models.DateTimeField(
        _("opens at"), help_text=_("When applications can first be sent.")
    )
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("The deadline; applications after it are refused.")
    )
    who_may_apply = RichTextField(
        _("who may apply"), blank=True, features=RICH_TEXT_FEATURES
    )
    amount_min = models.DecimalField(
        _("smallest grant"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    amount_max = models.DecimalField(
        _("largest grant"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Leave the smallest grant empty to show 'up to' this amount."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.DKK
    )
    criteria = RichTextField(
        _("assessment criteria"), blank=True, features=RICH_TEXT_FEATURES
    )
    how_to_apply = RichTextField(
        _("how to apply"), blank=True, features=RICH_TEXT_FEATURES
    )
    application_url = models.URLField(
        _("application address"),
        blank=True,
        help_text=_("Where the application form is."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldRowPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates")
        ),
        MultiFieldPanel(
            [
                FieldPanel("amount_min"),
                FieldPanel("amount_max"),
                FieldPanel("currency"),
            ],
            heading=_("Grant size"),
        ),
        FieldPanel("who_may_apply"),
        FieldPanel("criteria"),
        FieldPanel("how_to_apply"),
        MultiFieldPanel(
            [FieldPanel("application_url"), FieldPanel("contact_email")],
            heading=_("Application and contact"),
        ),
        FieldPanel("body"),
        ContentPage.taxonomy_panel,
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("who_may_apply"),
        index.SearchField("criteria"),
        index.SearchField("how_to_apply"),
        index.SearchField("body"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    parent_page_types = ["funding.FundingIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        for name in ("opens_at", "closes_at"):
            value = getattr(self, name)
            if value is not None and timezone.is_naive(value):
                errors[name] = ValidationError(
                    _("Give the time with its time zone (e.g. Europe/Copenhagen).")
                )
        if (
            not errors
            and self.opens_at is not None
            and self.closes_at is not None
            and self.closes_at <= self.opens_at
        ):
            errors["closes_at"] = ValidationError(
                _("The call must close after it opens.")
            )
        if (
            self.amount_min is not None
            and self.amount_max is not None
            and self.amount_min > self.amount_max
        ):
            errors["amount_max"] = ValidationError(
                _("The largest grant cannot be smaller than the smallest grant.")
            )
        if errors:
            raise ValidationError(errors)

    def status(self, now: datetime | None = None) -> CallStatus:
        """Upcoming before ``opens_at``, open until ``closes_at``, then closed."""
        now = now or timezone.now()
        if now < self.opens_at:
            return CallStatus.UPCOMING
        if now < self.closes_at:
            return CallStatus.OPEN
        return CallStatus.CLOSED

    def is_open(self, now: datetime | None = None) -> bool:
        return self.status(now) == CallStatus.OPEN

    def amount_text(self) -> str:
        """The grant size for readers: '100,000–500,000 DKK', 'up to 500,000 DKK'."""
        low, high = self.amount_min, self.amount_max
        if low is not None and high is not None and low != high:
            return _("%(low)s–%(high)s %(currency)s") % {
                "low": _format_amount(low),
                "high": _format_amount(high),
                "currency": self.currency,
            }
        if high is not None and low == high:
            return f"{_format_amount(high)} {self.currency}"
        if high is not None:
            return _("up to %(amount)s %(currency)s") % {
                "amount": _format_amount(high),
                "currency": self.currency,
            }
        if low is not None:
            return _("from %(amount)s %(currency)s") % {
                "amount": _format_amount(low),
                "currency": self.currency,
            }
        return ""


def _format_amount(value: Decimal) -> str:
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=places, force_grouping=True)
