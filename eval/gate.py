"""`make gate`: a fast accuracy gate with pinned floors (about a minute on an idle machine).

``make eval`` measures everything and takes minutes; the gate measures a fixed, small part
of it on every CI run, with the eval modules' own scoring functions:

- the sample page (``samples/seed-dump.txt`` + ``.facts.json``): quotes found with the
  right speaker, numeric claims found, the checked events, the North Korean claim group,
  and the traps (the share of the six trap checks that produce nothing);
- fixed slices of the dev sets in ``benchmarks/``: the first ``TEMPEVAL_DOCS`` TempEval-3
  files, the first ``POLNEAR_ARTICLES`` PolNeAR dev articles, the first
  ``NEWSQUANT_SENTENCES`` NewsQuant sentences, the first ``CONLL_SENTENCES`` CoNLL-2003 dev
  sentences, and the leading LGL articles holding ``GEO_TOPONYMS`` gold toponyms.

Floors live in ``eval/floors.json`` (figure -> floor). The gate fails when a figure is below
its floor, or when a floor names a figure the gate no longer measures. A floor changes only
through ``python eval/gate.py --update-floors --reason "..."``, which sets the floors from
this run's figures (the sample's exactly, the slices' less ``SLICE_SLACK``) and appends each
change (figure, old, new, date, reason) to ``eval/floors-changes.md``;
``tests/test_gate.py`` fails when a floor is lower than in an earlier commit without a
matching entry there.

Usage::

    python eval/gate.py                      # measure, compare, exit 1 on a drop
    python eval/gate.py --update-floors --reason "quotes: attribution rewrite (#42)" [--only FIGURE ...]

The benchmarks folder is ``$SITROOM_SHARED``, else the first ``shared/`` beside the
checkout or one of its parents; without it the gate says so and passes (exit 0).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FLOORS = HERE / "floors.json"
CHANGES = HERE / "floors-changes.md"

# The fixed slices: small enough for about a minute in all, large enough that one lost
# item moves a figure by about a percent at most (TempEval ~280 timexes, PolNeAR ~90
# direct quotes, NewsQuant ~110 quantities, CoNLL ~500 names, LGL 50+ toponyms).
TEMPEVAL_DOCS = 40
POLNEAR_ARTICLES = 10
NEWSQUANT_SENTENCES = 100
CONLL_SENTENCES = 300
GEO_CORPUS = "lgl"
GEO_TOPONYMS = 50
# --update-floors sets a slice's floor this far under its figure, so that a change that
# moves one or two items of a slice does not need a floor change; the sample's figures
# are hand-checked facts and get no slack.
SLICE_SLACK = 0.01
# Floors are written with this many decimals, rounded down.
DECIMALS: int = 3

CHANGES_HEADER = """# Floor changes

Every change to `eval/floors.json`, oldest first, written by
`python eval/gate.py --update-floors --reason "..."`. A floor is never edited by hand:
`tests/test_gate.py` fails when a floor is lower than in an earlier commit without a row
here naming the figure, the old floor and the new one.

| date | figure | old | new | reason |
|---|---|---|---|---|
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Measured:
    """One gate run: the gated figures, and the raw numbers behind them (for reading)."""

    figures: dict[str, float]
    details: dict[str, dict[str, float | int | str]]
    seconds: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """Figures below their floor, and floors that name no measured figure."""

    below: dict[str, tuple[float, float]]  # figure -> (value, floor)
    unmeasured: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.below and not self.unmeasured


def find_shared() -> Path | None:
    """The shared folder with ``samples/`` and ``benchmarks/``, or None."""
    if env := os.environ.get("SITROOM_SHARED"):
        candidates = [Path(env)]
    else:
        candidates = [parent / "shared" for parent in REPO.parents]
    return next(
        (
            c
            for c in candidates
            if (c / "samples" / "seed-dump.txt").is_file() and (c / "benchmarks").is_dir()
        ),
        None,
    )


def _sample_figures(shared: Path) -> tuple[dict[str, float], dict[str, float | int | str]]:
    import eval_events
    import eval_sample_claims
    import eval_sample_quotes

    quotes = eval_sample_quotes.run(shared)
    claims = eval_sample_claims.run(shared)
    events = eval_events.run(shared, meantime=False)
    trap_counts = {
        "unnamed_given_name": quotes["trap_unnamed_given_name"],
        "widget_quotes": quotes["trap_widget_quotes"],
        "widget_claims": claims["widget_claims"],
        "year_or_share_as_count": claims["traps_produced"],
        "bad_country": events["trap_bad_country"],
        "reported_nonevents": events["trap_reported_nonevents"],
    }
    figures = {
        "sample.quotes_right_speaker": float(quotes["found_right_speaker_share"]),
        "sample.claims_found": float(claims["found_share"]),
        "sample.events_right": float(events["sample_event_accuracy"]),
        "sample.nk_group_coverage": float(events["nk_group_coverage"]),
        "sample.traps_avoided": sum(n == 0 for n in trap_counts.values()) / len(trap_counts),
    }
    details: dict[str, float | int | str] = {f"trap_{k}": v for k, v in trap_counts.items()}
    details["event_misses"] = events["sample_event_misses"]
    return figures, details


def measure(shared: Path) -> Measured:
    """Run the sample checks and the benchmark slices; figures are 0..1, higher is better."""
    sys.path.insert(0, str(HERE))
    import eval_conll
    import eval_geoparsing
    import eval_polnear
    import eval_quantities
    import eval_tempeval

    started = time.perf_counter()
    figures, sample = _sample_figures(shared)
    tempeval = eval_tempeval.run(shared, limit=TEMPEVAL_DOCS, meantime=False)
    polnear = eval_polnear.run(shared, limit=POLNEAR_ARTICLES)
    quantities = eval_quantities.run(shared, limit=NEWSQUANT_SENTENCES, extras=False)
    conll = eval_conll.run(shared, limit=CONLL_SENTENCES, baselines=False)
    geo = eval_geoparsing.run(shared, corpora=(GEO_CORPUS,), toponyms=GEO_TOPONYMS)
    figures |= {
        "tempeval.relaxed_f1": float(tempeval["relaxed_f1"]),
        "tempeval.value_f1": float(tempeval["value_f1"]),
        "polnear.direct_f1": float(polnear["direct_f1"]),
        "polnear.direct_speaker_acc": float(polnear["direct_speaker_acc"]),
        "quantities.value_f1": float(quantities["value_f1"]),
        "quantities.value_unit_f1": float(quantities["value_unit_f1"]),
        "conll.plo_f1": float(conll["overall_plo_f1"]),
        f"geoparsing.{GEO_CORPUS}_f1": float(geo[f"{GEO_CORPUS}_f1"]),
        f"geoparsing.{GEO_CORPUS}_acc161": float(geo[f"{GEO_CORPUS}_acc161"]),
    }
    details = {
        "sample": sample,
        "tempeval": tempeval,
        "polnear": polnear,
        "quantities": quantities,
        "conll": conll,
        "geoparsing": geo,
    }
    return Measured(
        figures={k: round(v, 4) for k, v in figures.items()},
        details=details,
        seconds=round(time.perf_counter() - started, 1),
    )


def read_floors(path: Path = FLOORS) -> dict[str, float]:
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return {str(k): float(v) for k, v in data.items()}


def judge(figures: Mapping[str, float], floors: Mapping[str, float]) -> Verdict:
    """Compare figures with floors (a figure equal to its floor passes)."""
    return Verdict(
        below={
            name: (figures[name], floor)
            for name, floor in floors.items()
            if name in figures and figures[name] < floor
        },
        unmeasured=tuple(sorted(name for name in floors if name not in figures)),
    )


def floor_for(name: str, value: float) -> float:
    """The floor --update-floors writes for a figure: slack for slices, rounded down."""
    slack = 0.0 if name.startswith("sample.") else SLICE_SLACK
    scale = float(10**DECIMALS)
    # The epsilon keeps 0.95 from flooring to 0.949 through binary rounding.
    return max(0.0, math.floor((value - slack) * scale + 1e-9) / scale)


def update_floors(
    figures: Mapping[str, float],
    *,
    reason: str,
    only: tuple[str, ...] = (),
    floors_path: Path = FLOORS,
    changes_path: Path = CHANGES,
    today: dt.date | None = None,
) -> dict[str, tuple[float | None, float]]:
    """Set floors from ``figures`` (those in ``only``, if given) and record each change.

    Returns figure -> (old floor or None, new floor) for the floors that changed.
    Raises ValueError without a reason, or when ``only`` names a figure not measured.
    """
    if not reason.strip():
        raise ValueError("a floor change needs --reason, e.g. --reason 'quotes rewrite (#42)'")
    unknown = [name for name in only if name not in figures]
    if unknown:
        raise ValueError(f"not gate figures: {', '.join(unknown)}; see {floors_path.name}")
    old = read_floors(floors_path)
    new = dict(old)
    for name in only or tuple(figures):
        new[name] = floor_for(name, figures[name])
    changed = {name: (old.get(name), new[name]) for name in new if old.get(name) != new[name]}
    if not changed:
        return changed
    floors_path.write_text(json.dumps(dict(sorted(new.items())), indent=2) + "\n")
    day = (today or dt.datetime.now(dt.UTC).date()).isoformat()
    text = changes_path.read_text(encoding="utf-8") if changes_path.is_file() else CHANGES_HEADER
    rows = [
        f"| {day} | {name} | {_shown(before)} | {_shown(after)} | {_cell(reason)} |\n"
        for name, (before, after) in sorted(changed.items())
    ]
    changes_path.write_text(text + "".join(rows), encoding="utf-8")
    return changed


def lowered(old: Mapping[str, float], new: Mapping[str, float]) -> list[tuple[str, str, str]]:
    """(figure, old, new) for each floor that ``new`` lowers or drops, as the table shows them."""
    return [
        (name, _shown(before), _shown(new.get(name)))
        for name, before in sorted(old.items())
        if name not in new or new[name] < before
    ]


def unrecorded(
    changes: list[tuple[str, str, str]], changes_text: str
) -> list[tuple[str, str, str]]:
    """The changes that have no row (figure, old, new) in floors-changes.md's table."""
    rows = {
        tuple(cell.strip() for cell in line.strip().strip("|").split("|")[1:4])
        for line in changes_text.splitlines()
        if line.startswith("|")
    }
    return [change for change in changes if change not in rows]


def _shown(value: float | None) -> str:
    return "-" if value is None else json.dumps(value)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "/")


def _print(measured: Measured, floors: Mapping[str, float], verdict: Verdict) -> None:
    print(f"{'figure':<32} {'value':>7} {'floor':>7}")
    for name, value in measured.figures.items():
        floor = floors.get(name)
        flag = "" if floor is None else (" BELOW" if name in verdict.below else " ok")
        shown = "" if floor is None else f"{floor:.3f}"
        print(f"{name:<32} {value:>7.3f} {shown:>7}{flag}")
    for name in verdict.unmeasured:
        print(f"{name:<32} {'-':>7} {floors[name]:>7.3f} NOT MEASURED")
    sample = measured.details["sample"]
    traps = {k: v for k, v in sample.items() if k.startswith("trap_") and v}
    if traps or sample.get("event_misses", "-") != "-":
        print(f"sample details: {traps} event misses: {sample.get('event_misses')}")
    print(f"({measured.seconds} s)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--update-floors", action="store_true", help="set floors from this run")
    parser.add_argument("--reason", default="", help="why the floors change (required)")
    parser.add_argument("--only", nargs="+", default=(), help="update these figures only")
    args = parser.parse_args(argv)
    if args.update_floors and not args.reason.strip():
        parser.error("--update-floors needs --reason '...': it is recorded in floors-changes.md")
    shared = find_shared()
    if shared is None:
        print("gate skipped: no shared/ with samples/ and benchmarks/ (set SITROOM_SHARED)")
        return 0
    measured = measure(shared)
    floors = read_floors()
    verdict = judge(measured.figures, floors)
    _print(measured, floors, verdict)
    if args.update_floors:
        try:
            changed = update_floors(measured.figures, reason=args.reason, only=tuple(args.only))
        except ValueError as e:
            parser.error(str(e))
        for name, (before, after) in changed.items():
            print(f"floor {name}: {_shown(before)} -> {_shown(after)}")
        print(f"{len(changed)} floor(s) changed; commit {FLOORS.name} and {CHANGES.name}")
        return 0
    if not verdict.ok:
        print(
            f"gate FAILED: {len(verdict.below)} figure(s) below floor, "
            f"{len(verdict.unmeasured)} floor(s) not measured"
        )
        return 1
    print("gate passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
