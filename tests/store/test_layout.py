"""The store's shape: one typed spelling per operation, no hidden imports (cycles: tests/test_layout.py)."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import sitroom
import sitroom.store
from sitroom.store import Store, articles, extraction, migrations, reconciled, search, stats

SRC = Path(sitroom.__file__).parent
MODULES = {
    ".".join(("sitroom", *path.relative_to(SRC).with_suffix("").parts)).removesuffix(
        ".__init__"
    ): path
    for path in SRC.rglob("*.py")
}
QUERY_MODULES = (articles, extraction, search, stats, reconciled, migrations)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, path: Path) -> Iterator[tuple[str, bool]]:
    """(imported sitroom module, inside a function?) for each import, skipping TYPE_CHECKING."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def walk(node: ast.AST, in_function: bool) -> Iterator[tuple[str, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    yield from walk_one(other, in_function)
                continue
            yield from walk_one(child, in_function)

    def walk_one(child: ast.AST, in_function: bool) -> Iterator[tuple[str, bool]]:
        if isinstance(child, ast.Import):
            yield from ((alias.name, in_function) for alias in child.names)
        elif isinstance(child, ast.ImportFrom):
            base = child.module or ""
            if child.level:
                parts = package.split(".")[: len(package.split(".")) - child.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in child.names:
                sub = f"{base}.{alias.name}"
                yield (sub if sub in MODULES else base), in_function
        else:
            nested = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            yield from walk(child, in_function or nested)

    yield from walk(ast.parse(path.read_text(encoding="utf-8")), False)


@pytest.mark.issue(8)
def test_no_store_module_imports_another_inside_a_function() -> None:
    hidden = [
        (module, target)
        for module, path in MODULES.items()
        if module.startswith("sitroom.store")
        for target, in_function in _imports(module, path)
        if in_function and target.startswith("sitroom.store")
    ]
    assert hidden == []


@pytest.mark.issue(8)
def test_connection_imports_no_other_store_module() -> None:
    module = "sitroom.store.connection"
    targets = {t for t, _ in _imports(module, MODULES[module])}
    assert not {t for t in targets if t.startswith("sitroom.store")}


@pytest.mark.issue(8)
def test_reconcile_reaches_the_store_only_through_the_facade() -> None:
    used = {
        target
        for module, path in MODULES.items()
        if module.startswith("sitroom.reconcile")
        for target, _ in _imports(module, path)
        if target.startswith("sitroom.store")
    }
    assert used == {"sitroom.store"}


@pytest.mark.issue(8)
def test_the_package_exports_no_store_functions() -> None:
    exported = [getattr(sitroom.store, name) for name in sitroom.store.__all__]
    assert not [x for x in exported if inspect.isfunction(x) and x is not sitroom.store.open_store]


def _methods() -> Iterator[tuple[str, Callable[..., object], Callable[..., object]]]:
    for name, method in inspect.getmembers(Store, inspect.isfunction):
        if name.startswith("_"):
            continue
        for module in QUERY_MODULES:
            function = getattr(module, name, None)
            if inspect.isfunction(function) and function.__module__ == module.__name__:
                yield name, method, function


def _keywords(func: Callable[..., object]) -> dict[str, object]:
    return {
        p.name: p.default
        for p in inspect.signature(func).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    }


@pytest.mark.issue(8)
def test_every_query_function_is_a_store_method() -> None:
    public = {
        name
        for module in (articles, extraction, search, stats, reconciled)
        for name in module.__all__
        if inspect.isfunction(getattr(module, name))
    } - {"escape_query"}  # a pure string helper, not an operation on the store
    assert public <= {name for name, _ in inspect.getmembers(Store, inspect.isfunction)}


@pytest.mark.issue(8)
@pytest.mark.parametrize(
    ("name", "method", "function"), [pytest.param(*m, id=m[0]) for m in _methods()]
)
def test_methods_take_the_same_keywords_and_defaults(
    name: str, method: Callable[..., object], function: Callable[..., object]
) -> None:
    assert _keywords(method) == _keywords(function), name
    returns = inspect.signature(method).return_annotation
    assert returns == inspect.signature(function).return_annotation, name
    assert "Any" not in str(returns)
