"""Words for the brief: how an event, a figure or a region is said in one sentence.

Only fields of the record are used, never inferred facts, so each sentence says no
more than the record it cites.
"""

from __future__ import annotations

from sitroom.records import Claim, Event, Place

__all__ = ["format_claim_value", "format_number", "region_of"]

# Units written before the number ("$3,000") rather than after it.
_PREFIX_UNITS = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3"}


def format_number(value: float) -> str:
    """3000.0 -> '3,000'; 2.5 -> '2.5'; 3_200_000 -> '3,200,000'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_claim_value(claim: Claim) -> str:
    """A claim's figure as stated: bound, value or range, unit."""
    if claim.low is not None and claim.high is not None and claim.low != claim.high:
        number = f"{format_number(claim.low)}\u2013{format_number(claim.high)}"
    elif claim.value is not None:
        number = format_number(claim.value)
    else:
        number = format_number(claim.low if claim.low is not None else claim.high or 0.0)
    unit = claim.unit or ""
    if unit in _PREFIX_UNITS:
        number = _PREFIX_UNITS[unit] + number
    elif unit == "percent":
        number += "%"
    elif unit:
        number += f" {unit}"
    return f"{claim.bound} {number}" if claim.bound and claim.bound != "exactly" else number


def region_of(event: Event, places: dict[tuple[str, str], Place]) -> str:
    """The region an event happened in: the place's admin region, else country, else its name."""
    if not event.place:
        return "unknown place"
    place = places.get((event.article_id, event.place))
    if place is None:
        return event.place
    if place.kind == "country":
        return place.name
    return place.admin1 or place.country or place.name
