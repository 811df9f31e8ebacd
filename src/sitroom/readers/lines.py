"""Read a binary stream line by line with a bound on each line, so one huge line never sits in memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

__all__ = ["LongLine", "iter_lines"]

# Size of the reads that skip the rest of an over-long line.
_SKIP_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class LongLine:
    """A line longer than the limit: only its size is kept."""

    size: int


def iter_lines(handle: BinaryIO, *, limit: int) -> Iterator[bytes | LongLine]:
    """Yield each line of ``handle`` without its line ending, or a LongLine when over ``limit`` bytes.

    Memory stays within ``limit`` plus one chunk whatever the line lengths.
    """
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:
                rest = handle.readline(_SKIP_CHUNK)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield LongLine(size=size - (1 if rest.endswith(b"\n") else 0))
            continue
        yield line.rstrip(b"\n").rstrip(b"\r")
