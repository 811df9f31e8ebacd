"""Batch ingest: counts, one transaction per input, resume without doubling, failures isolated."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from sitroom.errors import IngestError
from sitroom.jobs.ingest import IngestStep, ingest
from sitroom.jobs.synthetic import synthetic_story
from sitroom.records import Article, Extraction, Failure, IngestReport, Quote
from sitroom.store import open_store


def story(seed: int, paragraphs: int = 3) -> str:
    """A made-up article (title + paragraphs) whose word runs differ from every other seed's."""
    return synthetic_story(seed, paragraphs=paragraphs)


def write_inputs(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"story-{i:04d}.txt"
        path.write_text(story(i), encoding="utf-8")
        paths.append(path)
    return paths


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_counts_and_failures_recorded(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_inputs(inputs, 4)
    (inputs / "copy-of-0.txt").write_text(story(0), encoding="utf-8")  # same bytes: skipped as read
    (inputs / "zz-binary.bin").write_bytes(b"\x00\x01\x02\x03 not text at all \x00")
    (inputs / "zz-empty.txt").write_bytes(b"")
    db_path = tmp_path / "x.db"
    report = ingest([inputs, tmp_path / "missing.txt"], db=db_path)
    assert (report.read, report.new, report.duplicate, report.failed) == (5, 4, 1, 3)
    failed = {Path(f.source).name: f.message for f in report.failures}
    assert set(failed) == {"zz-binary.bin", "zz-empty.txt", "missing.txt"}
    assert all(name in message for name, message in failed.items())
    with open_store(db_path) as db:
        counts = db.stats()
        assert (counts["articles"], counts["sources_ok"], counts["sources_failed"]) == (4, 4, 3)
        for article_id in report.article_ids:
            article = db.get_article(article_id)
            for block in article.blocks:
                assert article.text[block.start : block.end] == block.text


def test_reingest_changes_nothing(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_inputs(inputs, 6)
    db_path = tmp_path / "x.db"
    first = ingest([inputs], db=db_path)
    before = dump(db_path)
    again = ingest([inputs], db=db_path)
    assert first.new == 6 and again.new == 0 and again.duplicate == 6 and again.failed == 0
    assert dump(db_path) == before


def test_near_duplicate_input_is_linked(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    text = story(7, paragraphs=6)
    (inputs / "a.txt").write_text(text, encoding="utf-8")
    (inputs / "b.txt").write_text(
        text.replace("Dispatch 7", "Dispatch seven") + "\nUpdated with one more line.\n",
        encoding="utf-8",
    )
    report = ingest([inputs], db=tmp_path / "x.db")
    assert (report.new, report.near_duplicate) == (1, 1)
    with open_store(tmp_path / "x.db") as db:
        copy = db.get_article(report.article_ids[1])
        assert copy.duplicate_of == report.article_ids[0]


def _one_quote(article: Article) -> Extraction:
    """An extraction with one made-up quote: the article's second word."""
    start = article.text.index(" ") + 1
    end = article.text.index(" ", start)
    quote = Quote(
        article_id=article.id, start=start, end=end, text=article.text[start:end], kind="direct"
    )
    return Extraction(article_id=article.id, quotes=(quote,))


def test_input_failing_midway_leaves_nothing_and_batch_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    paths = write_inputs(inputs, 3)
    doomed = paths[1]

    def extract(articles: Sequence[Article], *, failures: list[Failure]) -> Iterator[Extraction]:
        for article in articles:
            if article.source == str(doomed):
                raise RuntimeError("extractor crashed")
            yield _one_quote(article)

    db_path = tmp_path / "x.db"
    report = ingest([inputs], db=db_path, extract=extract, pipeline_version="test-1")
    assert (report.read, report.new, report.failed) == (2, 2, 1)
    assert (
        report.failures[0].stage == "extract"
        and "RuntimeError: extractor crashed" in report.failures[0].message
    )
    with open_store(db_path) as db:
        assert db.stats()["articles"] == 2 and db.stats()["quotes"] == 2
        sources = {
            Path(r["path"]).name: r["status"]
            for r in db.connection.query("SELECT path, status FROM sources")
        }
        assert sources == {
            "story-0000.txt": "ok",
            "story-0001.txt": "failed",
            "story-0002.txt": "ok",
        }
        assert (
            db.connection.scalar("SELECT count(*) FROM articles WHERE source = ?", (str(doomed),))
            == 0
        )
        for article_id in report.article_ids:
            article = db.get_article(article_id)
            assert article.pipeline_version == "test-1"
            quote = db.get_extraction(article_id).quotes[0]
            assert article.text[quote.start : quote.end] == quote.text
    # A later run retries only the failed input.
    retry = ingest([inputs], db=db_path)
    assert (retry.new, retry.duplicate, retry.failed) == (1, 2, 0)


@pytest.mark.issue(12)
def test_failed_extraction_is_counted_named_and_stored(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path / "in", 4)
    doomed, silent = paths[1], paths[3]

    def extract(articles: Sequence[Article], *, failures: list[Failure]) -> Iterator[Extraction]:
        for article in articles:
            if article.source == str(doomed):
                failures.append(
                    Failure(source=article.id, stage="extract", message="KeyError: 'x'")
                )
            elif article.source != str(silent):  # this one is dropped without a word
                yield _one_quote(article)

    db_path = tmp_path / "x.db"
    report = ingest(paths, db=db_path, extract=extract, pipeline_version="test-1")
    assert (report.read, report.new, report.failed, report.extract_failed) == (4, 4, 0, 2)
    with open_store(db_path) as db:
        ids = {Path(a.source).name: a.id for a in map(db.get_article, report.article_ids)}
        assert [(f.source, f.stage) for f in report.failures] == [
            (str(doomed), "extract"),
            (str(silent), "extract"),
        ]
        assert report.failures[0].message == f"article {ids[doomed.name]}: KeyError: 'x'"
        assert ids[silent.name] in report.failures[1].message
        assert db.stats()["extract_failed"] == 2 and db.stats()["quotes"] == 2
        failed = {f.article_id: f for f in db.list_extract_failures()}
        assert set(failed) == {ids[doomed.name], ids[silent.name]}
        assert failed[ids[doomed.name]].message == "KeyError: 'x'"
        assert db.get_article(ids[doomed.name]).pipeline_version is None  # stays stale


def test_unexpected_reader_errors_are_recorded_but_interrupts_stop(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path / "in", 3)
    from sitroom.readers import read_path

    def reader(path: Path):
        if path == paths[0]:
            raise MemoryError("pretend the parser blew up")
        if path == paths[1]:
            raise IngestError(f"{path}: not readable today")
        return read_path(path)

    report = ingest(paths, db=tmp_path / "x.db", reader=reader)
    assert (report.read, report.failed) == (1, 2)
    assert report.failures[0].message == "MemoryError: pretend the parser blew up"
    assert report.failures[1].message.endswith("not readable today")

    def interrupted(path: Path):
        if path == paths[2]:
            raise KeyboardInterrupt
        return read_path(path)

    with pytest.raises(KeyboardInterrupt):
        ingest(paths, db=tmp_path / "y.db", reader=interrupted)
    with open_store(tmp_path / "y.db") as db:
        assert db.stats()["articles"] == 2  # the inputs before the interrupt are committed


def test_progress_and_open_store_argument(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path / "in", 3)
    steps: list[IngestStep] = []
    with open_store(tmp_path / "x.db") as db:
        report = ingest([tmp_path / "in"], db=db, progress=steps.append)
        assert isinstance(report, IngestReport) and db.stats()["articles"] == 3
    assert [(s.done, s.total, s.path.name, s.new) for s in steps] == [
        (i + 1, 3, p.name, i + 1) for i, p in enumerate(paths)
    ]


@pytest.mark.slow
def test_ingest_with_real_extraction_saves_records_with_exact_spans(tmp_path: Path, nlp) -> None:
    from sitroom.jobs.parallel import PIPELINE_VERSION, extract_articles

    source = tmp_path / "report.txt"
    source.write_text(
        "Night raid on the river port\n\n"
        "The navy said on Friday that its gunners shot down 11 of 14 drones aimed at the port of Izmail.\n\n"
        '"The crews held their ground," said Captain Mykola Hrytsenko, a navy spokesman.\n',
        encoding="utf-8",
    )
    db_path = tmp_path / "nlp.db"
    report = ingest(
        [source],
        db=db_path,
        extract=extract_articles,
        pipeline_version=PIPELINE_VERSION,
        published="2024-08-10",
    )
    assert (report.new, report.failed) == (1, 0), report.failures
    with open_store(db_path) as db:
        article = db.get_article(report.article_ids[0])
        assert article.pipeline_version == PIPELINE_VERSION
        extraction = db.get_extraction(article.id)
        records = [
            *extraction.mentions,
            *extraction.quotes,
            *extraction.claims,
            *extraction.timexes,
            *extraction.places,
            *extraction.events,
        ]
        assert extraction.quotes and extraction.claims
        for record in records:
            assert article.text[record.start : record.end] == record.text


@pytest.mark.issue(2)
def test_the_database_inside_the_ingested_folder_is_not_an_input(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_inputs(folder, 2)
    db_path = folder / "war.db"
    first = ingest([folder], db=db_path)
    assert (first.read, first.failed) == (2, 0)
    again = ingest([folder], db=db_path)  # now war.db, -wal and -shm sit in the folder
    assert again.failed == 0 and again.read == 2


@pytest.mark.issue(12)
def test_one_extractor_failing_keeps_the_others_records_and_is_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An extractor's bug costs only its own records; the article stays listed as failed."""
    import sitroom.nlp.extract as extract_module
    from sitroom.jobs.parallel import extract_articles

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise ZeroDivisionError("claims broke")

    monkeypatch.setattr(extract_module, "extract_claims", broken)
    source = tmp_path / "one.txt"
    source.write_text(
        "Ferry talks\n\nThe mayor said on Monday that 40 people were rescued near Odesa.\n",
        encoding="utf-8",
    )
    with open_store(tmp_path / "x.db") as db:
        report = ingest([source], db=db, extract=extract_articles, pipeline_version="test")
        assert report.new == 1 and report.extract_failed == 1
        (failed,) = db.list_extract_failures()
        assert "claims broke" in failed.message
        extraction = db.get_extraction(report.article_ids[0])
        assert extraction.claims == () and extraction.timexes  # the others' records are kept
