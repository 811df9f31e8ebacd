"""Lay out a claim group's chart: values over time by source, as numbers for an SVG.

Server-side layout keeps the page script-free: the template draws circles, range bars
and bound arrows from these coordinates, escaping every label.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sitroom.nlp.timex.values import iso_day
from sitroom.records import Claim
from sitroom.report.phrasing import format_claim_value, format_number

__all__ = ["ChartMark", "claim_chart"]

# Chart box in SVG user units; the SVG scales to its container's width.
WIDTH, HEIGHT = 640, 220
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 70, 20, 16, 40
# Eight distinguishable colours (Okabe-Ito, colour-blind safe), one per source.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
# Bounds drawn as arrows: the true figure lies above (at least) or below (at most) the mark.
LOWER_BOUNDS = {"at least", "more than", "over", "above", "upwards of"}
UPPER_BOUNDS = {"up to", "nearly", "fewer than", "less than", "under", "almost", "at most"}


@dataclass(frozen=True, slots=True, kw_only=True)
class ChartMark:
    """One claim on the chart. ``y_low``/``y_high`` are set for ranges."""

    x: float
    y: float
    y_low: float | None
    y_high: float | None
    shape: str  # "dot" | "ring" (approximate) | "up" (lower bound) | "down" (upper bound)
    color: str
    source: str
    label: str
    date: str | None
    article_id: str
    start: int


def _day(value: str | None) -> int | None:
    day = iso_day(value)
    return None if day is None else day.toordinal()


def _shape(claim: Claim) -> str:
    bound = (claim.bound or "").casefold()
    if bound in LOWER_BOUNDS:
        return "up"
    if bound in UPPER_BOUNDS:
        return "down"
    if bound or claim.hedge:
        return "ring"
    return "dot"


def claim_chart(points: list[dict[str, Any]]) -> dict[str, Any]:
    """Coordinates for each claim, axis ticks and a legend, from a group's points."""
    claims: list[Claim] = [p["claim"] for p in points]
    values = [v for c in claims for v in (c.value, c.low, c.high) if v is not None]
    days = [_day(p["date"]) for p in points]
    known_days = [d for d in days if d is not None]
    if not values:
        return {
            "width": WIDTH,
            "height": HEIGHT,
            "marks": [],
            "xticks": [],
            "yticks": [],
            "legend": [],
        }
    y_min, y_max = min(0.0, *values), max(values) * 1.1 or 1.0
    d_min, d_max = (min(known_days), max(known_days)) if known_days else (0, 0)
    inner_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    inner_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x_of(index: int, day: int | None) -> float:
        if day is None or d_max == d_min:
            # Undated, or all on one day: spread by order so marks do not sit on each other.
            return MARGIN_LEFT + inner_w * (index + 0.5) / len(points)
        return MARGIN_LEFT + inner_w * (day - d_min) / (d_max - d_min)

    def y_of(value: float) -> float:
        return MARGIN_TOP + inner_h * (1 - (value - y_min) / (y_max - y_min))

    sources = sorted({p["source"] for p in points})
    colors = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}
    marks = []
    for index, (point, day) in enumerate(zip(points, days, strict=True)):
        claim = point["claim"]
        is_range = claim.low is not None and claim.high is not None and claim.low != claim.high
        centre = (
            claim.value
            if claim.value is not None
            else (
                (claim.low + claim.high) / 2
                if is_range
                else claim.low
                if claim.low is not None
                else claim.high
            )
        )
        marks.append(
            ChartMark(
                x=round(x_of(index, day), 1),
                y=round(y_of(float(centre or 0.0)), 1),
                y_low=round(y_of(claim.low), 1) if is_range else None,
                y_high=round(y_of(claim.high), 1) if is_range else None,
                shape=_shape(claim),
                color=colors[point["source"]],
                source=point["source"],
                label=f"{format_claim_value(claim)} \u2014 {point['source']}, {point['date'] or 'undated'}",
                date=point["date"],
                article_id=claim.article_id,
                start=claim.start,
            )
        )
    yticks = [
        {
            "y": round(y_of(y_min + (y_max - y_min) * i / 4), 1),
            "label": format_number(round(y_min + (y_max - y_min) * i / 4)),
        }
        for i in range(5)
    ]
    xticks = []
    if known_days:
        # First label starts at its tick, the last ends at its tick: neither is cut off.
        for day, anchor in sorted(
            {(d_min, "start"), (d_max, "end" if d_max != d_min else "start")}
        ):
            xticks.append(
                {
                    "x": round(x_of(0, day), 1),
                    "label": date.fromordinal(day).isoformat(),
                    "anchor": anchor,
                }
            )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": MARGIN_LEFT,
        "bottom": HEIGHT - MARGIN_BOTTOM,
        "right": WIDTH - MARGIN_RIGHT,
        "marks": marks,
        "xticks": xticks,
        "yticks": yticks,
        "legend": [{"source": s, "color": colors[s]} for s in sources],
    }
