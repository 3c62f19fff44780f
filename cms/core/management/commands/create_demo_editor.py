"""Create (or reset) the demo editor account and print its credentials."""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the demo editor account used by `make run` and print how to log in."

    def handle(self, *args, **options):
        username = os.environ.get("HUB_DEMO_USER", "editor")
        password = os.environ.get("HUB_DEMO_PASSWORD", "nordic-demo-2026")
        user_model = get_user_model()
        user, _ = user_model.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@integrationnorden.example"},
        )
        # Wagtail's account form requires both names: without them the demo
        # editor could not save a preference.
        user.first_name = user.first_name or "Demo"
        user.last_name = user.last_name or "Editor"
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo editor ready: http://127.0.0.1:8000/admin/  "
                f"user: {username}  password: {password}"
            )
        )
