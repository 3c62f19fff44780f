"""The public address of the default site: the ``HUB_PUBLIC_BASE_URL`` setting.

Wagtail builds every absolute URL (sitemap, canonical and hreflang links, Open
Graph, the ``url`` of each read-model document, hence feeds and GraphQL) from
the Site record's host name and port. The record must therefore name the address
the site is really served at: ``make run`` sets it to http://127.0.0.1:8000, a
deployment to its public URL with ``manage.py configure_site``. The GraphQL
service reads the same setting for the links it makes itself (feed home pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction
from wagtail.models import Page, Site


class SiteAddressError(ValueError):
    """The URL cannot be the address of a Wagtail site."""


@dataclass(frozen=True)
class SiteAddress:
    hostname: str
    port: int

    @classmethod
    def parse(cls, url: str) -> SiteAddress:
        """``http(s)://host[:port]`` with no path, as Wagtail can express it.

        Wagtail derives the scheme from the port (443 is https, any other http),
        so https is only possible on port 443.
        """
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError as exc:
            raise SiteAddressError(f"{url!r} is not a valid URL: {exc}.") from exc
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SiteAddressError(
                f"{url!r} is not an http(s) URL with a host, e.g. https://hub.example.org"
            )
        if parts.path.strip("/") or parts.query or parts.fragment or parts.username:
            raise SiteAddressError(
                f"{url!r} has more than a scheme, host and port; the site is served "
                "at the root of its host."
            )
        port = port or (443 if parts.scheme == "https" else 80)
        if (parts.scheme == "https") != (port == 443):
            raise SiteAddressError(
                f"{url!r}: Wagtail serves https only on port 443 and http on any "
                "other port."
            )
        return cls(hostname=parts.hostname, port=port)

    @property
    def root_url(self) -> str:
        """The URL as Wagtail writes it (``Site.root_url``)."""
        return Site(hostname=self.hostname, port=self.port).root_url


@transaction.atomic
def configure_default_site(url: str, *, root_page: Page | None = None) -> bool:
    """Point the default site at ``url`` (and ``root_page``); True when it changed.

    Idempotent: a site already at that address is not saved again. Saving it
    queues its pages for the read model, whose URLs follow the new address.
    """
    address = SiteAddress.parse(url)
    site = Site.objects.select_for_update().filter(is_default_site=True).first()
    if site is None:
        if root_page is None:
            raise SiteAddressError("There is no default site to give an address to.")
        site = Site(is_default_site=True, root_page=root_page)
    taken = Site.objects.filter(hostname=address.hostname, port=address.port)
    if site.pk is not None:
        taken = taken.exclude(pk=site.pk)
    if taken.exists():
        raise SiteAddressError(
            f"Another site already answers at {address.root_url}: "
            "change or delete it under Settings → Sites first."
        )
    wanted = {"hostname": address.hostname, "port": address.port}
    if root_page is not None:
        wanted["root_page_id"] = root_page.pk
    if site.pk is not None and all(getattr(site, k) == v for k, v in wanted.items()):
        return False
    for name, value in wanted.items():
        setattr(site, name, value)
    site.save()
    return True
