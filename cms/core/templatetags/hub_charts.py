"""Accessible charts drawn on the server as SVG: no JavaScript needed.

A statistics item's figures become a bar or line chart with a title and a
description for screen readers (``role="img"``), labelled axes, a legend and a
tooltip per point; the page shows the same figures in a table beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()

WIDTH = 720
HEIGHT = 420
MARGIN_LEFT = 72
MARGIN_RIGHT = 16
MARGIN_TOP = 16
MARGIN_BOTTOM = 72
MAX_CATEGORIES = 40
# Colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by shape too.
PALETTE = ("#005b99", "#b3361f", "#1e7a3c", "#6b3fa0", "#8a5a00", "#00707a")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis ticks covering ``low`` to ``high`` (both included)."""
    if math.isclose(low, high):
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    value = math.floor(low / step) * step
    ticks = [round(value, 10)]
    while ticks[-1] < high and len(ticks) < 4 * count:
        value += step
        ticks.append(round(value, 10))
    return ticks


def format_value(value: float) -> str:
    number = Decimal(repr(value))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return number_format(number, force_grouping=True)


def _label_lines(label: str, limit: int = 14) -> list[str]:
    """Up to two short lines for an axis label (long labels end with an ellipsis)."""
    words, lines, line = label.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if len(candidate) <= limit or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: limit - 1] + "…"]
    return [
        part if len(part) <= limit + 4 else part[: limit + 3] + "…" for part in lines
    ]


def _dataset(page: Any) -> tuple[str, list[str], list[Series]] | None:
    dataset = getattr(page, "parsed_dataset", None)
    if dataset is None or not dataset.rows or len(dataset.columns) < 2:
        return None
    rows = dataset.rows[:MAX_CATEGORIES]
    series = [
        Series(name=column, values=tuple(row.values[index] for row in rows))
        for index, column in enumerate(dataset.value_columns)
    ]
    return dataset.label_column, [row.label for row in rows], series


class _Frame:
    """Plot area and the scale from values to y coordinates."""

    def __init__(self, series: list[Series]) -> None:
        values = [v for s in series for v in s.values if v is not None]
        low, high = min([0.0, *values]), max([0.0, *values])
        self.ticks = nice_ticks(low, high)
        self.low, self.high = self.ticks[0], self.ticks[-1]
        self.left, self.right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
        self.top, self.bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return round(self.bottom - share * (self.bottom - self.top), 2)


def _axes(frame: _Frame, unit: str, label_column: str) -> SafeString:
    grid = format_html_join(
        "",
        '<g class="tick"><line x1="{}" x2="{}" y1="{}" y2="{}"></line>'
        '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>'
        "</g>",
        (
            (
                frame.left,
                frame.right,
                frame.y(t),
                frame.y(t),
                frame.left - 6,
                frame.y(t),
                format_value(t),
            )
            for t in frame.ticks
        ),
    )
    middle = (frame.top + frame.bottom) / 2
    return format_html(
        '<g class="chart-grid">{}</g>'
        '<line class="chart-axis" x1="{}" x2="{}" y1="{}" y2="{}"></line>'
        '<line class="chart-axis" x1="{}" x2="{}" y1="{}" y2="{}"></line>'
        '<text class="chart-axis-label" transform="translate(14 {}) rotate(-90)" '
        'text-anchor="middle">{}</text>'
        '<text class="chart-axis-label" x="{}" y="{}" text-anchor="middle">{}</text>',
        grid,
        frame.left,
        frame.right,
        frame.y(0),
        frame.y(0),
        frame.left,
        frame.left,
        frame.top,
        frame.bottom,
        middle,
        unit or _("Value"),
        (frame.left + frame.right) / 2,
        HEIGHT - 8,
        label_column,
    )


def _category_labels(frame: _Frame, labels: list[str], centres: list[float]) -> str:
    every = max(1, math.ceil(len(labels) / 12))
    parts = []
    for index, (label, x) in enumerate(zip(labels, centres, strict=True)):
        if index % every:
            continue
        lines = format_html_join(
            "",
            '<tspan x="{}" dy="{}">{}</tspan>',
            ((x, "1.1em", line) for line in _label_lines(label)),
        )
        parts.append(
            format_html(
                '<text class="chart-category" x="{}" y="{}" text-anchor="middle">{}'
                "</text>",
                x,
                frame.bottom + 4,
                lines,
            )
        )
    return SafeString("".join(parts))


def _bars(frame: _Frame, labels: list[str], series: list[Series]) -> SafeString:
    band = (frame.right - frame.left) / len(labels)
    inner = band * 0.8
    bar = inner / len(series)
    parts = []
    centres = []
    for index, label in enumerate(labels):
        start = frame.left + band * index + (band - inner) / 2
        centres.append(round(frame.left + band * index + band / 2, 2))
        for number, item in enumerate(series):
            value = item.values[index]
            if value is None:
                continue
            top, base = frame.y(max(value, 0)), frame.y(min(value, 0))
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{}, {}: {}</title></rect>",
                    round(start + bar * number, 2),
                    top,
                    round(max(bar - 1, 1), 2),
                    round(max(base - top, 0.5), 2),
                    PALETTE[number % len(PALETTE)],
                    label,
                    item.name,
                    format_value(value),
                )
            )
    return SafeString("".join(parts) + _category_labels(frame, labels, centres))


def _lines(frame: _Frame, labels: list[str], series: list[Series]) -> SafeString:
    count = len(labels)
    step = (frame.right - frame.left) / max(count - 1, 1)
    xs = [
        round(
            frame.left + (step * i if count > 1 else (frame.right - frame.left) / 2), 2
        )
        for i in range(count)
    ]
    parts = []
    for number, item in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        points = [
            (x, frame.y(v), label, v)
            for x, v, label in zip(xs, item.values, labels, strict=True)
            if v is not None
        ]
        path = " ".join(f"{x},{y}" for x, y, _label, _v in points)
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" '
                'stroke-dasharray="{}"></polyline>',
                path,
                colour,
                DASHES[number % len(DASHES)] or "none",
            )
        )
        parts.append(
            format_html_join(
                "",
                '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{}, {}: {}</title>'
                "</circle>",
                (
                    (x, y, colour, label, item.name, format_value(v))
                    for x, y, label, v in points
                ),
            )
        )
    return SafeString("".join(parts) + _category_labels(frame, labels, xs))


def _legend(series: list[Series], kind: str) -> SafeString:
    if len(series) < 2:
        return SafeString("")
    items = []
    for number, item in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        swatch = (
            format_html(
                '<span class="swatch swatch-line" style="border-top-color:{};'
                'border-top-style:{}"></span>',
                colour,
                "solid" if not DASHES[number % len(DASHES)] else "dashed",
            )
            if kind == "line"
            else format_html(
                '<span class="swatch" style="background:{}"></span>', colour
            )
        )
        items.append(format_html("<li>{}{}</li>", swatch, item.name))
    return format_html(
        '<ul class="chart-legend" aria-hidden="true">{}</ul>',
        SafeString("".join(items)),
    )


def describe(
    kind: str, label_column: str, labels: list[str], series: list[Series], unit: str
) -> str:
    """A sentence a screen reader reads instead of the picture."""
    names = ", ".join(s.name for s in series)
    text = (
        _("Line chart of %(series)s by %(labels)s, %(count)d points.")
        if kind == "line"
        else _("Bar chart of %(series)s by %(labels)s, %(count)d categories.")
    ) % {"series": names, "labels": label_column, "count": len(labels)}
    first = series[0]
    known = [
        (v, label)
        for v, label in zip(first.values, labels, strict=True)
        if v is not None
    ]
    if known:
        high, low = max(known), min(known)
        text += " " + _(
            "%(series)s is highest for %(high_label)s (%(high)s) and lowest for "
            "%(low_label)s (%(low)s)."
        ) % {
            "series": first.name,
            "high_label": high[1],
            "high": format_value(high[0]) + (f" {unit}" if unit else ""),
            "low_label": low[1],
            "low": format_value(low[0]) + (f" {unit}" if unit else ""),
        }
    return text + " " + _("The table beside the chart gives every figure.")


@register.simple_tag
def statistics_chart(page: Any) -> SafeString:
    """The SVG chart of a StatisticsPage (bar or line by its ``chart_type``)."""
    data = _dataset(page)
    if data is None:
        return SafeString("")
    label_column, labels, series = data
    kind = "line" if getattr(page, "chart_type", "bar") == "line" else "bar"
    unit = getattr(page, "unit", "") or ""
    frame = _Frame(series)
    ident = f"chart-{page.pk or 'preview'}"
    marks = (
        _lines(frame, labels, series)
        if kind == "line"
        else _bars(frame, labels, series)
    )
    svg = format_html(
        '<svg class="chart chart-{}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        "{}{}</svg>",
        kind,
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        ident,
        ident,
        ident,
        page.title,
        ident,
        describe(kind, label_column, labels, series, unit),
        _axes(frame, unit, label_column),
        marks,
    )
    return format_html(
        '<figure class="chart-figure">{}{}</figure>', svg, _legend(series, kind)
    )
