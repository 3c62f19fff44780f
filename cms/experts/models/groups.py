"""Expert groups: an index page per language and one page per group."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
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
from experts.choices import SEAT_ROLES, MemberRole
from experts.forms import ExpertGroupPageForm

from .profiles import ExpertProfile

MANDATE_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ExpertGroupIndexPage(IntroducedIndexPage):
    """Lists one language's expert groups and the experts who agreed to be shown."""

    subpage_types = ["experts.ExpertGroupPage"]

    class Meta:
        verbose_name = _("expert group index page")

    def groups(self) -> models.QuerySet[ExpertGroupPage]:
        return public_pages(ExpertGroupPage.objects.child_of(self)).order_by(
            "-term_start", "title"
        )

    def public_profiles(self) -> models.QuerySet[ExpertProfile]:
        """Every public profile, once per expert, in this page's language if it can."""
        return (
            ExpertProfile.objects.public()
            .for_locale(self.locale)
            .select_related("photo")
            .prefetch_related("countries", "themes")
            .order_by("name")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.groups()
        context["profiles"] = self.public_profiles()
        return context


class ExpertGroupPage(ContentPage):
    """An expert group or forum: its mandate, term, members, chairs and meetings."""

    mandate = RichTextField(
        _("mandate"),
        blank=True,
        features=MANDATE_FEATURES,
        help_text=_("What the group is asked to do and for whom."),
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    chair_rotation = models.TextField(
        _("chair rotation"),
        blank=True,
        max_length=600,
        help_text=_(
            "How the chair is chosen, e.g. 'For one year at a time, from the country "
            "that holds the presidency of the Nordic Council of Ministers.'"
        ),
    )
    meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings per year"), null=True, blank=True
    )
    members_per_country_min = models.PositiveSmallIntegerField(
        _("minimum members per country"),
        default=1,
        help_text=_("Seats each country or territory should fill."),
    )
    members_per_country_max = models.PositiveSmallIntegerField(
        _("maximum members per country"),
        default=2,
        help_text=_(
            "No country or territory may have more members at the same time. The "
            "secretariat does not take a seat."
        ),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    base_form_class = ExpertGroupPageForm

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldPanel("mandate"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
                FieldPanel("chair_rotation"),
                FieldPanel("meetings_per_year"),
                FieldRowPanel(
                    [
                        FieldPanel("members_per_country_min"),
                        FieldPanel("members_per_country_max"),
                    ]
                ),
            ],
            heading=_("Term and composition"),
        ),
        FieldPanel("body"),
        ContentPage.taxonomy_panel,
        InlinePanel("members", heading=_("Members"), label=_("Member")),
        InlinePanel("chairs", heading=_("Chairs by year"), label=_("Chair")),
        InlinePanel("meetings", heading=_("Meetings"), label=_("Meeting")),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("mandate"),
        index.SearchField("body"),
        index.FilterField("term_start"),
        index.FilterField("term_end"),
    ]
    parent_page_types = ["experts.ExpertGroupIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("expert group")
        verbose_name_plural = _("expert groups")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            errors["term_end"] = ValidationError(
                _("The term must end after it starts (%(start)s)."),
                params={"start": self.term_start.isoformat()},
            )
        low, high = self.members_per_country_min, self.members_per_country_max
        if high is not None and high < 1:
            errors["members_per_country_max"] = ValidationError(
                _("Allow at least one member per country or territory.")
            )
        elif low is not None and high is not None and low > high:
            errors["members_per_country_max"] = ValidationError(
                _("The maximum cannot be lower than the minimum (%(min)s)."),
                params={"min": low},
            )
        if errors:
            raise ValidationError(errors)

    def public_members(self) -> list[ExpertGroupMember]:
        """Members whose profile is public; nobody else may appear on the site."""
        return [m for m in self.members.all() if m.shown_profile is not None]

    def members_by_country(self) -> dict[Country, list[ExpertGroupMember]]:
        """Public members holding a seat, by the country or territory they represent.

        Countries come first, then territories, each by name; within a country the
        chair comes first, then the vice chair and members by name.
        """
        by_country: dict[Country, list[ExpertGroupMember]] = {}
        for member in self.public_members():
            if member.role in SEAT_ROLES:
                by_country.setdefault(member.country, []).append(member)
        roles = list(MemberRole.values)
        return {
            country: sorted(
                by_country[country],
                key=lambda m: (roles.index(m.role), m.shown_profile.name),
            )
            for country in sorted(by_country, key=country_order)
        }

    def public_secretariat(self) -> list[ExpertGroupMember]:
        return [m for m in self.public_members() if m.role == MemberRole.SECRETARIAT]

    def missing_seats(self, on: datetime.date | None = None) -> dict[Country, int]:
        """Countries and territories with fewer members than the minimum.

        Counts every member holding a seat, public or not (an expert who declined
        publication still fills a seat). With ``on``, only members serving on that
        day count. The countries considered are the page's own countries, or every
        country and territory in the page's language when none is ticked.
        """
        considered = list(self.countries.all()) or list(
            Country.objects.filter(locale_id=self.locale_id)
        )
        counts: dict[object, int] = {}
        for member in self.members.all():
            if member.role not in SEAT_ROLES or not member.serves_on(on):
                continue
            key = member.country.translation_key
            counts[key] = counts.get(key, 0) + 1
        missing = {
            country: self.members_per_country_min
            - counts.get(country.translation_key, 0)
            for country in sorted(considered, key=country_order)
        }
        return {country: gap for country, gap in missing.items() if gap > 0}

    def chairs_by_year(self) -> list[ExpertGroupChair]:
        return sorted(self.chairs.all(), key=lambda chair: chair.year)

    def upcoming_meetings(self) -> list[ExpertGroupMeeting]:
        today = timezone.localdate()
        return sorted(
            (m for m in self.meetings.all() if m.date >= today), key=lambda m: m.date
        )

    def past_meetings(self) -> list[ExpertGroupMeeting]:
        today = timezone.localdate()
        return sorted(
            (m for m in self.meetings.all() if m.date < today),
            key=lambda m: m.date,
            reverse=True,
        )


class ExpertGroupMember(Orderable):
    """A seat in an expert group: who holds it, in what role, for which country."""

    page = ParentalKey(
        ExpertGroupPage, on_delete=models.CASCADE, related_name="members"
    )
    profile = models.ForeignKey(
        ExpertProfile,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("expert"),
        help_text=_("Only shown publicly when the profile is marked public."),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    country = models.ForeignKey(
        "core.Country",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("represents"),
        help_text=_("The country or territory whose seat the member holds."),
    )
    start_date = models.DateField(
        _("member from"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the member serves from the start of the term."),
    )
    end_date = models.DateField(
        _("member until"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the member serves until the end of the term."),
    )

    panels = [
        FieldPanel("profile"),
        FieldPanel("role"),
        FieldPanel("country"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return f"{self.profile} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The membership cannot end before it starts.")}
            )

    @cached_property
    def shown_profile(self) -> ExpertProfile | None:
        """The profile as the public sees it: None unless it is public."""
        return self.profile.public_version(self.page.locale_id)

    def serves_on(self, day: datetime.date | None) -> bool:
        if day is None:
            return True
        starts = self.start_date or self.page.term_start or datetime.date.min
        ends = self.end_date or self.page.term_end or datetime.date.max
        return starts <= day <= ends


class ExpertGroupChair(Orderable):
    """Who chairs the group in a given year, from that year's presidency country."""

    page = ParentalKey(ExpertGroupPage, on_delete=models.CASCADE, related_name="chairs")
    year = models.PositiveSmallIntegerField(_("year"))
    presidency_country = models.ForeignKey(
        "core.Country",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("presidency country"),
        help_text=_(
            "The country holding the presidency of the Nordic Council of Ministers "
            "that year."
        ),
    )
    chair = models.ForeignKey(
        ExpertProfile,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("chair"),
        help_text=_("Must be a member representing the presidency country."),
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("presidency_country")]),
        FieldPanel("chair"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("chair")
        verbose_name_plural = _("chairs")

    def __str__(self) -> str:
        return f"{self.year}: {self.chair}"

    @cached_property
    def shown_chair(self) -> ExpertProfile | None:
        """The chair's profile as the public sees it: None unless it is public."""
        return self.chair.public_version(self.page.locale_id)


class ExpertGroupMeeting(MeetingRecord):
    """A meeting of the group, with its minutes once they are approved."""

    page = ParentalKey(
        ExpertGroupPage, on_delete=models.CASCADE, related_name="meetings"
    )
    is_virtual = models.BooleanField(
        _("virtual meeting"), default=False, help_text=_("Held online.")
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("is_virtual")]),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("minutes"),
    ]
