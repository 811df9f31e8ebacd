"""`make eval`: run every eval module on ../shared/benchmarks and the sample; print a table, write JSON.

Each module ``eval/eval_<name>.py`` defines ``run(shared: Path) -> dict[str, float | int | str]``
(flat metric name -> value) and ``TARGETS: dict[str, float]`` (metric -> floor, if any).
Results go to ``eval/results/<name>.json`` and ``eval/results/all.json``.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# $SITROOM_SHARED overrides, for checkouts (git worktrees) with no ../shared beside them.
SHARED = Path(os.environ.get("SITROOM_SHARED") or HERE.parent.parent / "shared")


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    names = argv or sorted(p.stem.removeprefix("eval_") for p in HERE.glob("eval_*.py"))
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    everything: dict[str, dict[str, object]] = {}
    missed = 0
    for name in names:
        module = importlib.import_module(f"eval_{name}")
        started = time.perf_counter()
        metrics = module.run(SHARED)
        metrics["seconds"] = round(time.perf_counter() - started, 1)
        everything[name] = metrics
        (out_dir / f"{name}.json").write_text(json.dumps(metrics, indent=2) + "\n")
        targets: dict[str, float] = getattr(module, "TARGETS", {})
        print(f"\n## {name}")
        print(f"{'metric':<40} {'value':>10} {'target':>8}")
        for key, value in metrics.items():
            target = targets.get(key)
            flag = ""
            if target is not None and isinstance(value, (int, float)):
                flag = " ok" if value >= target else " BELOW"
                missed += value < target
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"{key:<40} {shown:>10} {'' if target is None else f'{target:.2f}':>8}{flag}")
    (out_dir / "all.json").write_text(json.dumps(everything, indent=2) + "\n")
    print(f"\nwrote {out_dir}/all.json; {missed} metric(s) below target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
