"""Event pages: a listing per language and the events below it."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock, DocumentBlock
from core.models import ContentPage
from core.ratelimit import ratelimit_post
from core.visibility import public_pages
from events.blocks import OrganiserBlock, SessionBlock
from events.choices import (
    DEFAULT_TIME_ZONE,
    TIME_ZONE_CHOICES,
    EventKind,
    RegistrationState,
    RegistrationStatus,
)
from events.forms import EventPageForm, RegistrationForm

from .registrations import (
    DuplicateRegistrationError,
    EventRegistration,
    RegistrationError,
    register,
)

# States in which the public sign-up form is offered.
ACCEPTING_STATES = (RegistrationState.OPEN, RegistrationState.FULL_WAITING_LIST)


class EventIndexPage(ContentPage):
    """Lists the events of one language: upcoming ones first, then past ones."""

    content_panels = [*ContentPage.content_panels, FieldPanel("lead")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = public_pages(EventPage.objects.child_of(self))
        context["upcoming_events"] = events.filter(end__gte=now).order_by("start", "pk")
        context["past_events"] = events.filter(end__lt=now).order_by("-start", "-pk")
        return context


class EventPage(RoutablePageMixin, ContentPage):
    """A conference, seminar, webinar or network meeting, with optional sign-up."""

    kind = models.CharField(
        _("kind of event"),
        max_length=20,
        choices=EventKind.choices,
        default=EventKind.SEMINAR,
    )
    start = models.DateTimeField(
        _("starts"), help_text=_("Local time in the time zone chosen below.")
    )
    end = models.DateTimeField(
        _("ends"), help_text=_("Local time in the time zone chosen below.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TIME_ZONE_CHOICES,
        default=DEFAULT_TIME_ZONE,
        help_text=_("Where the event takes place; all times on this page are in it."),
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country or territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_link = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Address of the stream or video meeting, for online events."),
    )
    programme = StreamField(
        [("session", SessionBlock())], blank=True, verbose_name=_("programme")
    )
    organisers = StreamField(
        [("organiser", OrganiserBlock())], blank=True, verbose_name=_("organisers")
    )
    documents = StreamField(
        [("document", DocumentBlock())],
        blank=True,
        verbose_name=_("documents"),
        help_text=_("Presentations, reports and minutes from the event."),
    )
    recording_link = models.URLField(
        _("recording"), blank=True, help_text=_("Address of a recording, if any.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Keeps the page online with a notice; sign-up closes."),
    )

    registration_enabled = models.BooleanField(
        _("public sign-up"),
        default=False,
        help_text=_("Offer a sign-up form on the event page."),
    )
    registration_opens = models.DateTimeField(
        _("sign-up opens"),
        null=True,
        blank=True,
        help_text=_("Leave empty to open sign-up as soon as the page is published."),
    )
    registration_closes = models.DateTimeField(
        _("sign-up closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close sign-up when the event starts."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("An event needs at least one seat."))],
        help_text=_("Leave empty for an unlimited number of participants."),
    )
    waiting_list_enabled = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When all seats are taken, new sign-ups join a waiting list."),
    )

    base_form_class = EventPageForm

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("kind"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("is_cancelled"),
            ],
            heading=_("Date and time"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("online_link"),
            ],
            heading=_("Place"),
            help_text=_("Give a venue, an online link or both."),
        ),
        FieldPanel("main_image"),
        FieldPanel("body"),
        FieldPanel("programme"),
        FieldPanel("organisers"),
        FieldPanel("documents"),
        FieldPanel("recording_link"),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel(
                    [
                        FieldPanel("registration_opens"),
                        FieldPanel("registration_closes"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("capacity"), FieldPanel("waiting_list_enabled")]
                ),
            ],
            heading=_("Sign-up"),
        ),
        ContentPage.taxonomy_panel,
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.SearchField("programme"),
        index.SearchField("venue_name"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    # Validation

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = ValidationError(_("The event cannot end before it starts."))
        if not (self.venue_name or self.online_link):
            errors["venue_name"] = ValidationError(
                _("Give a venue or an online link (or both).")
            )
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = ValidationError(
                _("An event needs at least one seat; leave empty for no limit.")
            )
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and closes <= opens:
            errors["registration_closes"] = ValidationError(
                _("Sign-up must close after it opens.")
            )
        elif closes and self.end and closes > self.end:
            errors["registration_closes"] = ValidationError(
                _("Sign-up cannot close after the event has ended.")
            )
        elif opens and not closes and self.start and opens >= self.start:
            errors["registration_opens"] = ValidationError(
                _(
                    "Sign-up closes when the event starts, so it must open before "
                    "that; or set a closing time."
                )
            )
        if errors:
            raise ValidationError(errors)

    # Dates

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone or DEFAULT_TIME_ZONE)

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.start, self.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return timezone.localtime(self.end, self.zone)

    @property
    def is_single_day(self) -> bool:
        return self.local_start.date() == self.local_end.date()

    @property
    def is_upcoming(self) -> bool:
        """True until the event has ended."""
        return self.end >= timezone.now()

    @property
    def is_online(self) -> bool:
        return bool(self.online_link)

    # Registration

    @property
    def registration_closes_at(self) -> datetime.datetime:
        """When sign-up closes: the chosen time, or else the start of the event."""
        return self.registration_closes or self.start

    def registrations_for_event(self) -> models.QuerySet[EventRegistration]:
        """Sign-ups of this event in every language version: they share the seats."""
        return EventRegistration.objects.filter(
            event__translation_key=self.translation_key
        )

    def confirmed_count(self) -> int:
        return (
            self.registrations_for_event()
            .filter(status=RegistrationStatus.CONFIRMED)
            .count()
        )

    def waiting_list_count(self) -> int:
        return (
            self.registrations_for_event()
            .filter(status=RegistrationStatus.WAITLISTED)
            .count()
        )

    def seats_left(self) -> int | None:
        """Free seats, or None when the number of participants is unlimited."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count(), 0)

    def registration_state(
        self, now: datetime.datetime | None = None
    ) -> RegistrationState:
        """Whether the public can sign up at ``now`` (default: the current time)."""
        now = now or timezone.now()
        if not self.registration_enabled or self.is_cancelled:
            return RegistrationState.CLOSED
        if self.registration_opens and now < self.registration_opens:
            return RegistrationState.NOT_OPEN
        if now >= self.registration_closes_at:
            return RegistrationState.CLOSED
        if self.seats_left() == 0:
            if self.waiting_list_enabled:
                return RegistrationState.FULL_WAITING_LIST
            return RegistrationState.FULL
        return RegistrationState.OPEN

    def register(self, **details) -> EventRegistration:
        """Sign someone up; see :func:`events.models.registrations.register`."""
        return register(self, **details)

    # Public views

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.registration_enabled:
            state = self.registration_state()
            context["registration_state"] = state
            context["seats_left"] = self.seats_left()
            if state in ACCEPTING_STATES:
                context["registration_form"] = RegistrationForm(event=self)
        return context

    def _session_key(self) -> str:
        return f"events.registration.{self.translation_key}"

    @path("register/", name="register")
    @ratelimit_post("events.register")
    def register_view(self, request: HttpRequest) -> HttpResponse:
        """Handle the sign-up form; a GET goes back to the event page."""
        if request.method != "POST":
            return HttpResponseRedirect(self.get_url(request) + "#registration")
        if not self.registration_enabled:
            return self._refuse(request, RegistrationState.CLOSED)
        state = self.registration_state()
        if state not in ACCEPTING_STATES:
            return self._refuse(request, state)
        form = RegistrationForm(request.POST, event=self)
        if form.is_valid():
            try:
                registration = form.save()
            except DuplicateRegistrationError as exc:
                form.add_error("email", exc.message)
            except RegistrationError as exc:
                return self._refuse(request, exc.state)
            else:
                request.session[self._session_key()] = registration.pk
                return HttpResponseRedirect(
                    self.get_url(request) + self.reverse_subpage("registration_thanks")
                )
        return self.render(request, context_overrides={"registration_form": form})

    @path("register/thanks/", name="registration_thanks")
    def registration_thanks_view(self, request: HttpRequest) -> HttpResponse:
        """The state after a successful sign-up: confirmed or on the waiting list."""
        pk = request.session.get(self._session_key())
        registration = self.registrations_for_event().filter(pk=pk).first()
        if registration is None:
            return HttpResponseRedirect(self.get_url(request))
        return self.render(
            request,
            context_overrides={
                "registration": registration,
                "registration_form": None,
            },
        )

    def _refuse(self, request: HttpRequest, state: RegistrationState) -> HttpResponse:
        response = self.render(
            request,
            context_overrides={
                "registration_state": state,
                "registration_refused": True,
                "registration_form": None,
            },
        )
        response.status_code = 403
        return response
