"""Glossary concepts: one integration term in every content language."""

from __future__ import annotations

from django.conf import settings
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


#: Language names for the admin, by code (the names the concept fields use).
LANGUAGE_NAMES = {
    "da": _("Danish"),
    "nb": _("Norwegian"),
    "sv": _("Swedish"),
    "fi": _("Finnish"),
    "is": _("Icelandic"),
    "en": _("English"),
}
LANGUAGE_CHOICES = list(LANGUAGE_NAMES.items())


class GlossarySuggestion(models.Model):
    """A term pair mined from linked translations, for staff to accept or reject.

    Pairs are identified by their index terms (stemmed and folded), so a
    rejected pair stays rejected when another inflection turns up.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    source_locale = models.CharField(
        _("source language"), max_length=8, choices=LANGUAGE_CHOICES
    )
    source_key = models.CharField(max_length=100)
    source_term = models.CharField(_("source term"), max_length=100)
    target_locale = models.CharField(
        _("target language"), max_length=8, choices=LANGUAGE_CHOICES
    )
    target_key = models.CharField(max_length=100)
    target_term = models.CharField(_("target term"), max_length=100)
    score = models.FloatField(_("score"))
    groups = models.PositiveIntegerField(_("linked translations"))
    evidence = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    concept = models.ForeignKey(
        GlossaryConcept,
        verbose_name=_("glossary concept"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "source_term"]
        verbose_name = _("glossary suggestion")
        verbose_name_plural = _("glossary suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["source_locale", "source_key", "target_locale", "target_key"],
                name="glossary_suggestion_unique_pair",
            )
        ]
        indexes = [models.Index(fields=["status", "source_locale", "target_locale"])]

    def __str__(self) -> str:
        return (
            f"{self.source_term} ({self.source_locale}) → "
            f"{self.target_term} ({self.target_locale})"
        )
