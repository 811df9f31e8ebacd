"""`make bench`: run every benchmark module and print its figures.

Each module ``bench/bench_<name>.py`` defines ``run() -> dict[str, float | str]``; ratios
are measured side by side in the same run, so they hold on a noisy shared machine.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Run on their own (`make bench-million`): they take minutes to hours, not seconds.
SEPARATE = {"million"}


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    found = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    names = argv or [name for name in found if name not in SEPARATE]
    results = {}
    for name in names:
        figures = importlib.import_module(f"bench_{name}").run()
        results[name] = figures
        print(f"\n## {name}")
        for key, value in figures.items():
            shown = f"{value:,.3f}" if isinstance(value, float) else str(value)
            print(f"  {key:<48} {shown}")
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
