"""The downloads wing imports without cycles: each of its modules imports alone, in a fresh interpreter, and no
chain of imports (at the top of a module or inside a function) leads from a module the downloads use back to it."""

from __future__ import annotations

import ast
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import redsite

PACKAGE = Path(redsite.__file__).parent
WING = "redsite.downloads"


def module_files(package: Path = PACKAGE) -> dict[str, Path]:
    """Module name -> its file, for every module of the package (a package by its __init__.py)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that `path` imports anywhere in it (deferred imports too: a cycle that an import
    inside a function hides is still a cycle). `from a.b import c` is the module a.b.c when there is one."""

    def nearest(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
                   for statement in node.body for inner in ast.walk(statement)}  # never run
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {nearest(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found |= {f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules
                      else nearest(node.module) for alias in node.names}
    return found - {None}


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    return {name: imports_of(path, modules) - {name} for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The graph's cycles as strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def closure(graph: dict[str, set[str]], start: set[str]) -> set[str]:
    seen, todo = set(), list(start)
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return seen


def test_the_cycle_finder_finds_a_cycle_hidden_in_a_function(tmp_path):
    """The check itself: two modules that import each other, one of them only inside a function."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.b import helper\n")
    (package / "b.py").write_text("def helper():\n    from pkg import a\n    return a\n")
    (package / "c.py").write_text("import pkg.a\nif TYPE_CHECKING:\n    from pkg.d import Thing\n")
    (package / "d.py").write_text("from pkg import c\n")  # c imports d only for type checkers: no cycle
    modules = module_files(package)
    graph = {name: imports_of(path, modules) - {name} for name, path in modules.items()}
    assert graph["pkg.a"] == {"pkg.b"} and graph["pkg.b"] == {"pkg.a"} and graph["pkg.c"] == {"pkg.a"}
    assert graph["pkg.d"] == {"pkg.c"}
    assert cycles(graph) == [["pkg.a", "pkg.b"]]


def test_no_import_cycle_reaches_the_downloads_or_what_they_import():
    graph = import_graph()
    wing = {name for name in graph if name == WING or name.startswith(WING + ".")}
    assert len(wing) >= 15, sorted(wing)  # the wing is where this test looks for it
    used = closure(graph, wing)
    assert {"redsite.render", "redsite.licensing", "redsite.site_files"} <= used
    assert [cycle for cycle in cycles(graph) if set(cycle) & used] == []


def test_each_module_of_the_downloads_imports_alone():
    """In a fresh interpreter each: a cycle would show as a partly initialised module, whatever the order."""
    names = sorted(name for name in module_files() if name.startswith(WING))

    def import_alone(name: str) -> tuple[str, int, str]:
        result = subprocess.run([sys.executable, "-c", f"import importlib; importlib.import_module({name!r})"],
                                capture_output=True, text=True, timeout=120, check=False)
        return name, result.returncode, result.stderr[-2000:]

    with ThreadPoolExecutor(max_workers=2) as pool:
        failed = [(name, error) for name, code, error in pool.map(import_alone, names) if code != 0]
    assert failed == []


@pytest.mark.parametrize("name", ["redsite.downloads.pdf.pdfua", "redsite.downloads.office.article",
                                  "redsite.downloads.office.worksheet", "redsite.downloads.office.handbook"])
def test_the_formats_share_the_article_helpers_through_their_public_module(name):
    """No download reaches into another format's private helpers: the shared ones are in downloads.articles."""
    modules = module_files()
    tree = ast.parse(modules[name].read_text(encoding="utf-8"))
    imported = [(node.module, alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for alias in node.names if node.module and node.module.startswith("redsite")]
    assert ("redsite.downloads.articles", "inner_html") in imported
    assert [(module, alias) for module, alias in imported if alias.startswith("_")] == []
    assert [module for module, _ in imported if module.startswith("redsite.downloads.pdf.document")] == []
