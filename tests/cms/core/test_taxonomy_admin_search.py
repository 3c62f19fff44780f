"""The admin's theme and country listings can be searched (their search
fields are indexed: searching them answered 500 before)."""

from __future__ import annotations

import pytest

from core.models import Country, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


def test_theme_and_country_listings_answer_searches(admin_client, locales) -> None:
    Theme.objects.create(
        name="Labour market", slug="labour-market", locale=locales["en"]
    )
    Theme.objects.create(name="Housing", slug="housing", locale=locales["en"])
    Country.objects.create(
        name="Faroe Islands",
        slug="faroe-islands",
        code="FO",
        kind=Country.Kind.TERRITORY,
        locale=locales["en"],
    )
    for path, query, expected, absent in (
        ("/admin/snippets/core/theme/", "labour", "Labour market", "Housing"),
        ("/admin/snippets/core/country/", "faroe", "Faroe Islands", None),
        ("/admin/snippets/core/country/", "faroe-islands", "Faroe Islands", None),
    ):
        response = admin_client.get(path, {"q": query})
        assert response.status_code == 200, (path, query)
        html = response.content.decode()
        assert expected in html, (path, query)
        if absent:
            assert absent not in html
