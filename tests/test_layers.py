"""The house: packages that read as the architecture, and the import graph between them.

No circle (counting imports inside functions too), and every package imports only from the
packages below it: base → patterns → ingest → document → checks → engine (with results, the typed
report, beside it) → store → writers → run → serve, rulestools and the command line.  A check never
reads files; a writer never re-parses."""
import ast
import importlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "checker"

# What each package may import besides itself (checker.X names).  The top-level modules (cli, the
# package's own __init__ and __main__) may import anything.
MAY_IMPORT = {
    "base": set(),
    "patterns": {"base"},
    "ingest": {"base", "patterns"},
    "document": {"base", "patterns", "ingest"},
    "checks": {"base", "patterns", "document"},
    "results": {"base"},
    "engine": {"base", "patterns", "ingest", "document", "checks", "results"},
    "store": {"base", "patterns", "document", "results"},
    "writers": {"base", "results"},
    "run": {"base", "patterns", "ingest", "document", "checks", "engine", "results", "store", "writers"},
    "serve": {"base", "patterns", "ingest", "document", "engine", "results", "store", "writers", "run"},
    "rulestools": {"base", "patterns", "ingest", "document", "checks", "engine", "results", "store", "writers",
                   "run"},
}
TOP_LEVEL_LIMIT = 12


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


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_no_package_imports_from_a_package_above_it():
    wrong = []
    for module, targets in _graph().items():
        home = _package(module)
        if home not in MAY_IMPORT:
            continue
        wrong += [(module, target) for target in targets
                  if _package(target) not in (home, None) and _package(target) not in MAY_IMPORT[home]]
    assert wrong == []


def test_every_package_is_placed():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert packages - set(MAY_IMPORT) - modules == set(), "a new package needs its floor in MAY_IMPORT"


def test_the_top_of_the_package_stays_small():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))
    assert len(loose) <= TOP_LEVEL_LIMIT, loose


def test_each_package_says_what_it_holds_and_may_import():
    for name in MAY_IMPORT:
        if not (PACKAGE / name / "__init__.py").is_file():
            continue  # a single module (results.py) places itself by its imports
        doc = importlib.import_module(f"checker.{name}").__doc__ or ""
        assert len(doc) > 80, f"checker/{name}/__init__.py needs a docstring saying what lives there"
