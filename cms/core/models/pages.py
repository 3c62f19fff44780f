"""Home page and standard pages (programme, organisation, contact)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock

from .mixins import ContentPage


class HomePage(ContentPage):
    """The front page of one language version of the hub."""

    hero_title = models.CharField(_("hero title"), max_length=160, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldPanel("body"),
    ]
    search_fields = [*ContentPage.search_fields, index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(ContentPage):
    """A general page: the programme, the organisation's groups, contact information."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldPanel("body"),
        ContentPage.taxonomy_panel,
    ]
    search_fields = [*ContentPage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
