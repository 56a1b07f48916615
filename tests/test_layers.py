"""The import graph: no circle (counting imports inside functions too), and every layer imports only
from the layers below it — ingest → document → checks → engine → results → run → writers → cli and
server.  A check never reads files; a writer never re-parses."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "checker"

ABOVE_RESULTS = ("checker.report", "checker.pipeline", "checker.run", "checker.batch", "checker.outputs",
                 "checker.writers", "checker.cli", "checker.server", "checker.app_core", "checker.serverpool",
                 "checker.rulestools")
FORBIDDEN = {
    "checker.ingest": ("checker.document", "checker.checks", "checker.engine", "checker.results", "checker.store",
                       *ABOVE_RESULTS),
    "checker.document": ("checker.checks", "checker.engine", "checker.results", "checker.store", *ABOVE_RESULTS),
    "checker.checks": ("checker.ingest", "checker.engine", "checker.results", "checker.store", *ABOVE_RESULTS),
    "checker.engine": ABOVE_RESULTS,
    "checker.results": ("checker.engine", "checker.ingest", "checker.document", "checker.checks", *ABOVE_RESULTS),
    "checker.writers": ("checker.ingest", "checker.document", "checker.checks", "checker.engine", "checker.pipeline",
                        "checker.run", "checker.batch", "checker.cli", "checker.server", "checker.app_core"),
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - (node.level - 1)] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                full = f"{module}.{alias.name}"
                found.add(full if full in modules else module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in modules and m != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, out, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return out


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_the_import_graph_has_no_circle():
    assert _circles(_graph()) == []


def test_no_layer_imports_from_a_layer_above_it():
    wrong = [(module, target) for module, targets in _graph().items() for layer, above in FORBIDDEN.items()
             if _within(module, layer) for target in targets if any(_within(target, a) for a in above)]
    assert wrong == []
