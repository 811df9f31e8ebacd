"""Issue 12: an article whose extraction fails is counted, named, stored, and retried by reprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from spacy.tokens import Doc

from sitroom.cli import cli
from sitroom.nlp import extract as nlp_extract
from sitroom.records import Extraction
from sitroom.store import open_store

STORIES = {
    "ferry.txt": (
        "Ferry service resumes on the Danube\n\n"
        "The regional administration said on Friday that 3 ferries would cross again from Reni.\n"
    ),
    "depot.txt": (
        "Fuel depot burns after night raid\n\n"
        "Firefighters in Vylkove said 12 fuel tanks burned overnight, the mayor said.\n"
    ),
    "school.txt": (
        "Schools reopen after the holidays\n\n"
        "About 40 pupils came back to classes in Bolhrad on Monday, teachers said.\n"
    ),
}


def _write(folder: Path) -> None:
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")


def _break_on_vylkove(monkeypatch: pytest.MonkeyPatch) -> None:
    real = nlp_extract.doc_to_records

    def flaky(doc: Doc, *, article_id: str, published: str | None) -> Extraction:
        if "Vylkove" in doc.text:
            raise ValueError("no gazetteer row for the depot")
        return real(doc, article_id=article_id, published=published)

    monkeypatch.setattr(nlp_extract, "doc_to_records", flaky)


def _stats(runner: CliRunner, db_path: Path) -> dict[str, int]:
    result: Result = runner.invoke(cli, ["stats", "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.stderr
    counts: dict[str, int] = json.loads(result.stdout)
    return counts


@pytest.mark.issue(12)
@pytest.mark.slow
def test_failed_extraction_is_reported_and_reprocess_clears_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: object
) -> None:
    _write(tmp_path / "in")
    db_path = tmp_path / "war.db"
    runner = CliRunner()
    monkeypatch.delenv("SITROOM_DEBUG", raising=False)
    with monkeypatch.context() as patch:
        _break_on_vylkove(patch)
        result = runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "3 files read · 0 files failed · 3 articles new · 0 duplicate · 0 near-duplicate"
        " · 1 extraction failed · 0 links"
    )
    (line,) = [line for line in result.stderr.splitlines() if "extract failed" in line]
    assert line.startswith(f"{tmp_path / 'in' / 'depot.txt'}: extract failed: article ")
    assert line.endswith(": ValueError: no gazetteer row for the depot")
    failed_id = line.split("article ")[1].split(":")[0]

    counts = _stats(runner, db_path)
    assert (counts["articles"], counts["processed"], counts["extract_failed"]) == (3, 2, 1)
    with open_store(db_path) as db:
        for item in db.list_articles(limit=10).items:
            extraction = db.get_extraction(item.id)
            if item.id == failed_id:
                assert extraction.mentions == () and extraction.claims == ()
            else:
                assert extraction.claims, item.title  # the other two have their records
    shown = runner.invoke(cli, ["stats", "--db", str(db_path)])
    assert "1 article(s) failed extraction" in shown.stderr

    fixed = runner.invoke(cli, ["reprocess", "--db", str(db_path)])  # the extractor works again
    assert fixed.exit_code == 0, fixed.stderr
    assert "reprocessed 1 article(s), 0 failed" in fixed.stderr
    counts = _stats(runner, db_path)
    assert (counts["processed"], counts["extract_failed"]) == (3, 0)
    with open_store(db_path) as db:
        assert any(c.value == 12 for c in db.get_extraction(failed_id).claims)


@pytest.mark.issue(12)
@pytest.mark.slow
def test_reprocess_names_what_still_fails_and_debug_shows_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: object
) -> None:
    _write(tmp_path / "in")
    db_path = tmp_path / "war.db"
    runner = CliRunner()
    monkeypatch.delenv("SITROOM_DEBUG", raising=False)
    stored = runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", str(db_path)])
    assert stored.exit_code == 0, stored.stderr
    _break_on_vylkove(monkeypatch)
    again = runner.invoke(cli, ["--debug", "reprocess", "--all", "--db", str(db_path)])
    assert again.exit_code == 1
    assert "Traceback (most recent call last):" in again.stderr  # --debug: the log has it
    assert "reprocessed 2 article(s), 1 failed" in again.stderr
    (named,) = [line for line in again.stderr.splitlines() if line.startswith("article ")]
    assert named.endswith(": extract failed: ValueError: no gazetteer row for the depot")
    assert _stats(runner, db_path)["extract_failed"] == 1
    # Still failing, and no longer stale (--all re-ran it with the current version): a plain
    # reprocess still retries it, because its failure is recorded.
    retry = runner.invoke(cli, ["reprocess", "--db", str(db_path)])
    assert retry.exit_code == 1 and "reprocessed 0 article(s), 1 failed" in retry.stderr
