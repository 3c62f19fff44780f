"""Expert profiles: translatable snippets that group pages and speakers point to."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from core.models.mixins import AdminSearchMixin
from experts.languages import LANGUAGE_CHOICES
from experts.managers import ExpertProfileQuerySet


class ExpertProfileForm(WagtailAdminModelForm):
    """Edits the working languages as check boxes instead of raw JSON."""

    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages the expert can work in."),
    )


class ExpertProfile(
    AdminSearchMixin, TranslatableMixin, index.Indexed, ClusterableModel
):
    """A person with expertise the hub presents: speakers, expert group members."""

    name = models.CharField(_("name"), max_length=160)
    photo = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    countries = ParentalManyToManyField(
        "core.Country", blank=True, related_name="+", verbose_name=_("countries")
    )
    themes = ParentalManyToManyField(
        "core.Theme", blank=True, related_name="+", verbose_name=_("expertise")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    bio = RichTextField(
        _("biography"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Never shown publicly; for staff only.")
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Tick only when the expert has consented to publication. A profile that "
            "is not public is never shown on the site, in search or in the API."
        ),
    )
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)

    objects = ExpertProfileQuerySet.as_manager()

    base_form_class = ExpertProfileForm
    panels = [
        FieldPanel("name"),
        FieldPanel("photo"),
        FieldPanel("organisation"),
        FieldPanel("position"),
        FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("languages"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("is_public"), FieldPanel("consent_date"), FieldPanel("email")],
            heading=_("Consent and contact"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.AutocompleteField("organisation"),
        index.FilterField("is_public"),
        *AdminSearchMixin.admin_search_fields,
    ]
    # Names with Nordic letters ("Søren") found when typed without them; the
    # consent date is no date editors search by.
    admin_search_text_fields = ("name", "organisation")
    admin_search_date_fields = ()

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self) -> str:
        return self.name

    def public_version(self, locale_id: int | None = None) -> ExpertProfile | None:
        """The profile the public may see, or None when consent is missing.

        None unless every language version is public (see ``objects.public()``);
        otherwise the version in ``locale_id`` (a page's language) if there is one,
        else this profile.
        """
        if not self.is_public:
            return None
        versions = list(
            ExpertProfile.objects.filter(translation_key=self.translation_key)
        )
        if not all(version.is_public for version in versions):
            return None
        for version in versions:
            if version.locale_id == locale_id and version.pk != self.pk:
                return version
        return self

    def language_labels(self) -> list[str]:
        """Names of the working languages, in the order of the choices."""
        labels = dict(LANGUAGE_CHOICES)
        return [str(labels[code]) for code in labels if code in (self.languages or [])]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.is_public and not self.consent_date:
            raise ValidationError(
                {"consent_date": _("Record when consent was given before publishing.")}
            )
