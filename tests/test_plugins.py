"""Plugins: a real package installed into a temporary environment adds a detector and a rule."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pocmvp_lint import plugins
from pocmvp_lint.api import Rule, Severity, Stage
from pocmvp_lint.cli import cli
from pocmvp_lint.installed import declared_groups
from pocmvp_lint.rules.rule import RuleContext, Violation
from tests.gitutil import make_repo

ROOT = Path(__file__).parent.parent
PLUGIN = ROOT / "examples" / "plugin-acme"
MVP = '[project]\nstage = "mvp"\nowner = "me"\nfeedback = "https://x.invalid"\n'


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment (PYTHONPATH) where the example plugin is installed beside pocmvp-lint."""
    target = tmp_path_factory.mktemp("plugin-site")
    build = tmp_path_factory.mktemp("plugin-build")
    shutil.copytree(PLUGIN, build / "plugin")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(build / "plugin"),
        ],
        check=True,
    )
    return {**os.environ, "PYTHONPATH": str(target)}


def lint(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pocmvp_lint", *args], capture_output=True, text=True, check=False, env=env
    )


@pytest.mark.slow
def test_example_plugin_rule_fires_after_install(plugin_env: dict[str, str], tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": MVP})
    proc = lint(plugin_env, "check", str(repo), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["projects"][0]["findings"]
    assert "ACME001" in {f["code"] for f in findings}
    assert "ACME001" in lint(plugin_env, "rules").stdout
    assert "on-call runbook" in lint(plugin_env, "explain", "ACME001").stdout
    fixed = make_repo(tmp_path / "f", {"project.toml": MVP, "docs/runbook.md": "Pager: #oncall\n"})
    proc = lint(plugin_env, "check", str(fixed), "--format", "json")
    assert "ACME001" not in {f["code"] for f in json.loads(proc.stdout)["projects"][0]["findings"]}
    # without the plugin installed, the rule does not exist
    assert "ACME001" not in CliRunner().invoke(cli, ["rules"]).stdout


@pytest.mark.slow
def test_policy_shipped_in_the_plugin_package(plugin_env: dict[str, str], tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "project.toml": '[project]\nstage = "poc"\n[lint]\nextends = "acme_pocmvp:policy.toml"\n',
            "terraform/prod/main.tf": 'resource "x" "y" {}\n',
        },
    )
    proc = lint(plugin_env, "check", str(repo), "--format", "json")
    codes = {f["code"]: f for f in json.loads(proc.stdout)["projects"][0]["findings"]}
    assert codes["ACMEP1"]["severity"] == "error"
    assert proc.returncode == 1


class _Entry:
    """A stand-in entry point, as importlib.metadata would give."""

    def __init__(self, name: str, value: object) -> None:
        self.name = name
        self.value = f"broken_plugin:{name}"
        self._obj = value
        self.dist = type("Dist", (), {"name": "broken-plugin"})()

    def load(self) -> object:
        if isinstance(self._obj, Exception):
            raise self._obj
        return self._obj


def _crash(inventory: object) -> list[object]:
    raise RuntimeError("boom")


def test_a_plugin_that_raises_is_named_and_exits_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": MVP})
    groups = {plugins.DETECTOR_GROUP: [_Entry("crash", _crash)], plugins.RULE_GROUP: []}
    monkeypatch.setattr(plugins, "_entry_points", lambda group, declared=None: groups[group])
    result = CliRunner().invoke(cli, ["check", str(repo)])
    assert result.exit_code == 2
    assert "broken-plugin" in result.stderr and "boom" in result.stderr
    assert "Traceback" not in result.output

    def bad_check(ctx: RuleContext) -> list[Violation]:
        raise ValueError("bad rule")

    rule = Rule(
        code="BRK001",
        name="broken",
        stage=Stage.MVP,
        severity=Severity.INFO,
        summary="s.",
        rationale="r.",
        fix="f.",
        check=bad_check,
    )
    groups = {plugins.DETECTOR_GROUP: [], plugins.RULE_GROUP: [_Entry("rule", (rule,))]}
    result = CliRunner().invoke(cli, ["check", str(repo)])
    assert result.exit_code == 2 and "BRK001" in result.stderr and "broken-plugin" in result.stderr
    groups = {plugins.DETECTOR_GROUP: [_Entry("load", ImportError("no module"))], plugins.RULE_GROUP: []}
    result = CliRunner().invoke(cli, ["check", str(repo)])
    assert result.exit_code == 2 and "failed to load" in result.stderr


#: The example plugin's entry points (its pyproject.toml), as an installer records them.
ENTRY_POINTS = (
    "[pocmvp_lint.detectors]\nacme = acme_pocmvp:DETECTORS\n\n[pocmvp_lint.rules]\nacme = acme_pocmvp:RULES\n"
)


def _install_by_hand(site: Path, layout: str) -> Path:
    """The example plugin as pip (``*.dist-info``) or easy_install (``*.egg``) leaves it; returns
    the folder to import it from."""
    if layout.startswith("egg"):
        base = site / "acme_pocmvp-1.0-py3.egg"
        info = base / "EGG-INFO"
        (info / "PKG-INFO").parent.mkdir(parents=True)
        (info / "PKG-INFO").write_text("Metadata-Version: 2.1\nName: acme-pocmvp\nVersion: 1.0\n", encoding="utf-8")
    else:
        base = site
        info = site / "Acme_Pocmvp-1.0.DIST-INFO"  # importlib.metadata matches the suffix in any case
        info.mkdir(parents=True)
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-pocmvp\nVersion: 1.0\n", encoding="utf-8")
    shutil.copytree(PLUGIN / "acme_pocmvp", base / "acme_pocmvp")
    (info / "entry_points.txt").write_text(ENTRY_POINTS, encoding="utf-8")
    return base


@pytest.mark.slow  # a fresh interpreter per layout; the same layouts in-process just below
@pytest.mark.parametrize("layout", ["dist-info", "egg", "egg-on-path"])
def test_a_plugin_is_found_in_every_layout_importlib_metadata_reads(tmp_path: Path, layout: str) -> None:
    # Without plugins, `check` skips importlib.metadata after a quick look at each entry_points.txt:
    # that look must see every plugin importlib.metadata would find.
    site = tmp_path / "site"
    code = _install_by_hand(site, layout)
    path = [str(code)] if layout == "egg-on-path" else [str(site), str(code)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(dict.fromkeys(path))}
    assert "ACME001" in lint(env, "rules").stdout


def test_one_look_at_the_search_path_answers_for_each_group(tmp_path: Path) -> None:
    # Toolkit.load looks for both groups in one walk; a group no distribution names is skipped,
    # and whatever the look cannot see through (a zip file on the path) answers every group.
    site = tmp_path / "site"
    info = site / "acme_rules-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text("[pocmvp_lint.rules]\nacme = acme:RULES\n", encoding="utf-8")
    (site / "other-2.0.dist-info").mkdir()  # no entry_points.txt at all
    assert declared_groups(plugins.GROUPS, [str(site)]) == {plugins.RULE_GROUP}
    assert declared_groups(plugins.GROUPS, [str(tmp_path / "missing")]) == frozenset()
    archive = tmp_path / "lib.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))
    assert declared_groups(plugins.GROUPS, [str(site), str(archive)]) == set(plugins.GROUPS)


@pytest.mark.parametrize("layout", ["dist-info", "egg", "egg-on-path"])
def test_a_plugin_is_found_in_every_layout_in_process(
    tmp_path: Path, layout: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The layouts above, found from this interpreter's search path; the plugin's modules are
    # forgotten afterwards, so no other test sees its rule.
    site = tmp_path / "site"
    code = _install_by_hand(site, layout)
    for entry in reversed(list(dict.fromkeys([str(code)] if layout == "egg-on-path" else [str(site), str(code)]))):
        monkeypatch.syspath_prepend(entry)
    for name in [m for m in sys.modules if m.split(".")[0] == "acme_pocmvp"]:
        monkeypatch.delitem(sys.modules, name)
    try:
        assert "ACME001" in CliRunner().invoke(cli, ["rules"]).stdout
    finally:
        for name in [m for m in sys.modules if m.split(".")[0] == "acme_pocmvp"]:
            del sys.modules[name]
    monkeypatch.undo()
    assert "ACME001" not in CliRunner().invoke(cli, ["rules"]).stdout
