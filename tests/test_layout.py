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
    "psycopg": "sitroom.store",
    "click": "sitroom.cli",
    "fastapi": "sitroom.api",
    "starlette": "sitroom.api",
    "pydantic": "sitroom.api",
    "distributed": "sitroom.jobs.cluster",  # Dask's scheduler client; the extra sitroom[dask]
}
# Libraries whose types may be named outside their home under TYPE_CHECKING: a caller may
# pass a `distributed.Client` in (STYLE.md section 8) without importing Dask at run time.
TYPE_HINTS_ANYWHERE = frozenset({"distributed"})
# A family: this many modules in one folder whose names share the part before the first "_".
FAMILY_SIZE = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class Import:
    target: str  # a module of the scanned package, or a third-party top-level name
    line: int
    type_checking: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Tree:
    """The modules of one package under a source folder, and what each imports."""

    root: str
    modules: dict[str, Path]
    imports: dict[str, tuple[Import, ...]]

    def graph(self) -> dict[str, set[str]]:
        """Module -> modules of the package it imports at run time (TYPE_CHECKING aside)."""
        return {
            module: {
                i.target
                for i in imports
                if not i.type_checking and i.target in self.modules and i.target != self.root
            }
            for module, imports in self.imports.items()
        }


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


def _targets(module: str, node: ast.AST, modules: dict[str, Path]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        package = module.split(".")
        if modules[module].name != "__init__.py":
            package = package[:-1]
        base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
    # `from pkg import mod` imports the module pkg.mod; `from mod import name` imports mod.
    return [
        f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
        for alias in node.names
    ]


def scan(src: Path, root: str = ROOT) -> Tree:
    """Parse every module of ``src/root`` (without importing it) and list its imports."""
    modules: dict[str, Path] = {}
    for path in sorted((src / root).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    imports: dict[str, tuple[Import, ...]] = {}
    for module, path in modules.items():
        found = []
        for node, type_checking in _walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(module, node, modules):
                name = target if target.startswith(f"{root}.") else target.split(".")[0]
                if name and name != module:
                    line = getattr(node, "lineno", 0)
                    found.append(Import(target=name, line=line, type_checking=type_checking))
        imports[module] = tuple(found)
    return Tree(root=root, modules=modules, imports=imports)


@cache
def _tree() -> Tree:
    return scan(SRC)


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


def test_scan_counts_imports_in_functions_and_sets_type_checking_apart(tmp_path: Path) -> None:
    # The scanner itself, on a made-up package: a circle closed by an import inside a
    # function is a circle; one closed only under TYPE_CHECKING is not.
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "def f():\n    from pkg.b import x\n",
        "b.py": "from . import c\nx = 1\n",
        "c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.b\nimport spacy\n",
        "d.py": "import pkg.a\n",
        "sub/__init__.py": "from ..d import *\n",
    }
    for name, text in files.items():
        (pkg / name).write_text(text)
    tree = scan(tmp_path, "pkg")
    assert tree.graph() == {
        "pkg": set(),
        "pkg.a": {"pkg.b"},
        "pkg.b": {"pkg.c"},
        "pkg.c": set(),
        "pkg.d": {"pkg.a"},
        "pkg.sub": {"pkg.d"},
    }
    assert [i.target for i in tree.imports["pkg.c"]] == ["typing", "pkg.b", "spacy"]
    assert [i.type_checking for i in tree.imports["pkg.c"]] == [False, True, False]
    assert _cycles(tree.graph()) == []
    (pkg / "c.py").write_text("def g():\n    import pkg.a\n")
    assert _cycles(scan(tmp_path, "pkg").graph()) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_no_import_cycle_between_modules() -> None:
    cycles = _cycles(_tree().graph())
    assert not cycles, "import circles (imports inside functions count): " + "; ".join(
        " <-> ".join(c) for c in cycles
    )


def test_no_two_packages_import_each_other() -> None:
    uses: defaultdict[str, set[str]] = defaultdict(set)
    for module, targets in _tree().graph().items():
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
    for module, imports in _tree().imports.items():
        for i in imports:
            home = BOUNDARIES.get(i.target)
            if i.type_checking and i.target in TYPE_HINTS_ANYWHERE:
                continue
            if home and module != home and not module.startswith(f"{home}."):
                out.setdefault((module, i.target), i.line)
    return out


def test_frameworks_stay_in_their_package() -> None:
    crossings = _crossings()
    assert not crossings, "\n".join(
        f"{module}:{line} imports {library}, which belongs to {BOUNDARIES[library]}"
        for (module, library), line in sorted(crossings.items())
    )


@pytest.mark.parametrize(("library", "home"), sorted(BOUNDARIES.items()))
def test_boundary_library_is_used_at_home(library: str, home: str) -> None:
    # Each boundary is real: its library is imported somewhere under its home, so a typo in
    # BOUNDARIES (or a library the tree no longer uses) shows here.
    importers = {
        m for m, imports in _tree().imports.items() if any(i.target == library for i in imports)
    }
    assert {m for m in importers if m == home or m.startswith(f"{home}.")}, (
        f"no module under {home} imports {library}"
    )
