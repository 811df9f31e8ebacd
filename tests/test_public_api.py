"""`sitroom.__all__` is exactly the public names, and each one works."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import sitroom


def test_all_matches_public_names() -> None:
    public = {
        name
        # dir(), not vars(): ingest, read_path, Store and open_store are imported on first use.
        for name, value in ((n, getattr(sitroom, n)) for n in dir(sitroom))
        if not name.startswith("_") and not isinstance(value, ModuleType) and name != "annotations"
    }
    assert set(sitroom.__all__) == public
    assert len(sitroom.__all__) == len(set(sitroom.__all__))
    for name in sitroom.__all__:
        assert getattr(sitroom, name) is not None


def test_ingest_is_the_function_and_readers_a_package() -> None:
    import sitroom.readers
    from sitroom.readers import read_bytes

    assert callable(sitroom.ingest) and sitroom.ingest.__module__ == "sitroom.jobs.ingest"
    assert callable(read_bytes) and not callable(sitroom.readers)


def test_public_api_end_to_end(tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_text(
        "Grain corridor holds\n\nShips left the port on schedule, the harbour master said.\n",
        encoding="utf-8",
    )
    result = sitroom.read_path(source)
    assert result.articles[0].title == "Grain corridor holds"
    report = sitroom.ingest([source], db=tmp_path / "api.db")
    assert isinstance(report, sitroom.IngestReport) and report.new == 1
    with sitroom.open_store(tmp_path / "api.db") as db:
        assert isinstance(db, sitroom.Store)
        (hit,) = db.search("harbour")
        article = db.get_article(hit.article_id)
        assert isinstance(article, sitroom.Article) and "harbour master" in article.text
        with pytest.raises(sitroom.NotFound) as missing:
            db.get_article("0000")
        assert isinstance(missing.value, sitroom.SitroomError)


def test_import_in_a_fresh_interpreter() -> None:
    code = "import sitroom; print(sitroom.ingest.__module__, len(sitroom.__all__))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.split()[0] == "sitroom.jobs.ingest"
