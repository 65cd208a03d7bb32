"""The catalogue drives detection: one pass keeps what the detectors read, and the doc is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pocmvp_lint.detectors import BUILTIN_DETECTORS, detect
from pocmvp_lint.formatters.detection_doc import render
from pocmvp_lint.inventory import build_inventory
from pocmvp_lint.inventory.filters import default_excluded, repository_root_of
from tests.gitutil import make_repo

DOC = Path(__file__).resolve().parents[2] / "docs" / "detection.md"

RICH = {
    "project.toml": '[project]\nstage = "mvp"\nname = "svc"\n',
    "README.md": "# svc\n\nA proof of concept.\n\n## Install\n\n    pip install svc\n",
    "LICENSE": "MIT License\n",
    "CHANGELOG.md": "# 1.0.0\n",
    "SECURITY.md": "Report to x\n",
    ".github/workflows/ci.yml": "on: [push]\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: pytest\n",
    ".github/CODEOWNERS": "* @me\n",
    ".github/dependabot.yml": "version: 2\n",
    "Dockerfile": "FROM python:3.12\n",
    "docker-compose.yml": "services:\n  app:\n    build: .\n",
    "fly.toml": "app = 'svc'\n",
    "requirements.txt": "flask==3.0.0\n",
    "poetry.lock": "x\n",
    "pyproject.toml": "[project]\nname = 'svc'\ndependencies = ['sentry-sdk']\n",
    "src/svc/app.py": "@app.get('/healthz')\ndef health():\n    return 'ok'\n",
    "src/svc/routes.py": "x = 1\n",
    "tests/test_app.py": "def test_x():\n    assert True\n",
    "migrations/versions/0001_init.py": "x = 1\n",
    "infra/main.tf": 'resource "x" "y" {}\n',
    "config/production.yaml": "env: production\n",
    ".env.production": "X=1\n",
    "scratch/try.py": "print(1)\n",
    "Jenkinsfile": "pipeline {}\n",
}


def test_builtin_detectors_read_only_what_the_pass_kept(tmp_path: Path) -> None:
    """No built-in detector falls back to a full index of every name: the catalogue covers them."""
    repo = make_repo(tmp_path / "r", RICH)
    inventory = build_inventory(repo, "", sorted(RICH))
    signals = detect(inventory, BUILTIN_DETECTORS)
    assert {"ci", "container", "tests", "migrations", "iac", "throwaway", "license"} <= {
        str(s.category) for s in signals
    }
    assert "_indexes" not in inventory.__dict__


def test_the_lookups_made_when_no_health_route_is_found_stay_in_the_catalogue(tmp_path: Path) -> None:
    """With no router declaring a health route, the root's programs are read too, and the
    platform files of the paas detector looked up: none of that builds the full index."""
    files = {k: v for k, v in RICH.items() if k != "src/svc/app.py"}
    files |= {"calendar.rb": "get '/users' do\nend\n", ".firebaserc": '{"projects": {"default": "x"}}\n'}
    repo = make_repo(tmp_path / "r", files)
    inventory = build_inventory(repo, "", sorted(files))
    signals = detect(inventory, BUILTIN_DETECTORS)
    assert "health-check" not in {str(s.category) for s in signals}
    assert "_indexes" not in inventory.__dict__


def test_a_name_outside_the_catalogue_is_still_found(tmp_path: Path) -> None:
    """Plugins may look up any name: that falls back to the full index."""
    inventory = build_inventory(tmp_path, "", ["a/weird.name", "b/WEIRD.NAME", "c.unknownext"])
    assert inventory.named("weird.name") == ("a/weird.name", "b/WEIRD.NAME")
    assert inventory.with_ext("unknownext") == ("c.unknownext",)


def test_not_own_code_folders_are_one_set() -> None:
    for path in (
        "vendor/x.py",
        "a/node_modules/b.js",
        "x/y.dist-info/METADATA",
        "tests/fixtures/a.py",
        "examples/a.py",
        "pkg/testdata/a",
        "a/.venv/b.py",
        "a/3rd-party/b.c",
    ):
        assert default_excluded(path), path
    for path in ("src/x.py", "a/examples/b.py", "fixtures/a.py", "Vendor/x.py", ".dist-info/x"):
        assert not default_excluded(path), path
    assert repository_root_of("examples/monorepo/svc") == "examples/monorepo"
    assert repository_root_of("examples") == "examples"
    assert repository_root_of("services/api") == ""
    assert repository_root_of("a/tests/fixtures/repo/x") == "a/tests/fixtures/repo"


def test_build_output_below_its_output_folder_is_not_own_code() -> None:
    """Maven's, Cargo's and Gradle's output folders are known by the tool's folder below them."""
    for path in (
        "target/classes/db/migration/V1__init.sql",
        "target/classes/META-INF/maven/org.acme/app/pom.xml",
        "svc/target/test-classes/application-prod.yml",
        "target/generated-sources/annotations/A.java",
        "target/release/build.rs",
        "app/build/generated/source/A.java",
        "app/build/intermediates/merged_manifests/AndroidManifest.xml",
    ):
        assert default_excluded(path), path
    for path in (
        "src/main/java/org/acme/target/Target.java",  # a package named target
        "target/Dockerfile",
        "build/Dockerfile",
        "build/release/Dockerfile",  # release scripts, not Gradle output
        "classes/a.py",
        "src/classes/Target.php",
    ):
        assert not default_excluded(path), path
    assert repository_root_of("target/classes/x") == "target/classes/x"


def test_detection_doc_is_current() -> None:
    assert DOC.read_text() == render(), (
        "docs/detection.md is stale: python -m pocmvp_lint.formatters.detection_doc > docs/detection.md"
    )


# A fresh interpreter, so slow; the fast layer checks the same statically in tests/test_layout.py.
@pytest.mark.slow
def test_ordinary_check_imports_no_yaml_git_or_pathspec(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r", {"project.toml": RICH["project.toml"], "README.md": "# x\n", "src/app.py": "print(1)\n"}
    )
    code = (
        "import sys, runpy; sys.argv = ['pocmvp-lint', 'check', sys.argv[1], '--format', 'json']\n"
        "try:\n    runpy.run_module('pocmvp_lint', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('git', 'yaml', 'pathspec') if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True, text=True, check=False)
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr
