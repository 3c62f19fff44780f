"""Admin: the outcome of review decisions (dashboard and page editor), and the
hub's dashboard panels (core.dashboard)."""

from __future__ import annotations

from django.contrib import messages
from django.urls import path
from wagtail import hooks

from core import dashboard
from moderation.outcome import DECIDED_ATTR, describe, describe_submission
from moderation.views import ReviewOutcomeView, decided_by


@hooks.register("register_admin_urls")
def register_outcome_url():
    return [
        path(
            "review/outcome/",
            ReviewOutcomeView.as_view(),
            name="moderation_outcome",
        )
    ]


@hooks.register("after_edit_page")
def confirm_decision_in_editor(request, page):
    """The page editor confirms the save; add what the review decision did, or
    who reviews what was just submitted."""
    pks = getattr(request.user, DECIDED_ATTR, None)
    if pks:
        setattr(request.user, DECIDED_ATTR, None)
        states = decided_by(request.user, pks)
        if states:
            messages.success(request, describe(states))
    confirm_submission(request, page)


@hooks.register("after_create_page")
def confirm_submission(request, page):
    if request.method != "POST" or not request.POST.get("action-submit"):
        return
    text = describe_submission(page)
    if text:
        messages.info(request, text)


@hooks.register("construct_homepage_panels")
def add_hub_dashboard_panels(request, panels):
    dashboard.add_panels(request, panels)
