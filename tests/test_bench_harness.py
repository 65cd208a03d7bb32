"""The benchmark harness builds the tree shapes it claims, and its report covers every case.

No timing is asserted here: a benchmark is not a test. These tests check the generator's
shapes (file counts, the staged file, the projects, the history milestones) and that
``bench.py`` runs end to end and reports each command it says it times.
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path
from types import ModuleType

import pytest

from tests.gitutil import git

BENCH_DIR = Path(__file__).resolve().parent.parent / "benchmarks"


def _script(name: str) -> ModuleType:
    """``benchmarks/NAME.py`` loaded as a module (the folder is not a package)."""
    spec = importlib.util.spec_from_file_location(f"_benchmarks_{name}", BENCH_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


#: The tree generator, run in-process; test_generator_refuses_an_existing_folder_and_bad_usage runs
#: it once as the script it is.
TREES = _script("trees")


def build(shape: str, out: Path, *counts: int) -> str:
    printed = io.StringIO()
    with redirect_stdout(printed):
        code = TREES.main([shape, str(out), *map(str, counts)])
    assert code == 0
    return printed.getvalue()


def tracked(repo: Path) -> list[str]:
    return git(repo, "ls-files", "-z", "--cached").split("\0")[:-1]


def test_service_tree_has_the_declared_shape(tmp_path: Path) -> None:
    repo = tmp_path / "service"
    build("service", repo, 50)
    files = tracked(repo)
    assert len(files) == 51  # 50 committed + 1 staged
    assert git(repo, "diff", "--cached", "--name-only").split() == ["src/app/new_feature.py"]
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "1"
    for path in (
        "project.toml",
        "Dockerfile",
        ".github/workflows/ci.yml",
        ".github/workflows/deploy.yml",
        "charts/app/Chart.yaml",
        "charts/app/templates/deployment.yaml",
        "README.md",
    ):
        assert path in files
        assert (repo / path).is_file()  # checked out: small trees are written in full
    assert 'stage = "poc"' in (repo / "project.toml").read_text()
    sources = [f for f in files if f.startswith("src/app/domain") and "/tests/" not in f]
    tests = [f for f in files if "/tests/test_" in f]
    assert sources and tests
    assert all((repo / f).is_file() for f in sources + tests)
    assert any(f.startswith("docs/guide/") for f in files)
    assert any(f.startswith("assets/") for f in files)
    assert git(repo, "status", "--porcelain", "--untracked-files=all").splitlines() == ["A  src/app/new_feature.py"]


def test_monorepo_tree_has_every_project(tmp_path: Path) -> None:
    repo = tmp_path / "mono"
    build("monorepo", repo, 300, 3)
    files = tracked(repo)
    assert sorted(f for f in files if f.rsplit("/", 1)[-1] == "project.toml") == [
        "services/svc000/project.toml",
        "services/svc001/project.toml",
        "services/svc002/project.toml",
    ]
    stages = [(repo / f"services/svc{i:03d}/project.toml").read_text() for i in range(3)]
    assert ['stage = "mvp"' in s for s in stages] == [True, False, True]
    assert 299 <= len(files) - 1 <= 300  # bulk is split evenly between the projects
    for i in range(3):
        assert sum(f.startswith(f"services/svc{i:03d}/src/app/domain") for f in files) > 0
    assert git(repo, "diff", "--cached", "--name-only").split() == ["services/svc001/src/app/new_feature.py"]
    assert ".github/workflows/deploy.yml" in files


def test_history_tree_grows_toward_production(tmp_path: Path) -> None:
    repo = tmp_path / "history"
    build("history", repo, 5)
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "5"
    first = git(repo, "ls-tree", "-r", "--name-only", "HEAD~4").split()
    assert "project.toml" in first and "Dockerfile" not in first and "charts/app/Chart.yaml" not in first
    head = git(repo, "ls-tree", "-r", "--name-only", "HEAD").split()
    for path in ("Dockerfile", ".github/workflows/deploy.yml", "charts/app/Chart.yaml"):
        assert path in head
    assert 'stage = "poc"' in git(repo, "show", "HEAD~4:project.toml")
    assert 'stage = "mvp"' in git(repo, "show", "HEAD:project.toml")
    assert git(repo, "diff", "--cached", "--name-only").split() == ["src/app/new_feature.py"]


def test_generator_refuses_an_existing_folder_and_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = str(BENCH_DIR / "trees.py")
    taken = subprocess.run([sys.executable, script, "service", str(tmp_path), "50"], capture_output=True, text=True)
    assert taken.returncode != 0 and "exists" in taken.stderr
    assert TREES.main(["galaxy", str(tmp_path / "x"), "50"]) == 2  # the script exits with what main returns
    assert "usage" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_bench_rejects_an_unknown_case(capsys: pytest.CaptureFixture[str]) -> None:
    # In-process: test_bench_reports_every_case_and_command (slow) runs bench.py as the script it is.
    with pytest.raises(SystemExit) as exited:
        _script("bench").main(["--cases", "1k,10k"])
    assert exited.value.code == 2
    assert "unknown 10k" in capsys.readouterr().err


@pytest.mark.slow
def test_bench_reports_every_case_and_command(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCH_DIR / "bench.py"),
            "--cases",
            "1k,100k,mono,staged,history",
            "--scale",
            "1000",
            "--runs",
            "1",
            "--warmup",
            "0",
            "--cache",
            str(tmp_path / "cache"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    labels = {case["case"]: [row["label"] for row in case["rows"]] for case in report["cases"]}
    assert list(labels) == ["1k", "100k", "mono", "staged", "history"]
    for case in ("1k", "100k"):
        assert labels[case][:5] == [
            "pocmvp-lint check",
            "pocmvp-lint check --no-cache",
            "git ls-files -z --cached",
            "floor",
            "floor classify",
        ]
    assert labels["mono"][:3] == [
        "pocmvp-lint check (monorepo)",
        "pocmvp-lint check (single project)",
        "pocmvp-lint check (one project in services/svc000)",
    ]
    assert labels["staged"][:2] == ["pocmvp-lint check --staged", "pocmvp-lint check"]
    assert labels["history"][0] == "pocmvp-lint history"
    for case in report["cases"]:
        assert case["verdicts"], case["case"]
        for row in case["rows"]:
            assert row["cpu"]["median"] >= 0 and row["wall"]["median"] > 0
            assert (row["python_rss_mib"] is not None) == row["label"].startswith("pocmvp-lint")
    # trees are cached under a generator-versioned name and reused
    assert sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / "cache").iterdir()) == [
        "history-20",
        "monorepo-100-1",
        "monorepo-100-3",
        "service-100",
        "service-20",
    ]
