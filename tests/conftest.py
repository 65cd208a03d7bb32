"""Session-wide test set-up shared by every test module."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pocmvp_lint import plugins
from tests.gitutil import TEMPLATE_VAR, build_template


@pytest.fixture(scope="session", autouse=True)
def isolated_git_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep the developer's git configuration out of the temporary repositories tests build.

    A global ``commit.gpgsign``, ``core.hooksPath`` or ``init.templateDir`` would otherwise make
    commits in test repositories fail or run foreign hooks. Identity comes from ``tests.gitutil``.

    The session also builds one empty template repository under this configuration; ``init_repo``
    copies it instead of running ``git init`` and ``git config`` for every test repository.
    """
    config = tmp_path_factory.mktemp("gitconfig") / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CONFIG_GLOBAL", str(config))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
            patch.delenv(name, raising=False)
        # On GitHub Actions `check` defaults to annotations and --summary writes the job summary:
        # tests that expect plain text must not see the CI's own environment.
        for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT"):
            patch.delenv(name, raising=False)
        # The credential scan's cache goes to a session folder, never the developer's ~/.cache.
        patch.setenv("POCMVP_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("scan-cache")))
        template = build_template(tmp_path_factory.mktemp("git-template") / "repo")
        patch.setenv(TEMPLATE_VAR, str(template))
        yield config


@pytest.fixture(scope="session", autouse=True)
def installed_plugins_read_once() -> Iterator[None]:
    """Read the installed distributions' entry points once per search path, not once per run.

    Every in-process ``check`` looks for plugins by reading the metadata of every installed
    distribution (a few milliseconds each time, hundreds of times in a session). Within one test
    session the installed packages do not change, so the answer is kept per ``sys.path`` and
    current folder: a test that changes either (a checkout as the current folder, a new folder on
    ``sys.path``) gets a fresh read through the real code, and a test that patches
    ``_entry_points`` itself still replaces this wrapper.
    """
    original = plugins._entry_points
    seen: dict[tuple[str, tuple[str, ...], str], list[Any]] = {}

    def entry_points(group: str) -> list[Any]:
        key = (group, tuple(sys.path), os.getcwd())
        if key not in seen:
            seen[key] = original(group)
        return list(seen[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plugins, "_entry_points", entry_points)
        yield
