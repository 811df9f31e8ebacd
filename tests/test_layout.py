"""The shape of the tree (issue 8): no import circles, no package pairs that import each
other, no flat families of prefixed modules, and third-party frameworks only in their package.

The graph is built with ``ast`` from the source, not by importing it, and counts imports
inside functions: an import moved into a function hides a circle, it does not remove one
(STYLE.md section 1). Imports under ``if TYPE_CHECKING:`` never run and do not count for
circles; they do count for the framework boundaries (a spaCy type outside ``nlp/`` is a
spaCy object leaving ``nlp/``). ``lint-imports`` checks the same rules with grimp, plus the
layer order; these tests keep them in ``make test`` and give a readable failure.
"""

from __future__ import annotations

import ast
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = "sitroom"

# Third-party libraries and the only package (or module) that may import each.
BOUNDARIES: dict[str, str] = {
    "spacy": "sitroom.nlp",
    "thinc": "sitroom.nlp",
    "sqlite3": "sitroom.store",
    "click": "sitroom.cli",
    "fastapi": "sitroom.api",
    "starlette": "sitroom.api",
    "pydantic": "sitroom.api",
    "distributed": "sitroom.jobs.cluster",  # Dask's scheduler client; the extra sitroom[dask]
}
# TODO(issue 8): known crossings being removed on other branches; each entry says where.
# The test below fails once a crossing is gone, so the entry is deleted with it.
PENDING_CROSSINGS: dict[tuple[str, str], str] = {
    ("sitroom.api.deps", "sqlite3"): "catches sqlite3.Error; the typed Store facade (branch store)",
}
# A family: this many modules in one folder whose names share the part before the first "_".
FAMILY_SIZE = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class Import:
    target: str  # a sitroom module, or a third-party top-level name
    line: int
    type_checking: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted((SRC / ROOT).rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return re.fullmatch(r"(typing\.)?TYPE_CHECKING", ast.unparse(test)) is not None


def _walk(node: ast.AST, *, type_checking: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    """Every node under ``node``, with whether it sits in an ``if TYPE_CHECKING:`` body."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.body:
                yield stmt, True
                yield from _walk(stmt, type_checking=True)
            for stmt in child.orelse:
                yield stmt, type_checking
                yield from _walk(stmt, type_checking=type_checking)
            continue
        yield child, type_checking
        yield from _walk(child, type_checking=type_checking)


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    is_package = _modules()[module].name == "__init__.py"
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _targets(module: str, node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = _resolve(module, node)
        # `from pkg import mod` imports the module pkg.mod; `from mod import name` imports mod.
        return [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in _modules() else base
            for alias in node.names
        ]
    return []


@cache
def _imports() -> dict[str, tuple[Import, ...]]:
    """Module -> its imports of sitroom modules and of third-party top-level names."""
    out: dict[str, tuple[Import, ...]] = {}
    for module, path in _modules().items():
        found: list[Import] = []
        for node, type_checking in _walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(module, node):
                name = target if target.startswith(f"{ROOT}.") else target.split(".")[0]
                if name and name != module:
                    found.append(
                        Import(
                            target=name,
                            line=getattr(node, "lineno", 0),
                            type_checking=type_checking,
                        )
                    )
        out[module] = tuple(found)
    return out


def _graph() -> dict[str, set[str]]:
    """Module -> sitroom modules it imports at run time (TYPE_CHECKING imports aside)."""
    return {
        module: {
            i.target
            for i in imports
            if not i.type_checking and i.target in _modules() and i.target != ROOT
        }
        for module, imports in _imports().items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan), each as a list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _package(module: str) -> str | None:
    """The top-level sitroom package a module belongs to (None for the root modules)."""
    parts = module.split(".")
    if len(parts) < 2 or not (SRC / ROOT / parts[1] / "__init__.py").is_file():
        return None
    return parts[1]


def test_graph_sees_imports_inside_functions_and_skips_type_checking() -> None:
    # The builder itself: the store's facade imports its query modules lazily, and the
    # query modules name the facade only for type hints.
    imports = _imports()["sitroom.store.connection"]
    lazy = {i.target for i in imports if not i.type_checking}
    assert "sitroom.store.articles" in lazy
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_modules() -> None:
    cycles = _cycles(_graph())
    assert not cycles, "import circles (imports inside functions count): " + "; ".join(
        " <-> ".join(c) for c in cycles
    )


def test_no_two_packages_import_each_other() -> None:
    uses: defaultdict[str, set[str]] = defaultdict(set)
    for module, targets in _graph().items():
        for target in targets:
            a, b = _package(module), _package(target)
            if a and b and a != b:
                uses[a].add(b)
    pairs = sorted({tuple(sorted((a, b))) for a in uses for b in uses[a] if a in uses.get(b, ())})
    assert not pairs, f"packages that import each other: {pairs}"


def _folders() -> list[Path]:
    return sorted(p for p in (SRC / ROOT).rglob("*") if p.is_dir() and p.name != "__pycache__")


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_family_of_prefixed_modules(folder: Path) -> None:
    # Three `timex_*.py` side by side want to be a `timex/` package.
    prefixes = Counter(
        p.stem.split("_")[0]
        for p in folder.glob("*.py")
        if not p.stem.startswith("_") and "_" in p.stem
    )
    families = {prefix: n for prefix, n in prefixes.items() if n >= FAMILY_SIZE}
    assert not families, f"{folder.relative_to(SRC)}: make a sub-package of {families}"


def _crossings() -> dict[tuple[str, str], int]:
    """(module, library) -> line, for each import of a bounded library outside its package."""
    out: dict[tuple[str, str], int] = {}
    for module, imports in _imports().items():
        for i in imports:
            home = BOUNDARIES.get(i.target)
            if home and module != home and not module.startswith(f"{home}."):
                out.setdefault((module, i.target), i.line)
    return out


def test_frameworks_stay_in_their_package() -> None:
    crossings = {k: v for k, v in _crossings().items() if k not in PENDING_CROSSINGS}
    assert not crossings, "\n".join(
        f"{module}:{line} imports {library}, which belongs to {BOUNDARIES[library]}"
        for (module, library), line in sorted(crossings.items())
    )


def test_pending_crossings_still_exist() -> None:
    gone = set(PENDING_CROSSINGS) - set(_crossings())
    assert not gone, f"fixed: delete {sorted(gone)} from PENDING_CROSSINGS (and pyproject)"


@pytest.mark.parametrize(("library", "home"), sorted(BOUNDARIES.items()))
def test_boundary_library_is_used_at_home(library: str, home: str) -> None:
    # Each boundary is real: its library is imported somewhere under its home, so a typo in
    # BOUNDARIES (or a library the tree no longer uses) shows here.
    importers = {
        m for m, imports in _imports().items() if any(i.target == library for i in imports)
    }
    assert {m for m in importers if m == home or m.startswith(f"{home}.")}, (
        f"no module under {home} imports {library}"
    )
