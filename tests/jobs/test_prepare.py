"""prepare_inputs: a chunk of inputs read, their articles extracted in one call, per input out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from sitroom.jobs.prepare import Job, prepare_inputs
from sitroom.jobs.synthetic import synthetic_story
from sitroom.readers import read_path
from sitroom.records import Article, Extraction, Failure, Quote


def write_inputs(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"story-{i:04d}.txt"
        path.write_text(synthetic_story(i), encoding="utf-8")
        paths.append(path)
    return paths


class Recording:
    """An extractor that quotes each article's first word and records each call's articles.

    Articles from ``doomed`` make the whole call raise; those from ``failing`` are reported
    in ``failures``.
    """

    def __init__(self, *, doomed: Path | None = None, failing: Path | None = None) -> None:
        self.calls: list[list[str]] = []
        self.doomed, self.failing = doomed, failing

    def __call__(
        self, articles: Sequence[Article], *, failures: list[Failure]
    ) -> Iterator[Extraction]:
        self.calls.append([a.source or "" for a in articles])
        if self.doomed is not None and any(a.source == str(self.doomed) for a in articles):
            raise RuntimeError("extractor crashed")
        for article in articles:
            if article.source == str(self.failing):
                failures.append(Failure(source=article.id, stage="extract", message="no"))
                continue
            end = article.text.index(" ")
            quote = Quote(
                article_id=article.id, start=0, end=end, text=article.text[:end], kind="direct"
            )
            yield Extraction(article_id=article.id, quotes=(quote,))


def jobs_for(paths: Sequence[Path]) -> list[Job]:
    return [(path, None, None) for path in paths]


@pytest.mark.issue(13)
def test_a_chunk_is_extracted_in_one_call_with_the_per_input_results(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path / "in", 3)
    missing = tmp_path / "in" / "missing.txt"
    jobs = jobs_for([paths[0], missing, paths[1], paths[2]])
    together = Recording(failing=paths[1])
    chunk = prepare_inputs(jobs, read=read_path, extract=together)
    assert together.calls == [[str(p) for p in paths]]  # one call, every article, in order
    alone = Recording(failing=paths[1])
    one_by_one = [prepare_inputs([job], read=read_path, extract=alone)[0] for job in jobs]
    assert len(alone.calls) == 3
    assert chunk == one_by_one
    assert chunk[1].read_error is not None and not chunk[1].extracted
    assert [len(p.extractions) for p in chunk] == [1, 0, 0, 1]
    assert [f.source for f in chunk[2].extract_failures] == [chunk[2].result.articles[0].id]
    for prepared in (chunk[0], chunk[3]):
        article = prepared.result.articles[0]
        quote = prepared.extractions[0].quotes[0]
        assert prepared.extractions[0].article_id == article.id
        assert article.text[quote.start : quote.end] == quote.text


@pytest.mark.issue(13)
def test_an_extractor_that_raises_fails_only_the_input_that_makes_it_raise(
    tmp_path: Path,
) -> None:
    paths = write_inputs(tmp_path / "in", 3)
    extract = Recording(doomed=paths[1])
    chunk = prepare_inputs(jobs_for(paths), read=read_path, extract=extract)
    assert [p.extract_error for p in chunk] == [None, "RuntimeError: extractor crashed", None]
    assert [len(p.extractions) for p in chunk] == [1, 0, 1]
    assert len(extract.calls) == 4  # the chunk, then each input alone


@pytest.mark.issue(13)
def test_inputs_holding_the_same_article_are_extracted_one_by_one(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path / "in", 2)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(paths[0].read_bytes())
    extract = Recording()
    chunk = prepare_inputs(jobs_for([paths[0], paths[1], copy]), read=read_path, extract=extract)
    assert len(extract.calls) == 3
    assert chunk[0].extractions == chunk[2].extractions and len(chunk[1].extractions) == 1
