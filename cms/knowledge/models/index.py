"""The knowledge bank's listing page, with filters and pagination."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import ContentPage
from core.visibility import public_pages
from knowledge.choices import KnowledgeKind, PublicationKind
from knowledge.forms import KnowledgeFilterForm

from .comparison import CountryComparisonPage
from .items import LearningExamplePage, PublicationPage, StatisticsPage

ITEM_MODELS: tuple[type[Page], ...] = (
    PublicationPage,
    LearningExamplePage,
    StatisticsPage,
    CountryComparisonPage,
)
PER_PAGE = 12


class KnowledgeIndexPage(ContentPage):
    """The knowledge bank of one language: research, examples, statistics."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("Shown above the list of items."),
    )

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldPanel("body"),
    ]
    search_fields = [*ContentPage.search_fields, index.SearchField("body")]
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = [
        "knowledge.PublicationPage",
        "knowledge.LearningExamplePage",
        "knowledge.StatisticsPage",
        "knowledge.CountryComparisonPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge bank index page")

    def items(
        self, *, kind: str = "", theme: str = "", country: str = ""
    ) -> QuerySet[Page]:
        """Live, public items below this page, newest first, filtered by key.

        Args:
            kind: a KnowledgeKind value.
            theme: a Theme slug (the same in every language).
            country: a Country slug; comparisons match it through their answers too.
        """
        ids: list[int] = []
        for model in ITEM_MODELS:
            queryset = public_pages(model.objects.child_of(self))
            if kind:
                if model is PublicationPage:
                    if kind not in PublicationKind.values:
                        continue
                    queryset = queryset.filter(kind=kind)
                elif model.knowledge_kind != kind:
                    continue
            if theme:
                queryset = queryset.filter(themes__slug=theme)
            if country:
                match = Q(countries__slug=country)
                if model is CountryComparisonPage:
                    match |= Q(answers__country__slug=country)
                queryset = queryset.filter(match)
            ids.extend(queryset.values_list("pk", flat=True))
        return (
            Page.objects.filter(pk__in=ids)
            .specific()
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = KnowledgeFilterForm(request.GET or None, locale=self.locale)
        filters = form.filters()
        paginator = Paginator(self.items(**filters), PER_PAGE)
        context.update(
            filter_form=form,
            filters=filters,
            items=paginator.get_page(request.GET.get("page")),
            kinds=dict(KnowledgeKind.choices),
        )
        return context
