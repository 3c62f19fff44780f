"""News: a listing page per language and the articles below it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import ContentPage
from core.visibility import public_pages


class NewsIndexPage(ContentPage):
    """Lists the news articles of one language, newest first."""

    content_panels = [*ContentPage.content_panels, FieldPanel("lead")]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    page_size = 20

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = public_pages(NewsPage.objects.child_of(self)).order_by(
            "-date", "-pk"
        )
        paginator = Paginator(articles, self.page_size)
        context["articles"] = paginator.get_page(request.GET.get("page"))
        return context


class NewsPage(ContentPage):
    """A news article with lead, body, main image and taxonomy."""

    date = models.DateField(_("date"), default=timezone.localdate)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldPanel("body"),
        ContentPage.taxonomy_panel,
        InlinePanel(
            "related_links", heading=_("Related items"), label=_("Related item")
        ),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")


class NewsRelatedLink(Orderable):
    """Another page of the hub that readers of an article may want next."""

    source = ParentalKey(
        NewsPage, on_delete=models.CASCADE, related_name="related_links"
    )
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related item")
