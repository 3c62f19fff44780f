"""Every public form answers hostile input with a form error, never a server error.

Each form is posted (or, for the filters, requested) once per field and hostile
value: huge numbers, negative ids, unknown choices, NUL bytes, 100 KB strings,
mixed scripts and lists where one value is expected. A refused submission shows
the form again (200) with an error and stores nothing; an accepted one redirects
and stores exactly one record.
"""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest

from applications.models import Application
from core import search_client, views_public
from events.models import EventRegistration

HUGE = "999999999999999999999999"
# Values that no id, number or choice field may accept.
NOT_A_KEY: list[Any] = [
    HUGE,
    "9223372036854775808",  # one past the largest 64-bit integer
    "-9223372036854775809",
    "-" + HUGE,
    "-1",
    "0",
    "1e309",
    "NaN",
    "0x10",
    "1.5",
    "\u0661\u0662",  # Arabic-Indic digits
    "1" * 5000,  # more digits than Python converts by default
    "not-a-choice",
    "\x00",
    "1\x00",
    "x" * 100_000,
    "\u0410mina",  # Cyrillic A, then Latin
    "[1]",
    ["1", HUGE],
    ["-1", "0"],
    [str(number) for number in range(10_000, 10_300)],
]
# Values that no text field may accept: NUL bytes and 100 KB.
NOT_TEXT: list[Any] = ["\x00", "Amina\x00Hassan", "x" * 100_000, ["ok", "\x00"]]
# Odd but harmless text: accepted by a free-text field, never a server error.
ODD_TEXT: list[Any] = [
    "\u0410mina H\u0430ssan",  # Latin and Cyrillic look-alikes
    "\u0623\u0645\u064a\u0646\u0629 Amina \u963f\u7c73\u5a1c",  # Arabic, Latin, Han
    "\u202eanimA",  # right-to-left override
    "Zo\u0308e\u0301\u0301\u0301",  # stacked combining marks
    "\U0001f600\U0001f3f3\ufe0f\u200d\U0001f308",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    ["Amina", "Hassan"],
]
HOSTILE = [*NOT_A_KEY, *NOT_TEXT, *ODD_TEXT]


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    # Hundreds of posts from one address: the per-minute limit is tested elsewhere.
    settings.HUB_FORM_RATE_LIMIT = 0


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def _errors(response, context_name: str) -> dict[str, Any]:
    form = response.context[context_name]
    assert form is not None and form.is_bound
    return form.errors


def _check(response, before: int, after: int, context_name: str) -> dict | None:
    """The common rule: refused (200, errors, nothing stored) or stored (302)."""
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        assert after == before + 1
        return None
    errors = _errors(response, context_name)
    assert errors
    assert after == before
    return errors


# --- the event sign-up ----------------------------------------------------------

SIGN_UP_KEYS = ("country",)
SIGN_UP_TEXT = ("name", "email", "organisation", "accessibility_needs")
SIGN_UP_TEXT += ("dietary_needs",)


def test_event_sign_up_refuses_hostile_values(client, theme_site, subtests):
    from core.models import Country

    event = theme_site.pages["event"]
    url = event.url + event.reverse_subpage("register")
    norway = Country.objects.get(slug="norway", locale=event.locale)
    emails = (f"person{number}@example.org" for number in itertools.count())
    fields = [*SIGN_UP_KEYS, *SIGN_UP_TEXT, "consent", "website"]
    for name, value in itertools.product(fields, HOSTILE):
        with subtests.test(field=name, value=_short(value)):
            data = {
                "name": "Amina Hassan",
                "email": next(emails),
                "country": norway.pk,
                "consent": "on",
                name: value,
            }
            before = EventRegistration.objects.count()
            response = client.post(url, data)
            after = EventRegistration.objects.count()
            errors = _check(response, before, after, "registration_form")
            if name in SIGN_UP_KEYS and value in NOT_A_KEY:
                assert errors and name in errors
            if name in SIGN_UP_TEXT and value in NOT_TEXT:
                assert errors and name in errors
            if name == "name" and value in ODD_TEXT and isinstance(value, str):
                # Names in any script are welcome.
                assert response.status_code == 302
                assert EventRegistration.objects.latest("pk").name == value


# --- the application form -------------------------------------------------------

APPLICATION_KEYS = ("country_of_residence", "thematic_knowledge")
APPLICATION_CHOICES = ("applicant_type", "languages", "gender", "age_group")
APPLICATION_TEXT = (
    "full_name",
    "email",
    "organisation",
    "education",
    "current_position",
    "thematic_description",
    "motivation",
    "country_of_origin",
)


@pytest.fixture
def application_data(theme_site):
    from core.models import Country, Theme

    call = theme_site.pages["call"]
    return {
        "full_name": "Amina Hassan",
        "email": "amina@example.org",
        "country_of_residence": Country.objects.get(
            slug="norway", locale=call.locale
        ).pk,
        "applicant_type": "individual",
        "education": "MA in sociology",
        "current_position": "Project manager",
        "thematic_knowledge": [Theme.objects.get(slug="labour-market").pk],
        "thematic_description": "Ten years of mentoring.",
        "motivation": "The forum should hear from us.",
        "languages": ["sv", "en"],
        "migrant_background": "on",
        "consent": "on",
    }


def test_the_reported_overflow_is_a_form_error(client, theme_site, application_data):
    call = theme_site.pages["call"]
    response = client.post(call.url, {**application_data, "thematic_knowledge": HUGE})
    assert response.status_code == 200
    assert "thematic_knowledge" in response.context["form"].errors
    assert not Application.objects.exists()


def test_application_form_refuses_hostile_values(
    client, theme_site, application_data, subtests
):
    call = theme_site.pages["call"]
    fields = [
        *APPLICATION_KEYS,
        *APPLICATION_CHOICES,
        *APPLICATION_TEXT,
        "migrant_background",
        "consent",
        "website",
    ]
    for name, value in itertools.product(fields, HOSTILE):
        with subtests.test(field=name, value=_short(value)):
            before = Application.objects.count()
            response = client.post(call.url, {**application_data, name: value})
            after = Application.objects.count()
            errors = _check(response, before, after, "form")
            if name in APPLICATION_KEYS + APPLICATION_CHOICES and value in NOT_A_KEY:
                assert errors and name in errors
            if name in APPLICATION_TEXT and value in NOT_TEXT:
                assert errors and name in errors
            if name == "full_name" and value in ODD_TEXT and isinstance(value, str):
                assert response.status_code == 302
                assert Application.objects.latest("pk").full_name == value


# --- the filters and pages of the listings --------------------------------------

LISTING_FILTERS = {
    "events_index": ("kind", "theme", "country", "format", "page"),
    "knowledge": ("kind", "theme", "country", "page"),
    "news_index": ("page",),
}


@pytest.mark.parametrize("page_key", sorted(LISTING_FILTERS))
def test_listing_filters_shrug_off_hostile_values(
    client, theme_site, subtests, page_key
):
    page = theme_site.pages[page_key]
    for name, value in itertools.product(LISTING_FILTERS[page_key], HOSTILE):
        with subtests.test(field=name, value=_short(value)):
            response = client.get(page.url, {name: value})
            assert response.status_code == 200


# --- the search page ------------------------------------------------------------

SEARCH_FIELDS = ("q", "sort", "year", "page", "after", "type", "theme", "country")
SEARCH_FIELDS += ("language", "prev")


@pytest.fixture
def empty_search(monkeypatch):
    """A GraphQL service that finds nothing; records whether it was asked."""
    calls: list[bytes] = []
    answer = {
        "totalCount": 0,
        "didYouMean": None,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "edges": [],
        "facets": {
            "types": [],
            "locales": [],
            "themes": [],
            "countries": [],
            "years": [],
        },
    }

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.content)
        return httpx.Response(200, json={"data": {"search": answer}})

    monkeypatch.setattr(
        views_public,
        "SearchClient",
        lambda: search_client.SearchClient(
            "http://graphql.test/graphql", transport=httpx.MockTransport(handler)
        ),
    )
    return calls


def test_search_page_refuses_hostile_values(client, home, empty_search, subtests):
    for name, value in itertools.product(SEARCH_FIELDS, HOSTILE):
        with subtests.test(field=name, value=_short(value)):
            response = client.get("/en/search/", {"q": "integration", name: value})
            # 400 is the search page's answer to parameters it cannot use.
            assert response.status_code in (200, 400)
            if response.status_code == 400:
                assert response.context["form"].errors
