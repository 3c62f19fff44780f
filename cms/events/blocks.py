"""StreamField blocks for event programmes and organisers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock


@dataclass(frozen=True)
class Participant:
    """A speaker or moderator as the public page shows them."""

    name: str
    organisation: str = ""
    url: str = ""


class PersonBlock(blocks.StructBlock):
    """A person named on the page who has no expert profile."""

    name = blocks.CharBlock(label=_("Name"), max_length=160)
    organisation = blocks.CharBlock(
        label=_("Organisation"), required=False, max_length=200
    )

    class Meta:
        icon = "user"
        label = _("Named person")


class ParticipantsBlock(blocks.StreamBlock):
    """Speakers or moderators: expert profiles or freely named people."""

    expert = SnippetChooserBlock(
        "experts.ExpertProfile",
        label=_("Expert profile"),
        help_text=_("Shown only while the profile is public."),
    )
    person = PersonBlock()

    class Meta:
        required = False


class SessionBlock(blocks.StructBlock):
    """One item of an event programme: times, title, speakers and moderators."""

    date = blocks.DateBlock(
        label=_("Date"),
        required=False,
        help_text=_("Only for events over several days; defaults to the start day."),
    )
    start_time = blocks.TimeBlock(
        label=_("Start time"), help_text=_("Local time in the event's time zone.")
    )
    end_time = blocks.TimeBlock(label=_("End time"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.RichTextBlock(
        label=_("Description"),
        required=False,
        features=["bold", "italic", "link", "ul", "ol"],
    )
    speakers = ParticipantsBlock(label=_("Speakers"), required=False)
    moderators = ParticipantsBlock(label=_("Moderators"), required=False)

    class Meta:
        icon = "time"
        label = _("Session")
        template = "events/blocks/session_block.html"

    def clean(self, value):
        result = super().clean(value)
        start, end = result.get("start_time"), result.get("end_time")
        if start and end and end < start:
            raise StructBlockValidationError(
                block_errors={
                    "end_time": ValidationError(
                        _("The session cannot end before it starts.")
                    )
                }
            )
        return result

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        locale = getattr(page, "locale", None)
        context["speakers"] = visible_participants(value["speakers"], locale)
        context["moderators"] = visible_participants(value["moderators"], locale)
        return context


def visible_participants(stream: Any, locale: Any = None) -> list[Participant]:
    """The people of a participants stream that may be shown publicly.

    A profile that is not public (or was deleted) is left out entirely, so its name
    never reaches the page. A public profile is shown in the page's language when a
    translation exists.
    """
    people: list[Participant] = []
    for child in stream or []:
        if child.block_type == "person":
            people.append(
                Participant(
                    name=child.value["name"],
                    organisation=child.value["organisation"] or "",
                )
            )
            continue
        profile = public_profile(child.value, locale)
        if profile is None:
            continue
        people.append(
            Participant(
                name=profile.name,
                organisation=profile.organisation,
                url=profile_url(profile),
            )
        )
    return people


def public_profile(profile: Any, locale: Any = None) -> Any:
    """The version of a profile the public may see, in the page's language if possible.

    None when the profile was deleted or is not public (no consent).
    """
    if profile is None:
        return None
    public_version = getattr(profile, "public_version", None)
    if callable(public_version):
        return public_version(locale.pk if locale is not None else None)
    if locale is not None and profile.locale_id != locale.pk:
        profile = profile.get_translation_or_none(locale) or profile
    return profile if profile.is_public else None


def profile_url(profile: Any) -> str:
    """The public address of an expert profile, or "" while the site has none."""
    get_url = getattr(profile, "get_url", None)
    if callable(get_url):
        return get_url() or ""
    url = getattr(profile, "url", "")
    return url if isinstance(url, str) else ""


class OrganiserBlock(blocks.StructBlock):
    """An organisation behind an event, with an optional link."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    url = blocks.URLBlock(label=_("Web address"), required=False)

    class Meta:
        icon = "group"
        label = _("Organiser")
