"""Abstract base for the hub's content pages: lead, main image and taxonomy."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from core.blocks import BodyBlock

TAXONOMY_FIELDS = ("themes", "countries", "goals")


class TaxonomyPageForm(WagtailAdminPageForm):
    """Offers only the taxonomy terms of the page's own language.

    A page copied for translation still points at the source language's terms; the
    form maps them to their translations so that saving keeps the selection.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self._page_locale()
        if locale is None:
            return
        for name in TAXONOMY_FIELDS:
            field = self.fields.get(name)
            if field is None:
                continue
            model = field.queryset.model
            field.queryset = model.objects.filter(locale=locale)
            if self.instance.pk and not self.is_bound:
                selected = getattr(self.instance, name).all()
                self.initial[name] = [
                    (term.get_translation_or_none(locale) or term).pk
                    for term in selected
                ]

    def _page_locale(self) -> Locale | None:
        if self.instance.locale_id:
            return self.instance.locale
        if self.parent_page is not None:
            return self.parent_page.locale
        return None


class ContentPage(Page):
    """Fields every editorial page shares; concrete page types extend it."""

    lead = models.TextField(
        _("lead"),
        blank=True,
        max_length=600,
        help_text=_(
            "One or two sentences shown in listings, search results and feeds."
        ),
    )
    main_image = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    themes = ParentalManyToManyField(
        "core.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    countries = ParentalManyToManyField(
        "core.Country",
        blank=True,
        related_name="+",
        verbose_name=_("countries and territories"),
    )
    goals = ParentalManyToManyField(
        "core.VisionGoal",
        blank=True,
        related_name="+",
        verbose_name=_("Vision 2030 goals"),
    )

    base_form_class = TaxonomyPageForm

    taxonomy_panel = MultiFieldPanel(
        [
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
            FieldPanel("goals", widget=forms.CheckboxSelectMultiple),
        ],
        heading=_("Taxonomy"),
    )
    search_fields = [*Page.search_fields, index.SearchField("lead")]

    class Meta:
        abstract = True


class IntroducedIndexPage(ContentPage):
    """A list page of one language with an introduction above the list."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldPanel("body"),
    ]
    search_fields = [*ContentPage.search_fields, index.SearchField("body")]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class MeetingRecord(Orderable):
    """A meeting of a group or network: date, title, summary and the minutes."""

    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    minutes = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"
