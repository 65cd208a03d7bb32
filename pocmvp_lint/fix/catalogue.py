"""Every scaffold and the rule codes it fixes: drives `fix --select` and the table in docs/fix.md."""

from __future__ import annotations

from collections.abc import Sequence

from pocmvp_lint.fix import (
    changelog,
    ci_workflow,
    codeowners,
    dependabot,
    deploy_trigger,
    poc_disclaimer,
    project_keys,
    readme_setup,
    security_policy,
)
from pocmvp_lint.fix.model import Scaffold
from pocmvp_lint.model import Stage

SCAFFOLDS: tuple[Scaffold, ...] = (
    Scaffold("security-policy", security_policy.CODES, Stage.MVP, "`SECURITY.md`", security_policy.plan),
    Scaffold(
        "dependabot",
        dependabot.CODES,
        Stage.MVP,
        "`.github/dependabot.yml` for the ecosystems detected",
        dependabot.plan,
    ),
    Scaffold(
        "project-keys",
        project_keys.CODES,
        Stage.MVP,
        "`owner` / `feedback` in project.toml's `[project]` (from `--owner`, `--feedback`, or asked)",
        project_keys.plan,
    ),
    Scaffold("codeowners", codeowners.CODES, Stage.MVP, "`CODEOWNERS` from the owner", codeowners.plan),
    Scaffold("changelog", changelog.CODES, Stage.MVP, "`CHANGELOG.md` (Keep a Changelog)", changelog.plan),
    Scaffold(
        "ci",
        ci_workflow.CODES,
        Stage.MVP,
        "`.github/workflows/tests.yml` (or `.gitlab-ci.yml`) running the detected test command",
        ci_workflow.plan,
    ),
    Scaffold(
        "readme-setup",
        readme_setup.CODES,
        Stage.MVP,
        'a README "Setup" section (appended), or a README holding one',
        readme_setup.plan,
    ),
    Scaffold(
        "poc-disclaimer",
        poc_disclaimer.CODES,
        Stage.POC,
        'the "Proof of concept: not for production" line at the top of the README',
        poc_disclaimer.plan,
    ),
    Scaffold(
        "deploy-off",
        deploy_trigger.CODES,
        Stage.POC,
        "deploy/publish workflows triggered by `workflow_dispatch` only, the old trigger kept as a comment",
        deploy_trigger.plan,
    ),
)

FIXABLE: tuple[str, ...] = tuple(sorted({code for s in SCAFFOLDS for code in s.codes}))


def selected(scaffold: Scaffold, selectors: Sequence[str]) -> tuple[str, ...]:
    """The codes of ``scaffold`` that ``selectors`` (codes or prefixes) choose; all when none given."""
    if not selectors:
        return scaffold.codes
    return tuple(c for c in scaffold.codes if any(c.startswith(s) for s in selectors))


def unknown_selectors(selectors: Sequence[str]) -> tuple[str, ...]:
    return tuple(s for s in selectors if not any(c.startswith(s) for c in FIXABLE))


def render_table() -> str:
    """The Markdown table of scaffolds (docs/fix.md embeds it between markers)."""
    rows = ["| Codes | Stage | Writes |", "| --- | --- | --- |"]
    rows += [f"| {', '.join(s.codes)} | {s.stage.value} | {s.writes} |" for s in SCAFFOLDS]
    return "\n".join(rows) + "\n"
