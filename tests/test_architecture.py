"""The layout's rules, read from the source (ast): no `import *`, imports at the top,
no app importing another app, the shell importing no app, no import cycles."""

import ast
from pathlib import Path

from loudi_portal.roles import PROJECT_APPS

ROOT = Path(__file__).resolve().parent.parent
SHELL = "loudi_portal"
APPS = [app for app in PROJECT_APPS if app != SHELL]


def project_modules() -> dict[str, ast.Module]:
    """Every project module outside migrations and tests, by dotted name."""
    modules = {}
    for package in PROJECT_APPS:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or "tests" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return modules


MODULES = project_modules()


def _is_package(name: str) -> bool:
    return (ROOT / name.replace(".", "/") / "__init__.py").exists()


def imported_names(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The absolute dotted names an import statement brings in (modules, or module.attribute)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        package = module if _is_package(module) else module.rpartition(".")[0]
        for _level in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    return [base] + [f"{base}.{alias.name}" for alias in node.names if alias.name != "*"]


def all_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    return [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]


def top_package(name: str) -> str:
    return name.split(".")[0]


def test_no_module_uses_import_star():
    """Anywhere in the repository: apps, their tests, the benchmark, the test suite."""
    skip = {".venv", "node_modules", "var", "test-artifacts", ".git"}
    stars = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted(ROOT.rglob("*.py"))
        if not skip & set(path.relative_to(ROOT).parts)
        for node in all_imports(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names)
    ]
    assert stars == []


def test_module_level_imports_all_come_before_the_first_statement():
    late = []
    for name, tree in MODULES.items():
        seen_code = False
        for index, node in enumerate(tree.body):
            is_docstring = index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if seen_code:
                    late.append(f"{name}:{node.lineno}")
            elif not is_docstring:
                seen_code = True
    assert late == []


def test_no_app_imports_another_app_not_even_inside_a_function():
    crossing = sorted(
        {
            f"{name} imports {target}"
            for name, tree in MODULES.items()
            if top_package(name) in APPS
            for node in all_imports(tree)
            for target in imported_names(name, node)
            if top_package(target) in APPS and top_package(target) != top_package(name)
        }
    )
    assert crossing == []


def test_the_shell_imports_no_app():
    upward = sorted(
        {
            f"{name} imports {target}"
            for name, tree in MODULES.items()
            if top_package(name) == SHELL
            for node in all_imports(tree)
            for target in imported_names(name, node)
            if top_package(target) in APPS
        }
    )
    assert upward == []


def module_graph() -> dict[str, set[str]]:
    """Module-level imports between project modules (function-level imports run later: no cycle)."""
    graph = {}
    for name, tree in MODULES.items():
        edges = set()
        for node in tree.body:
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in imported_names(name, node):
                while target and target not in MODULES:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    edges.add(target)
        graph[name] = edges
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, state, stack = [], {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def test_project_modules_import_each_other_without_cycles():
    assert find_cycles(module_graph()) == []


def test_the_cycle_finder_sees_a_cycle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
