"""STG rules: is there a declared stage at all?"""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.model import Requirement, RuleKind, Severity
from pocmvp_lint.rules.rule import Rule, RuleContext, Violation


def _no_stage(ctx: RuleContext) -> Iterator[Violation]:
    if ctx.stage is not None:
        return
    if ctx.config_path is not None:
        yield Violation(
            f"{ctx.config_path} declares no stage: it has no `stage` key under [project] "
            "(a Cloud Native Buildpacks descriptor also uses this file name); "
            'add `stage = "poc"` or `stage = "mvp"` to its [project] table',
            ctx.anchor,
        )
        return
    yield Violation(
        "no project.toml declares whether this is a proof of concept or an MVP; run `pocmvp-lint init` to write one"
    )


def _what_if(ctx: RuleContext) -> Iterator[Violation]:
    if ctx.stage is None or ctx.declaration.stage is not None:
        return
    yield Violation(
        f"the stage is not declared: this is a what-if check as {ctx.stage.label}; the readiness of the "
        "code is judged, the project.toml keys (`hypothesis`, `ends`, `owner`, `feedback`) are not. Run "
        f"`pocmvp-lint init --stage {ctx.stage.value}` to declare it",
        ctx.anchor,
    )


RULES: tuple[Rule, ...] = (
    Rule(
        code="STG001",
        name="stage-undeclared",
        kind=RuleKind.DECLARATION,
        stage=None,
        requires=frozenset({Requirement.UNDECLARED}),
        reads=frozenset(),
        severity=Severity.ERROR,
        summary="No `project.toml` declares the project's stage.",
        rationale=(
            "Nobody can tell whether this code is a throwaway experiment or a product meant for "
            "real users, so nobody can hold it to the right standard. Clients in particular need "
            "to know which of the two they are paying for. Only this rule runs until a stage is "
            "declared (plus the secret scan)."
        ),
        fix=(
            "Run `pocmvp-lint init --stage poc` (or `--stage mvp`) at the project root and commit "
            "the `project.toml` it writes. To preview a stage without declaring it, run "
            "`pocmvp-lint check --stage mvp`."
        ),
        check=_no_stage,
        example='# project.toml, as `pocmvp-lint init --stage poc` writes it\n[project]\nstage = "poc"\n'
        'hypothesis = "Embeddings beat keyword search for our catalogue"',
        silence=(
            "Declare a stage instead: until one is declared, nothing else is checked. "
            '`[lint] ignore = { STG001 = "reason" }` works, but leaves the project unjudged.'
        ),
    ),
    Rule(
        code="STG002",
        name="stage-what-if",
        kind=RuleKind.DECLARATION,
        stage=None,
        reads=frozenset(),
        severity=Severity.INFO,
        summary="The stage comes from `--stage` (a what-if), not from a `project.toml` declaration.",
        rationale=(
            "`--stage mvp` (or `poc`) on an undeclared project asks whether the code is ready, not "
            "whether the declaration is complete: with no `project.toml` there are no `hypothesis`, "
            "`ends`, `owner` or `feedback` keys to miss, so the rules that judge them (POC001, POC002, "
            "POC003, MVP012, MVP014) do not apply. This finding says once that nothing is declared."
        ),
        fix="Commit the declaration: `pocmvp-lint init --stage mvp` (or `--stage poc`) at the project root.",
        check=_what_if,
        example="$ pocmvp-lint check --stage mvp   # in a repository without project.toml",
        silence="It goes away once a `project.toml` declares the stage; it is info-level and never fails a run.",
    ),
)
