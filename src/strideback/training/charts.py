"""Small server-rendered SVG charts that read well on a phone (no chart library, no script).

Each function returns SVG markup with a <title> and <desc>; the page puts the same numbers in
a table next to it, so the chart is never the only way to read them. Series differ by line
style and marker shape, not only by colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

# Drawn at about phone size, so text stays readable when the SVG is scaled to the screen.
W, H = 340, 200
LEFT, RIGHT, TOP, BOTTOM = 32, 8, 10, 28

PAIN_SERIES = (
    ("during", "line-during", "circle"),
    ("after", "line-after", "square"),
    ("next_morning", "line-morning", "triangle"),
)


def _svg(title: str, desc: str, body: str, cls: str) -> SafeString:
    label = f'<title id="{cls}-t">{escape(title)}</title><desc id="{cls}-d">{escape(desc)}</desc>'
    return mark_safe(  # noqa: S308 - every text is escaped above and below
        f'<svg class="chart {cls}" viewBox="0 0 {W} {H}" role="img" '
        f'aria-labelledby="{cls}-t {cls}-d" preserveAspectRatio="xMidYMid meet">{label}{body}</svg>'
    )


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    span = max((last - first).days, 1)
    return LEFT + (W - LEFT - RIGHT) * (day - first).days / span


def _y(value: float, top: float) -> float:
    return TOP + (H - TOP - BOTTOM) * (1 - value / top)


def _marker(shape: str, x: float, y: float) -> str:
    if shape == "square":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6"/>'
    if shape == "triangle":
        return f'<path d="M{x:.1f} {y - 4:.1f}l4 7h-8z"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>'


def _axes(
    first: dt.date, last: dt.date, top: float, ticks: Sequence[float], date_label: str
) -> str:
    parts = []
    for value in ticks:
        y = _y(value, top)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{y + 5:.1f}" text-anchor="end">{value:g}</text>'
        )
    day = first
    while date_label and day <= last:
        x = _x(day, first, last)
        label = escape(day.strftime(date_label).lstrip("0"))
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{H - 6}" text-anchor="middle">{label}</text>'
        )
        day += dt.timedelta(weeks=2)
    return "".join(parts)


def pain_chart(
    points: Sequence[object], first: dt.date, last: dt.date, limit: int, title: str, desc: str
) -> SafeString:
    """Pain 0-10 over time: during, after and next morning; the programme's limit as a band."""
    # With a limit of 0 the band would have no height and the key's "green" nothing to point
    # at: it is drawn a third of a point high, a strip along the zero line.
    band = max(limit, 1 / 3)
    body = [
        f'<rect class="band-ok" x="{LEFT}" y="{_y(band, 10):.1f}" '
        f'width="{W - LEFT - RIGHT}" height="{_y(0, 10) - _y(band, 10):.1f}"/>'
    ]
    body.append(_axes(first, last, 10, (0, 2, 5, 10), "%d/%m"))
    for name, cls, shape in PAIN_SERIES:
        pts = [(p.date, getattr(p, name)) for p in points if getattr(p, name) is not None]  # type: ignore[attr-defined]
        if not pts:
            continue
        coords = [(_x(d, first, last), _y(v, 10)) for d, v in pts]
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{x:.1f} {y:.1f}" for i, (x, y) in enumerate(coords)
        )
        marks = "".join(_marker(shape, x, y) for x, y in coords)
        body.append(
            f'<g class="{cls}"><path class="line" d="{path}"/><g class="marks">{marks}</g></g>'
        )
    return _svg(title, desc, "".join(body), "pain-chart")


def bar_chart(
    weeks: Sequence[dt.date],
    values: Sequence[tuple[float, float | None]],
    title: str,
    desc: str,
    cls: str,
    step: float = 1,
) -> SafeString:
    """Weekly bars: the value (filled) and, when given, its target (outline behind it)."""
    first = weeks[0]
    top = max([step * 2] + [max(v, t or 0) for v, t in values])
    steps = int(top / step) + 1
    top = step * (steps + steps % 2)  # an even number of steps: the middle tick is a whole one
    body = [_axes(first, weeks[-1], top, (0, top / 2, top), "")]
    slot = (W - LEFT - RIGHT) / max(len(weeks), 1)
    for i, monday in enumerate(weeks):
        if (len(weeks) - 1 - i) % 2:
            continue
        x = LEFT + slot * (i + 0.5)
        label = escape(monday.strftime("%d/%m").lstrip("0"))
        body.append(
            f'<text class="tick" x="{x:.1f}" y="{H - 6}" text-anchor="middle">{label}</text>'
        )
    for i, (value, target) in enumerate(values):
        x = LEFT + slot * i + slot * 0.15
        width = slot * 0.7
        if target is not None:
            y = _y(target, top)
            body.append(
                f'<rect class="target" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
                f'height="{_y(0, top) - y:.1f}"/>'
            )
        y = _y(value, top)
        body.append(
            f'<rect class="value" x="{x + width * 0.2:.1f}" y="{y:.1f}" '
            f'width="{width * 0.6:.1f}" height="{_y(0, top) - y:.1f}"/>'
        )
    return _svg(title, desc, "".join(body), cls)


def _nice_ticks(low: float, high: float) -> tuple[float, ...]:
    middle = (low + high) / 2
    return (low, round(middle, 1) if middle % 1 else middle, high)


def series_chart(
    points: Sequence[tuple[dt.date, float]],
    first: dt.date,
    last: dt.date,
    low: float,
    high: float,
    title: str,
    desc: str,
    cls: str,
    band: tuple[float, float] | None = None,
) -> SafeString:
    """One series over time on a fixed scale (a questionnaire's range, a load in kg), with an
    optional band (the smallest important change around the first score: inside it, the
    change is not yet one that matters)."""
    span = max(high - low, 1e-9)

    def y(value: float) -> float:
        return _y(value - low, span)

    body = []
    if band is not None:
        top, bottom = max(band), min(band)
        top, bottom = min(top, high), max(bottom, low)
        body.append(
            f'<rect class="band-sic" x="{LEFT}" y="{y(top):.1f}" width="{W - LEFT - RIGHT}" '
            f'height="{y(bottom) - y(top):.1f}"/>'
        )
    for value in _nice_ticks(low, high):
        yy = y(value)
        body.append(
            f'<line class="grid" x1="{LEFT}" x2="{W - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}"/>'
        )
        # Above the line at the left edge: a three-digit scale (0-100) fits a phone too.
        label_y = yy + 15 if value == high else yy - 3  # the top one under its line
        body.append(f'<text class="tick" x="2" y="{label_y:.1f}">{value:g}</text>')
    body.append(_axes(first, last, 1, (), "%d/%m"))
    if len(points) == 1 or first == last:
        # One point: at the middle, so it does not sit on the axis.
        coords = [
            ((LEFT + W - RIGHT) / 2 if first == last else _x(d, first, last), y(v))
            for d, v in points
        ]
    else:
        coords = [(_x(d, first, last), y(v)) for d, v in points]
    if coords:
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{px:.1f} {py:.1f}" for i, (px, py) in enumerate(coords)
        )
        marks = "".join(_marker("circle", px, py) for px, py in coords)
        body.append(
            f'<g class="line-series"><path class="line" d="{path}"/>'
            f'<g class="marks">{marks}</g></g>'
        )
    return _svg(title, desc, "".join(body), cls)
