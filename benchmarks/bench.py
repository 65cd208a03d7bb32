"""Whole-process CPU, wall time and memory of pocmvp-lint beside its floor, on synthetic git trees.

    python benchmarks/bench.py                              # cases 1k,100k,mono,staged,history
    python benchmarks/bench.py --cases 1m                   # the 1,000,000-file case (opt-in)
    python benchmarks/bench.py --cases 100k --runs 11 --json > bench.json
    python benchmarks/bench.py --strict                     # exit 1 when a target is missed

Each case times several commands as separate processes, interleaved round-robin (A B C D A B C
D ...) so machine drift hits all of them alike: one warm-up round, then ``--runs`` timed rounds.
CPU is user + system time from ``os.wait4`` (the process and the children it waited for, such as
its git calls); wall is the elapsed time around the process. The trees are built once by
``trees.py`` with ``git fast-import`` and cached under ``benchmarks/.repos/``, named after a hash
of ``trees.py`` so a changed generator rebuilds them. See README.md for reading the numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE / ".repos"
FLOOR = HERE / "floor.py"
TREES = HERE / "trees.py"
CASES = ("1k", "100k", "1m", "mono", "staged", "history")
DEFAULT_CASES = ("1k", "100k", "mono", "staged", "history")
MIB = 1024.0  # ru_maxrss is in KiB on Linux
#: The environment variable naming pocmvp-lint's scan cache folder (pocmvp_lint.scancache.ENV).
SCAN_CACHE_ENV = "POCMVP_LINT_CACHE_DIR"

#: Runs pocmvp-lint in-process and writes the interpreter's own peak RSS in KiB to argv[1]: VmHWM,
#: the high-water mark of this address space only (ru_maxrss would also carry, across exec, the
#: memory of the benchmark process that forked it).
PYTHON_RSS_WRAPPER = """\
import atexit, resource, sys
_out = sys.argv[1]
def _report():
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status") as fh:
            kib = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        pass
    with open(_out, "w") as fh:
        fh.write(str(kib))
atexit.register(_report)
sys.argv = ["pocmvp-lint", *sys.argv[2:]]
from pocmvp_lint.cli import main
main()
"""

# ---- trees ---------------------------------------------------------------------------------


class BenchError(Exception):
    """A command failed: the numbers would be meaningless."""


def generator_version() -> str:
    """A hash of ``trees.py``: part of every cached tree's name, so a changed generator rebuilds."""
    return hashlib.sha256(TREES.read_bytes()).hexdigest()[:10]


#: Names of cached trees (this bench's and an older one's): nothing else in the cache is removed.
TREE_NAME = re.compile(r"(?:(?:service|monorepo|history)(?:-\d+)+-[0-9a-f]{10}(?:\.building)?|files-\d+-v\d+)")


def prune_stale(cache: Path, keep: str | None) -> None:
    """Remove cached trees not built by generator version ``keep`` (every cached tree when None)."""
    if not cache.is_dir():
        return
    for entry in cache.iterdir():
        if entry.is_dir() and TREE_NAME.fullmatch(entry.name) and (keep is None or not entry.name.endswith(f"-{keep}")):
            shutil.rmtree(entry, ignore_errors=True)


def cached_tree(cache: Path, version: str, shape: str, *args: int) -> Path:
    """The tree ``trees.<shape>(*args)``, built on first use (into a temporary name, then renamed)."""
    name = "-".join([shape, *map(str, args), version])
    dest = cache / name
    if dest.is_dir():
        return dest
    prune_stale(cache, version)
    building = cache / f"{name}.building"
    shutil.rmtree(building, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"building {shape} {' '.join(map(str, args))} in {dest} ...", file=sys.stderr, flush=True)
    # In a child process: building in this one would raise the RSS every later child starts from.
    built = subprocess.run(
        [sys.executable, str(TREES), shape, str(building), *map(str, args)], stdout=sys.stderr, check=False
    )
    if built.returncode != 0:
        raise BenchError(f"could not build {shape} {' '.join(map(str, args))} (trees.py exited {built.returncode})")
    building.rename(dest)
    print(f"  built in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return dest


# ---- commands and timing -------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    label: str
    argv: tuple[str, ...]
    cwd: Path
    ok_codes: frozenset[int]
    #: The pocmvp-lint arguments (after the program name) when this is a pocmvp-lint run.
    lint_args: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Sample:
    cpu: float
    wall: float
    rss_mib: float
    exit_code: int


@dataclass(frozen=True)
class Stats:
    median: float
    minimum: float
    maximum: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Stats:
        return cls(statistics.median(values), min(values), max(values))

    def text(self) -> str:
        return f"{self.median:.3f} ({self.minimum:.3f}–{self.maximum:.3f})"


@dataclass(frozen=True)
class Row:
    label: str
    argv: tuple[str, ...]
    cpu: Stats
    wall: Stats
    #: Peak RSS over the timed runs (``os.wait4``): the process or any child it waited for, whichever
    #: is larger; never below the benchmark's own RSS, which Linux carries across fork and exec.
    peak_rss_mib: float
    #: The pocmvp-lint interpreter's own peak RSS (one extra run), for pocmvp-lint rows.
    python_rss_mib: float | None
    exit_code: int


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    met: bool | None  # None: not measured (a command was unavailable)


@dataclass(frozen=True)
class CaseResult:
    case: str
    title: str
    runs: int
    warmup: int
    load_before: float
    load_after: float
    rows: tuple[Row, ...]
    verdicts: tuple[Verdict, ...]
    notes: tuple[str, ...]


def run_once(cmd: Command) -> Sample:
    """Run ``cmd`` to completion with output discarded; its rusage from ``os.wait4``."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd.argv, cwd=cmd.cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in cmd.ok_codes:
            err.seek(0)
            detail = err.read().decode(errors="replace").strip()[-2000:]
            raise BenchError(f"{cmd.label}: `{' '.join(cmd.argv)}` exited {code} in {cmd.cwd}:\n{detail}")
    return Sample(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / MIB, code)


def python_rss(cmd: Command) -> float | None:
    """The pocmvp-lint interpreter's own peak RSS in MiB, without its git children."""
    if cmd.lint_args is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rss"
        wrapped = Command(
            cmd.label, (sys.executable, "-c", PYTHON_RSS_WRAPPER, str(out), *cmd.lint_args), cmd.cwd, cmd.ok_codes
        )
        run_once(wrapped)
        return int(out.read_text()) / MIB if out.exists() else None


def measure(commands: Sequence[Command], runs: int, warmup: int) -> tuple[Row, ...]:
    """Time ``commands`` interleaved: ``warmup`` untimed rounds, then ``runs`` timed rounds."""
    samples: dict[str, list[Sample]] = {c.label: [] for c in commands}
    for round_no in range(warmup + runs):
        for cmd in commands:
            sample = run_once(cmd)
            if round_no >= warmup:
                samples[cmd.label].append(sample)
    rows = []
    for cmd in commands:
        got = samples[cmd.label]
        rows.append(
            Row(
                label=cmd.label,
                argv=cmd.argv,
                cpu=Stats.of([s.cpu for s in got]),
                wall=Stats.of([s.wall for s in got]),
                peak_rss_mib=max(s.rss_mib for s in got),
                python_rss_mib=python_rss(cmd),
                exit_code=got[-1].exit_code,
            )
        )
    return tuple(rows)


# ---- the tools -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tools:
    lint: tuple[str, ...]
    repo_review: tuple[str, ...] | None
    notes: tuple[str, ...]

    def check(self, label: str, tree: Path, *extra: str) -> Command:
        args = ("check", str(tree), "--format", "json", *extra)
        return Command(label, (*self.lint, *args), tree, frozenset({0, 1}), args)

    def history(self, label: str, tree: Path) -> Command:
        args = ("history", str(tree))
        return Command(label, (*self.lint, *args), tree, frozenset({0, 1}), args)


def find_tools() -> Tools:
    """The console scripts of the virtual environment running the benchmark."""
    notes = []
    script = Path(sys.executable).with_name("pocmvp-lint")
    if script.exists():
        lint: tuple[str, ...] = (str(script),)
    else:
        lint = (sys.executable, "-m", "pocmvp_lint")
        notes.append("pocmvp-lint console script not found beside the interpreter: timed `python -m pocmvp_lint`")
    review: tuple[str, ...] | None = None
    rr = Path(sys.executable).with_name("repo-review")
    if rr.exists() and subprocess.run([str(rr), "--version"], capture_output=True, check=False).returncode == 0:
        review = (str(rr), "--format", "json")
        plugins = subprocess.run([str(rr), "--versions"], capture_output=True, text=True, check=False).stdout
        found = [line.strip() for line in plugins.split("plugins:", 1)[-1].splitlines() if line.strip()]
        notes.append(f"repo-review with plugins: {', '.join(found) or 'none'}")
    else:
        notes.append("repo-review column skipped: not installed (pip install 'repo-review[cli]' sp-repo-review)")
    return Tools(lint, review, tuple(notes))


def listing(label: str, tree: Path) -> Command:
    argv = ("git", "-c", "core.quotepath=off", "-c", "core.fsmonitor=false", "ls-files", "-z", "--cached")
    return Command(label, argv, tree, frozenset({0}))


def floor(label: str, tree: Path, *mode: str) -> Command:
    return Command(label, (sys.executable, str(FLOOR), *mode), tree, frozenset({0}))


def comparison(tools: Tools, tree: Path, *, cold: bool = False) -> list[Command]:
    """check beside git ls-files, both floors and repo-review (when installed); with ``cold``,
    also ``check --no-cache`` (the credential scan reading every file, as on a first run)."""
    commands = [
        tools.check("pocmvp-lint check", tree),
        *([tools.check("pocmvp-lint check --no-cache", tree, "--no-cache")] if cold else []),
        listing("git ls-files -z --cached", tree),
        floor("floor", tree),
        floor("floor classify", tree, "classify"),
    ]
    if tools.repo_review is not None:
        commands.append(Command("repo-review", (*tools.repo_review, str(tree)), tree, frozenset({0, 1, 2, 3})))
    return commands


# ---- targets -------------------------------------------------------------------------------


def at_most(target: str, value: float, limit: float, unit: str, also: str = "") -> Verdict:
    shown = f"{value:.0f}" if unit.strip() == "MiB" else f"{value:.3f}"
    return Verdict(target, f"{shown}{unit}{also}", value <= limit)


def wall_at_most(target: str, row: Row, limit: float) -> Verdict:
    """A wall-time target, with the CPU time beside it (wall grows with the machine's load)."""
    return at_most(target, row.wall.median, limit, " s wall", f" ({row.cpu.median:.3f} s CPU)")


def ratio(target: str, top: Row | None, bottom: Row | None, limit: float, what: str = "CPU") -> Verdict:
    if top is None or bottom is None:
        return Verdict(target, "not measured", None)
    a = top.cpu.median if what == "CPU" else top.wall.median
    b = bottom.cpu.median if what == "CPU" else bottom.wall.median
    value = a / b if b else float("inf")
    return Verdict(target, f"{value:.2f}x ({a:.3f} s / {b:.3f} s {what})", value <= limit)


def verdicts_1k(rows: Mapping[str, Row]) -> list[Verdict]:
    check = rows["pocmvp-lint check"]
    return [
        at_most("`check` <= 0.20 s CPU", check.cpu.median, 0.20, " s"),
        ratio("`check` CPU at or below repo-review", check, rows.get("repo-review"), 1.0),
    ]


def verdicts_100k(rows: Mapping[str, Row]) -> list[Verdict]:
    check = rows["pocmvp-lint check"]
    return [
        at_most("`check` <= 0.40 s CPU", check.cpu.median, 0.40, " s"),
        ratio("`check` <= 2.5x the floor (CPU)", check, rows["floor"], 2.5),
    ]


def verdicts_1m(rows: Mapping[str, Row]) -> list[Verdict]:
    check = rows["pocmvp-lint check"]
    rss = check.python_rss_mib
    return [
        wall_at_most("`check` <= 3 s wall", check, 3.0),
        Verdict("Python process <= 150 MiB", "not measured", None)
        if rss is None
        else at_most("Python process <= 150 MiB", rss, 150.0, " MiB"),
    ]


def verdicts_mono(rows: Mapping[str, Row]) -> list[Verdict]:
    mono, single = rows["pocmvp-lint check (monorepo)"], rows["pocmvp-lint check (single project)"]
    return [ratio("monorepo <= 1.3x a single project (CPU)", mono, single, 1.3)]


def verdicts_staged(rows: Mapping[str, Row]) -> list[Verdict]:
    staged, plain = rows["pocmvp-lint check --staged"], rows["pocmvp-lint check"]
    return [ratio("`check --staged` <= 1.15x `check` (CPU)", staged, plain, 1.15)]


def verdicts_history(rows: Mapping[str, Row]) -> list[Verdict]:
    history = rows["pocmvp-lint history"]
    return [wall_at_most("`history` <= 1 s wall", history, 1.0)]


@dataclass(frozen=True)
class Plan:
    title: str
    commands: tuple[Command, ...]
    judge: Callable[[Mapping[str, Row]], list[Verdict]]


def plan(case: str, tools: Tools, cache: Path, version: str, scale: int) -> Plan:
    """The trees and commands of ``case``; ``scale`` divides every size (for a quick smoke run)."""

    def n(count: int) -> int:
        return max(20, count // scale)

    if case in ("1k", "100k", "1m"):
        files = n({"1k": 1_000, "100k": 100_000, "1m": 1_000_000}[case])
        tree = cached_tree(cache, version, "service", files)
        judge = {"1k": verdicts_1k, "100k": verdicts_100k, "1m": verdicts_1m}[case]
        service = tuple(comparison(tools, tree, cold=case != "1m"))
        return Plan(f"service tree, {files:,} files + 1 staged", service, judge)
    if case == "mono":
        files, projects = n(100_000), max(3, 100 // scale)
        mono = cached_tree(cache, version, "monorepo", files, projects)
        single = cached_tree(cache, version, "service", files)
        # The same layout with one project: what a project in a folder costs, apart from the others.
        one = cached_tree(cache, version, "monorepo", files, 1)
        commands: tuple[Command, ...] = (
            tools.check("pocmvp-lint check (monorepo)", mono),
            tools.check("pocmvp-lint check (single project)", single),
            tools.check("pocmvp-lint check (one project in services/svc000)", one),
            listing("git ls-files (monorepo)", mono),
            floor("floor (monorepo)", mono),
        )
        return Plan(f"monorepo, {projects} projects / {files:,} files, vs one project", commands, verdicts_mono)
    if case == "staged":
        files = n(100_000)
        tree = cached_tree(cache, version, "service", files)
        commands = (
            tools.check("pocmvp-lint check --staged", tree, "--staged"),
            tools.check("pocmvp-lint check", tree),
            listing("git ls-files -z --cached", tree),
        )
        return Plan(f"`--staged` with one new file, {files:,} files", commands, verdicts_staged)
    if case == "history":
        commits = n(20_000)
        tree = cached_tree(cache, version, "history", commits)
        log = ("git", "-c", "core.quotepath=off", "log", "--name-status", "--no-renames", "--format=%H %ct %s")
        commands = (
            tools.history("pocmvp-lint history", tree),
            tools.check("pocmvp-lint check (history rules on)", tree),
            Command("git log --name-status", log, tree, frozenset({0})),
        )
        return Plan(f"history, {commits:,} commits (~1,000 files)", commands, verdicts_history)
    raise ValueError(case)


#: Set in some shells and CI images; it would make every timed run recompile the package instead
#: of importing its bytecode as an installed tool does, so the timed processes run without it.
NO_BYTECODE_ENV = "PYTHONDONTWRITEBYTECODE"


@contextlib.contextmanager
def scan_cache_dir() -> Iterator[None]:
    """A fresh, empty folder for pocmvp-lint's scan cache while one case runs (never the user's
    ~/.cache): the warm-up round fills it, so `check` rows are repeat runs. Bytecode is allowed
    (``NO_BYTECODE_ENV`` is lifted), so the warm-up round also leaves compiled modules behind."""
    saved = {name: os.environ.get(name) for name in (SCAN_CACHE_ENV, NO_BYTECODE_ENV)}
    with tempfile.TemporaryDirectory(prefix="bench-scan-cache-") as folder:
        os.environ[SCAN_CACHE_ENV] = folder
        os.environ.pop(NO_BYTECODE_ENV, None)
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def run_case(case: str, tools: Tools, cache: Path, version: str, runs: int, warmup: int, scale: int) -> CaseResult:
    p = plan(case, tools, cache, version, scale)
    load_before = os.getloadavg()[0]
    with scan_cache_dir():
        rows = measure(p.commands, runs, warmup)
    load_after = os.getloadavg()[0]
    notes = () if case not in ("1k", "100k", "1m") else tools.notes
    return CaseResult(
        case, p.title, runs, warmup, load_before, load_after, rows, tuple(p.judge({r.label: r for r in rows})), notes
    )


# ---- output --------------------------------------------------------------------------------


def mark(met: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "not measured"}[met]


def render(result: CaseResult) -> str:
    lines = [
        f"### {result.case}: {result.title}",
        "",
        f"Median (min–max) of {result.runs} interleaved runs after {result.warmup} warm-up round(s); "
        f"1-minute load average {result.load_before:.2f} before, {result.load_after:.2f} after.",
        "",
        "| command | CPU s | wall s | peak RSS MiB | Python RSS MiB | exit |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in result.rows:
        python = "" if r.python_rss_mib is None else f"{r.python_rss_mib:.0f}"
        lines.append(
            f"| {r.label} | {r.cpu.text()} | {r.wall.text()} | {r.peak_rss_mib:.0f} | {python} | {r.exit_code} |"
        )
    lines += ["", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {v.target} | {v.measured} | {mark(v.met)} |" for v in result.verdicts]
    lines += [f"\n_{note}_" for note in result.notes]
    return "\n".join(lines)


def environment(tools: Tools, version: str) -> dict[str, object]:
    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "git": git_version,
        "pocmvp_lint": list(tools.lint),
        "repo_review": list(tools.repo_review) if tools.repo_review else None,
        "generator": version,
    }


def parse_cases(text: str, parser: argparse.ArgumentParser) -> list[str]:
    cases = [c.strip() for c in text.split(",") if c.strip()]
    unknown = [c for c in cases if c not in CASES]
    if unknown or not cases:
        parser.error(f"--cases: unknown {', '.join(unknown) or '(empty)'}; choose from {','.join(CASES)}")
    return cases


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0].strip())
    parser.add_argument("--cases", default=",".join(DEFAULT_CASES), help=f"comma-separated, from {','.join(CASES)}")
    parser.add_argument("--runs", type=int, default=7, help="timed rounds per case (default: 7)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default: 1)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown tables")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where trees are cached")
    parser.add_argument("--rebuild", action="store_true", help="delete the cached trees first")
    parser.add_argument("--scale", type=int, default=1, help="divide every tree size by this (smoke runs only)")
    args = parser.parse_args(argv)
    cases = parse_cases(args.cases, parser)
    if args.runs < 1 or args.warmup < 0 or args.scale < 1:
        parser.error("--runs and --scale must be >= 1, --warmup >= 0")
    if args.rebuild:
        prune_stale(args.cache, None)
    tools = find_tools()
    version = generator_version()
    try:
        results = []
        for case in cases:
            result = run_case(case, tools, args.cache, version, args.runs, args.warmup, args.scale)
            results.append(result)
            if not args.json:
                print(render(result) + "\n", flush=True)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"environment": environment(tools, version), "cases": [asdict(r) for r in results]}, indent=2))
    missed = any(v.met is False for r in results for v in r.verdicts)
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
