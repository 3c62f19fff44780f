"""The events list: upcoming and past events, narrowed by filters."""

from __future__ import annotations


def test_upcoming_and_past_events_are_listed_apart(client, theme_site):
    html = client.get(theme_site.pages["events_index"].url).content.decode()
    upcoming, past = html.split('id="past-heading"')
    assert "Seminar on language at work" in upcoming
    assert "Conference in Copenhagen" in past


def test_filters_narrow_the_list(client, theme_site):
    url = theme_site.pages["events_index"].url
    html = client.get(url, {"kind": "webinar"}).content.decode()
    assert "Webinar that was cancelled" in html
    assert "Seminar on language at work" not in html
    html = client.get(url, {"format": "in_person"}).content.decode()
    assert "Webinar that was cancelled" not in html
    assert "Seminar on language at work" in html
    html = client.get(url, {"country": "norway"}).content.decode()
    assert "Seminar on language at work" in html
    assert "Conference in Copenhagen" not in html


def test_unknown_filter_value_is_an_error_not_a_crash(client, theme_site):
    response = client.get(theme_site.pages["events_index"].url, {"kind": "party"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="event-filter-kind-error"' in html
