"""Knowledge bank: publications, learning examples, statistics, comparisons."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio

ITEMS = """
{
  publication(id: "publication:1") {
    year sourceOrganisation externalUrl kind authors publisher bodyHtml
    attachments { title url fileType }
  }
  learningExample(id: "learning_example:1") {
    locale municipalityOrRegion targetGroup whatWasDoneHtml measuredOutcomeHtml
    transferableLessonsHtml contact { name organisation email }
  }
  statisticsItem(id: "statistics:1") {
    source dataYear unit chartType datasetUrl
    dataset {
      labelColumn valueColumns labels
      rows { label values }
      series { name values }
    }
  }
}
"""

MATRIX = """
query Matrix($ids: [ID!], $locale: LocaleCode) {
  comparisonMatrix(ids: $ids, locale: $locale) {
    questions { documentId question }
    rows { country { slug name } cells { shortAnswer countryCode validFrom } }
  }
}
"""

KNOWLEDGE_LISTS = """
{
  publications(locale: "en") { totalCount nodes { documentId } }
  learningExamples(locale: "da") { nodes { documentId locale isFallback } }
  statistics(locale: "en") { nodes { documentId } }
  countryComparisons(locale: "en") {
    nodes { documentId answers { country { name } shortAnswer } }
  }
}
"""


async def test_publication_learning_example_and_statistics(execute) -> None:
    result = await execute(ITEMS)

    assert result.errors is None
    assert result.data == {
        "publication": {
            "year": 2023,
            "sourceOrganisation": "Nordregio",
            "externalUrl": None,
            "kind": "report",
            "authors": ["Anna Berg", "Ola Nordmann"],
            "publisher": "Nordregio",
            "bodyHtml": "<p>Summary.</p>",
            "attachments": [
                {
                    "title": "Full report",
                    "url": "/documents/2/report.pdf",
                    "fileType": "pdf",
                }
            ],
        },
        "learningExample": {
            "locale": "sv",
            "municipalityOrRegion": "Umeå",
            "targetGroup": "Nyanlända",
            "whatWasDoneHtml": "<p>Träffar varje vecka.</p>",
            "measuredOutcomeHtml": "<p>120 deltagare.</p>",
            "transferableLessonsHtml": "<p>Enkelt att starta.</p>",
            "contact": {
                "name": "Eva",
                "organisation": "Umeå kommun",
                "email": "eva@umea.se",
            },
        },
        "statisticsItem": {
            "source": "Nordic Statistics",
            "dataYear": 2023,
            "unit": "%",
            "chartType": "bar",
            "datasetUrl": "/documents/3/employment.csv",
            "dataset": {
                "labelColumn": "Country",
                "valueColumns": ["Men", "Women"],
                "labels": ["Denmark", "Sweden"],
                "rows": [
                    {"label": "Denmark", "values": [61.5, 48.0]},
                    {"label": "Sweden", "values": [65.0, None]},
                ],
                "series": [
                    {"name": "Men", "values": [61.5, 65.0]},
                    {"name": "Women", "values": [48.0, None]},
                ],
            },
        },
    }


async def test_comparison_matrix_of_chosen_comparisons(execute) -> None:
    result = await execute(
        MATRIX,
        {"ids": ["country_comparison:2", "country_comparison:1"], "locale": "da"},
    )

    assert result.errors is None
    assert result.data == {
        "comparisonMatrix": {
            "questions": [
                {
                    "documentId": "country_comparison:2",
                    "question": "Is a language test required for citizenship?",
                },
                {
                    "documentId": "country_comparison:1",
                    "question": "How long is the introduction programme?",
                },
            ],
            "rows": [
                {
                    "country": {"slug": "norway", "name": "Norge"},
                    "cells": [
                        {"shortAnswer": "Yes", "countryCode": "NO", "validFrom": None},
                        None,
                    ],
                },
                {
                    "country": {"slug": "denmark", "name": "Danmark"},
                    "cells": [
                        {"shortAnswer": "Yes", "countryCode": "DK", "validFrom": None},
                        {
                            "shortAnswer": "1-5 years",
                            "countryCode": "DK",
                            "validFrom": "2024-01-01",
                        },
                    ],
                },
                {
                    "country": {"slug": "sweden", "name": "Sverige"},
                    "cells": [
                        None,
                        {
                            "shortAnswer": "2 years",
                            "countryCode": "SE",
                            "validFrom": None,
                        },
                    ],
                },
            ],
        }
    }


async def test_comparison_matrix_of_the_latest_comparisons(execute) -> None:
    result = await execute(MATRIX, {"locale": "en"})

    questions = result.data["comparisonMatrix"]["questions"]
    assert [q["documentId"] for q in questions] == [
        "country_comparison:1",
        "country_comparison:2",
    ]


async def test_knowledge_lists(execute) -> None:
    result = await execute(KNOWLEDGE_LISTS)

    assert result.errors is None
    assert result.data == {
        "publications": {"totalCount": 1, "nodes": [{"documentId": "publication:1"}]},
        "learningExamples": {
            "nodes": [
                {"documentId": "learning_example:1", "locale": "sv", "isFallback": True}
            ]
        },
        "statistics": {"nodes": [{"documentId": "statistics:1"}]},
        "countryComparisons": {
            "nodes": [
                {
                    "documentId": "country_comparison:1",
                    "answers": [
                        {"country": {"name": "Denmark"}, "shortAnswer": "1-5 years"},
                        {"country": {"name": "Sweden"}, "shortAnswer": "2 years"},
                    ],
                },
                {
                    "documentId": "country_comparison:2",
                    "answers": [
                        {"country": {"name": "Norway"}, "shortAnswer": "Yes"},
                        {"country": {"name": "Denmark"}, "shortAnswer": "Yes"},
                    ],
                },
            ]
        },
    }
