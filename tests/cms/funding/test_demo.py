"""The funding demo loader: a pool page, an open and a closed call, idempotent."""

from __future__ import annotations

from django.utils import translation

from core.demo import site
from core.demo.helpers import DemoContext
from funding import demo
from funding.choices import CallStatus
from funding.models import FundingCallPage, FundingIndexPage


def load_twice() -> DemoContext:
    for _ in range(2):
        ctx = DemoContext()
        site.load(ctx)
        demo.load(ctx)
    return ctx


def test_demo_loader_is_idempotent(db):
    load_twice()
    assert FundingIndexPage.objects.count() == 6
    assert FundingCallPage.objects.count() == 4 + 2


def test_demo_calls_open_now_and_closed(db, client):
    ctx = load_twice()
    open_call = ctx.pages["funding-call-open-en"].specific
    closed_call = ctx.pages["funding-call-closed-en"].specific
    assert open_call.status() == CallStatus.OPEN
    assert open_call.closes_at.year == 2027
    assert closed_call.status() == CallStatus.CLOSED
    with translation.override("en"):
        assert open_call.amount_text() == "100,000–500,000 DKK"
        assert closed_call.amount_text() == "up to 400,000 DKK"
    index = ctx.pages["funding-index-en"].specific
    assert [call.slug for call in index.calls()] == ["call-2026-2027", "call-2025"]
    for lang in ("da", "nb", "sv"):
        translated = ctx.pages[f"funding-call-open-{lang}"]
        assert translated.translation_key == open_call.translation_key
        assert client.get(translated.url).status_code == 200
