"""No code from the checked repository runs: a checkout cannot shadow a module or add a plugin.

Each hostile module below writes a sentinel file outside the repository when it is imported; the
linter runs from inside the checkout, as it does in CI, and the sentinels must not appear.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.gitutil import make_repo

#: Each test starts Python processes in a hostile checkout: slow.
pytestmark = pytest.mark.slow

PROJECT_TOML = '[project]\nstage = "poc"\n'
WORKFLOW = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n"


def _payload(sentinel: Path) -> str:
    return f"open({str(sentinel)!r}, 'w').write('imported')\n"


#: What each hostile checkout commits (besides project.toml): a module that shadows a dependency
#: of the linter, or a plugin that declares itself through a committed ``*.dist-info``.
HOSTILE: dict[str, dict[str, str]] = {
    "click": {"click.py": "{payload}"},
    "yaml": {"yaml/__init__.py": "{payload}", ".github/workflows/ci.yml": WORKFLOW},
    "git": {"git/__init__.py": "{payload}"},
    "plugin": {
        "e-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: e\nVersion: 1.0\n",
        "e-1.0.dist-info/entry_points.txt": "[pocmvp_lint.detectors]\ne = emod:D\n[pocmvp_lint.rules]\ne = emod:R\n",
        "emod.py": "{payload}def D(inventory):\n    return iter(())\nR = []\n",
    },
}


def hostile_checkout(tmp_path: Path, kind: str) -> tuple[Path, Path]:
    """A repository whose committed ``kind`` would run code if imported; the sentinel it writes."""
    sentinel = tmp_path / f"{kind}.ran"  # outside the repository
    files = {name: text.replace("{payload}", _payload(sentinel)) for name, text in HOSTILE[kind].items()}
    return make_repo(tmp_path / "checkout", {"project.toml": PROJECT_TOML, **files}), sentinel


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(extra)
    return env


def _assert_nothing_ran(proc: subprocess.CompletedProcess[str], sentinel: Path) -> None:
    assert not sentinel.exists(), f"code from the checkout ran\n{proc.stdout}\n{proc.stderr}"
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_python_m_in_a_checkout_imports_nothing_from_it(tmp_path: Path, kind: str) -> None:
    checkout, sentinel = hostile_checkout(tmp_path, kind)
    proc = subprocess.run(
        [sys.executable, "-m", "pocmvp_lint", "check", "."],
        cwd=checkout,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    _assert_nothing_ran(proc, sentinel)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_action_in_a_checkout_imports_nothing_from_it(tmp_path: Path, kind: str) -> None:
    checkout, sentinel = hostile_checkout(tmp_path, kind)
    output = tmp_path / "github-output"
    env = _env(
        POCMVP_PATHS=".", POCMVP_FORMAT="json", POCMVP_SARIF_FILE=str(tmp_path / "out.sarif"), GITHUB_OUTPUT=str(output)
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-m", "pocmvp_lint.action"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    _assert_nothing_ran(proc, sentinel)
    assert f"exit-code={proc.returncode}" in output.read_text(encoding="utf-8")
    assert (tmp_path / "out.sarif").is_file()


def test_plugins_come_from_installed_packages_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process (as pre-commit or an embedding tool runs it), with the current folder on the
    path: the committed dist-info is ignored, while the same plugin installed elsewhere loads."""
    checkout, sentinel = hostile_checkout(tmp_path, "plugin")
    monkeypatch.chdir(checkout)
    monkeypatch.setattr(sys, "path", ["", str(checkout), *sys.path])
    monkeypatch.delitem(sys.modules, "emod", raising=False)
    result = CliRunner().invoke(cli, ["check", "."])
    assert result.exit_code in (0, 1), result.output
    assert not sentinel.exists()
    # Positive control: the very same files on a trusted path entry do load.
    site = tmp_path / "site"
    shutil.copytree(checkout, site, ignore=shutil.ignore_patterns(".git", "project.toml"))
    monkeypatch.setattr(sys, "path", [str(site), *sys.path])
    CliRunner().invoke(cli, ["check", "."])
    monkeypatch.delitem(sys.modules, "emod", raising=False)
    assert sentinel.exists()


def test_the_action_runs_python_isolated() -> None:
    """Both the outer step and the inner runs use ``-I``: a checkout's own ``pocmvp_lint/``
    package can only be kept out that way."""
    action = (Path(__file__).resolve().parents[2] / "action.yml").read_text(encoding="utf-8")
    runs = [line for line in action.splitlines() if " -m " in line and not line.strip().startswith("#")]
    assert runs and all(" -I -m " in line for line in runs), runs


@pytest.mark.parametrize("shadow", ["pocmvp_lint/__init__.py", "pocmvp_lint/action.py"])
def test_isolated_mode_keeps_a_committed_copy_of_the_linter_out(tmp_path: Path, shadow: str) -> None:
    sentinel = tmp_path / "outside.ran"
    checkout = make_repo(tmp_path / "checkout", {"project.toml": PROJECT_TOML, shadow: _payload(sentinel)})
    proc = subprocess.run(
        [sys.executable, "-I", "-m", "pocmvp_lint.action"],
        cwd=checkout,
        env=_env(POCMVP_FORMAT="text"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert not sentinel.exists(), proc.stdout + proc.stderr
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
