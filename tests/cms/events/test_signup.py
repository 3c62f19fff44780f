"""The public sign-up form on an event page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from events.choices import RegistrationStatus
from events.models import EventRegistration
from tests.cms.events.conftest import at, sign_up


def form_data(number: int = 1, **overrides) -> dict[str, str]:
    data = {
        "name": f"Person {number}",
        "email": f"person{number}@example.org",
        "organisation": "Malmö stad",
        "accessibility_needs": "Step-free access",
        "dietary_needs": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def register_url(event) -> str:
    return event.url + event.reverse_subpage("register")


@pytest.fixture
def post_sign_up(client, django_capture_on_commit_callbacks):
    """POST the form, running the e-mails queued for after the commit."""

    def post(event, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(register_url(event), data, **kwargs)

    return post


def test_open_event_shows_the_form(client, make_event):
    event = make_event(capacity=5)
    html = client.get(event.url).content.decode()
    assert 'action="' + register_url(event) + '"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "5 seats left." in html
    assert '<label for="registration-email">' in html


def test_sign_up_confirms_redirects_and_sends_an_email(
    client, make_event, post_sign_up
):
    event = make_event(capacity=5)
    response = post_sign_up(event, form_data())
    thanks = event.url + event.reverse_subpage("registration_thanks")
    assert response.status_code == 302 and response["Location"] == thanks
    registration = EventRegistration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.position is None
    assert registration.accessibility_needs == "Step-free access"
    assert registration.language == "en"
    page = client.get(thanks).content.decode()
    assert "Your place is confirmed." in page
    assert 'name="email"' not in page
    [message] = mail.outbox
    assert message.to == ["person1@example.org"]
    assert message.subject == f"Your place is confirmed: {event.title}"
    assert (
        "10 March 2027, 09:00–16:00" in message.body
        and "Europe/Copenhagen" in message.body
    )


def test_thanks_page_without_a_sign_up_goes_back_to_the_event(client, make_event):
    event = make_event()
    response = client.get(event.url + event.reverse_subpage("registration_thanks"))
    assert response.status_code == 302 and response["Location"] == event.url


def test_full_event_puts_people_on_the_waiting_list(client, make_event, post_sign_up):
    event = make_event(capacity=1)
    sign_up(event, 1)
    assert "join the waiting list" in client.get(event.url).content.decode().lower()
    post_sign_up(event, form_data(2))
    post_sign_up(event, form_data(3))
    second, third = EventRegistration.objects.filter(
        status=RegistrationStatus.WAITLISTED
    ).order_by("position")
    assert (second.email, second.position) == ("person2@example.org", 1)
    assert (third.email, third.position) == ("person3@example.org", 2)
    page = client.get(event.url + event.reverse_subpage("registration_thanks"))
    assert "on the waiting list as number 2" in page.content.decode()
    assert mail.outbox[-1].subject.startswith("You are on the waiting list")
    assert "number 2" in mail.outbox[-1].body


def test_full_event_without_waiting_list_refuses(client, make_event, post_sign_up):
    event = make_event(capacity=1, waiting_list_enabled=False)
    sign_up(event, 1)
    page = client.get(event.url).content.decode()
    assert "The event is fully booked." in page
    assert 'name="email"' not in page
    response = post_sign_up(event, form_data(2))
    assert response.status_code == 403
    assert "The event is fully booked." in response.content.decode()
    assert EventRegistration.objects.count() == 1


@pytest.mark.parametrize(
    ("window", "message"),
    [
        (
            {"registration_opens": at(2027, 1, 15, 10)},
            "Sign-up opens on 15 January 2027 at 10:00",
        ),
        (
            {
                "registration_opens": at(2026, 1, 1),
                "registration_closes": at(2026, 2, 1),
            },
            "Sign-up for this event is closed.",
        ),
    ],
    ids=["before-opening", "after-closing"],
)
def test_sign_up_outside_the_window_is_refused(
    client, make_event, post_sign_up, window, message
):
    event = make_event(**window)
    page = client.get(event.url)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert 'name="email"' not in page.content.decode()
    response = post_sign_up(event, form_data())
    assert response.status_code == 403
    assert message in response.content.decode()
    assert "Your sign-up was not accepted." in response.content.decode()
    assert not EventRegistration.objects.exists()
    assert not mail.outbox


def test_past_event_refuses_sign_up(client, make_event, post_sign_up):
    event = make_event(
        start=at(2025, 5, 1, 9),
        end=at(2025, 5, 1, 12),
        registration_opens=at(2025, 1, 1),
        registration_closes=None,
    )
    assert post_sign_up(event, form_data()).status_code == 403
    assert not EventRegistration.objects.exists()


def test_same_email_twice_is_refused(client, make_event, post_sign_up):
    event = make_event()
    post_sign_up(event, form_data())
    response = post_sign_up(event, form_data(email="PERSON1@example.org "))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This e-mail address is already signed up for the event." in html
    assert 'aria-describedby="registration-email-help registration-email-error"' in html
    assert EventRegistration.objects.count() == 1


def test_cancelled_person_can_sign_up_again(make_event):
    event = make_event()
    sign_up(event, 1).cancel()
    again = sign_up(event, 1)
    assert again.status == RegistrationStatus.CONFIRMED


def test_filled_honeypot_is_rejected(client, make_event, post_sign_up):
    event = make_event()
    response = post_sign_up(event, form_data(website="https://spam.example"))
    assert response.status_code == 200
    assert "Your sign-up could not be accepted." in response.content.decode()
    assert not EventRegistration.objects.exists()
    assert not mail.outbox


def test_missing_fields_get_their_own_errors(client, make_event, post_sign_up):
    event = make_event()
    response = post_sign_up(
        event, form_data(name="", email="not-an-address", consent="")
    )
    assert response.status_code == 200
    form = response.context["registration_form"]
    assert set(form.errors) == {"name", "email", "consent"}
    html = response.content.decode()
    assert 'id="registration-name-error"' in html
    assert 'aria-invalid="true"' in html
    assert "Please agree so that we can sign you up." in html
    assert not EventRegistration.objects.exists()


def test_get_on_the_register_address_goes_back_to_the_form(client, make_event):
    event = make_event()
    response = client.get(register_url(event))
    assert response.status_code == 302
    assert response["Location"] == event.url + "#registration"


def test_post_without_csrf_token_is_refused(make_event):
    event = make_event()
    response = Client(enforce_csrf_checks=True).post(register_url(event), form_data())
    assert response.status_code == 403
    assert not EventRegistration.objects.exists()


def test_country_choices_are_in_the_page_language(client, make_event, locales):
    from core.models import Country

    denmark = Country.objects.create(
        name="Denmark", slug="denmark", code="DK", locale=locales["en"]
    )
    Country.objects.create(
        name="Danmark",
        slug="denmark",
        code="DK",
        locale=locales["da"],
        translation_key=denmark.translation_key,
    )
    event = make_event()
    html = client.get(event.url).content.decode()
    assert "Denmark" in html and "Danmark" not in html
    client.post(register_url(event), form_data(country=str(denmark.pk)))
    assert EventRegistration.objects.get().country == denmark


def test_email_is_in_the_language_of_the_page(
    make_event, locales, django_capture_on_commit_callbacks
):
    event = make_event()
    danish = event.copy_for_translation(locales["da"], copy_parents=True)
    danish.title = "Seminar om sprog"
    danish.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(danish, 7)
    [message] = mail.outbox
    assert message.subject == "Din plads er bekræftet: Seminar om sprog"
    assert "10. marts 2027, 09:00–16:00" in message.body


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("nb", "Plassen din er bekreftet"),
        ("sv", "Din plats är bekräftad"),
        ("fi", "Paikkasi on vahvistettu"),
        ("is", "Sætið þitt er staðfest"),
    ],
)
def test_every_content_language_has_its_own_emails(
    make_event, locales, django_capture_on_commit_callbacks, language, subject
):
    event = make_event()
    version = event.copy_for_translation(locales[language], copy_parents=True)
    version.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(version, 8)
    [message] = mail.outbox
    assert message.subject == f"{subject}: {version.title}"
    assert "Norden" in message.body and "Dear" not in message.body
