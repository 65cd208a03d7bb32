"""Benchmark the history features on synthetic repositories built with ``git fast-import``.

    python benchmarks/history_bench.py [--runs 5] [--keep DIR]

Prints the median wall time (of at least 5 runs each) of:

* ``pocmvp-lint history`` on histories of 1,000 and 20,000 commits (target: < 2 s at 20,000);
* plain ``check`` on those histories (history rules on, as by default);
* ``check --staged`` against plain ``check`` on a 100,000-file repository with one staged
  change (target: within 1.5x).

Each timing runs the installed console script in a fresh process, as a user or hook would.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

EPOCH = 1_640_995_200  # 2022-01-01T00:00:00Z
AUTHORS = [(f"Dev {n}", f"dev{n}@example.invalid") for n in range(8)]
POC_TOML = '[project]\nstage = "poc"\nname = "bench"\nhypothesis = "h"\nends = 2099-01-01\n'
MVP_TOML = ('[project]\nstage = "mvp"\nname = "bench"\nowner = "team"\n'
            'feedback = "https://example.invalid/feedback"\n')
#: Production files that arrive at a given fraction of the history.
ARRIVALS = [
    (0.10, "Dockerfile", "FROM python:3.12-slim\nCMD [\"python\", \"-m\", \"app\"]\n"),
    (0.25, "fly.toml", 'app = "bench"\nprimary_region = "ams"\n'),
    (0.40, "k8s/deployment.yaml",
     "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bench\nspec:\n  replicas: 2\n"),
    (0.55, ".env.production", "DATABASE_URL=postgres://db/bench\n"),
    (0.70, "terraform/main.tf", 'resource "aws_s3_bucket" "b" {\n  bucket = "bench"\n}\n'),
]
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "b@example.invalid",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "b@example.invalid"}


def git(repo: Path, *args: str, stdin: bytes | None = None) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, check=True,
                          env={**os.environ, **GIT_ENV})
    return proc.stdout.decode()


def _data(text: str) -> bytes:
    raw = text.encode()
    return b"data %d\n%s\n" % (len(raw), raw)


def history_stream(commits: int) -> Iterator[bytes]:
    """A fast-import stream: a POC that grows, gains production files, is promoted at 80%."""
    arrivals = {int(frac * commits): (path, body) for frac, path, body in ARRIVALS}
    promote_at = int(0.8 * commits)
    for i in range(commits):
        name, email = AUTHORS[i % len(AUTHORS)] if i > commits // 10 else AUTHORS[0]
        when = EPOCH + i * 3_600 * max(1, 20_000 // max(commits, 1))
        message = f"change {i}"
        yield b"commit refs/heads/main\n"
        yield f"author {name} <{email}> {when} +0000\n".encode()
        yield f"committer {name} <{email}> {when} +0000\n".encode()
        yield _data(message)
        if i == 0:
            yield b"M 100644 inline project.toml\n" + _data(POC_TOML)
            yield b"M 100644 inline README.md\n" + _data("# Bench\n\nProof of concept, not for production.\n")
        if i == promote_at:
            yield b"M 100644 inline project.toml\n" + _data(MVP_TOML)
        if i in arrivals:
            path, body = arrivals[i]
            yield f"M 100644 inline {path}\n".encode() + _data(body)
        module = f"app/mod{i % 300}.py"
        yield f"M 100644 inline {module}\n".encode() + _data(f"VALUE = {i}\n" * (1 + i % 7))
        yield b"\n"
        if i and i % 1_000 == 0:
            yield f"reset refs/tags/v0.{i // 1_000}\nfrom refs/heads/main\n\n".encode()


def wide_stream(files: int) -> Iterator[bytes]:
    """One commit holding ``files`` files spread over nested folders (a big monorepo)."""
    yield b"blob\nmark :1\n" + _data("print('hello')\n")
    yield b"blob\nmark :2\n" + _data(POC_TOML)
    yield b"commit refs/heads/main\n"
    yield f"author Bench <b@example.invalid> {EPOCH} +0000\n".encode()
    yield f"committer Bench <b@example.invalid> {EPOCH} +0000\n".encode()
    yield _data("a large tree")
    yield b"M 100644 :2 project.toml\n"
    yield b"M 100644 inline README.md\n" + _data("# Wide\n\nProof of concept, not for production.\n")
    for n in range(files):
        yield f"M 100644 :1 pkg{n % 100}/sub{n // 100 % 100}/f{n}.py\n".encode()
    yield b"\n"


def build(path: Path, stream: Iterator[bytes]) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "fast-import", "--quiet", stdin=b"".join(stream))
    git(path, "reset", "-q", "--mixed", "main")  # index = HEAD, without writing the files
    return path


def checkout(repo: Path, *paths: str) -> None:
    git(repo, "checkout-index", "-f", "--", *paths)


def timed(argv: Sequence[str], cwd: Path, runs: int) -> tuple[float, list[float]]:
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n"
                             f"{proc.stderr.decode()}")
    return statistics.median(times), times


def _exe() -> str:
    found = shutil.which("pocmvp-lint") or str(Path(sys.executable).with_name("pocmvp-lint"))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="build the repositories here")
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--commits", type=int, nargs="*", default=[1_000, 20_000])
    args = parser.parse_args(argv)
    runs = max(5, args.runs)
    exe = _exe()
    work = args.keep or Path(tempfile.mkdtemp(prefix="pocmvp-history-bench-"))
    rows: list[tuple[str, float, str]] = []
    try:
        for count in args.commits:
            start = time.perf_counter()
            repo = build(work / f"history-{count}", history_stream(count))
            checkout(repo, "project.toml", "README.md", "Dockerfile", "fly.toml",
                     "k8s/deployment.yaml", ".env.production", "terraform/main.tf")
            print(f"built {count:,} commits in {time.perf_counter() - start:.1f} s", file=sys.stderr)
            median, _ = timed([exe, "history", "."], repo, runs)
            rows.append((f"history, {count:,} commits", median, "< 2 s" if count >= 20_000 else ""))
            median, _ = timed([exe, "history", ".", "--format", "json"], repo, runs)
            rows.append((f"history --format json, {count:,} commits", median, ""))
            median, _ = timed([exe, "check", "."], repo, runs)
            rows.append((f"check (history rules on), {count:,} commits", median, ""))
        start = time.perf_counter()
        wide = build(work / "wide", wide_stream(args.files))
        checkout(wide, "project.toml", "README.md")
        print(f"built {args.files:,} files in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        (wide / "Dockerfile").write_text("FROM python:3.12-slim\n")
        (wide / "pkg1" / "sub0").mkdir(parents=True, exist_ok=True)
        (wide / "pkg1" / "sub0" / "f1.py").write_text("print('changed')\n")
        git(wide, "add", "Dockerfile", "pkg1/sub0/f1.py")
        plain, _ = timed([exe, "check", "."], wide, runs)
        staged, _ = timed([exe, "check", ".", "--staged"], wide, runs)
        rows.append((f"check, {args.files:,} files", plain, ""))
        rows.append((f"check --staged, {args.files:,} files", staged,
                     f"{staged / plain:.2f}x plain (target <= 1.5x)"))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"median of {runs} runs each")
    for label, seconds, note in rows:
        print(f"  {label.ljust(width)}  {seconds:7.3f} s  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
