"""Abstract base for the hub's content pages: lead, main image and taxonomy."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django import forms
from django.conf import settings
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
from core.search_text import extra_search_text

TAXONOMY_FIELDS = ("themes", "countries", "goals")


class AdminSearchMixin(models.Model):
    """Gives Wagtail's search (the admin's) the words editors type that the
    item's text lacks: compound parts, folded letters, its dates and its
    language's name (see :mod:`core.search_text`), in ``admin_search_text``.

    Add :attr:`admin_search_fields` to the model's ``search_fields``. A model
    (abstract, no fields): the engine backends name an indexed method after
    the model that defines it.
    """

    #: The texts whose compounds are split and letters folded.
    admin_search_text_fields: ClassVar[tuple[str, ...]] = ("title",)
    #: The item's own dates; ``None``: every date field the model declares
    #: itself (Wagtail's bookkeeping dates and automatic timestamps left out).
    admin_search_date_fields: ClassVar[tuple[str, ...] | None] = None
    admin_search_fields: ClassVar[list[index.BaseField]] = [
        index.SearchField("admin_search_text"),
        index.AutocompleteField("admin_search_text"),
    ]

    @classmethod
    def admin_search_date_names(cls) -> tuple[str, ...]:
        if cls.admin_search_date_fields is not None:
            return cls.admin_search_date_fields
        return tuple(
            field.name
            for field in cls._meta.concrete_fields
            if isinstance(field, models.DateField)
            and not (field.auto_now or field.auto_now_add)
            and not field.model._meta.app_label.startswith("wagtail")
        )

    def admin_search_dates(self) -> list[dt.date | dt.datetime]:
        values = (getattr(self, name, None) for name in self.admin_search_date_names())
        return [value for value in values if isinstance(value, dt.date)]

    def admin_search_language(self) -> str:
        if getattr(self, "locale_id", None) is None:  # a page not yet placed
            return str(settings.LANGUAGE_CODE)
        return str(self.locale.language_code)

    def admin_search_text(self) -> str:
        return extra_search_text(
            (getattr(self, name, "") for name in self.admin_search_text_fields),
            self.admin_search_language(),
            self.admin_search_dates(),
            time_zone=getattr(self, "time_zone", None),
        )

    @property
    def admin_listing_date(self) -> dt.date | dt.datetime | None:
        """The item's first own date (an event's start, an article's date)."""
        dates = self.admin_search_dates()
        return dates[0] if dates else None

    class Meta:
        abstract = True


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


class ContentPage(AdminSearchMixin, Page):
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
    admin_search_text_fields = ("title", "lead")
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        # The admin's page search completes words as the editor types:
        # words of the lead are found there too, not only the title's.
        index.AutocompleteField("lead"),
        *AdminSearchMixin.admin_search_fields,
    ]

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
