"""Reviewers list, filter, search, read, export and delete; nobody edits."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from tests.cms.applications.factories import make_application


@pytest.fixture
def reviewer_client(client, db):
    user = User.objects.create_user("reviewer", "reviewer@example.org", "pw-rev-1")
    user.groups.add(Group.objects.get(name="Application reviewers"))
    client.force_login(user)
    return client


@pytest.fixture
def applications(open_call, closed_call, country, other_country, theme):
    amina = make_application(open_call, country_of_residence=country, themes=[theme])
    jonas = make_application(
        closed_call,
        full_name="Jonas Okafor",
        email="jonas@example.org",
        applicant_type="individual",
        organisation="",
        country_of_residence=other_country,
        motivation='=HYPERLINK("http://evil.example")',
    )
    erased = make_application(
        closed_call,
        full_name="Erased Person",
        email="erased@example.org",
        organisation="Hidden Org",
        country_of_residence=country,
    )
    erased.erase()
    return {"amina": amina, "jonas": jonas, "erased": erased}


def index(client, **params):
    return client.get(reverse("applications:index"), params)


def test_reviewer_sees_the_listing(reviewer_client, applications):
    response = index(reviewer_client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Amina Hassan" in html
    assert "Jonas Okafor" in html
    assert f"Erased application #{applications['erased'].pk}" in html
    assert "Erased Person" not in html
    assert "Hidden Org" not in html
    assert reverse("applications:add") not in html
    edit_url = reverse("applications:edit", args=[applications["amina"].pk])
    assert edit_url not in html


def test_filter_by_call_and_country(reviewer_client, applications, open_call):
    by_call = index(reviewer_client, call=open_call.pk).content.decode()
    assert "Amina Hassan" in by_call and "Jonas Okafor" not in by_call
    by_country = index(reviewer_client, country="norway").content.decode()
    assert "Jonas Okafor" in by_country and "Amina Hassan" not in by_country


def test_search_by_name_and_organisation(reviewer_client, applications):
    by_name = index(reviewer_client, q="okafor").content.decode()
    assert "Jonas Okafor" in by_name and "Amina Hassan" not in by_name
    by_org = index(reviewer_client, q="neighbours").content.decode()
    assert "Amina Hassan" in by_org and "Jonas Okafor" not in by_org


def test_inspect_shows_the_whole_application(reviewer_client, applications):
    amina = applications["amina"]
    url = reverse("applications:inspect", args=[amina.pk])
    html = reviewer_client.get(url).content.decode()
    assert "amina@example.org" in html
    assert "Ten years of mentoring newly arrived women." in html
    assert "Swedish, English" in html
    assert "Labour market" in html


def test_inspect_of_an_erased_application(reviewer_client, applications):
    erased = applications["erased"]
    url = reverse("applications:inspect", args=[erased.pk])
    html = reviewer_client.get(url).content.decode()
    assert "erased" in html
    assert "erased@example.org" not in html
    assert "Hidden Org" not in html
    assert "Sweden" in html


def test_csv_export_has_the_rows_but_no_erased_data(reviewer_client, applications):
    response = index(reviewer_client, export="csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[0].startswith("ID,Call,Submitted at,Status,Full name,E-mail")
    assert len(rows) == 4
    text = "\n".join(rows)
    assert "Amina Hassan" in text and "amina@example.org" in text
    assert "Jonas Okafor" in text
    assert "Erased Person" not in text
    assert "erased@example.org" not in text
    assert "Hidden Org" not in text
    erased_row = next(r for r in rows if r.startswith(f"{applications['erased'].pk},"))
    assert ",erased," in erased_row
    amina_row = next(r for r in rows if "Amina Hassan" in r)
    local = timezone.localtime(applications["amina"].submitted_at)
    assert local.strftime("%Y-%m-%d %H:%M") in amina_row
    # A formula typed into the form is exported as text.
    assert "'=HYPERLINK" in text


def test_csv_export_follows_the_filters(reviewer_client, applications, open_call):
    response = index(reviewer_client, export="csv", call=open_call.pk)
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert len(rows) == 2
    assert "Amina Hassan" in rows[1]


def test_nobody_adds_or_edits_applications(client, applications):
    admin = User.objects.create_superuser("admin", "admin@example.org", "pw-adm-1")
    client.force_login(admin)
    amina = applications["amina"]
    assert client.get(reverse("applications:add")).status_code == 302
    edit_url = reverse("applications:edit", args=[amina.pk])
    assert client.get(edit_url).status_code == 302
    client.post(edit_url, {"full_name": "Changed"})
    amina.refresh_from_db()
    assert amina.full_name == "Amina Hassan"
    assert Application.objects.count() == 3


def test_reviewer_may_delete(reviewer_client, applications):
    jonas = applications["jonas"]
    url = reverse("applications:delete", args=[jonas.pk])
    assert reviewer_client.post(url).status_code == 302
    assert not Application.objects.filter(pk=jonas.pk).exists()


def test_editors_without_the_permission_see_nothing(editor_client, applications):
    response = index(editor_client)
    assert response.status_code == 302
    menu = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("applications:index") not in menu


def test_menu_shows_applications_to_reviewers(reviewer_client, applications):
    html = reviewer_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("applications:index") in html


def test_call_listing(editor_client, open_call, closed_call):
    response = editor_client.get(reverse("calls_for_applications:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Join the expert forum" in html
    assert "Closed call" in html
