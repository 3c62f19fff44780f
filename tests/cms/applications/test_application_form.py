"""The public form: only inside the window, validated, stored and confirmed."""

from __future__ import annotations

import pytest
from django.core import mail

from applications.models import Application


@pytest.fixture
def valid_data(country, theme):
    return {
        "full_name": "Amina Hassan",
        "email": "amina@example.org",
        "country_of_residence": country.pk,
        "applicant_type": "organisation",
        "organisation": "New Neighbours Network",
        "education": "MA in sociology",
        "current_position": "Project manager",
        "thematic_knowledge": [theme.pk],
        "thematic_description": "Ten years of mentoring newly arrived women.",
        "motivation": "The forum should hear from women who arrived late.",
        "languages": ["sv", "en"],
        "migrant_background": "on",
        "gender": "woman",
        "age_group": "40-49",
        "country_of_origin": "Somalia",
        "consent": "on",
        "website": "",
    }


def form_of(response):
    return response.context["form"]


def test_open_call_shows_the_form_with_privacy_notice(client, open_call):
    response = client.get(open_call.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="application-form"' in html
    assert "csrfmiddlewaretoken" in html
    assert "The secretariat reads your application." in html
    assert "Gender (optional)" in html
    assert "Prefer not to say" in html


def test_valid_application_is_stored_and_confirmed(
    client, open_call, valid_data, country, theme
):
    response = client.post(open_call.url, valid_data)
    assert response.status_code == 302
    assert response["Location"] == open_call.url + "thanks/"

    application = Application.objects.get()
    assert application.call_id == open_call.pk
    assert application.full_name == "Amina Hassan"
    assert application.email == "amina@example.org"
    assert application.country_of_residence == country
    assert application.applicant_type == "organisation"
    assert application.organisation == "New Neighbours Network"
    assert application.education == "MA in sociology"
    assert application.current_position == "Project manager"
    assert list(application.thematic_knowledge.all()) == [theme]
    assert application.thematic_description.startswith("Ten years")
    assert application.motivation.startswith("The forum should")
    assert application.languages == ["sv", "en"]
    assert application.migrant_background is True
    assert application.gender == "woman"
    assert application.age_group == "40-49"
    assert application.country_of_origin == "Somalia"
    assert application.consent is True
    assert application.submitted_at is not None
    assert application.erased_at is None

    receipt, notice = mail.outbox
    assert receipt.to == ["amina@example.org"]
    assert "Join the expert forum" in receipt.subject
    assert "Dear Amina Hassan" in receipt.body
    assert notice.to == ["staff@norden.example"]
    assert f"/admin/applications/inspect/{application.pk}/" in notice.body
    assert "amina@example.org" not in notice.body

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you for your application" in thanks.content.decode()
    assert 'class="application-form"' not in thanks.content.decode()


def test_no_staff_notice_without_notify_email(client, open_call, valid_data):
    open_call.notify_email = ""
    open_call.save_revision().publish()
    client.post(open_call.url, valid_data)
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]


def test_diversity_questions_are_optional(client, open_call, valid_data):
    for name in ("gender", "age_group", "country_of_origin"):
        valid_data.pop(name)
    response = client.post(open_call.url, valid_data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.gender, application.age_group) == ("", "")
    assert application.country_of_origin == ""


def test_prefer_not_to_say_is_stored(client, open_call, valid_data):
    valid_data.update(gender="undisclosed", age_group="undisclosed")
    client.post(open_call.url, valid_data)
    application = Application.objects.get()
    assert application.get_gender_display() == "Prefer not to say"
    assert application.get_age_group_display() == "Prefer not to say"


def test_individual_expert_needs_no_organisation(client, open_call, valid_data):
    valid_data.update(applicant_type="individual", organisation="")
    assert client.post(open_call.url, valid_data).status_code == 302
    assert Application.objects.get().applicant_type == "individual"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"consent": ""}, "consent", "We can only handle your application"),
        ({"organisation": ""}, "organisation", "Name the organisation"),
        ({"email": "amina@"}, "email", "Enter a valid email address."),
        ({"motivation": "x" * 4001}, "motivation", "at most 4000 characters"),
        ({"migrant_background": ""}, "migrant_background", "open only to people"),
        ({"languages": []}, "languages", "Tick at least one language."),
        ({"thematic_knowledge": []}, "thematic_knowledge", "Tick at least one"),
        ({"full_name": ""}, "full_name", "This field is required."),
        ({"gender": "robot"}, "gender", "Select a valid choice."),
    ],
)
def test_invalid_input_shows_field_errors(
    client, open_call, valid_data, changes, field, message
):
    valid_data.update(changes)
    response = client.post(open_call.url, valid_data)
    assert response.status_code == 200
    errors = form_of(response).errors
    assert list(errors) == [field]
    assert message in " ".join(errors[field])
    html = response.content.decode()
    # The error is tied to its field and listed in the summary with a link to it.
    assert f'id="id_{field}_error"' in html
    assert f'href="#id_{field}"' in html
    assert Application.objects.count() == 0
    assert mail.outbox == []


def test_error_is_announced_on_the_input(client, open_call, valid_data):
    valid_data["email"] = "not-an-address"
    html = client.post(open_call.url, valid_data).content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_error"' in html


def test_honeypot_filled_stores_nothing(client, open_call, valid_data):
    valid_data["website"] = "http://spam.example"
    response = client.post(open_call.url, valid_data)
    assert response.status_code == 200
    assert "website" in form_of(response).errors
    assert Application.objects.count() == 0
    assert mail.outbox == []


def test_country_from_another_language_is_refused(
    client, open_call, valid_data, locales
):
    from core.models import Country

    danish = Country.objects.create(
        name="Sverige", slug="sweden", code="SE", locale=locales["da"]
    )
    valid_data["country_of_residence"] = danish.pk
    response = client.post(open_call.url, valid_data)
    assert list(form_of(response).errors) == ["country_of_residence"]


def test_form_offers_the_call_themes_when_chosen(open_call, theme, locales):
    from applications.forms import ApplicationForm
    from core.models import Theme

    other = Theme.objects.create(name="Housing", slug="housing", locale=locales["en"])
    assert set(
        ApplicationForm(call=open_call).fields["thematic_knowledge"].queryset
    ) == {
        theme,
        other,
    }
    open_call.themes.set([other])
    open_call.save()
    queryset = ApplicationForm(call=open_call).fields["thematic_knowledge"].queryset
    assert list(queryset) == [other]


@pytest.mark.parametrize(
    ("fixture", "message"),
    [("upcoming_call", "not open yet"), ("closed_call", "The call closed")],
)
def test_outside_the_window_no_form_and_post_refused(
    client, request, valid_data, fixture, message
):
    call = request.getfixturevalue(fixture)
    page = client.get(call.url)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert 'class="application-form"' not in page.content.decode()

    response = client.post(call.url, valid_data)
    assert response.status_code == 403
    assert message in response.content.decode()
    assert Application.objects.count() == 0
    assert mail.outbox == []


def test_post_without_csrf_token_is_refused(open_call, valid_data):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(open_call.url, valid_data)
    assert response.status_code == 403
    assert Application.objects.count() == 0
