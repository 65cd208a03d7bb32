"""Verdicts people agree with (issue 10 §3): POC age is the time worked on, a what-if judges
readiness, throwaway folders are judged by what they hold, README setup is found where it is."""

from __future__ import annotations

import random
import string
from pathlib import Path
from typing import Any

from tests.gitutil import make_repo
from tests.helpers import run_check
from tests.history.scripted import POC, README, by_code, commit, days_ago, new_repo

READY_MVP = {
    "README.md": "# Shop\n\n## Setup\n\n```sh\npip install -e .\n```\n",
    "shop/app.py": "def main() -> None:\n    pass\n",
    "tests/test_app.py": "def test_app() -> None:\n    assert True\n",
    "requirements.txt": "flask==3.0.0\nsentry-sdk==2.0.0\n",
    "requirements.lock": "",
    ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n",
    "fly.toml": "app = 'shop'\n",
}


def _codes(project: dict[str, Any]) -> set[str]:
    return {f["code"] for f in project["findings"]}


# --- POC age: the active span, not the time since the first commit ---------------------------------


def test_a_short_poc_from_long_ago_is_dormant_not_drifting(tmp_path: Path) -> None:
    repo = new_repo(tmp_path, when=days_ago(400))
    commit(repo, {"app.py": "print(1)\n"}, "day five", days_ago(395))
    assert by_code(repo, "POC202") == []
    (dormant,) = by_code(repo, "POC206")
    assert dormant["severity"] == "info"
    assert "dormant" in dormant["message"] and "5 days of work" in dormant["message"]
    assert "archiv" in dormant["message"]


def test_work_past_the_budget_is_drift_and_not_dormant(tmp_path: Path) -> None:
    repo = new_repo(tmp_path, when=days_ago(400))
    commit(repo, {"app.py": "print(1)\n"}, "still going", days_ago(200))
    (hit,) = by_code(repo, "POC202")
    assert "worked on for 200 days" in hit["message"] and '"still going"' in hit["message"]
    assert by_code(repo, "POC206") == []


def test_commits_after_ends_are_drift_even_within_the_budget(tmp_path: Path) -> None:
    toml = POC.replace("2099-01-01", "2026-01-10")
    repo = new_repo(tmp_path, {"project.toml": toml, "README.md": README}, when="2026-01-01T09:00:00+00:00")
    commit(repo, {"b.py": "2\n"}, "one more thing", "2026-01-20T09:00:00+00:00")
    messages = [f["message"] for f in by_code(repo, "POC205")]
    assert messages == [m for m in messages if "after the POC's `ends` date" in m] and len(messages) == 1
    assert by_code(repo, "POC206") == []


# --- a what-if is a readiness check ---------------------------------------------------------------


def test_what_if_mvp_without_project_toml_judges_readiness_only(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", READY_MVP)
    run = run_check(str(repo), "--stage", "mvp")
    (project,) = run.projects
    codes = _codes(project)
    assert "MVP012" not in codes and "MVP014" not in codes
    (note,) = [f for f in project["findings"] if f["code"] == "STG002"]
    assert note["severity"] == "info" and "not declared" in note["message"]
    assert project["verdict"] == "ready", project["findings"]


def test_a_declared_mvp_still_needs_owner_and_feedback(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {**READY_MVP, "project.toml": '[project]\nstage = "mvp"\n'})
    (project,) = run_check(str(repo)).projects
    assert {"MVP012", "MVP014"} <= _codes(project) and "STG002" not in _codes(project)


def test_a_declaration_without_owner_or_feedback_does_not_make_a_ready_repository_not_ready(tmp_path: Path) -> None:
    """Owner and feedback channel are what project.toml declares, like a POC's hypothesis: they are
    reported (warnings, in the checklist) but the verdict judges what the repository shows."""
    repo = make_repo(tmp_path / "repo", {**READY_MVP, "project.toml": '[project]\nstage = "mvp"\n'})
    run = run_check(str(repo))
    (project,) = run.projects
    assert project["verdict"] == "ready", project["findings"]
    warned = {f["code"] for f in project["findings"] if f["severity"] == "warning"}
    assert {"MVP012", "MVP014"} <= warned


def test_what_if_poc_without_project_toml_judges_no_declaration_key(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"app.py": "print(1)\n"})
    (project,) = run_check(str(repo), "--stage", "poc").projects
    assert not {"POC001", "POC002", "POC003"} & _codes(project)
    outcomes = {o["code"]: o for o in project["outcomes"]}
    for code in ("POC001", "POC002", "POC003", "MVP012"):
        assert outcomes[code]["status"] == "not-applicable"
    assert "--stage (a what-if)" in outcomes["POC001"]["reason"]
    assert outcomes["MVP012"]["reason"] == "applies to MVP projects only"
    (note,) = [f for f in project["findings"] if f["code"] == "STG002"]
    assert "`hypothesis`" in note["message"]


def test_a_declared_poc_still_needs_a_hypothesis_and_a_timebox(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"app.py": "print(1)\n", "project.toml": '[project]\nstage = "poc"\n'})
    (project,) = run_check(str(repo)).projects
    assert {"POC001", "POC002"} <= _codes(project)


def test_a_what_if_over_a_declared_stage_judges_the_declaration(tmp_path: Path) -> None:
    """``--stage mvp`` on a declared POC asks what the MVP would lack, its declaration included."""
    repo = make_repo(tmp_path / "repo", {**READY_MVP, "project.toml": '[project]\nstage = "poc"\n'})
    (project,) = run_check(str(repo), "--stage", "mvp").projects
    assert {"MVP012", "MVP014"} <= _codes(project) and "STG002" not in _codes(project)


# --- throwaway folders by what they hold ------------------------------------------------------------


def _throwaway(tmp_path: Path, files: dict[str, str]) -> list[str]:
    repo = make_repo(tmp_path / "repo", {**READY_MVP, **files})
    (project,) = run_check(str(repo), "--stage", "mvp").projects
    return [f["message"] for f in project["findings"] if f["code"] == "MVP015"]


def test_ctypes_function_prototypes_are_not_throwaway_code(tmp_path: Path) -> None:
    ctypes_decl = "import ctypes\nlib = ctypes.CDLL('libx.so')\nlib.open.argtypes = [ctypes.c_char_p]\n"
    assert _throwaway(tmp_path, {"shop/prototypes/libx.py": ctypes_decl, "shop/prototypes/liby.py": ctypes_decl}) == []


def test_a_product_module_named_experiments_is_not_throwaway(tmp_path: Path) -> None:
    assert _throwaway(tmp_path, {"app/services/experiments/ab_test.rb": "class AbTest\nend\n"}) == []


def test_a_feature_named_playground_or_sandbox_in_the_source_is_not_throwaway(tmp_path: Path) -> None:
    """A page of a file-system router (``src/app/.../playground/page.tsx``) and a payment provider's
    sandbox module are the product's; a top-level ``playground/`` beside it is scratch work."""
    files = {
        "src/app/(dashboard)/agent-network/playground/page.tsx": "export default function Page() {}\n",
        "src/payments/sandbox/client.ts": "export const client = {};\n",
    }
    assert _throwaway(tmp_path, files) == []
    (message,) = _throwaway(tmp_path, {"playground/try.ts": "console.log(1);\n"})
    assert "'playground'" in message


def test_a_top_level_prototype_folder_still_is(tmp_path: Path) -> None:
    (message,) = _throwaway(tmp_path, {"prototypes/search.py": "print('try this')\n"})
    assert "prototypes" in message


def test_a_scratch_folder_is_throwaway_wherever_it_is(tmp_path: Path) -> None:
    assert _throwaway(tmp_path, {"src/scratch/try.py": "print(1)\n"})


# --- README setup ---------------------------------------------------------------------------------


def _setup_missing(tmp_path: Path, readme: str, name: str = "README.md") -> bool:
    files = {k: v for k, v in READY_MVP.items() if k != "README.md"}
    repo = make_repo(tmp_path / "repo", {**files, name: readme})
    (project,) = run_check(str(repo), "--stage", "mvp").projects
    return "MVP006" in _codes(project)


def test_setup_is_not_matched_across_lines_after_an_underline(tmp_path: Path) -> None:
    readme = "=====\nShop\n=====\n\nShop is what the team uses for building reports.\n"
    assert _setup_missing(tmp_path, readme, "README.rst")


def test_a_setext_installation_heading_counts(tmp_path: Path) -> None:
    assert not _setup_missing(tmp_path, "Shop\n====\n\nInstallation\n------------\n\nAsk ops.\n")


def test_a_link_to_installation_docs_counts(tmp_path: Path) -> None:
    assert not _setup_missing(tmp_path, "# Shop\n\nSee the [installation guide](docs/install.md).\n")


def test_a_link_to_a_docs_site_counts(tmp_path: Path) -> None:
    assert not _setup_missing(
        tmp_path, "Shop\n====\n\n* Documentation: `<https://shop.readthedocs.io/>`_\n", "README.rst"
    )


# --- one line, one secrets finding ----------------------------------------------------------------


def test_a_live_key_in_an_example_env_file_is_a_secret_and_not_also_a_dev_only_value(tmp_path: Path) -> None:
    rng = random.Random(7)
    value = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(24))
    env = f"STRIPE_SECRET_KEY=sk_{'live'}_{value}\nAPP_SECRET={value[::-1]}x9Q\n"
    repo = make_repo(tmp_path / "repo", {**READY_MVP, ".env.example": env})
    (project,) = run_check(str(repo), "--stage", "mvp").projects
    findings = {f["code"]: f for f in project["findings"]}
    assert [e["line"] for e in findings["SEC001"]["evidence"]] == [1]
    # the generated value on line 2 is still dev-only; line 1 is not reported twice
    assert [e["line"] for e in findings["SEC002"]["evidence"]] == [2]
