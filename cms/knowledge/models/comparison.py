"""Country comparisons: one question answered for each Nordic country and territory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.models import ContentPage, Country
from knowledge.choices import KnowledgeKind
from knowledge.forms import CountryComparisonPageForm


@dataclass(frozen=True)
class ComparisonRow:
    """One country's answer, with the country in the page's language."""

    country: Country
    short_answer: str
    details: str
    source_title: str
    source_url: str
    valid_from: date | None


class CountryComparisonPage(ContentPage):
    """One question (e.g. how long the introduction programme lasts) per country."""

    question = models.CharField(
        _("question"),
        max_length=255,
        help_text=_(
            "The question every answer replies to, e.g. 'How long is the "
            "introduction programme for newly arrived refugees?'"
        ),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("How to read the comparison and what it leaves out."),
    )

    knowledge_kind = KnowledgeKind.COUNTRY_COMPARISON
    base_form_class = CountryComparisonPageForm

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("question"),
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldPanel("intro"),
        InlinePanel(
            "answers",
            heading=_("Answers by country"),
            label=_("Answer"),
            help_text=_("One answer per country or territory."),
        ),
        ContentPage.taxonomy_panel,
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("question"),
        index.SearchField("intro"),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("country comparison")
        verbose_name_plural = _("country comparisons")

    @property
    def kind_label(self) -> str:
        return str(KnowledgeKind.COUNTRY_COMPARISON.label)

    def clean(self) -> None:
        super().clean()
        answers = [a for a in self.answers.all() if a.country_id]
        countries = Country.objects.in_bulk({a.country_id for a in answers})
        seen: dict[object, Country] = {}
        for answer in answers:
            country = countries.get(answer.country_id)
            if country is None:
                continue
            if country.translation_key in seen:
                raise ValidationError(
                    _("%(country)s has more than one answer; give it only one.")
                    % {"country": seen[country.translation_key].name}
                )
            seen[country.translation_key] = country

    def matrix(self) -> list[ComparisonRow]:
        """The answers ordered by country (countries, then territories, by name).

        Answers copied from another language still point at that language's
        countries; each is shown as its translation in this page's language.
        """
        answers = [a for a in self.answers.all() if a.country_id]
        countries = Country.objects.in_bulk({a.country_id for a in answers})
        local = {
            c.translation_key: c
            for c in Country.objects.filter(
                translation_key__in=[c.translation_key for c in countries.values()],
                locale_id=self.locale_id,
            )
        }
        rows = []
        for answer in answers:
            country = countries[answer.country_id]
            rows.append(
                ComparisonRow(
                    country=local.get(country.translation_key, country),
                    short_answer=answer.short_answer,
                    details=answer.details,
                    source_title=answer.source_title,
                    source_url=answer.source_url,
                    valid_from=answer.valid_from,
                )
            )
        rows.sort(
            key=lambda row: (
                row.country.kind != Country.Kind.COUNTRY,
                row.country.name.casefold(),
            )
        )
        return rows


class ComparisonAnswer(Orderable):
    """How one country or territory answers a comparison's question."""

    page = ParentalKey(
        CountryComparisonPage, on_delete=models.CASCADE, related_name="answers"
    )
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country or territory"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    short_answer = models.CharField(
        _("short answer"),
        max_length=120,
        help_text=_("A few words for the overview table, e.g. 'up to 3 years'."),
    )
    details = models.TextField(_("details"), blank=True)
    source_title = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("The authority or document the answer comes from."),
    )
    source_url = models.URLField(_("source address"), blank=True)
    valid_from = models.DateField(
        _("valid from"),
        null=True,
        blank=True,
        help_text=_("When the rule took effect, if it matters for the answer."),
    )

    panels = [
        # A plain list of the page language's countries (see the page form).
        FieldPanel("country", widget=forms.Select),
        FieldPanel("short_answer"),
        FieldPanel("details"),
        FieldPanel("source_title"),
        FieldPanel("source_url"),
        FieldPanel("valid_from"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.country}: {self.short_answer}"
