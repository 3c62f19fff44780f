"""The funding pool page lists live public calls, open ones first."""

from __future__ import annotations

from wagtail.models import PageViewRestriction


def test_open_calls_first_then_upcoming_then_closed(funding_index, make_call, client):
    make_call("closed-long-ago", -400, -300)
    make_call("upcoming", 10, 40)
    make_call("open-late", -10, 60)
    make_call("closed-recently", -90, -2)
    make_call("open-soon-closing", -30, 5)
    assert [c.slug for c in funding_index.calls()] == [
        "open-soon-closing",
        "open-late",
        "upcoming",
        "closed-recently",
        "closed-long-ago",
    ]
    html = client.get(funding_index.url).content.decode()
    assert html.index("Open soon closing") < html.index("Closed recently")
    assert "Open for applications" in html and "Opens soon" in html


def test_lists_only_live_public_calls(funding_index, make_call, client):
    make_call("visible", -1, 10)
    draft = make_call("draft", -1, 10)
    draft.unpublish()
    private = make_call("private", -1, 10)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    assert [c.slug for c in funding_index.calls()] == ["visible"]
    html = client.get(funding_index.url).content.decode()
    assert "Visible" in html and "Draft" not in html and "Private" not in html
