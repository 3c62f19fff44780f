"""The statistics SVG chart drawn on the server, beside its data table."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from core.templatetags.hub_charts import nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def _svg(html: str) -> ElementTree.Element:
    match = re.search(r"<svg .*?</svg>", html, re.DOTALL)
    assert match, "no chart"
    return ElementTree.fromstring(match.group(0))  # noqa: S314 - our own output


def test_bar_chart_is_an_accessible_image(client, theme_site):
    html = client.get(theme_site.pages["statistics"].url).content.decode()
    svg = _svg(html)
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert (
        title.get("id") == title_id and title.text == "Employment by country of birth"
    )
    assert desc.get("id") == desc_id
    assert "Bar chart" in desc.text and "Norway" in desc.text
    bars = svg.findall(f".//{SVG}rect")
    assert len(bars) == 6  # three countries, two series
    assert bars[0].find(f"{SVG}title").text == "Denmark, Born abroad: 66.5"
    labels = [t.text for t in svg.iter(f"{SVG}text") if t.text]
    assert "%" in labels and "Country" in labels
    assert "<script" not in re.search(r"<svg .*?</svg>", html, re.DOTALL).group(0)


def test_line_chart_draws_one_line_per_series(client, theme_site):
    html = client.get(theme_site.pages["statistics_line"].url).content.decode()
    svg = _svg(html)
    assert len(svg.findall(f".//{SVG}polyline")) == 2
    assert len(svg.findall(f".//{SVG}circle")) == 6
    assert "Line chart" in svg.find(f"{SVG}desc").text


def test_data_table_is_beside_the_chart(client, theme_site):
    html = client.get(theme_site.pages["statistics"].url).content.decode()
    assert html.index("<svg") < html.index('<table class="data-table">')
    assert '<th scope="row">Finland</th>' in html
    assert "74.5" in html


def test_axis_ticks_cover_the_data():
    ticks = nice_ticks(0, 83)
    assert ticks[0] == 0 and ticks[-1] >= 83
    assert nice_ticks(-12, 30)[0] <= -12
