"""Create, list and revoke partner API keys from the command line."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from partners.models import ApiKey
from partners.store import write_key_store


class Command(BaseCommand):
    help = "Manage API keys for the GraphQL service: create, list, revoke, export."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Issue a key and print it once.")
        create.add_argument("name")
        create.add_argument(
            "--rate", type=int, default=600, help="Requests per minute."
        )
        create.add_argument(
            "--origin",
            action="append",
            default=[],
            help="Allowed browser origin (repeatable).",
        )
        sub.add_parser("list", help="List keys (prefixes only).")
        revoke = sub.add_parser("revoke", help="Revoke a key by its prefix.")
        revoke.add_argument("prefix")
        sub.add_parser("export", help="Rewrite the key file the service reads.")

    def handle(self, *args, action: str, **options):
        if action == "create":
            try:
                key, raw = ApiKey.issue(
                    options["name"],
                    rate_limit_per_minute=options["rate"],
                    cors_origins="\n".join(options["origin"]),
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            self.stdout.write(
                f"Created key for {key.name}. Store it now; it is not shown "
                f"again:\n{raw}"
            )
        elif action == "list":
            for key in ApiKey.objects.all():
                state = "revoked" if key.is_revoked else "active"
                self.stdout.write(
                    f"{key.prefix}…  {key.name}  {key.rate_limit_per_minute}"
                    f"/min  {state}"
                )
        elif action == "revoke":
            key = ApiKey.objects.filter(prefix=options["prefix"]).first()
            if key is None:
                raise CommandError(f"No key with prefix {options['prefix']!r}.")
            key.revoke()
            self.stdout.write(f"Revoked {key}.")
        elif action == "export":
            self.stdout.write(f"Wrote {write_key_store()}.")
