"""The layout that keeps start-up cheap: one module per command, loaded when it runs; no import
cycles between the package's modules; no imports hidden inside functions."""

from __future__ import annotations

import ast
import gc
import json
import subprocess
import sys
from collections.abc import Collection, Iterator
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
    "importlib.metadata", "pocmvp_lint.config.schema", "pocmvp_lint.fix", "pocmvp_lint.formatters.history_svg"))),
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


@pytest.mark.slow
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


@pytest.fixture(scope="module")
def modules() -> dict[str, ast.Module]:
    """Every module of the package by dotted name, parsed once for the tests below.

    The garbage collector is paused meanwhile: the trees are a few hundred thousand objects that
    all stay alive, and collections during parsing would walk them again and again for nothing."""
    found = {}
    enabled = gc.isenabled()
    gc.disable()
    try:
        for path in PACKAGE.rglob("*.py"):
            parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = ast.parse(path.read_text("utf-8"))
    finally:
        if enabled:
            gc.enable()
    return found


@pytest.fixture(scope="module")
def nodes(modules: dict[str, ast.Module]) -> dict[str, tuple[ast.AST, ...]]:
    """Every node of every module (``ast.walk``), walked once for the tests below."""
    return {name: tuple(ast.walk(tree)) for name, tree in modules.items()}


def _top_level_dependencies(tree: ast.Module, modules: Collection[str]) -> set[str]:
    """The modules ``tree`` imports when it is loaded: dotted names, the package's and others'."""
    deps: set[str] = set()
    for node in _top_level_imports(tree):
        if isinstance(node, ast.Import):
            deps.update(alias.name for alias in node.names)
        elif node.module and not node.level:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & set(modules)
            deps.update(submodules)
            if len(submodules) < len(node.names):  # a name defined in the module itself
                deps.add(node.module)
    return deps


def test_no_import_cycles_between_modules(modules: dict[str, ast.Module]) -> None:
    graph: dict[str, set[str]] = {}
    for name, tree in modules.items():
        deps = _top_level_dependencies(tree, modules)
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


def _imports_in_functions(walked: tuple[ast.AST, ...]) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    """Every import among a module's ``walked`` nodes that runs inside a function, with the innermost
    function's name: a statement lies in a function exactly when it lies within the function's lines
    (and columns, where they share a line), and of the functions holding it the innermost starts last."""
    functions = [
        (_span(node), node.name) for node in walked if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    for node in walked:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            start, end = _span(node)
            holding = [(first, name) for (first, last), name in functions if first <= start and end <= last]
            if holding:
                yield node, max(holding)[1]


def _span(node: ast.stmt) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where a statement starts and ends, as (line, column) pairs (``ast.parse`` sets both ends)."""
    assert node.end_lineno is not None and node.end_col_offset is not None
    return (node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset)


def test_no_imports_inside_functions_but_the_heavy_lazy_ones(nodes: dict[str, tuple[ast.AST, ...]]) -> None:
    hidden = []
    for name, walked in nodes.items():
        for node, function in _imports_in_functions(walked):
            if isinstance(node, ast.Import):
                tops = {alias.name.split(".")[0] for alias in node.names}
            else:
                tops = {(node.module or "").split(".")[0]}
            if not tops <= LAZY_MODULES:
                hidden.append(f"{name}:{node.lineno} in {function}()")
    assert hidden == []


def _loaded_with(start: str, modules: dict[str, ast.Module]) -> set[str]:
    """What importing ``start`` loads by top-level imports: its packages, their imports, and so on.

    A name imported from a module outside the package counts as a possible submodule of it (``from
    importlib import metadata`` loads ``importlib.metadata``).
    """
    loaded: set[str] = set()
    pending = [start]
    while pending:
        parts = pending.pop().split(".")
        for name in (".".join(parts[:end]) for end in range(1, len(parts) + 1)):
            if name in loaded:
                continue
            loaded.add(name)
            tree = modules.get(name)
            if tree is None:
                continue
            pending.extend(_top_level_dependencies(tree, modules))
            for node in _top_level_imports(tree):
                if isinstance(node, ast.ImportFrom) and node.module and not node.level and node.module not in modules:
                    pending.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return loaded


#: Modules ``check`` and ``--help`` must not load: heavy ones, and other commands' machinery.
HEAVY_FOR_CHECK = {
    "yaml",
    "pathspec",
    "git",
    "importlib.metadata",
    "pocmvp_lint.config.schema",
    "pocmvp_lint.fix",
    "pocmvp_lint.formatters.history_svg",
}


@pytest.mark.parametrize(
    ("start", "commands", "needed"),
    [
        (
            "pocmvp_lint.cli.check",
            ["pocmvp_lint.cli", "pocmvp_lint.cli.check", "pocmvp_lint.cli.common"],
            "pocmvp_lint.engine",
        ),
        ("pocmvp_lint.cli", ["pocmvp_lint.cli", "pocmvp_lint.cli.common"], "click"),
    ],
)
def test_loading_a_command_loads_no_other_command_and_nothing_heavy(
    modules: dict[str, ast.Module], start: str, commands: list[str], needed: str
) -> None:
    # The fast, static view of the fresh-interpreter probes (test_a_command_imports_only_its_own_module,
    # tests/detection/test_catalogue.py and tests/history/test_rules.py, all slow): the modules a
    # command's top-level imports reach. Imports inside functions run later, and only the probes see them.
    loaded = _loaded_with(start, modules)
    assert sorted(m for m in loaded if m.startswith("pocmvp_lint.cli")) == commands
    assert loaded & HEAVY_FOR_CHECK == set()
    assert needed in loaded  # the walk does follow the imports


def test_built_in_code_names_signal_categories_by_the_typed_vocabulary(nodes: dict[str, tuple[ast.AST, ...]]) -> None:
    """A signal's category is a ``Category`` member, never a string spelled out again: a typo is
    then a type error, not a category no rule reads. (Plugins and ``[[lint.rules]]`` keep strings.)"""
    spelled = [
        f"{name}:{node.lineno}"
        for name, walked in nodes.items()
        for node in walked
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Signal"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert spelled == []


#: What each stage of the pipeline must not import (docs: discover, detect, judge, render): the
#: data flows one way, so no stage reaches a later one, and only ``vcs`` starts git.
FORBIDDEN_IMPORTS = {
    # detectors know nothing of stages, rules, git or output
    "pocmvp_lint.detectors": ("rules", "engine", "findings", "formatters", "cli", "history", "vcs", "scan"),
    # rules know nothing of git, files or output: they judge signals and facts
    "pocmvp_lint.rules": ("vcs", "inventory", "engine", "formatters", "cli", "scan"),
    # the judge runs rules over one project's facts: it reads no git, no listing and no detector
    "pocmvp_lint.judge": ("vcs", "detectors", "history", "engine", "formatters", "cli", "scan"),
    # history computes facts and timelines (no results: the judge marks what a change introduces);
    # formatters render them, the engine orchestrates
    "pocmvp_lint.history": ("formatters", "engine", "rules", "judge", "findings", "cli", "scan"),
    # formatters only render outcomes: no pipeline, no git
    "pocmvp_lint.formatters": ("engine", "cli", "vcs", "scan", "inventory"),
    "pocmvp_lint.inventory": ("detectors", "rules", "engine", "findings", "formatters", "cli", "history"),
    "pocmvp_lint.config": ("detectors", "rules", "engine", "findings", "formatters", "cli", "history", "vcs"),
    "pocmvp_lint.vcs": ("inventory", "config", "detectors", "rules", "engine", "formatters", "cli", "history"),
}


def _imported_modules(walked: tuple[ast.AST, ...]) -> Iterator[str]:
    """Every module a module's ``walked`` nodes import, at the top level or inside a function
    (``from pocmvp_lint import vcs`` names ``pocmvp_lint.vcs``)."""
    for node in walked:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_each_stage_of_the_pipeline_imports_no_later_stage(nodes: dict[str, tuple[ast.AST, ...]]) -> None:
    crossings = [
        f"{name} imports {imported}"
        for stage, forbidden in FORBIDDEN_IMPORTS.items()
        for name, walked in nodes.items()
        if name == stage or name.startswith(stage + ".")
        for imported in _imported_modules(walked)
        if any(imported == f"pocmvp_lint.{f}" or imported.startswith(f"pocmvp_lint.{f}.") for f in forbidden)
    ]
    assert crossings == []


def test_only_the_git_module_starts_processes_but_the_actions_own_step(nodes: dict[str, tuple[ast.AST, ...]]) -> None:
    starting = {
        name for name, walked in nodes.items() for imported in _imported_modules(walked) if imported == "subprocess"
    }
    assert starting == {"pocmvp_lint.vcs", "pocmvp_lint.action"}
