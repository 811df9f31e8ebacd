"""The per-input work that needs no store: path -> (read result, extractions), pure.

Pipelined ingest runs :func:`prepare_input` ahead of the commits, in forked workers
(:mod:`sitroom.jobs.ingest`) or on Dask workers (:mod:`sitroom.jobs.cluster`); the main
process then commits each :class:`PreparedInput` in its own transaction, in input order.
The extractor runs over every article the input holds (which of them are new is only known
at commit time); the commit keeps the records of the articles it stores, so the store ends
up exactly as if extraction had run inside the transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sitroom.errors import IngestError
from sitroom.readers.result import ReadResult
from sitroom.records import Article, Extraction, Failure

__all__ = ["Extractor", "PreparedInput", "Reader", "describe_error", "prepare_input"]

Reader = Callable[[Path], ReadResult]


class Extractor(Protocol):
    """Records for each article; one that fails goes to ``failures`` (source = article id).

    :func:`sitroom.jobs.parallel.extract_articles` is one. Raising fails the whole input.
    """

    def __call__(
        self, articles: Sequence[Article], /, *, failures: list[Failure]
    ) -> Iterable[Extraction]: ...


def describe_error(e: BaseException) -> str:
    """An input's failure message: ours as written, anything else with its type."""
    return str(e) if isinstance(e, IngestError) else f"{type(e).__name__}: {e}"


@dataclass(frozen=True, slots=True, kw_only=True)
class PreparedInput:
    """One input read and extracted, not yet stored; errors kept as messages, never raised."""

    path: Path
    sha256: str | None
    size: int | None
    result: ReadResult | None = None  # None when reading failed
    read_error: str | None = None
    extractions: tuple[Extraction, ...] = ()
    extract_failures: tuple[Failure, ...] = ()  # per article (source = article id)
    extract_error: str | None = None  # the extractor raised: the whole input fails
    extracted: bool = False  # whether an extractor ran

    def replay(self) -> PreparedExtractor:
        """An :class:`Extractor` that gives back this input's extractions (see module doc)."""
        return PreparedExtractor(self)


@dataclass(frozen=True, slots=True)
class PreparedExtractor:
    """Replays a :class:`PreparedInput`'s extraction for the articles the commit stores."""

    prepared: PreparedInput

    def __call__(
        self, articles: Sequence[Article], /, *, failures: list[Failure]
    ) -> Iterable[Extraction]:
        if self.prepared.extract_error is not None:
            raise IngestError(self.prepared.extract_error)
        wanted = {a.id for a in articles}
        failures += [f for f in self.prepared.extract_failures if f.source in wanted]
        first: dict[str, Extraction] = {}
        for extraction in self.prepared.extractions:
            first.setdefault(extraction.article_id, extraction)
        # Stored order, once per article: as the extractor itself yields them.
        seen: set[str] = set()
        out: list[Extraction] = []
        for article in articles:
            if article.id in first and article.id not in seen:
                seen.add(article.id)
                out.append(first[article.id])
        return out


def prepare_input(
    path: Path,
    *,
    sha256: str | None,
    size: int | None,
    read: Reader,
    extract: Extractor | None,
) -> PreparedInput:
    """Read ``path`` and extract its articles; pure (no store), so it runs on any worker."""
    try:
        result = read(path)
    except Exception as e:  # noqa: BLE001 - a bad input is recorded and the batch goes on
        return PreparedInput(path=path, sha256=sha256, size=size, read_error=describe_error(e))
    if extract is None or not result.articles:
        return PreparedInput(path=path, sha256=sha256, size=size, result=result)
    failures: list[Failure] = []
    try:
        extractions = tuple(extract(result.articles, failures=failures))
    except Exception as e:  # noqa: BLE001 - replayed at commit time, where the input fails whole
        return PreparedInput(
            path=path,
            sha256=sha256,
            size=size,
            result=result,
            extract_error=describe_error(e),
            extracted=True,
        )
    return PreparedInput(
        path=path,
        sha256=sha256,
        size=size,
        result=result,
        extractions=extractions,
        extract_failures=tuple(failures),
        extracted=True,
    )
