"""Checks and escapes shared by the query modules: page bounds and LIKE patterns."""

from __future__ import annotations

from sitroom.errors import BadRequest

__all__ = ["MAX_OFFSET", "check_limit", "check_offset", "like_pattern"]

# Largest row offset a listing accepts. SQLite integers are signed 64-bit (2**63 - 1 at most,
# and the driver raises OverflowError past it): half of that leaves room for offset + limit.
MAX_OFFSET = 2**62


def check_limit(limit: int, maximum: int) -> None:
    """Raise BadRequest unless ``1 <= limit <= maximum``."""
    if not 1 <= limit <= maximum:
        raise BadRequest(f"limit must be between 1 and {maximum}, not {limit}")


def check_offset(offset: int) -> None:
    """Raise BadRequest unless ``0 <= offset <= MAX_OFFSET``."""
    if not 0 <= offset <= MAX_OFFSET:
        raise BadRequest(f"offset must be between 0 and {MAX_OFFSET}, not {offset}")


def like_pattern(value: str) -> str:
    """``%value%`` with LIKE's wildcards escaped (use with ``ESCAPE '\\'``)."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
