"""Pipelined ingest (forked workers, Dask): the same store and report as one process, in order."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from sitroom.jobs.ingest import ingest
from sitroom.jobs.synthetic import synthetic_story
from sitroom.readers import demo_corpus_dir
from sitroom.records import Article, Extraction, Failure, IngestReport, Quote

_TIMESTAMP = re.compile(r"'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'")


def write_inputs(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"story-{i:04d}.txt"
        path.write_text(synthetic_story(i), encoding="utf-8")
        paths.append(path)
    return paths


def dump(path: Path) -> list[str]:
    """The whole database as SQL, with the ingest timestamps blanked (they differ per run)."""
    conn = sqlite3.connect(path)
    try:
        return [_TIMESTAMP.sub("'T'", line) for line in conn.iterdump()]
    finally:
        conn.close()


def _one_quote(article: Article) -> Extraction:
    end = article.text.index(".") + 1
    quote = Quote(article_id=article.id, start=0, end=end, text=article.text[:end], kind="direct")
    return Extraction(article_id=article.id, quotes=(quote,))


def _mixed_inputs(folder: Path) -> list[Path]:
    paths = write_inputs(folder, 6)
    (folder / "copy-of-0.txt").write_text(synthetic_story(0), encoding="utf-8")
    (folder / "zz-binary.bin").write_bytes(b"\x00\x01\x02\x03 not text at all \x00")
    (folder / "zz-empty.txt").write_bytes(b"")
    return [*paths, folder / "copy-of-0.txt", folder / "zz-binary.bin", folder / "zz-empty.txt"]


def _extract(articles: Sequence[Article], *, failures: list[Failure]) -> Iterator[Extraction]:
    """Quotes for most inputs; story 1 crashes, story 2 fails per article, story 3 is dropped."""
    for article in articles:
        name = Path(article.source or "").name
        if name == "story-0001.txt":
            raise RuntimeError("extractor crashed")
        if name == "story-0002.txt":
            failures.append(Failure(source=article.id, stage="extract", message="KeyError: 'x'"))
        elif name != "story-0003.txt":
            yield _one_quote(article)


def _run(tmp_path: Path, name: str, **options: object) -> tuple[IngestReport, list[str]]:
    db_path = tmp_path / f"{name}.db"
    report = ingest(
        [tmp_path / "in", tmp_path / "missing.txt"],
        db=db_path,
        extract=_extract,
        pipeline_version="test-1",
        **options,  # type: ignore[arg-type]
    )
    return report, dump(db_path)


def test_forked_pipeline_gives_the_one_process_store_and_report(tmp_path: Path) -> None:
    _mixed_inputs(tmp_path / "in")
    one_report, one_dump = _run(tmp_path, "one", processes=1)
    two_report, two_dump = _run(tmp_path, "two", processes=2)
    assert one_report.failed == 4 and one_report.extract_failed == 2  # the scenario holds
    assert two_report == one_report
    assert two_dump == one_dump


def test_progress_is_reported_in_input_order(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path / "in", 9)
    steps: list[tuple[int, str]] = []
    ingest(
        paths,
        db=tmp_path / "x.db",
        processes=2,
        progress=lambda s: steps.append((s.done, s.path.name)),
    )
    assert steps == [(i + 1, p.name) for i, p in enumerate(paths)]


def test_inputs_already_read_are_not_read_again(tmp_path: Path) -> None:
    """Known inputs (same sha256) are skipped before the workers read or extract them."""
    write_inputs(tmp_path / "in", 4)
    log = tmp_path / "read.log"

    def read(path: Path):  # type: ignore[no-untyped-def]
        from sitroom.readers import read_path

        with log.open("a", encoding="utf-8") as f:  # appended by whichever worker reads it
            f.write(path.name + "\n")
        return read_path(path)

    db_path = tmp_path / "x.db"
    first = ingest([tmp_path / "in"], db=db_path, reader=read, processes=2)
    write_inputs(tmp_path / "in", 2, start=4)
    log.write_text("", encoding="utf-8")
    again = ingest([tmp_path / "in"], db=db_path, reader=read, processes=2)
    assert (first.new, again.new, again.duplicate) == (4, 2, 4)
    assert sorted(log.read_text(encoding="utf-8").split()) == ["story-0004.txt", "story-0005.txt"]


@pytest.mark.slow
def test_real_extraction_is_the_same_records_on_two_processes(tmp_path: Path, nlp) -> None:
    from sitroom.jobs.parallel import PIPELINE_VERSION, extract_articles

    demo = demo_corpus_dir()
    dumps = []
    for processes in (1, 2):
        db_path = tmp_path / f"p{processes}.db"
        report = ingest(
            [demo],
            db=db_path,
            extract=extract_articles,
            pipeline_version=PIPELINE_VERSION,
            processes=processes,
        )
        assert report.failed == 0 and report.new > 5
        dumps.append(dump(db_path))
    assert dumps[1] == dumps[0]
    assert any(line.startswith('INSERT INTO "quotes"') for line in dumps[0])


@pytest.mark.slow
def test_dask_ingest_gives_the_same_store_as_a_local_ingest(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from sitroom.jobs.cluster import close_client, local_client
    from sitroom.jobs.parallel import PIPELINE_VERSION, extract_articles

    inputs = sorted(demo_corpus_dir().iterdir())[:4]
    ingest(
        inputs,
        db=tmp_path / "local.db",
        extract=extract_articles,
        processes=1,
        pipeline_version=PIPELINE_VERSION,
    )
    client = local_client(workers=2)
    try:
        report = ingest(
            inputs,
            db=tmp_path / "dask.db",
            extract=extract_articles,
            pipeline_version=PIPELINE_VERSION,
            client=client,
        )
    finally:
        close_client(client)
    assert report.failed == 0 and report.new >= 4
    assert dump(tmp_path / "dask.db") == dump(tmp_path / "local.db")


_KILLED_RUN = """
import sys, time
from pathlib import Path
from sitroom.jobs.ingest import ingest
from sitroom.readers import read_path

def read(path):
    time.sleep(0.05)  # slow enough to be killed midway
    return read_path(path)

ingest([Path(sys.argv[1])], db=sys.argv[2], reader=read, processes=2)
"""


def _committed(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(db_path, timeout=5)
    try:
        return int(conn.execute("SELECT count(*) FROM sources").fetchone()[0])
    except sqlite3.OperationalError:  # not migrated yet
        return 0
    finally:
        conn.close()


def _group_ends(pgid: int, *, within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    os.killpg(pgid, signal.SIGKILL)  # don't leave them behind for the next test
    return False


@pytest.mark.slow
def test_sigkill_midway_then_resume_gives_the_clean_store(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_inputs(inputs, 60)
    killed = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_KILLED_RUN), str(inputs), str(killed)],
        start_new_session=True,  # its own process group: its forked workers, and only them
    )
    deadline = time.monotonic() + 60
    while _committed(killed) < 5 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)  # ingest only: its forked workers must follow it
    proc.wait()
    assert 0 < _committed(killed) < 60  # killed midway
    assert _group_ends(proc.pid, within_s=30), "forked workers outlived the killed ingest"
    resumed = ingest([inputs], db=killed, processes=2)
    clean = tmp_path / "clean.db"
    ingest([inputs], db=clean, processes=1)
    assert resumed.failed == 0
    assert dump(killed) == dump(clean)
