"""Scripted histories: commits with fixed dates and authors in temporary repositories."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from pocmvp_lint.cli import cli
from tests.gitutil import commit_all, git, init_repo, write

POC = '[project]\nstage = "poc"\nname = "recs"\nhypothesis = "h"\nowner = "me"\nends = 2099-01-01\n'
MVP = '[project]\nstage = "mvp"\nname = "recs"\nowner = "me"\nfeedback = "https://x.invalid"\n'
README = "# Recs\n\nProof of concept, not for production.\n"


def days_ago(days: int) -> str:
    when = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(days=days)
    return when.isoformat()


def commit(repo: Path, files: dict[str, str], message: str, when: str, author: str = "Ann") -> None:
    write(repo, files)
    commit_all(
        repo,
        message,
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when,
        GIT_AUTHOR_NAME=author,
        GIT_AUTHOR_EMAIL=f"{author.lower()}@example.invalid",
    )


def new_repo(tmp: Path, files: dict[str, str] | None = None, when: str | None = None) -> Path:
    repo = init_repo(tmp / "repo")
    commit(repo, files or {"project.toml": POC, "README.md": README}, "start the POC", when or days_ago(10))
    return repo


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def findings(repo: Path, *args: str) -> list[dict[str, Any]]:
    result = run("check", str(repo), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return list(json.loads(result.stdout)["projects"][0]["findings"])


def by_code(repo: Path, code: str, *args: str) -> list[dict[str, Any]]:
    return [f for f in findings(repo, *args) if f["code"] == code]


__all__ = ["MVP", "POC", "README", "by_code", "commit", "days_ago", "findings", "git", "new_repo", "run"]
