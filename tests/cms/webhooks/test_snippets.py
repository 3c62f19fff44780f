"""Snippets without a publish step: expert profiles go out only with consent."""

from __future__ import annotations

import pytest

from experts.models import ExpertProfile

pytestmark = pytest.mark.django_db


def test_expert_profile_follows_consent(endpoint, receiver, locales, run):
    profile = ExpertProfile.objects.create(
        name="Aino Virtanen",
        position="Researcher",
        email="aino@example.org",
        is_public=False,
        locale=locales["fi"],
    )
    profile.position = "Senior researcher"
    profile.save()
    run()
    assert receiver.requests == []  # no consent: not even the name

    profile.is_public = True
    profile.save()
    run()
    profile.is_public = False
    profile.save()
    run()

    doc_id = f"expert_profile:{profile.pk}"
    assert receiver.events() == [("published", doc_id), ("unpublished", doc_id)]
    published, unpublished = (r.json() for r in receiver.requests)
    assert published["locale"] == "fi"
    assert published["document"]["payload"]["position"] == "Senior researcher"
    assert b"aino@example.org" not in b"".join(r.body for r in receiver.requests)
    assert "document" not in unpublished and unpublished["title"] is None
