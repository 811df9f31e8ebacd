"""The accuracy gate (eval/gate.py): floors are judged right, and never lowered silently.

``test_accuracy_gate`` runs the real gate (about a minute); it is marked ``gate`` and left
out of the default run: ``make gate`` runs it, and CI runs ``make gate`` after ``make test``.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
FLOORS_IN_GIT = "eval/floors.json"


def _load_gate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gate", REPO / "eval" / "gate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gate"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


gate = _load_gate()


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        return None
    return done.stdout if done.returncode == 0 else None


def _floors_at(commit: str) -> dict[str, float] | None:
    text = _git("show", f"{commit}:{FLOORS_IN_GIT}")
    return None if text is None else {k: float(v) for k, v in json.loads(text).items()}


def test_judge_fails_a_figure_below_its_floor_and_passes_one_at_it() -> None:
    verdict = gate.judge({"a": 0.8, "b": 0.9}, {"a": 0.81, "b": 0.9})
    assert verdict.below == {"a": (0.8, 0.81)}
    assert not verdict.ok
    assert gate.judge({"a": 0.81}, {"a": 0.81}).ok


def test_judge_fails_a_floor_whose_figure_is_no_longer_measured() -> None:
    verdict = gate.judge({"a": 1.0}, {"a": 1.0, "gone": 0.5})
    assert verdict.unmeasured == ("gone",)
    assert not verdict.ok


def test_floors_get_slack_on_slices_and_none_on_the_sample() -> None:
    assert gate.floor_for("sample.claims_found", 0.95) == 0.95
    assert gate.floor_for("conll.plo_f1", 0.9316) == 0.921


def test_update_floors_records_old_new_date_and_reason(tmp_path: Path) -> None:
    floors, changes = tmp_path / "floors.json", tmp_path / "floors-changes.md"
    floors.write_text(json.dumps({"conll.plo_f1": 0.93, "sample.claims_found": 1.0}))
    changed = gate.update_floors(
        {"conll.plo_f1": 0.9, "sample.claims_found": 1.0},
        reason="names: new gazetteer | trade-off",
        floors_path=floors,
        changes_path=changes,
        today=dt.date(2026, 1, 2),
    )
    assert changed == {"conll.plo_f1": (0.93, 0.89)}
    assert json.loads(floors.read_text()) == {"conll.plo_f1": 0.89, "sample.claims_found": 1.0}
    assert changes.read_text().endswith(
        "| 2026-01-02 | conll.plo_f1 | 0.93 | 0.89 | names: new gazetteer / trade-off |\n"
    )
    assert gate.unrecorded([("conll.plo_f1", "0.93", "0.89")], changes.read_text()) == []


def test_update_floors_refuses_without_a_reason(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="needs --reason"):
        gate.update_floors({"a": 1.0}, reason=" ", floors_path=tmp_path / "f.json")
    assert not (tmp_path / "f.json").exists()


def test_a_lowered_or_dropped_floor_without_a_row_is_found() -> None:
    changes = gate.lowered({"a": 0.9, "b": 0.8, "c": 0.5}, {"a": 0.85, "b": 0.81})
    assert changes == [("a", "0.9", "0.85"), ("c", "0.5", "-")]
    table = "| date | figure | old | new | reason |\n| 2026-01-01 | a | 0.9 | 0.85 | why |\n"
    assert gate.unrecorded(changes, table) == [("c", "0.5", "-")]


@pytest.mark.issue(8)
def test_floors_are_lowered_only_with_a_recorded_reason() -> None:
    """Working tree against HEAD, and every commit of floors.json against its parent."""
    if _git("rev-parse", "HEAD") is None:
        pytest.skip("not a git checkout: no earlier floors to compare with")
    changes_text = gate.CHANGES.read_text(encoding="utf-8") if gate.CHANGES.is_file() else ""
    pairs: list[tuple[str, dict[str, float], dict[str, float]]] = []
    head = _floors_at("HEAD")
    if head is not None:
        pairs.append(("working tree", head, gate.read_floors()))
    for commit in (_git("log", "--format=%H", "--", FLOORS_IN_GIT) or "").split():
        before, after = _floors_at(f"{commit}^"), _floors_at(commit)
        if before is not None and after is not None:
            pairs.append((commit[:10], before, after))
    missing = [
        f"{where}: {name} {old} -> {new}"
        for where, before, after in pairs
        for name, old, new in gate.unrecorded(gate.lowered(before, after), changes_text)
    ]
    assert not missing, (
        "floors lowered without a row in eval/floors-changes.md (use "
        "`python eval/gate.py --update-floors --reason ...`): " + "; ".join(missing)
    )


@pytest.mark.gate
def test_accuracy_gate() -> None:
    shared = gate.find_shared()
    if shared is None:
        pytest.skip("no shared/ folder with samples/ and benchmarks/ (set SITROOM_SHARED)")
    measured = gate.measure(shared)
    verdict = gate.judge(measured.figures, gate.read_floors())
    assert verdict.ok, f"below floor: {verdict.below}; floors not measured: {verdict.unmeasured}"
