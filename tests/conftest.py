"""Session-wide test set-up shared by every test module."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from pocmvp_lint import regexstore
from tests.gitutil import TEMPLATE_VAR, build_template
from tests.ramdisk import memory_folder

#: Hypothesis budgets for the property tests that set none of their own (the fuzz tests do): the
#: fast layer (`-m "not slow"`) gives each 60 examples, which still finds the bugs the properties
#: target (mutations of the classification pass are caught within it); the full run, as CI runs
#: it, gives each 300. POCMVP_HYPOTHESIS_PROFILE=fast|thorough picks one by hand.
HYPOTHESIS_PROFILE_VAR = "POCMVP_HYPOTHESIS_PROFILE"
settings.register_profile("fast", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=300, deadline=None)
#: The garbage collector's thresholds once the tests are collected (see pytest_collection_finish).
GC_THRESHOLDS = (50_000, 20, 100)


def pytest_configure(config: pytest.Config) -> None:
    fast_layer = "not slow" in (config.getoption("markexpr", "") or "")
    chosen = os.environ.get(HYPOTHESIS_PROFILE_VAR) or ("fast" if fast_layer else "thorough")
    if chosen not in ("fast", "thorough"):
        raise pytest.UsageError(f"{HYPOTHESIS_PROFILE_VAR} must be fast or thorough, not {chosen!r}")
    settings.load_profile(chosen)
    # Temporary folders in memory where the machine has it (tests/ramdisk.py); TMPDIR and
    # --basetemp still choose. pytest asks tempfile for its root when a test first wants a folder.
    if config.option.basetemp is None and (folder := memory_folder()) is not None:
        tempfile.tempdir = str(folder)


def pytest_collection_finish(session: pytest.Session) -> None:
    """The collected modules and test items live for the whole run: move them out of the garbage
    collector's generations, so its full collections between tests do not walk them again.

    Then collect less often: tests build many short-lived containers at once (parsed YAML, syntax
    trees, inventories), and at the default thresholds (700, 10, 10) the collector runs over them
    again and again while they are still in use. Nothing a test proves depends on when it runs."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


@pytest.fixture(scope="session", autouse=True)
def isolated_git_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep the developer's git configuration out of the temporary repositories tests build.

    A global ``commit.gpgsign``, ``core.hooksPath`` or ``init.templateDir`` would otherwise make
    commits in test repositories fail or run foreign hooks. Identity comes from ``tests.gitutil``.

    The session also builds one empty template repository under this configuration; ``init_repo``
    copies it instead of running ``git init`` and ``git config`` for every test repository.
    """
    config = tmp_path_factory.mktemp("gitconfig") / "gitconfig"
    # maintenance.auto=false: without it every test `git commit` (merge, ...) starts a second git
    # process, `git maintenance run --auto`, which has nothing to do in a repository this small.
    config.write_text(
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[maintenance]\n\tauto = false\n",
        encoding="utf-8",
    )
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
        # No store of compiled patterns for commands run in the test process: its patterns are
        # compiled once and shared by every run anyway, and rewriting the store after each of
        # hundreds of runs only costs time. tests/test_regexstore.py proves the store, with
        # commands in processes of their own as users run them.
        patch.setattr(regexstore, "folder_for", lambda paths, folder=None: None)
        template = build_template(tmp_path_factory.mktemp("git-template") / "repo")
        patch.setenv(TEMPLATE_VAR, str(template))
        yield config


#: A ``git`` that logs its command (without the ``-c`` overrides) and runs the real one; with
#: OLD_GIT set it refuses ``--batch-command`` as a git older than 2.36 does.
WRAPPER = """#!/bin/sh
skip=0; words=""
for a in "$@"; do
  if [ $skip = 1 ]; then skip=0; continue; fi
  case "$a" in -c) skip=1;; --no-pager|--no-replace-objects) ;; *) words="$words $a";; esac
done
if [ -n "$OLD_GIT" ]; then
  case "$words" in *--batch-command*) echo "error: unknown option \\`batch-command'" >&2; exit 129;; esac
fi
echo "$words" >> "$GIT_LOG"
exec "$REAL_GIT" "$@"
"""


@pytest.fixture
def git_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The file listing every git command pocmvp-lint starts from now on (one per line)."""
    real = shutil.which("git")
    assert real is not None
    folder = tmp_path / "wrapper"
    folder.mkdir()
    wrapper = folder / "git"
    wrapper.write_text(WRAPPER, encoding="utf-8")
    wrapper.chmod(0o755)
    log = tmp_path / "git.log"
    log.write_text("", encoding="utf-8")
    monkeypatch.setenv("REAL_GIT", real)
    monkeypatch.setenv("GIT_LOG", str(log))
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return log
