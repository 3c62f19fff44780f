"""Give the default site the address it is served at (``HUB_PUBLIC_BASE_URL``)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.site_address import SiteAddress, SiteAddressError, configure_default_site


class Command(BaseCommand):
    help = (
        "Set the host name and port of the default site from URL (default: the "
        "HUB_PUBLIC_BASE_URL setting), so that absolute links, the sitemap and "
        "feeds point where the site is served. Safe to run at every start."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "url",
            nargs="?",
            help="e.g. https://hub.example.org (default HUB_PUBLIC_BASE_URL)",
        )

    def handle(self, *args, url: str | None = None, **options) -> None:
        url = url or settings.HUB_PUBLIC_BASE_URL
        if not url:
            self.stdout.write(
                "HUB_PUBLIC_BASE_URL is not set: the default site keeps its address "
                "(Settings → Sites)."
            )
            return
        try:
            changed = configure_default_site(url)
        except SiteAddressError as exc:
            raise CommandError(str(exc)) from exc
        root_url = SiteAddress.parse(url).root_url
        if changed:
            self.stdout.write(
                f"The default site now answers at {root_url}; its pages are queued "
                "for the read model."
            )
        else:
            self.stdout.write(f"The default site already answers at {root_url}.")
