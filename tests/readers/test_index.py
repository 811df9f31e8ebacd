"""Sidecar index: file name -> outlet, url, published, title, applied by read_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.errors import IngestError
from sitroom.readers import IndexEntry, iter_read, load_index, read_path
from sitroom.records import Article, article_id_for

from .conftest import check_article

STORY = "Crews restored power to the eastern districts overnight. Repairs continue on two substations.\n"
pytestmark = pytest.mark.issue(12)


def test_realnews_style_csv_maps_outlet_set_and_gdelt_date(tmp_path: Path) -> None:
    index = tmp_path / "index.csv"
    index.write_text(
        "file,gdelt_seendate_utc,country,outlet_set,words\n"
        "a.txt,20230314T101500Z,GB,alpha.example|beta.example,120\n"
        "b.txt,,US,,40\n",
        encoding="utf-8",
    )
    entries = load_index(index)
    assert entries == {
        "a.txt": IndexEntry(outlet="alpha.example|beta.example", published="2023-03-14"),
        "b.txt": IndexEntry(),
    }


def test_jsonl_index_with_documented_columns(tmp_path: Path) -> None:
    index = tmp_path / "index.jsonl"
    rows = [
        {
            "name": "x.txt",
            "outlet": "Valley Post",
            "url": "https://valley.example/x",
            "date": "2024-05-02",
            "headline": "Power Back in the East",
        }
    ]
    index.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert load_index(index) == {
        "x.txt": IndexEntry(
            outlet="Valley Post",
            url="https://valley.example/x",
            published="2024-05-02",
            title="Power Back in the East",
        )
    }


def test_index_fills_what_the_file_lacks_and_its_title_replaces_a_derived_one(
    tmp_path: Path,
) -> None:
    (tmp_path / "x.txt").write_text(STORY, encoding="utf-8")
    entries = {
        "x.txt": IndexEntry(
            outlet="Valley Post",
            url="https://valley.example/x",
            published="2024-05-02",
            title="Power Back in the East",
        )
    }
    (article,) = read_path(tmp_path / "x.txt", index=entries, outlet="Ignored Option").articles
    assert (article.title, article.title_derived) == ("Power Back in the East", False)
    assert (article.outlet, article.url) == ("Valley Post", "https://valley.example/x")
    assert (article.published, article.published_source) == ("2024-05-02", "index")
    assert article.id == article_id_for("Power Back in the East", article.text)
    check_article(article)
    (plain,) = read_path(tmp_path / "x.txt").articles
    assert plain.title_derived and plain.outlet is None


def test_files_missing_from_the_index_read_as_usual(tmp_path: Path) -> None:
    (tmp_path / "y.txt").write_text(STORY, encoding="utf-8")
    items = list(
        iter_read(
            tmp_path / "y.txt",
            index={"x.txt": IndexEntry(outlet="Valley Post")},
            outlet="Flag Outlet",
        )
    )
    (article,) = items
    assert isinstance(article, Article) and article.outlet == "Flag Outlet"


def test_index_without_a_file_column_is_refused(tmp_path: Path) -> None:
    index = tmp_path / "bad.csv"
    index.write_text("outlet,url\nA,https://a.example\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"bad\.csv: the index has no file column"):
        load_index(index)


def test_realnews_index_covers_every_file(shared_dir: Path) -> None:
    folder = shared_dir / "benchmarks" / "realnews"
    if not (folder / "index.csv").is_file():
        pytest.skip("realnews index not present")
    entries = load_index(folder / "index.csv")
    files = sorted((folder / "articles").glob("*.txt"))
    assert all(f.name in entries for f in files)
    (article,) = read_path(files[0], index=entries).articles
    assert article.outlet and article.published and article.published_source == "index"
