"""Queries of expert profiles and expert groups."""

from __future__ import annotations

import strawberry

from graphql_service.common.fields import by_id_field, list_field
from graphql_service.experts.types import ExpertGroup, ExpertProfile

__all__ = ["ExpertsQuery"]


@strawberry.type
class ExpertsQuery:
    expert_profile = by_id_field(
        ExpertProfile, "An expert profile by id; with `locale`, its best version."
    )
    expert_profiles = list_field(
        ExpertProfile,
        ("expert_profile",),
        "Public expert profiles, most recently published first by default.",
    )
    expert_group = by_id_field(
        ExpertGroup, "An expert group by id; with `locale`, its best version."
    )
    expert_groups = list_field(
        ExpertGroup,
        ("expert_group",),
        "Expert groups with their members, chairs and meetings.",
    )
