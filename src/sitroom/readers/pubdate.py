"""Publication dates: normalise what inputs carry to ISO ``YYYY-MM-DD`` and pick by precedence.

Precedence (never guessed): the input's own metadata, else the caller's ``published``
option, else a date written in the file name, else unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["Published", "date_from_name", "normalize_date", "parse_date_line", "pick_published"]

# Plausible news dates; rejects "20241399" and IDs like "19000101" that are not dates.
MIN_YEAR = 1990
MAX_YEAR = 2100

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# 2024-11-21, 2024_11_21, 2024.11.21 or 20241121 between non-digits in a file name.
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


@dataclass(frozen=True, slots=True, kw_only=True)
class Published:
    date: str | None
    source: str | None  # "metadata" | "option" | "filename" | None


def _valid(year: int, month: int, day: int) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(value: object) -> str | None:
    """ISO date from a date/datetime, an ISO string, an RFC 822 string or a time tuple; else None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _valid(value.year, value.month, value.day)
    if isinstance(value, date):
        return _valid(value.year, value.month, value.day)
    if isinstance(value, tuple) and len(value) >= 3:  # time.struct_time from feedparser
        return _valid(int(value[0]), int(value[1]), int(value[2]))
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _ISO.search(text)
    if match:
        return _valid(*(int(g) for g in match.groups()))
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _valid(parsed.year, parsed.month, parsed.day)


def date_from_name(name: str) -> str | None:
    """A date written in a file name (``dump-2024-11-21.txt``, ``20241121.html``), else None."""
    base = re.split(r"[\\/]", name)[-1]
    for match in _NAME_DATE.finditer(base):
        found = _valid(*(int(g) for g in match.groups()))
        if found:
            return found
    return None


def pick_published(metadata: object, *, option: str | None, name: str) -> Published:
    """Apply the precedence: metadata, option, file name, unknown."""
    for value, source in (
        (metadata, "metadata"),
        (option, "option"),
        (date_from_name(name), "filename"),
    ):
        found = normalize_date(value)
        if found:
            return Published(date=found, source=source)
    return Published(date=None, source=None)


_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")
_DATE_LINE = re.compile(
    r"^(?:(?:Published|Updated|Posted|Last updated|Date)\s*:?\s*(?:on\s+)?)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?\s*$",
    re.IGNORECASE,
)


def parse_date_line(line: str) -> str | None:
    """ISO date of a line that holds only a publication date ("Published March 4, 2025 10:00 GMT")."""
    match = _DATE_LINE.match(line.strip())
    if not match:
        return None
    text = match.group("date")
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return _valid(parsed.year, parsed.month, parsed.day)
    return None
