"""No import cycles between the modules of ``service/``.

A static check of the import graph: every ``import`` counts, the ones inside functions too, so a
cycle cannot come back closed by a lazy import. ``from package import name`` counts as an edge
to the submodule when ``name`` is one, else to the package; a module's implicit import of its
parent packages does not count (every module would then depend on its package's
``__init__``). Imports under ``if TYPE_CHECKING:`` never run and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file under ``root / package``."""
    modules = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _type_checking_block(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
    return name == "TYPE_CHECKING"


def _imports(tree: ast.AST):
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif _type_checking_block(node):
            stack.extend(node.orelse)
        else:
            stack.extend(ast.iter_child_nodes(node))


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the modules (of ``modules``) it imports anywhere in its code."""
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = alias.name
                    while target and target not in modules:
                        target = target.rpartition(".")[0]
                    if target:
                        edges.add(target)
                continue
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            for alias in node.names:
                if f"{base}.{alias.name}" in modules:
                    edges.add(f"{base}.{alias.name}")
                elif base in modules:
                    edges.add(base)
        edges.discard(name)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_service_has_no_import_cycles():
    modules = module_files(REPO, "service")
    assert "service.web.engine_state" in modules and "service.engine.pipeline" in modules
    found = cycles(import_graph(modules))
    assert found == [], "modules importing each other (directly or round a loop): " + "; ".join(
        " <-> ".join(c) for c in found
    )


def _package(tmp_path: Path, files: dict[str, str]) -> dict[str, Path]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return module_files(tmp_path, "pkg")


def test_a_lazy_import_closing_a_loop_is_a_cycle(tmp_path):
    modules = _package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/api.py": "from pkg import metrics\nEXTENSION = 1\n",
            "pkg/metrics.py": "from pkg.errors import E\n",
            "pkg/errors.py": "def f():\n    from pkg.api import EXTENSION\n",
            "pkg/leaf.py": "import pkg.errors\n",
        },
    )
    assert cycles(import_graph(modules)) == [["pkg.api", "pkg.errors", "pkg.metrics"]]


def test_relative_imports_and_type_checking_blocks(tmp_path):
    modules = _package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/sub/__init__.py": "from . import a\n",
            "pkg/sub/a.py": "from ..b import x\n",
            "pkg/b.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub import a\n"
            ),
            "pkg/c.py": "from .sub import a\n",
            "pkg/d.py": "from .c import *\nimport pkg.c\n",
        },
    )
    graph = import_graph(modules)
    assert graph["pkg.sub"] == {"pkg.sub.a"}
    assert graph["pkg.sub.a"] == {"pkg.b"}
    assert graph["pkg.b"] == set()  # a type-only import never runs
    assert graph["pkg.c"] == {"pkg.sub.a"}
    assert graph["pkg.d"] == {"pkg.c"}
    assert cycles(graph) == []
    (tmp_path / "pkg/b.py").write_text("from pkg.sub.a import y\n", encoding="utf-8")
    assert cycles(import_graph(modules)) == [["pkg.b", "pkg.sub.a"]]
