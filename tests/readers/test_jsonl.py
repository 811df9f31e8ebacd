"""JSON Lines reader: one article per line, bad lines skipped with their number."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.errors import IngestError
from sitroom.readers import ReadLimits, iter_read, read_bytes
from sitroom.records import Article

from .conftest import check_article


def _line(**row: object) -> str:
    return json.dumps(row, ensure_ascii=False)


def test_rows_become_articles_with_metadata() -> None:
    raw = "\n".join(
        [
            _line(
                title="Silo repaired",
                text="First paragraph here.\n\nSecond paragraph here.",
                url="https://a.example/1",
                published="2025-03-10T09:00:00Z",
                outlet="Steppe Wire",
            ),
            _line(title="Bridge open", text="Line one of the body.\nLine two of the body."),
        ]
    ).encode()
    result = read_bytes(raw, name="batch.jsonl", outlet="Fallback Outlet")
    first, second = result.articles
    assert first.paragraphs == ("First paragraph here.", "Second paragraph here.")
    assert (first.url, first.published, first.published_source, first.outlet) == (
        "https://a.example/1",
        "2025-03-10",
        "metadata",
        "Steppe Wire",
    )
    assert second.paragraphs == ("Line one of the body.", "Line two of the body.")
    assert second.outlet == "Fallback Outlet"
    assert [a.source_index for a in result.articles] == [0, 1]
    for article in result.articles:
        check_article(article)


def test_bad_lines_are_skipped_with_line_numbers() -> None:
    lines = [
        '{"title": "Ok", "text": "Body text."}',
        "{not json",
        "[1, 2]",
        '{"title": "No body"}',
        "",
        '{"text": "Untitled body."}',
    ]
    raw = "\n".join(lines).encode()
    result = read_bytes(raw, name="mixed.jsonl")
    assert [(a.title, a.title_derived) for a in result.articles] == [
        ("Ok", False),
        ("Untitled body.", True),
    ]
    assert len(result.skipped) == 3
    assert result.skipped[0].startswith("mixed.jsonl: line 2: invalid JSON")
    assert result.skipped[1] == "mixed.jsonl: line 3: not a JSON object"
    assert result.skipped[2] == 'mixed.jsonl: line 4: no "text" field'


def test_all_lines_bad_raises() -> None:
    with pytest.raises(IngestError, match=r"^all-bad\.jsonl: no article"):
        read_bytes(b'{"title": "x"}\n{"title": "y"}\n', name="all-bad.jsonl")


@pytest.mark.issue(12)
def test_deeply_nested_line_is_skipped_and_counted() -> None:
    # Regression: json.loads raised RecursionError, which rejected the whole file.
    deep = '{"title": "Deep", "text": "x", "extra": ' + "[" * 200_000 + "]" * 200_000 + "}"
    raw = "\n".join(
        [_line(title="First", text="Body one."), deep, _line(title="Third", text="Body three.")]
    )
    result = read_bytes(raw.encode(), name="deep.jsonl")
    assert [a.title for a in result.articles] == ["First", "Third"]
    assert result.skipped == ("deep.jsonl: line 2: JSON nested too deeply",)


@pytest.mark.issue(12)
def test_lone_surrogates_become_replacement_characters() -> None:
    raw = '{"title": "Bridge \\ud800 reopens", "text": "Traffic \\udfff resumed.", "outlet": "Ri\\ud83dver"}\n'
    (article,) = read_bytes(raw.encode(), name="s.jsonl").articles
    assert (article.title, article.text, article.outlet) == (
        "Bridge \ufffd reopens",
        "Traffic \ufffd resumed.",
        "Ri\ufffdver",
    )
    json.dumps([article.title, article.text]).encode("utf-8")
    check_article(article)


@pytest.mark.issue(12)
def test_read_json_command_survives_a_lone_surrogate(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"title": "Port \\ud800 news", "text": "Cranes \\udc00 moved."}\n', encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["read", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert "Port \ufffd news" in json.loads(result.stdout)[0]["title"]


@pytest.mark.issue(12)
def test_line_over_the_record_limit_is_skipped_with_its_size() -> None:
    raw = "\n".join(
        [_line(title="Big", text="Long body. " * 50_000), _line(title="Small", text="Short body.")]
    )
    result = read_bytes(raw.encode(), name="big.jsonl", limits=ReadLimits(max_record_bytes=100_000))
    assert [a.title for a in result.articles] == ["Small"]
    (reason,) = result.skipped
    assert reason.startswith(
        "big.jsonl: line 1: 550,028 bytes is over the 100,000 bytes limit for one record"
    )


@pytest.mark.issue(12)
def test_jsonl_streams_in_bounded_memory(tmp_path: Path) -> None:
    # Regression: 200,000 rows were read, decoded and split whole before the first article.
    path = tmp_path / "many.jsonl"
    row = _line(
        title="Grain update", text="Barges left the port on time today, the operator said. " * 90
    )
    with path.open("w", encoding="utf-8") as handle:
        for n in range(1_000):
            handle.write(row.replace("Grain update", f"Grain update {n}") + "\n")
    assert path.stat().st_size > 4_500_000
    tracemalloc.start()
    try:
        count = sum(isinstance(item, Article) for item in iter_read(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 1_000
    assert peak < 2_000_000


@pytest.mark.issue(12)
def test_outlet_from_metadata_then_url_then_option() -> None:
    rows = [
        _line(title="A", text="Body a.", outlet="Steppe Wire", url="https://www.other.example/a"),
        _line(title="B", text="Body b.", url="https://www.kyiv-post.example/news/b"),
        _line(title="C", text="Body c."),
    ]
    result = read_bytes("\n".join(rows).encode(), name="o.jsonl", outlet="Flag Outlet")
    assert [a.outlet for a in result.articles] == [
        "Steppe Wire",
        "kyiv-post.example",
        "Flag Outlet",
    ]
