"""Public forms in a real browser: event sign-up and an application to a call."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import axe_violations, shoot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_up(page, url: str, name: str, email: str) -> None:
    page.goto(url)
    page.get_by_label("Name").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("I agree").check()
    page.locator(".registration-form button[type=submit]").click()
    page.wait_for_load_state()


def test_sign_up_then_waiting_list_then_full(
    chromium, browser_page, live_server, theme_site
):
    event = theme_site.pages["event"]  # one seat, waiting list on
    url = live_server.url + event.url
    page = browser_page

    _sign_up(page, url, "Amina Hassan", "amina@example.org")
    status = page.get_by_role("status")
    assert "Your place is confirmed" in status.inner_text()
    shoot(page, "sign-up-confirmed")

    page.goto(url)
    button = page.locator(".registration-form button[type=submit]")
    assert button.inner_text() == "Join the waiting list"
    _sign_up(page, url, "Jonas Berg", "jonas@example.org")
    assert "waiting list as number 1" in page.get_by_role("status").inner_text()
    shoot(page, "sign-up-waiting-list")
    assert axe_violations(page) == []

    event.waiting_list_enabled = False
    event.save_revision().publish()
    page.goto(url)
    assert "The event is fully booked." in page.locator("#registration").inner_text()
    assert page.locator(".registration-form").count() == 0
    shoot(page, "sign-up-full")
    assert [r.status for r in event.registrations_for_event().order_by("pk")] == [
        "confirmed",
        "waitlisted",
    ]


def _fill_application(page) -> None:
    page.fill("[name=full_name]", "Amina Hassan")
    page.fill("[name=email]", "amina@example.org")
    page.select_option("[name=country_of_residence]", label="Norway")
    page.check("[name=applicant_type][value=individual]")
    page.fill("[name=education]", "MA in sociology")
    page.fill("[name=current_position]", "Project manager")
    page.check("[name=thematic_knowledge] >> nth=0")
    page.fill("[name=thematic_description]", "Mentoring newly arrived women.")
    page.fill("[name=motivation]", "The forum should hear from women who arrived late.")
    page.check("[name=languages][value=nb]")
    page.check("[name=migrant_background]")
    page.check("[name=consent]")


def test_application_inside_the_window_is_received(
    browser_page, live_server, theme_site, mailoutbox
):
    call = theme_site.pages["call"]
    page = browser_page
    page.goto(live_server.url + call.url)
    shoot(page, "application-form")
    _fill_application(page)
    page.get_by_role("button", name="Send application").click()
    page.wait_for_url("**/thanks/")
    assert "Thank you for your application" in page.locator("main").inner_text()
    shoot(page, "application-thanks")
    assert call.applications.count() == 1


def test_application_after_the_deadline_is_refused(
    browser_page, live_server, theme_site
):
    call = theme_site.pages["call"]
    page = browser_page
    page.goto(live_server.url + call.url)
    _fill_application(page)
    # The deadline passes while the applicant is still writing.
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save_revision().publish()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Send application").click()
    assert posted.value.status == 403
    assert page.get_by_role("alert").is_visible()
    text = page.locator("main").inner_text()
    assert "Applications are no longer accepted" in text
    assert page.locator("form.application-form").count() == 0
    shoot(page, "application-refused-after-deadline")
    assert call.applications.count() == 0
