"""Progress of long commands on stderr: a bar on a terminal, a plain line every few seconds in logs.

A terminal gets click's progress bar. Anywhere else (a log file, a CI job, ``2>&1 | tee``)
a bar is unreadable, so one line is written every :data:`LOG_EVERY_S` seconds, the way
log-friendly tools (pip, rsync --info=progress2, Dask's progress in logs) do::

    [ingest] 120/447 files · 3.1 files/s · 380 articles new
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Self, TextIO

import click

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

__all__ = ["LOG_EVERY_S", "ProgressReporter"]

# Seconds between two progress lines when stderr is not a terminal: often enough that a
# stalled run shows, rarely enough that a log of a long run stays readable.
LOG_EVERY_S = 5.0


class ProgressReporter:
    """Counts ``done`` of ``total`` ``unit``; use as a context manager around the work."""

    def __init__(
        self,
        label: str,
        *,
        unit: str,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.started = clock()
        self.last_line = self.started
        self.bar: ProgressBar[int] | None = None

    @property
    def is_terminal(self) -> bool:
        return self.stream.isatty()

    def update(self, done: int, total: int, *, detail: str = "") -> None:
        """``done`` of ``total`` are finished; ``detail`` ("380 articles new") ends the line."""
        if self.is_terminal:
            bar = self._bar(total)
            bar.update(done - bar.pos)
            return
        now = self.clock()
        if now - self.last_line < LOG_EVERY_S:
            return
        self.last_line = now
        rate = done / max(now - self.started, 1e-9)
        shown = f"{rate:.1f}" if rate >= 1 else f"{rate:.2f}"  # the first steps load the model
        line = f"[{self.label}] {done}/{total} {self.unit} · {shown} {self.unit}/s"
        click.echo(line + (f" · {detail}" if detail else ""), file=self.stream)

    def _bar(self, total: int) -> ProgressBar[int]:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=self.stream)
            self.bar.__enter__()
        return self.bar

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
