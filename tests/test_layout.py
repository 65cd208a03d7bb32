"""The layout that keeps start-up cheap: one module per command, loaded when it runs; no import
cycles between the package's modules; no imports hidden inside functions."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from pocmvp_lint.cli import COMMANDS, cli
from tests.gitutil import make_repo

PACKAGE = Path(__file__).parent.parent / "pocmvp_lint"
#: Heavy third-party (and stdlib) modules imported only where they are used, off `check`'s path.
LAZY_MODULES = {"yaml", "pathspec", "re2", "importlib", "hashlib"}

#: Runs the CLI in a fresh interpreter, then prints the pocmvp_lint.cli modules and a few heavy
#: modules that ended up imported.
PROBE = """\
import json, sys
from pocmvp_lint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.startswith("pocmvp_lint.cli") or m in (
    "importlib.metadata", "pocmvp_lint.config.schema", "pocmvp_lint.fix", "pocmvp_lint.history.svg"))),
    file=sys.stderr)
"""


def _imported(*args: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False, cwd=PACKAGE.parent
    )
    modules: list[str] = json.loads(proc.stderr.strip().splitlines()[-1])
    return modules


@pytest.mark.parametrize("limit", [20, 45, 74, 200])
def test_the_command_table_matches_every_command(limit: int) -> None:
    ctx = click.Context(cli)
    assert cli.list_commands(ctx) == sorted(COMMANDS)
    for name, entry in COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name
        assert entry.row_help(name, limit) == command.get_short_help_str(limit), name


def test_a_command_imports_only_its_own_module(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": '[project]\nstage = "poc"\n'})
    assert _imported("check", str(repo), "--format", "json") == [
        "pocmvp_lint.cli",
        "pocmvp_lint.cli.check",
        "pocmvp_lint.cli.common",
    ]
    assert _imported("--help") == ["pocmvp_lint.cli", "pocmvp_lint.cli.common"]
    assert "pocmvp_lint.cli.schema" in _imported("schema")


def _top_level_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = ast.parse(path.read_text("utf-8"))
    return found


def test_no_import_cycles_between_modules() -> None:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, tree in modules.items():
        deps: set[str] = set()
        for node in _top_level_imports(tree):
            if isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
            elif node.module and not node.level:
                submodules = {f"{node.module}.{alias.name}" for alias in node.names} & modules.keys()
                deps.update(submodules)
                if len(submodules) < len(node.names):  # a name defined in the module itself
                    deps.add(node.module)
        graph[name] = {d for d in deps if d in modules and d != name}

    def cycle_from(start: str) -> list[str] | None:
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for dep in graph[node]:
                if dep == start:
                    return [*path, dep]
                if dep not in seen:
                    seen.add(dep)
                    stack.append((dep, [*path, dep]))
        return None

    cycles = [cycle for cycle in map(cycle_from, sorted(graph)) if cycle]
    assert cycles == []


def test_no_imports_inside_functions_but_the_heavy_lazy_ones() -> None:
    hidden = []
    for name, tree in _modules().items():
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import):
                    tops = {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom):
                    tops = {(node.module or "").split(".")[0]}
                else:
                    continue
                if not tops <= LAZY_MODULES:
                    hidden.append(f"{name}:{node.lineno} in {function.name}()")
    assert hidden == []
