"""Translatable taxonomies shared by every content type."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from core.models.mixins import AdminSearchMixin


class Taxonomy(AdminSearchMixin, TranslatableMixin, index.Indexed, models.Model):
    """Common fields: a visible name and a slug that is the same in every language."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("key"),
        max_length=80,
        help_text=_(
            "Stable key shared by every translation, used in filters, feeds and the "
            "API (for example 'labour-market'). Do not change it once published."
        ),
    )

    # The admin's snippet listings search the name and the key (slug).
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("slug"),
        *AdminSearchMixin.admin_search_fields,
    ]
    admin_search_text_fields = ("name",)

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Theme(Taxonomy):
    """A thematic area (labour market, education, housing …) for tagging content."""

    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Country(Taxonomy):
    """A Nordic country or self-governing territory content concerns."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        TERRITORY = "territory", _("Self-governing territory")

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        help_text=_("ISO 3166-1 alpha-2 code, e.g. DK, FO, GL, AX."),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.COUNTRY
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("code"),
        FieldPanel("kind"),
    ]
    search_fields = [*Taxonomy.search_fields, index.SearchField("code")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("country or territory")
        verbose_name_plural = _("countries and territories")
        unique_together = [
            ("translation_key", "locale"),
            ("slug", "locale"),
            ("code", "locale"),
        ]

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        super().save(*args, **kwargs)


class VisionGoal(Taxonomy):
    """One of the twelve goals of the Nordic Council of Ministers' Vision 2030."""

    number = models.PositiveSmallIntegerField(
        _("goal number"), help_text=_("1 to 12, as numbered in the action plan.")
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["number"]
        verbose_name = _("Vision 2030 goal")
        verbose_name_plural = _("Vision 2030 goals")
        unique_together = [
            ("translation_key", "locale"),
            ("slug", "locale"),
            ("number", "locale"),
        ]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.number is not None and not 1 <= self.number <= 12:
            raise ValidationError({"number": _("Vision 2030 has goals 1 to 12.")})

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


def country_order(country: Country) -> tuple[bool, str]:
    """Sovereign countries first, then self-governing territories, each by name."""
    return (country.kind != Country.Kind.COUNTRY, country.name)
