"""read_path / iter_input_paths / demo corpus: bad paths, size limits, folders, arbitrary bytes."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.errors import EmptyInput, IngestError, InputTooLarge
from sitroom.readers import ReadResult, demo_corpus_dir, iter_input_paths, read_bytes, read_path

from .conftest import check_article

STORY = b"Harbour Cranes Back in Service\n\nTwo harbour cranes damaged last month are working again, the port said.\n"


def test_missing_path_and_dangling_link(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"nope\.txt: no such file"):
        read_path(tmp_path / "nope.txt")
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(IngestError, match=r"dangling\.txt: no such file"):
        read_path(link)


def test_directory_given_as_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="is a directory"):
        read_path(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(EmptyInput, match=r"empty\.txt: empty file$"):
        read_path(empty)


def test_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    small = tmp_path / "story.txt"
    small.write_bytes(STORY)
    with pytest.raises(
        InputTooLarge,
        match=rf"story\.txt: {len(STORY)} bytes is over the 50 bytes limit \(max_input_bytes\)",
    ):
        read_path(small, max_bytes=50)
    assert read_path(small, max_bytes=len(STORY)).articles


def test_real_200_mb_file_fails_fast(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: no 200 MB written to disk
        handle.truncate(200 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(InputTooLarge, match=r"big\.txt: 200\.0 MB is over the 100 MB limit"):
        read_path(big, max_bytes=100 * 1024 * 1024)
    assert (
        time.perf_counter() - started < 5
    )  # not read: a read of 200 MB would take far longer on this box


def test_iter_input_paths_walks_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("b/2.txt", "b/1.txt", "a.txt", ".hidden.txt", ".git/config"):
        (tmp_path / rel).write_bytes(STORY)
    missing = tmp_path / "missing.html"
    got = list(iter_input_paths([tmp_path, missing]))
    assert got == [tmp_path / "a.txt", tmp_path / "b" / "1.txt", tmp_path / "b" / "2.txt", missing]


def test_thousands_of_files(tmp_path: Path) -> None:
    for i in range(3000):
        (tmp_path / f"{i:05d}.txt").write_bytes(b"x")
    paths = list(iter_input_paths([tmp_path]))
    assert len(paths) == 3000
    assert paths == sorted(paths)
    assert paths[0].name == "00000.txt"


def test_demo_corpus_reads_cleanly() -> None:
    folder = demo_corpus_dir()
    results = [read_path(p) for p in iter_input_paths([folder]) if p.suffix != ".py"]
    articles = [a for r in results for a in r.articles]
    assert 12 <= len(articles) <= 16
    assert Counter(r.format for r in results) == {
        "html": 4,
        "text": 1,
        "rss": 1,
        "jsonl": 1,
        "warc": 1,
    }
    assert sum(len(r.links) for r in results) == 1
    assert not any(r.skipped for r in results)
    for article in articles:
        check_article(article)
        assert 150 <= len(article.text.split()) <= 350, article.title
        assert article.published and "2025-03-01" <= article.published <= "2025-03-20"
        assert article.outlet
    assert len({a.outlet for a in articles}) >= 6
    assert len({a.id for a in articles}) == len(articles)


def test_demo_corpus_has_a_near_duplicate_and_contradicting_counts() -> None:
    results = [read_path(p) for p in iter_input_paths([demo_corpus_dir()])]
    texts = {a.outlet: a.text for r in results for a in r.articles}
    herald, courier = texts["Black Sea Herald"], texts["Southern Courier"]
    assert herald != courier
    shared = set(herald.split()) & set(courier.split())
    assert len(shared) / len(set(herald.split()) | set(courier.split())) > 0.9
    everything = "\n".join(texts.values())
    for count in ("about 10,000", "11,000 to 12,000", "about 3,000"):
        assert count in everything


def test_unreadable_file_reports_reason(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(IngestError, match="not a regular file"):
        read_path(fifo)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    raw=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=800).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from(
            [
                b"<html>",
                b"<rss>",
                b'{"text": ',
                b"WARC/1.0\r\n",
                b"\x1f\x8b\x08\x00",
                b"<?xml?><feed>",
            ]
        ).flatmap(lambda head: st.binary(max_size=500).map(lambda tail: head + tail)),
    )
)
def test_arbitrary_bytes_read_or_raise_ingest_error(raw: bytes) -> None:
    try:
        result = read_bytes(raw, name="fuzz.bin")
    except IngestError as e:
        error = str(e)
    else:
        error = None
        assert isinstance(result, ReadResult)
        for article in result.articles:
            check_article(article)
    assert error is None or error.startswith("fuzz.bin")
