"""Synthetic and uptime monitoring of a deployed service counts as observability; scheduled chores do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.detectors.conftest import Files, Signals, of
from tests.gitutil import make_repo
from tests.helpers import run_check

SYNTHETIC_WORKFLOW = """\
name: Synthetic checks
on:
  schedule:
    - cron: "*/30 * * * *"
  workflow_dispatch: {}
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Check the public routes
        run: node scripts/synthetic-checks.mjs
"""
SYNTHETIC_SCRIPT = """\
const BASE = process.env.BASE ?? "https://shop.example.com";
const res = await fetch(BASE + "/", { signal: AbortSignal.timeout(30000) });
if (!res.ok) process.exit(1);
"""
CURL_UPTIME = """\
name: ping
on:
  schedule:
    - cron: "0 * * * *"
jobs:
  uptime:
    runs-on: ubuntu-latest
    steps:
      - run: curl -fsS --retry 3 https://api.example.org/healthz
"""


def _workflow(name: str, job: str, run: str, trigger: str = 'schedule:\n    - cron: "0 3 * * *"') -> str:
    return (
        f"name: {name}\non:\n  {trigger}\njobs:\n  {job}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: {run}\n"
    )


def test_scheduled_script_checking_the_production_url(signals: Signals) -> None:
    found = of(
        signals(
            {
                ".github/workflows/synthetic.yml": SYNTHETIC_WORKFLOW,
                "scripts/synthetic-checks.mjs": SYNTHETIC_SCRIPT,
            }
        ),
        "observability",
    )
    assert [(s.path, s.line, s.detail) for s in found] == [
        (
            ".github/workflows/synthetic.yml",
            12,
            "scheduled synthetic check of https://shop.example.com in .github/workflows/synthetic.yml",
        )
    ]


@pytest.mark.parametrize(
    "files",
    [
        {".github/workflows/ping.yml": CURL_UPTIME},
        {".github/workflows/monitor.yml": _workflow("Monitor", "check", "curl -f ${{ secrets.PROD_URL }}/health")},
        {".github/workflows/smoke.yml": _workflow("Prod smoke", "smoke", "wget -q -O- https://example.net/")},
        {
            ".github/workflows/upptime.yml": "on:\n  schedule:\n    - cron: '*/5 * * * *'\njobs:\n  up:\n"
            "    runs-on: ubuntu-latest\n    steps:\n      - uses: upptime/uptime-monitor@v1.35.0\n"
        },
        {
            ".gitlab-ci.yml": 'healthcheck:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "schedule"\n'
            "  script:\n    - curl -f https://app.example.com/up\n"
        },
        {".upptimerc.yml": "owner: acme\nrepo: status\nsites:\n  - name: App\n    url: https://app.example.com\n"},
        {"checkly.config.ts": "import { defineConfig } from 'checkly'\nexport default defineConfig({})\n"},
        {"checks/home.synthetics.json": '{"tests": [{"id": "abc-def-ghi"}]}\n'},
    ],
)
def test_synthetic_and_uptime_monitoring(signals: Signals, files: Files) -> None:
    assert of(signals(files), "observability")


@pytest.mark.parametrize(
    "files",
    [
        # a nightly test run, a stale bot, CodeQL, a dependency update: scheduled, but not monitoring
        {".github/workflows/nightly.yml": _workflow("Nightly", "test", "npm test")},
        {".github/workflows/stale.yml": _workflow("Close stale issues", "stale", "curl -s https://api.example.com")},
        {".github/workflows/codeql.yml": _workflow("CodeQL", "analyze", "codeql database analyze")},
        {
            ".github/workflows/deps.yml": _workflow(
                "Dependency monitor", "update", "curl -s https://registry.npmjs.org/react"
            )
        },
        # a curl to an API in a build step, not on a schedule
        {
            ".github/workflows/smoke.yml": _workflow(
                "Smoke", "smoke", "curl -f https://api.example.com/health", trigger="push:\n    branches: [main]"
            )
        },
        # a scheduled smoke test against the runner itself
        {".github/workflows/smoke.yml": _workflow("Smoke", "smoke", "curl -f http://localhost:3000/health")},
        # a scheduled monitor named job that fetches from GitHub
        {
            ".github/workflows/monitor.yml": _workflow(
                "Monitor releases", "probe", "curl -s https://api.github.com/repos/a/b/releases"
            )
        },
        # a scheduled "synthetic" job that requests nothing
        {".github/workflows/synthetic.yml": _workflow("Synthetic data", "generate", "python make_data.py")},
        {".upptimerc.yml": "owner: acme\nrepo: status\n"},
        {"checks/home.synthetics.json": "{}\n"},
    ],
)
def test_near_misses_are_not_monitoring(signals: Signals, files: Files) -> None:
    assert not of(signals(files), "observability")


def _codes(repo: Path) -> set[str]:
    run = run_check(str(repo))
    return {f["code"] for p in run.projects for f in p["findings"]}


def test_cli_mvp_with_synthetic_monitoring_has_no_observability_finding(tmp_path: Path) -> None:
    toml = '[project]\nname = "shop"\nstage = "mvp"\n'
    bare = make_repo(tmp_path / "bare", {"project.toml": toml})
    monitored = make_repo(
        tmp_path / "monitored",
        {
            "project.toml": toml,
            ".github/workflows/synthetic.yml": SYNTHETIC_WORKFLOW,
            "scripts/synthetic-checks.mjs": SYNTHETIC_SCRIPT,
        },
    )
    assert "MVP008" in _codes(bare)
    assert "MVP008" not in _codes(monitored)
