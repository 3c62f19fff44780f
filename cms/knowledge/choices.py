"""Choices for knowledge-bank items."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationKind(models.TextChoices):
    """What sort of publication a PublicationPage presents."""

    RESEARCH_SUMMARY = "research-summary", _("Research summary")
    REPORT = "report", _("Report")
    KNOWLEDGE_SYNTHESIS = "knowledge-synthesis", _("Knowledge synthesis")


class KnowledgeKind(models.TextChoices):
    """Every kind of item in the knowledge bank, as readers filter them."""

    RESEARCH_SUMMARY = "research-summary", _("Research summary")
    REPORT = "report", _("Report")
    KNOWLEDGE_SYNTHESIS = "knowledge-synthesis", _("Knowledge synthesis")
    LEARNING_EXAMPLE = "learning-example", _("Learning example")
    STATISTICS = "statistics", _("Statistics")
    COUNTRY_COMPARISON = "country-comparison", _("Country comparison")


class ChartType(models.TextChoices):
    """How a statistics item will be drawn once charts are added."""

    BAR = "bar", _("Bar chart")
    LINE = "line", _("Line chart")
