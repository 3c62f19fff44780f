from .comparison import ComparisonAnswer, ComparisonRow, CountryComparisonPage
from .index import KnowledgeIndexPage
from .items import (
    KnowledgeItemPage,
    LearningExamplePage,
    PublicationPage,
    StatisticsPage,
    StatisticsTable,
)

__all__ = [
    "ComparisonAnswer",
    "ComparisonRow",
    "CountryComparisonPage",
    "KnowledgeIndexPage",
    "KnowledgeItemPage",
    "LearningExamplePage",
    "PublicationPage",
    "StatisticsPage",
    "StatisticsTable",
]
