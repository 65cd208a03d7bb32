"""Make a folder of small git repositories for timing ``pocmvp-lint scan`` (docs/portfolio.md).

    python benchmarks/portfolio.py /tmp/org 200
    time pocmvp-lint scan /tmp/org > /dev/null
    time pocmvp-lint scan /tmp/org --shard 1/4 > /dev/null

Each repository holds a few files, a ``project.toml`` (POCs, some overdue and drifting, and MVPs)
and one or two commits, with a fixed identity and fixed dates so runs are comparable.
"""

from __future__ import annotations

import argparse
import os
import subprocess
from pathlib import Path

ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(repo: Path, *args: str, date: str) -> None:
    env = {**os.environ, **ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def files_for(index: int) -> dict[str, str]:
    """The files of repository ``index``: a mix of stages, verdicts and timeboxes."""
    kind = index % 4
    if kind == 3:
        toml = f'[project]\nstage = "mvp"\nname = "service-{index}"\nowner = "@org/team-{index % 7}"\n'
        return {
            "project.toml": toml,
            "README.md": "# service\n\n## Setup\n\n    pip install .\n",
            "app.py": "print('hello')\n",
            "tests/test_app.py": "def test_ok():\n    assert True\n",
        }
    ends = "2024-03-01" if kind == 0 else "2099-12-31"
    toml = (
        f'[project]\nstage = "poc"\nname = "poc-{index}"\nhypothesis = "it can be done"\n'
        f"started = 2024-01-01\nends = {ends}\n"
    )
    files = {"project.toml": toml, "README.md": "# A proof of concept\n", "main.py": "print(1)\n"}
    if kind == 1:
        files["Dockerfile"] = "FROM python:3.12-slim\n"
    return files


def make(root: Path, count: int) -> None:
    for index in range(count):
        repo = root / f"repo-{index:04d}"
        repo.mkdir(parents=True, exist_ok=False)
        _git(repo, "init", "-q", "-b", "main", date="2024-01-01T10:00:00+00:00")
        files = files_for(index)
        for name, text in files.items():
            target = repo / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _git(repo, "add", "-A", date="2024-01-01T10:00:00+00:00")
        _git(repo, "commit", "-q", "-m", "start", date="2024-01-02T10:00:00+00:00")
        if index % 2:
            (repo / "NOTES.md").write_text("notes\n", encoding="utf-8")
            _git(repo, "add", "-A", date="2024-02-01T10:00:00+00:00")
            _git(repo, "commit", "-q", "-m", "notes", date="2024-02-01T10:00:00+00:00")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("root", type=Path, help="folder to create the repositories in")
    parser.add_argument("count", type=int, nargs="?", default=200)
    args = parser.parse_args()
    make(args.root, args.count)


if __name__ == "__main__":
    main()
