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
    yield Violation("no project.toml declares whether this is a proof of concept or an MVP; "
                    "run `pocmvp-lint init` to write one")


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
        silence=("Declare a stage instead: until one is declared, nothing else is checked. "
                 '`[lint] ignore = { STG001 = "reason" }` works, but leaves the project unjudged.'),
    ),
)
