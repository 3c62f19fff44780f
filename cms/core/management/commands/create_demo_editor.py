"""Create (or reset) the demo team's accounts and print how to log in.

- ``editor`` (Editors): writes, translates and submits for review; cannot publish;
- ``reviewer`` (Moderators): approves or requests changes, and publishes;
- ``admin`` (superuser): for operators (users, workflows, partner settings).

The groups' permissions come from the demo loader (``core.demo.workflow``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from moderation.names import EDITORS, MODERATORS

DEFAULT_PASSWORD = "nordic-demo-2026"  # noqa: S105 (a documented demo password)


@dataclass(frozen=True)
class Account:
    role: str
    username: str
    password: str
    last_name: str
    group: str | None  # None: a superuser


def accounts() -> list[Account]:
    """The three demo accounts, named and keyed by the environment."""
    password = os.environ.get("HUB_DEMO_PASSWORD", DEFAULT_PASSWORD)
    return [
        Account(
            "editor",
            os.environ.get("HUB_DEMO_USER", "editor"),
            password,
            "Editor",
            EDITORS,
        ),
        Account(
            "reviewer",
            os.environ.get("HUB_DEMO_REVIEWER", "reviewer"),
            os.environ.get("HUB_DEMO_REVIEWER_PASSWORD", password),
            "Reviewer",
            MODERATORS,
        ),
        Account(
            "administrator",
            os.environ.get("HUB_DEMO_ADMIN", "admin"),
            os.environ.get("HUB_DEMO_ADMIN_PASSWORD", password),
            "Administrator",
            None,
        ),
    ]


class Command(BaseCommand):
    help = (
        "Create the demo editor, reviewer and administrator accounts used by "
        "`make run` and print how to log in."
    )

    def handle(self, *args, **options):
        user_model = get_user_model()
        lines = []
        for account in accounts():
            user, _ = user_model.objects.get_or_create(
                username=account.username,
                defaults={"email": f"{account.username}@integrationnorden.example"},
            )
            # Wagtail's account form requires both names: without them the demo
            # accounts could not save a preference.
            user.first_name = user.first_name or "Demo"
            user.last_name = user.last_name or account.last_name
            superuser = account.group is None
            user.is_staff = superuser
            user.is_superuser = superuser
            user.set_password(account.password)
            user.save()
            if account.group is None:
                user.groups.clear()
            else:
                user.groups.set([Group.objects.get_or_create(name=account.group)[0]])
            lines.append(
                f"  {account.role:<14} user: {account.username:<10} "
                f"password: {account.password}"
            )
        self.stdout.write(
            self.style.SUCCESS("Demo accounts ready: http://127.0.0.1:8000/admin/")
        )
        self.stdout.write("\n".join(lines))
