"""Demo calls: the 2021 expert forum call (closed) and an open call to try the form."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from applications.demo_texts import FORUM_2021, SYNTHESIS_2027
from applications.models import CallForApplicationsPage
from core.demo.helpers import DemoContext, upsert_page, upsert_translation

CPH = ZoneInfo("Europe/Copenhagen")
FORUM_THEMES = [
    "labour-market",
    "education",
    "health-social",
    "gender-equality",
    "democracy-citizenship",
    "segregation-housing",
]


def _body(sections: list[tuple[str, list[str]]]) -> list[tuple[str, Any]]:
    blocks: list[tuple[str, Any]] = []
    for heading, paragraphs in sections:
        blocks.append(("heading", {"text": heading, "level": "h2"}))
        blocks.extend(("paragraph", f"<p>{text}</p>") for text in paragraphs)
    return blocks


CALLS = [
    {
        "key": "expert-forum-call-2021",
        "texts": FORUM_2021,
        "opens_at": datetime.datetime(2021, 7, 1, 0, 0, tzinfo=CPH),
        "closes_at": datetime.datetime(2021, 8, 31, 23, 59, tzinfo=CPH),
        "selection_by": datetime.date(2021, 9, 15),
        "themes": FORUM_THEMES,
    },
    {
        "key": "knowledge-synthesis-2027-call",
        "texts": SYNTHESIS_2027,
        "opens_at": datetime.datetime(2026, 11, 1, 9, 0, tzinfo=CPH),
        "closes_at": datetime.datetime(2027, 3, 31, 23, 59, tzinfo=CPH),
        "selection_by": datetime.date(2027, 4, 30),
        "themes": [*FORUM_THEMES, "language-training", "children-young-people"],
    },
]


def load(ctx: DemoContext) -> None:
    for call in CALLS:
        source: CallForApplicationsPage | None = None
        for lang, text in call["texts"].items():
            fields = {
                "title": text["title"],
                "lead": text["lead"],
                "body": _body(text["body"]),
                "criteria": text["criteria"],
                "privacy_notice": text["privacy_notice"],
                "opens_at": call["opens_at"],
                "closes_at": call["closes_at"],
                "selection_by": call["selection_by"],
                "notify_email": "integration@norden.example",
                "themes": ctx.terms("themes", call["themes"], lang),
            }
            if source is None:
                source = upsert_page(
                    ctx.homes["en"], CallForApplicationsPage, call["key"], **fields
                )
                page = source
            else:
                page = upsert_translation(source, lang, ctx.locales, **fields)
            ctx.pages[f"{call['key']}-{lang}"] = page
