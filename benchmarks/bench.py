"""Time `pocmvp-lint check` as a whole process on synthetic git repositories of 1k, 10k and 100k files.

Each repository is built once with `git fast-import` (one commit, then checked out so the linter
can read the files it opens) and cached under ``benchmarks/.repos/``. Every size is then timed:
the linter as a separate process (median, min and max of ``--runs`` runs after one warm-up run)
beside ``git ls-files`` on the same tree, the ratio of the two, and the linter's peak resident
memory (from ``os.wait4``'s rusage of the process).

Usage::

    python benchmarks/bench.py [--sizes 1000,10000,100000] [--runs 5] [--json] [--rebuild]
    python benchmarks/bench.py --sizes 100000 --projects 100   # the same tree as a monorepo

Targets: 1,000 files under 0.25 s median; 100,000 files under 0.5 s median and 100 MiB peak.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".repos"
#: Bump when the generated tree changes, so stale caches are rebuilt.
GENERATOR_VERSION = 1
#: Median wall-clock seconds and peak MiB the linter should stay under, per size.
TARGETS: dict[int, tuple[float, float | None]] = {1_000: (0.25, None), 100_000: (0.5, 100.0)}

GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}

# ---- the synthetic repository -------------------------------------------------------------

#: The handful of configuration files every generated repository has (an MVP monolith).
FIXED_FILES: dict[str, str] = {
    "project.toml": '[project]\nstage = "mvp"\nname = "bench"\nowner = "bench-team"\n'
                    'feedback = "https://example.org/feedback"\n',
    "README.md": "# Bench shop\n\n## Setup\n\n```sh\nnpm ci && pip install -e .\n```\n",
    "Dockerfile": "FROM python:3.12-slim\nCOPY . /srv\nHEALTHCHECK CMD curl -f http://localhost/healthz\n"
                  'CMD ["python", "-m", "shop"]\n',
    "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n  web:\n    build: .\n",
    ".github/workflows/ci.yml": "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
                                "    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n"
                                "      - run: npm test\n      - run: pytest\n",
    ".github/workflows/deploy.yml": "name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n"
                                    "    runs-on: ubuntu-latest\n    environment: production\n    steps:\n"
                                    "      - uses: actions/checkout@v4\n      - run: flyctl deploy\n",
    ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n"
                              "    schedule:\n      interval: weekly\n",
    "package.json": '{\n  "name": "bench-web",\n  "private": true,\n  "scripts": {"test": "vitest run"},\n'
                    '  "dependencies": {"react": "^18.3.1", "@sentry/react": "^8.0.0"}\n}\n',
    "package-lock.json": '{\n  "name": "bench-web",\n  "lockfileVersion": 3,\n  "packages": {}\n}\n',
    "pyproject.toml": '[project]\nname = "shop"\nversion = "0.1.0"\ndependencies = ["fastapi", "sentry-sdk"]\n',
    "uv.lock": "version = 1\n",
    "SECURITY.md": "# Security\n\nMail security@example.org.\n",
    "CHANGELOG.md": "# Changelog\n\n## 0.1.0 - 2026-01-01\n\n- First release.\n",
    "fly.toml": 'app = "bench"\n',
    "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n",
}

#: (weight, path pattern, content) of the generated bulk; {a}/{b}/{c}/{n} are filled in.
BULK: tuple[tuple[int, str, str], ...] = (
    (30, "services/{a}/src/{a}/{b}/{c}_{n}.py", "def f{n}() -> int:\n    return {n}\n"),
    (8, "services/{a}/tests/{b}/test_{c}_{n}.py", "def test_{n}() -> None:\n    assert {n} == {n}\n"),
    (20, "web/src/{b}/{c}/Component{n}.tsx", "export const C{n} = () => null;\n"),
    (6, "web/src/{b}/{c}/Component{n}.test.tsx", "test('c{n}', () => expect({n}).toBe({n}));\n"),
    (8, "pkg/{a}/{b}/{c}_{n}.go", "package {b}\n\nfunc F{n}() int {{ return {n} }}\n"),
    (2, "pkg/{a}/{b}/{c}_{n}_test.go", "package {b}\n\nimport \"testing\"\n\nfunc TestF{n}(t *testing.T) {{}}\n"),
    (10, "docs/{a}/{b}/page_{n}.md", "# Page {n}\n\nSome text.\n"),
    (7, "data/{a}/{b}/fixture_{n}.json", '{{"id": {n}}}\n'),
    (3, "config/{a}/{b}/settings_{n}.yaml", "name: s{n}\nvalue: {n}\n"),
    (4, "web/public/{b}/img_{n}.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>\n"),
    (2, "scripts/{a}/{c}_{n}.sh", "#!/bin/sh\necho {n}\n"),
)
WORDS = ("alpha", "billing", "cart", "delta", "echo", "fulfil", "gamma", "hub", "index", "jobs",
         "kilo", "ledger", "mail", "notify", "orders", "pay", "quote", "rates", "search", "tax")


def bulk_files(count: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """``count`` (path, content) pairs in a deterministic, realistic mix."""
    rng = random.Random(seed)
    weights = [w for w, _, _ in BULK]
    for n in range(count):
        _, pattern, content = rng.choices(BULK, weights)[0]
        names = {"a": rng.choice(WORDS[:8]), "b": rng.choice(WORDS), "c": rng.choice(WORDS), "n": n}
        yield pattern.format(**names), content.format(**names)


def _fast_import_stream(files: Iterator[tuple[str, str]]) -> Iterator[bytes]:
    message = b"synthetic tree\n"
    yield (b"commit refs/heads/main\ncommitter bench <bench@example.invalid> 1767268800 +0000\n"
           b"data " + str(len(message)).encode() + b"\n" + message)
    for path, content in files:
        data = content.encode()
        yield b"M 100644 inline " + path.encode() + b"\ndata " + str(len(data)).encode() + b"\n" + data + b"\n"
    yield b"\n"


def monorepo_files(files: list[tuple[str, str]], projects: int) -> list[tuple[str, str]]:
    """The same files spread over ``projects`` declared projects (``services/pNNNN/``): the root
    keeps its configuration files, each project gets a ``project.toml`` and its share of the bulk."""
    fixed = files[:len(FIXED_FILES)]
    bulk = files[len(FIXED_FILES):]
    out = list(fixed)
    for n in range(projects):
        stage = "poc" if n % 2 else "mvp"
        out.append((f"services/p{n:04d}/project.toml",
                    f'[project]\nstage = "{stage}"\nname = "p{n}"\nowner = "team"\nfeedback = "issues"\n'))
    for index, (path, content) in enumerate(bulk[:len(bulk) - projects]):
        out.append((f"services/p{index % projects:04d}/{path}", content))
    return out


def build_repo(size: int, dest: Path, projects: int = 0) -> None:
    """A git repository of exactly ``size`` files (committed, checked out, index written); with
    ``projects``, a monorepo of that many projects holding the same kind of files."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main", str(dest)], check=True, env=env)
    files = list(FIXED_FILES.items())
    files += list(bulk_files(size - len(files)))
    if projects:
        files = monorepo_files(files, projects)
    proc = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=dest, stdin=subprocess.PIPE, env=env)
    assert proc.stdin is not None
    for chunk in _fast_import_stream(iter(files)):
        proc.stdin.write(chunk)
    proc.stdin.close()
    if proc.wait() != 0:
        raise RuntimeError("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=dest, check=True, env=env)
    (dest / ".bench-complete").write_text(str(size))
    (dest / ".git" / "info" / "exclude").write_text(".bench-complete\n")


def repo_for(size: int, rebuild: bool, projects: int = 0) -> Path:
    name = f"files-{size}-v{GENERATOR_VERSION}" + (f"-projects-{projects}" if projects else "")
    dest = CACHE / name
    if rebuild or not (dest / ".bench-complete").exists():
        started = time.perf_counter()
        print(f"building {size:,}-file repository in {dest} ...", file=sys.stderr, flush=True)
        build_repo(size, dest, projects)
        print(f"  built in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return dest


# ---- timing -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sample:
    seconds: float
    max_rss_mib: float
    exit_code: int


def run_once(argv: Sequence[str], cwd: Path) -> Sample:
    """Run ``argv`` to completion; wall time and the process's own peak RSS (``wait4``)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {stderr.strip()}")
    return Sample(elapsed, usage.ru_maxrss / 1024, proc.returncode)  # ru_maxrss is KiB on Linux


@dataclass(frozen=True)
class Stats:
    median: float
    minimum: float
    maximum: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Stats:
        return cls(statistics.median(values), min(values), max(values))


@dataclass(frozen=True)
class Result:
    files: int
    runs: int
    lint_seconds: Stats
    git_seconds: Stats
    ratio: float
    peak_rss_mib: float
    lint_exit_code: int
    target_seconds: float | None
    target_rss_mib: float | None
    meets_target: bool | None


def lint_command() -> list[str]:
    script = Path(sys.executable).with_name("pocmvp-lint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pocmvp_lint"]


def measure(size: int, runs: int, rebuild: bool, projects: int = 0) -> Result:
    repo = repo_for(size, rebuild, projects)
    lint = [*lint_command(), "check", str(repo), "--format", "json"]
    git = ["git", "-c", "core.quotepath=off", "ls-files", "-z", "--cached"]
    run_once(lint, repo)  # warm-up: page cache, .pyc files
    run_once(git, repo)
    lint_samples = [run_once(lint, repo) for _ in range(runs)]
    git_samples = [run_once(git, repo) for _ in range(runs)]
    lint_stats = Stats.of([s.seconds for s in lint_samples])
    git_stats = Stats.of([s.seconds for s in git_samples])
    peak = max(s.max_rss_mib for s in lint_samples)
    target_s, target_mib = TARGETS.get(size, (None, None)) if not projects else (None, None)
    meets: bool | None = None
    if target_s is not None:
        meets = lint_stats.median < target_s and (target_mib is None or peak < target_mib)
    return Result(
        files=size, runs=runs, lint_seconds=lint_stats, git_seconds=git_stats,
        ratio=lint_stats.median / git_stats.median if git_stats.median else float("inf"),
        peak_rss_mib=peak, lint_exit_code=lint_samples[0].exit_code,
        target_seconds=target_s, target_rss_mib=target_mib, meets_target=meets,
    )


def render_table(results: Sequence[Result]) -> str:
    head = (f"{'files':>8}  {'pocmvp-lint median (min-max)':>30}  {'git ls-files median':>19}  {'ratio':>6}  "
            f"{'peak RSS':>9}  target")
    lines = [head, "-" * len(head)]
    for r in results:
        lint = f"{r.lint_seconds.median:.3f} s ({r.lint_seconds.minimum:.3f}-{r.lint_seconds.maximum:.3f})"
        if r.target_seconds is None:
            target = "-"
        else:
            limit = f"< {r.target_seconds} s" + (f", < {r.target_rss_mib:.0f} MiB" if r.target_rss_mib else "")
            target = f"{limit}: {'met' if r.meets_target else 'MISSED'}"
        lines.append(f"{r.files:>8,}  {lint:>30}  {r.git_seconds.median:>17.3f} s  {r.ratio:>5.1f}x  "
                     f"{r.peak_rss_mib:>5.1f} MiB  {target}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated file counts (default: 1000,10000,100000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size (default: 5)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached repositories")
    parser.add_argument("--projects", type=int, default=0,
                        help="spread each tree over this many declared projects (a monorepo)")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.runs < 1 or any(s < len(FIXED_FILES) for s in sizes):
        parser.error(f"--runs must be >= 1 and every size >= {len(FIXED_FILES)}")
    results = [measure(size, args.runs, args.rebuild, args.projects) for size in sizes]
    if args.json:
        print(json.dumps({"python": sys.version.split()[0], "command": lint_command(),
                          "results": [asdict(r) for r in results]}, indent=2))
    else:
        print(render_table(results))
    return 0 if all(r.meets_target is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
