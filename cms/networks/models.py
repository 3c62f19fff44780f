"""Nordic networks: an index page per language and one page per network."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import (
    ContentPage,
    Country,
    IntroducedIndexPage,
    MeetingRecord,
    country_order,
)
from core.visibility import public_pages

PURPOSE_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class NetworkIndexPage(IntroducedIndexPage):
    """Lists the Nordic networks of one language."""

    subpage_types = ["networks.NetworkPage"]

    class Meta:
        verbose_name = _("network index page")

    def networks(self) -> models.QuerySet[NetworkPage]:
        return public_pages(NetworkPage.objects.child_of(self)).order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = self.networks()
        return context


class NetworkPage(ContentPage):
    """A Nordic network of authorities or cities: its members and its meetings."""

    purpose = RichTextField(
        _("purpose"),
        blank=True,
        features=PURPOSE_FEATURES,
        help_text=_("Why the network exists and what its members work on together."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldPanel("purpose"),
        FieldPanel("body"),
        ContentPage.taxonomy_panel,
        InlinePanel("members", heading=_("Members"), label=_("Member organisation")),
        InlinePanel("meetings", heading=_("Meetings"), label=_("Meeting")),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("purpose"),
        index.SearchField("body"),
    ]
    parent_page_types = ["networks.NetworkIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def members_by_country(self) -> dict[Country, list[NetworkMember]]:
        """Member organisations by country: countries first, then territories."""
        by_country: dict[Country, list[NetworkMember]] = {}
        for member in self.members.all():
            by_country.setdefault(member.country, []).append(member)
        return {
            country: sorted(by_country[country], key=lambda m: m.organisation)
            for country in sorted(by_country, key=country_order)
        }

    def upcoming_meetings(self) -> list[NetworkMeeting]:
        today = timezone.localdate()
        return sorted(
            (m for m in self.meetings.all() if m.date >= today), key=lambda m: m.date
        )

    def past_meetings(self) -> list[NetworkMeeting]:
        today = timezone.localdate()
        return sorted(
            (m for m in self.meetings.all() if m.date < today),
            key=lambda m: m.date,
            reverse=True,
        )


class NetworkMember(Orderable):
    """An organisation taking part in a network. The contact is for staff only."""

    page = ParentalKey(NetworkPage, on_delete=models.CASCADE, related_name="members")
    organisation = models.CharField(_("organisation"), max_length=200)
    country = models.ForeignKey(
        "core.Country",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country or territory"),
    )
    url = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(
        _("contact person"),
        max_length=160,
        blank=True,
        help_text=_("For the secretariat; never shown publicly."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("For the secretariat; never shown publicly."),
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("country"),
        FieldPanel("url"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")],
            heading=_("Contact (staff only)"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")

    def __str__(self) -> str:
        return self.organisation


class NetworkMeeting(MeetingRecord):
    """A network meeting: where or whether online, what was discussed, the minutes."""

    page = ParentalKey(NetworkPage, on_delete=models.CASCADE, related_name="meetings")
    location = models.CharField(
        _("location"),
        max_length=200,
        blank=True,
        help_text=_("City and venue; leave empty for an online meeting."),
    )
    is_online = models.BooleanField(_("online"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("is_online")]),
        FieldPanel("title"),
        FieldPanel("location"),
        FieldPanel("summary"),
        FieldPanel("minutes"),
    ]

    def clean(self) -> None:
        if not self.is_online and not self.location.strip():
            raise ValidationError(
                {
                    "location": _(
                        "Enter where the meeting takes place, or tick 'online'."
                    )
                }
            )
