"""JSON Lines reader: one article per line, bad lines skipped with their number."""

from __future__ import annotations

import json

import pytest

from sitroom.errors import IngestError
from sitroom.readers import read_bytes

from .conftest import check_article


def _line(**row: object) -> str:
    return json.dumps(row, ensure_ascii=False)


def test_rows_become_articles_with_metadata() -> None:
    raw = "\n".join(
        [
            _line(title="Silo repaired", text="First paragraph here.\n\nSecond paragraph here.", url="https://a.example/1", published="2025-03-10T09:00:00Z", outlet="Steppe Wire"),
            _line(title="Bridge open", text="Line one of the body.\nLine two of the body."),
        ]
    ).encode()
    result = read_bytes(raw, name="batch.jsonl", outlet="Fallback Outlet")
    first, second = result.articles
    assert first.paragraphs == ("First paragraph here.", "Second paragraph here.")
    assert (first.url, first.published, first.published_source, first.outlet) == ("https://a.example/1", "2025-03-10", "metadata", "Steppe Wire")
    assert second.paragraphs == ("Line one of the body.", "Line two of the body.")
    assert second.outlet == "Fallback Outlet"
    assert [a.source_index for a in result.articles] == [0, 1]
    for article in result.articles:
        check_article(article)


def test_bad_lines_are_skipped_with_line_numbers() -> None:
    lines = ['{"title": "Ok", "text": "Body text."}', "{not json", "[1, 2]", '{"title": "No body"}', "", '{"text": "Untitled body."}']
    raw = "\n".join(lines).encode()
    result = read_bytes(raw, name="mixed.jsonl")
    assert [(a.title, a.title_derived) for a in result.articles] == [("Ok", False), ("Untitled body.", True)]
    assert len(result.skipped) == 3
    assert result.skipped[0].startswith("mixed.jsonl: line 2: invalid JSON")
    assert result.skipped[1] == "mixed.jsonl: line 3: not a JSON object"
    assert result.skipped[2] == 'mixed.jsonl: line 4: no "text" field'


def test_all_lines_bad_raises() -> None:
    with pytest.raises(IngestError, match=r"^all-bad\.jsonl: no article"):
        read_bytes(b'{"title": "x"}\n{"title": "y"}\n', name="all-bad.jsonl")
