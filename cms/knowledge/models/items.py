"""Knowledge-bank items: publications, learning examples and statistics."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BodyBlock, DocumentBlock
from core.models import ContentPage
from knowledge.choices import ChartType, KnowledgeKind, PublicationKind
from knowledge.datasets import MAX_BYTES, Dataset, DatasetError, parse_dataset
from knowledge.validators import year_validators

DATASET_EXTENSIONS = ("csv", "txt")


class KnowledgeItemPage(ContentPage):
    """Fields every knowledge-bank item shares: year, source, attachments, body."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=year_validators(),
        help_text=_("The year the item was published or carried out."),
    )
    source_organisation = models.CharField(
        _("source organisation"),
        max_length=200,
        blank=True,
        help_text=_("Who produced it, e.g. 'Nordregio' or 'NordForsk'."),
    )
    external_url = models.URLField(
        _("external address"),
        blank=True,
        help_text=_("Where the full item can be read, if it is published elsewhere."),
    )
    attachments = StreamField(
        [("document", DocumentBlock())],
        blank=True,
        verbose_name=_("attachments"),
        help_text=_("Downloadable files: the full report, appendices, slides."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    knowledge_kind: str = ""

    source_panel = MultiFieldPanel(
        [
            FieldPanel("year"),
            FieldPanel("source_organisation"),
            FieldPanel("external_url"),
        ],
        heading=_("Source"),
    )
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.SearchField("source_organisation"),
        index.FilterField("year"),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    @property
    def kind_label(self) -> str:
        return str(KnowledgeKind(self.knowledge_kind).label)


class PublicationPage(KnowledgeItemPage):
    """A research summary, report or knowledge synthesis in the knowledge bank."""

    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=PublicationKind.choices,
        default=PublicationKind.REPORT,
    )
    authors = models.CharField(
        _("authors"),
        max_length=500,
        blank=True,
        help_text=_("Names separated by commas, as on the publication."),
    )
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("kind"),
        FieldPanel("lead"),
        FieldPanel("main_image"),
        MultiFieldPanel(
            [FieldPanel("authors"), FieldPanel("publisher")],
            heading=_("Authors and publisher"),
        ),
        KnowledgeItemPage.source_panel,
        FieldPanel("body"),
        FieldPanel("attachments"),
        ContentPage.taxonomy_panel,
    ]
    search_fields = [
        *KnowledgeItemPage.search_fields,
        index.SearchField("authors"),
        index.SearchField("publisher"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    @property
    def knowledge_kind(self) -> str:  # type: ignore[override]
        return self.kind

    @property
    def author_list(self) -> list[str]:
        return [name.strip() for name in self.authors.split(",") if name.strip()]


class LearningExamplePage(KnowledgeItemPage):
    """A practice from a municipality or organisation that others can learn from."""

    municipality_or_region = models.CharField(
        _("municipality or region"), max_length=200, blank=True
    )
    target_group = models.CharField(
        _("target group"),
        max_length=300,
        blank=True,
        help_text=_("Who the practice is for, e.g. 'newly arrived women'."),
    )
    what_was_done = RichTextField(
        _("what was done"), blank=True, features=RICH_TEXT_FEATURES
    )
    measured_outcome = RichTextField(
        _("measured outcome"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What changed, and how it was measured or evaluated."),
    )
    transferable_lessons = RichTextField(
        _("transferable lessons"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What others can transfer to their own municipality or country."),
    )
    contact_name = models.CharField(_("contact name"), max_length=160, blank=True)
    contact_organisation = models.CharField(
        _("contact organisation"), max_length=200, blank=True
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    knowledge_kind = KnowledgeKind.LEARNING_EXAMPLE

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("lead"),
        FieldPanel("main_image"),
        MultiFieldPanel(
            [FieldPanel("municipality_or_region"), FieldPanel("target_group")],
            heading=_("Where and for whom"),
        ),
        FieldPanel("what_was_done"),
        FieldPanel("measured_outcome"),
        FieldPanel("transferable_lessons"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_organisation"),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact"),
        ),
        KnowledgeItemPage.source_panel,
        FieldPanel("body"),
        FieldPanel("attachments"),
        ContentPage.taxonomy_panel,
    ]
    search_fields = [
        *KnowledgeItemPage.search_fields,
        index.SearchField("municipality_or_region"),
        index.SearchField("target_group"),
        index.SearchField("what_was_done"),
        index.SearchField("measured_outcome"),
        index.SearchField("transferable_lessons"),
    ]

    class Meta:
        verbose_name = _("learning example")
        verbose_name_plural = _("learning examples")

    def clean(self) -> None:
        super().clean()
        if self.contact_email and not self.contact_name:
            raise ValidationError(
                {"contact_name": _("Give the name of the person behind the e-mail.")}
            )


@dataclass(frozen=True)
class StatisticsTable:
    """A dataset formatted for reading: numbers as text in the reader's language."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


def format_number(value: float | None) -> str:
    """1234.5 -> '1234.5' or '1234,5' by the active language; '' for no figure."""
    if value is None:
        return ""
    number = Decimal(repr(value))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return number_format(number)


def read_dataset(document) -> Dataset:
    """Read and parse the CSV file of a Wagtail document.

    Raises:
        DatasetError: when the document is not a usable CSV file.
    """
    extension = document.file_extension.lower()
    if extension not in DATASET_EXTENSIONS:
        raise DatasetError(
            _(
                "Choose a CSV document (a file ending in .csv); this one is a "
                "%(extension)s file."
            )
            % {"extension": extension.upper() or _("unknown")}
        )
    try:
        with document.open_file() as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DatasetError(
            _("The file of this document cannot be read; upload it again.")
        ) from exc
    return parse_dataset(data)


class StatisticsPage(KnowledgeItemPage):
    """Figures from a CSV file an editor uploads, shown as a table (later a chart)."""

    dataset = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("dataset (CSV)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Upload the figures as a CSV document: a header row, the labels in the "
            "first column and numbers in the others (decimal point or comma). "
            "Comma or semicolon separated, UTF-8, at most 2,000 rows and 50 columns."
        ),
    )
    source = models.CharField(
        _("source of the figures"),
        max_length=255,
        help_text=_("The statistics database or table the figures come from."),
    )
    data_year = models.PositiveSmallIntegerField(
        _("year of the data"),
        null=True,
        blank=True,
        validators=year_validators(1900),
    )
    unit = models.CharField(
        _("unit"),
        max_length=60,
        blank=True,
        help_text=_("What the numbers count, e.g. '%', 'persons' or 'DKK'."),
    )
    chart_type = models.CharField(
        _("chart type"),
        max_length=10,
        choices=ChartType.choices,
        default=ChartType.BAR,
    )
    series = models.JSONField(
        _("parsed figures"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Filled from the CSV file whenever the page is validated."),
    )

    knowledge_kind = KnowledgeKind.STATISTICS

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("lead"),
        FieldPanel("main_image"),
        MultiFieldPanel(
            [
                FieldPanel("dataset"),
                FieldPanel("source"),
                FieldPanel("data_year"),
                FieldPanel("unit"),
                FieldPanel("chart_type"),
            ],
            heading=_("Dataset"),
        ),
        KnowledgeItemPage.source_panel,
        FieldPanel("body"),
        FieldPanel("attachments"),
        ContentPage.taxonomy_panel,
    ]
    search_fields = [
        *KnowledgeItemPage.search_fields,
        index.SearchField("source"),
        index.FilterField("data_year"),
    ]

    class Meta:
        verbose_name = _("statistics item")
        verbose_name_plural = _("statistics items")

    def clean(self) -> None:
        super().clean()
        if self.dataset_id is None:
            self.series = {}
            return
        try:
            self.series = read_dataset(self.dataset).to_json()
        except DatasetError as exc:
            raise ValidationError({"dataset": exc.message}) from exc

    def save(self, *args, **kwargs):
        # Drafts are saved without clean(); parse quietly so the preview has figures.
        if self.dataset_id is not None and not self.series:
            try:
                self.series = read_dataset(self.dataset).to_json()
            except DatasetError:
                pass
        return super().save(*args, **kwargs)

    @property
    def parsed_dataset(self) -> Dataset | None:
        return Dataset.from_json(self.series)

    def table(self) -> StatisticsTable | None:
        """The figures as text for the accessible table; ``None`` without data."""
        dataset = self.parsed_dataset
        if dataset is None:
            return None
        return StatisticsTable(
            columns=dataset.columns,
            rows=tuple(
                (row.label, tuple(format_number(v) for v in row.values))
                for row in dataset.rows
            ),
        )
