"""The default site's address: read from HUB_PUBLIC_BASE_URL, set idempotently."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from core.demo import site as demo_site
from core.demo.helpers import DemoContext
from core.site_address import SiteAddress, SiteAddressError, configure_default_site
from indexing.models import OutboxEntry


@pytest.mark.parametrize(
    ("url", "hostname", "port", "root_url"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1", 8000, "http://127.0.0.1:8000"),
        ("http://127.0.0.1:8000/", "127.0.0.1", 8000, "http://127.0.0.1:8000"),
        ("https://hub.example.org", "hub.example.org", 443, "https://hub.example.org"),
        ("http://Hub.Example.org", "hub.example.org", 80, "http://hub.example.org"),
    ],
)
def test_an_address_is_read_from_a_url(url, hostname, port, root_url):
    address = SiteAddress.parse(url)
    assert (address.hostname, address.port) == (hostname, port)
    assert address.root_url == root_url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("127.0.0.1:8000", "not an http"),
        ("ftp://hub.example.org", "not an http"),
        ("https://hub.example.org:8443", "https only on port 443"),
        ("http://hub.example.org:443", "https only on port 443"),
        ("http://hub.example.org/hub/", "root of its host"),
        ("http://hub.example.org/?a=1", "root of its host"),
        ("http://hub.example.org:99999", "not a valid URL"),
        ("", "not an http"),
    ],
)
def test_an_address_wagtail_cannot_serve_is_refused_clearly(url, message):
    with pytest.raises(SiteAddressError, match=message):
        SiteAddress.parse(url)


def test_the_site_moves_once_and_its_pages_are_queued(home):
    OutboxEntry.objects.all().delete()
    assert configure_default_site("http://127.0.0.1:8000")
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8000"
    assert home.get_full_url() == "http://127.0.0.1:8000/en/"
    assert OutboxEntry.objects.filter(reason="site changed").count() == 1

    assert not configure_default_site("http://127.0.0.1:8000/")
    assert OutboxEntry.objects.count() == 1  # nothing changed, nothing queued


def test_an_address_another_site_holds_is_refused(home):
    Site.objects.create(hostname="127.0.0.1", port=8000, root_page=home)
    with pytest.raises(SiteAddressError, match="Another site already answers"):
        configure_default_site("http://127.0.0.1:8000")
    assert Site.objects.get(is_default_site=True).hostname == "testserver"


def test_the_command_uses_hub_site_url(home, settings, capsys):
    settings.HUB_PUBLIC_BASE_URL = "https://hub.example.org"
    call_command("configure_site")
    assert Site.objects.get(is_default_site=True).root_url == "https://hub.example.org"
    call_command("configure_site")
    assert "already answers at https://hub.example.org" in capsys.readouterr().out


def test_the_command_leaves_the_site_alone_without_a_setting(home, settings, capsys):
    settings.HUB_PUBLIC_BASE_URL = ""
    call_command("configure_site")
    assert Site.objects.get(is_default_site=True).hostname == "testserver"
    assert "HUB_PUBLIC_BASE_URL is not set" in capsys.readouterr().out


def test_the_command_refuses_a_bad_url(home):
    with pytest.raises(CommandError, match="https only on port 443"):
        call_command("configure_site", "https://hub.example.org:8000")


def test_the_demo_site_answers_where_make_run_serves(db, settings):
    """Wagtail's initial site (localhost:80) moves to HUB_PUBLIC_BASE_URL, once."""
    settings.HUB_PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    assert Site.objects.get(is_default_site=True).root_url == "http://localhost"
    demo_site.load(DemoContext())
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8000"
    assert site.root_page.specific.get_full_url() == "http://127.0.0.1:8000/en/"

    moves = OutboxEntry.objects.filter(reason="site changed")
    queued = moves.count()
    assert queued > 0
    demo_site.load(DemoContext())  # again: the site is not saved again
    assert Site.objects.get().pk == site.pk
    assert moves.count() == queued
