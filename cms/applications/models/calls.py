"""The call page: what the call is about, its window and the public form."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from applications.choices import CallStatus
from applications.notifications import send_application_emails
from core.blocks import BodyBlock
from core.models import ContentPage
from core.ratelimit import ratelimit_post

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

NOTICE_FEATURES = ["bold", "italic", "ul", "ol", "link", "document-link"]


class CallForApplicationsPage(RoutablePageMixin, ContentPage):
    """A call for applications (expert forum, contributors) with its public form."""

    opens_at = models.DateTimeField(
        _("opens at"), help_text=_("The form accepts applications from this moment.")
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        help_text=_("The form stops accepting applications at this moment."),
    )
    selection_by = models.DateField(
        _("selection by"),
        null=True,
        blank=True,
        help_text=_("When applicants can expect to hear the result (optional)."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("background"),
        help_text=_("Why the call exists, what members do, what it costs and pays."),
    )
    criteria = RichTextField(
        _("criteria"),
        blank=True,
        features=NOTICE_FEATURES,
        help_text=_("Who can apply: the conditions applicants must meet."),
    )
    privacy_notice = RichTextField(
        _("privacy notice"),
        features=NOTICE_FEATURES,
        help_text=_(
            "Shown next to the form: who handles the data, why, who sees it and "
            "when it is erased."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("keep personal data for (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_(
            "Days after the call closes before applicants' personal data is erased. "
            "Leave empty for the site default."
        ),
    )
    notify_email = models.EmailField(
        _("notify staff at"),
        blank=True,
        help_text=_(
            "Optional address told about each new application (the message holds "
            "a link to the admin, never the applicant's data)."
        ),
    )

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("lead"),
        FieldPanel("main_image"),
        MultiFieldPanel(
            [
                FieldPanel("opens_at"),
                FieldPanel("closes_at"),
                FieldPanel("selection_by"),
            ],
            heading=_("Application period"),
        ),
        FieldPanel("body"),
        FieldPanel("criteria"),
        FieldPanel("privacy_notice"),
        ContentPage.taxonomy_panel,
        MultiFieldPanel(
            [FieldPanel("notify_email"), FieldPanel("retention_days")],
            heading=_("Handling of applications"),
        ),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.SearchField("criteria"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if not strip_tags(self.privacy_notice or "").strip():
            errors["privacy_notice"] = ValidationError(
                _("Tell applicants how their data is handled before they apply.")
            )
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = ValidationError(
                _("The call must close after it opens.")
            )
        if (
            self.selection_by
            and self.closes_at
            and self.selection_by < timezone.localdate(self.closes_at)
        ):
            errors["selection_by"] = ValidationError(
                _("Selection cannot end before the call closes.")
            )
        if errors:
            raise ValidationError(errors)

    # Window and retention

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        """Whether the form accepts applications at ``now`` (default: this moment)."""
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def status(self, now: datetime.datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return CallStatus.UPCOMING
        if now < self.closes_at:
            return CallStatus.OPEN
        return CallStatus.CLOSED

    def get_retention_days(self) -> int:
        if self.retention_days:
            return self.retention_days
        return settings.APPLICATION_RETENTION_DAYS

    def erase_after(self) -> datetime.datetime:
        """When applicants' personal data for this call must be erased."""
        return self.closes_at + datetime.timedelta(days=self.get_retention_days())

    # Public form

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["call_status"] = self.status(now)
        context["is_open"] = self.is_open(now)
        return context

    def get_form(self, data=None):
        from applications.forms import ApplicationForm

        return ApplicationForm(data, call=self)

    @path("")
    @ratelimit_post("applications.apply")
    def application_form(self, request: HttpRequest) -> HttpResponse:
        """The call with its form: shown and accepted only inside the window."""
        request.is_preview = getattr(request, "is_preview", False)
        now = timezone.now()
        window = {"call_status": self.status(now), "is_open": self.is_open(now)}
        if not window["is_open"]:
            response = self.render(request, context_overrides={**window, "form": None})
            if request.method == "POST":
                response.status_code = 403
            return response
        if request.method == "POST":
            form = self.get_form(request.POST)
            if form.is_valid():
                send_application_emails(form.save())
                return redirect(self.get_url(request) + self.reverse_subpage("thanks"))
        else:
            form = self.get_form()
        return self.render(request, context_overrides={**window, "form": form})

    @path("thanks/", name="thanks")
    def thanks(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, context_overrides={"form": None, "thanks": True})
