"""Glossary concepts: one integration term in every content language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

LANGUAGE_FIELDS = ("da", "nb", "sv", "fi", "is", "en")
SEPARATOR = "|"


def field_name(language: str) -> str:
    return f"terms_{language}"


def terms_help(language: str) -> str:
    return _("Words and phrases in %(language)s, separated by '|'.") % {
        "language": language
    }


class GlossaryConcept(index.Indexed, models.Model):
    """A concept (refugee, labour market …) with its terms in each language.

    A search in one language also finds material that uses the concept's terms
    in the other languages.
    """

    key = models.SlugField(
        _("concept"),
        max_length=80,
        unique=True,
        help_text=_("A stable English key, e.g. 'labour-market'."),
    )
    terms_da = models.TextField(_("Danish"), blank=True, help_text=terms_help("Danish"))
    terms_nb = models.TextField(
        _("Norwegian"), blank=True, help_text=terms_help("Norwegian")
    )
    terms_sv = models.TextField(
        _("Swedish"), blank=True, help_text=terms_help("Swedish")
    )
    terms_fi = models.TextField(
        _("Finnish"), blank=True, help_text=terms_help("Finnish")
    )
    terms_is = models.TextField(
        _("Icelandic"), blank=True, help_text=terms_help("Icelandic")
    )
    terms_en = models.TextField(
        _("English"), blank=True, help_text=terms_help("English")
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("key"),
        MultiFieldPanel(
            [FieldPanel(field_name(lang)) for lang in LANGUAGE_FIELDS],
            heading=_("Terms"),
        ),
    ]
    search_fields = [
        index.SearchField("key"),
        index.AutocompleteField("key"),
        *(index.SearchField(field_name(lang)) for lang in LANGUAGE_FIELDS),
    ]

    class Meta:
        ordering = ["key"]
        verbose_name = _("glossary concept")
        verbose_name_plural = _("glossary concepts")

    def __str__(self) -> str:
        return self.key

    def terms(self) -> dict[str, list[str]]:
        """Language -> cleaned terms."""
        return {
            language: split_terms(getattr(self, field_name(language)))
            for language in LANGUAGE_FIELDS
        }

    def as_row(self) -> dict[str, str]:
        """The row format of the search package's glossary (as in starter.csv)."""
        row = {"concept_id": self.key}
        row.update({lang: SEPARATOR.join(t) for lang, t in self.terms().items()})
        return row

    def clean(self) -> None:
        filled = [lang for lang, terms in self.terms().items() if terms]
        if len(filled) < 2:
            raise ValidationError(
                _("Give terms in at least two languages; a concept links languages.")
            )


def split_terms(value: str) -> list[str]:
    seen: list[str] = []
    for raw in value.replace("\n", SEPARATOR).split(SEPARATOR):
        term = " ".join(raw.split()).lower()
        if term and term not in seen:
            seen.append(term)
    return seen
