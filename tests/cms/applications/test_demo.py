"""The demo loader builds both calls in four languages, once, and they render."""

from __future__ import annotations

import datetime

from django.utils import timezone

from applications import demo
from applications.models import CallForApplicationsPage
from core.demo import site
from core.demo.helpers import DemoContext


def load_twice() -> DemoContext:
    for _ in range(2):
        ctx = DemoContext()
        site.load(ctx)
        demo.load(ctx)
    return ctx


def test_demo_loader_is_idempotent(client, db):
    ctx = load_twice()
    assert CallForApplicationsPage.objects.count() == 8
    forum = ctx.pages["expert-forum-call-2021-en"]
    translations = {
        ctx.pages[f"expert-forum-call-2021-{lang}"].locale.language_code
        for lang in ("en", "da", "nb", "sv")
    }
    assert translations == {"en", "da", "nb", "sv"}
    assert len({p.translation_key for k, p in ctx.pages.items() if "forum" in k}) == 1
    assert forum.selection_by == datetime.date(2021, 9, 15)
    assert timezone.localtime(forum.opens_at).date() == datetime.date(2021, 7, 1)
    assert timezone.localtime(forum.closes_at).date() == datetime.date(2021, 8, 31)
    assert forum.themes.count() == 6
    assert forum.live

    forum = client.get(ctx.pages["expert-forum-call-2021-sv"].url)
    assert forum.status_code == 200
    html = forum.content.decode()
    assert "Bli en del av det nordiska expertforumet" in html
    assert "Ansökningar tas inte längre emot" in html
    assert 'class="application-form"' not in html
    # The 2027 call is open from November 2026 to March 2027.
    synthesis = ctx.pages["knowledge-synthesis-2027-call-en"]
    html = client.get(synthesis.url).content.decode()
    assert ('class="application-form"' in html) is synthesis.is_open()
