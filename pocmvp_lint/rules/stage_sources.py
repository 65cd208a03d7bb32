"""STG2xx rules: the stage as teams already write it outside ``project.toml`` (docs/stage-sources.md).

Backstage ``catalog-info.yaml`` lifecycles, PyPI Development Status classifiers and repostatus.org
badges are read by ``config.declared_elsewhere``; these rules compare them with ``project.toml``,
say when one stands in for it, and note values that mean no stage.
"""

from __future__ import annotations

from collections.abc import Iterator

from pocmvp_lint.config.declared_elsewhere import CATALOG, CLASSIFIER, REPOSTATUS
from pocmvp_lint.config.model import StageClaim
from pocmvp_lint.model import Evidence, Requirement, RuleKind, Severity, Stage
from pocmvp_lint.rules.rule import Check, Rule, RuleContext, Violation

_MEANS = {Stage.POC: "a proof of concept", Stage.MVP: "an MVP"}


def _at(claim: StageClaim) -> Evidence:
    return Evidence(claim.path, claim.line)


def _said(claim: StageClaim) -> str:
    return f"{claim.where} says {claim.text}"


def _stand_in(ctx: RuleContext) -> Iterator[Violation]:
    if not ctx.stand_in or ctx.declaration.stage is None:
        return
    sources = ", ".join(_said(c) for c in ctx.stand_in)
    yield Violation(
        f"no project.toml declares the stage; it is taken as {ctx.declaration.stage.label} because "
        f"{sources}. Run `pocmvp-lint init --from-declared` to write it down",
        tuple(dict.fromkeys(_at(c) for c in ctx.stand_in)),
    )


def _contradicts(source: str) -> Check:
    def check(ctx: RuleContext) -> Iterator[Violation]:
        declared = ctx.declaration.stage
        if ctx.stand_in or ctx.config_path is None or declared is None:
            return
        here = Evidence(ctx.config_path, ctx.stage_line)
        for claim in ctx.claims:
            if claim.source != source or claim.stage is None or claim.stage is declared:
                continue
            yield Violation(
                f'{here.display()} declares stage = "{declared.value}", but {_said(claim)}, which '
                f"means {_MEANS[claim.stage]} ({claim.stage.label})",
                (here, _at(claim)),
            )

    return check


def _disagree(ctx: RuleContext) -> Iterator[Violation]:
    staged = [c for c in ctx.claims if c.stage is not None]
    if len({c.stage for c in staged}) < 2:
        return
    said = "; ".join(f"{_said(c)} ({c.stage.label if c.stage else ''})" for c in staged)
    yield Violation(
        f"no project.toml declares the stage, and the declarations elsewhere disagree: "
        f"{said}. None of them stands in for project.toml",
        tuple(dict.fromkeys(_at(c) for c in staged)),
    )


def _retired(ctx: RuleContext) -> Iterator[Violation]:
    for claim in ctx.claims:
        if claim.retired:
            yield Violation(
                f"{_said(claim)}: the project is being retired, which is neither a POC "
                "nor an MVP, so it gives no stage",
                (_at(claim),),
            )


def _unknown(ctx: RuleContext) -> Iterator[Violation]:
    for claim in ctx.claims:
        if claim.stage is None and not claim.retired:
            yield Violation(
                f"{_said(claim)}, a name the lifecycle mapping does not know; map it with "
                f'[lint] lifecycle-map = {{ "{claim.value}" = "poc" }} (or "mvp", "none")',
                (_at(claim),),
            )


_CONTRADICTION_WHY = (
    "Two places now tell people different things about what this project is. {place} is what "
    "{readers} see first; if it says production while project.toml says proof of concept (or the "
    "other way round), someone will deploy a throwaway or neglect a product."
)
_CONTRADICTION_FIX = (
    "Decide which is true. Change {what} to match project.toml, or change `stage` in project.toml "
    "(and act on what the new stage asks). The mapping from names to stages is set by "
    "`[lint] lifecycle-map`."
)


def _contradiction_rule(
    code: str, name: str, source: str, *, place: str, readers: str, what: str, example: str
) -> Rule:
    return Rule(
        code=code,
        name=name,
        kind=RuleKind.DECLARATION,
        stage=None,
        severity=Severity.WARNING,
        reads=frozenset(),
        summary=f"`project.toml` declares one stage and {place} says the other.",
        rationale=_CONTRADICTION_WHY.format(place=place[0].upper() + place[1:], readers=readers),
        fix=_CONTRADICTION_FIX.format(what=what),
        example=example,
        check=_contradicts(source),
    )


RULES: tuple[Rule, ...] = (
    Rule(
        code="STG201",
        name="stage-declared-elsewhere",
        kind=RuleKind.DECLARATION,
        stage=None,
        severity=Severity.INFO,
        reads=frozenset(),
        summary="No `project.toml`, but a clear declaration elsewhere gives the stage.",
        rationale=(
            "A Backstage lifecycle, a PyPI Development Status classifier or a repostatus.org badge "
            "already says what the project is, so the project is checked as that stage instead of "
            "failing STG001. The declaration is borrowed from a file made for something else; "
            "`project.toml` is where the timebox, hypothesis and owner live."
        ),
        fix=(
            "Run `pocmvp-lint init --from-declared` at the project root and commit the "
            "`project.toml` it writes (it takes the stage, and the name and owner from "
            "catalog-info.yaml)."
        ),
        example=(
            "# catalog-info.yaml (and no project.toml)\napiVersion: backstage.io/v1alpha1\n"
            "kind: Component\nmetadata:\n  name: recs\nspec:\n  type: service\n"
            "  lifecycle: experimental   # checked as a POC\n  owner: data-team"
        ),
        check=_stand_in,
    ),
    _contradiction_rule(
        "STG202",
        "catalog-lifecycle-contradicts",
        CATALOG,
        place="the Backstage catalog (`catalog-info.yaml`, `spec.lifecycle`)",
        readers="everyone browsing the developer portal",
        what="`spec.lifecycle`",
        example=(
            '# project.toml\n[project]\nstage = "poc"\n\n# catalog-info.yaml\nkind: Component\n'
            "spec:\n  lifecycle: production"
        ),
    ),
    _contradiction_rule(
        "STG203",
        "classifier-contradicts",
        CLASSIFIER,
        place="a PyPI `Development Status` classifier (pyproject.toml, setup.cfg or setup.py)",
        readers="people installing the package from PyPI",
        what="the classifier",
        example=(
            '# project.toml\n[project]\nstage = "poc"\n\n# pyproject.toml\n[project]\n'
            'classifiers = ["Development Status :: 5 - Production/Stable"]'
        ),
    ),
    _contradiction_rule(
        "STG204",
        "status-badge-contradicts",
        REPOSTATUS,
        place="a repostatus.org badge in the README",
        readers="visitors of the repository",
        what="the badge",
        example=(
            '# project.toml\n[project]\nstage = "mvp"\n\n# README.md\n'
            "[![Project Status: Concept – Minimal or no implementation has been done yet]"
            "(https://www.repostatus.org/badges/latest/concept.svg)](https://www.repostatus.org/#concept)"
        ),
    ),
    Rule(
        code="STG205",
        name="stage-sources-disagree",
        kind=RuleKind.DECLARATION,
        stage=None,
        severity=Severity.WARNING,
        reads=frozenset(),
        requires=frozenset({Requirement.UNDECLARED}),
        summary="No `project.toml`, and the declarations elsewhere give different stages.",
        rationale=(
            "Without a project.toml, a declaration elsewhere can stand in for one only when it is "
            "clear. Here the catalog, the classifiers or the badges disagree, so no stage stands "
            "in and the people reading them are told different things."
        ),
        fix=(
            "Decide the stage and write it down with `pocmvp-lint init --stage poc` (or `mvp`); "
            "then align the other places (STG202-STG204 report what still disagrees)."
        ),
        example=(
            "# catalog-info.yaml\nspec:\n  lifecycle: production\n\n# setup.cfg\n"
            "classifiers =\n    Development Status :: 3 - Alpha"
        ),
        check=_disagree,
    ),
    Rule(
        code="STG206",
        name="lifecycle-retired",
        kind=RuleKind.DECLARATION,
        stage=None,
        severity=Severity.INFO,
        reads=frozenset(),
        summary="A declaration elsewhere says the project is being retired.",
        rationale=(
            "`deprecated`, `7 - Inactive`, or an Inactive, Unsupported, Abandoned, Suspended or "
            "Moved badge describe a project winding down: neither a POC nor an MVP. It gives no "
            "stage, and this note makes sure the retirement is seen."
        ),
        fix=(
            "Archive the repository if the project is over. If it is still worked on, update the "
            "declaration; `[lint] lifecycle-map` can map an organisation's own name to a stage."
        ),
        example="# catalog-info.yaml\nkind: Component\nspec:\n  lifecycle: deprecated",
        check=_retired,
    ),
    Rule(
        code="STG207",
        name="lifecycle-unknown",
        kind=RuleKind.DECLARATION,
        stage=None,
        severity=Severity.INFO,
        reads=frozenset(),
        summary="A lifecycle name the mapping does not know.",
        rationale=(
            "Backstage lets an organisation use its own lifecycle names (`sandbox`, `ga`, ...). "
            "pocmvp-lint cannot guess what they mean, so the declaration is neither compared with "
            "project.toml nor used to stand in for it."
        ),
        fix=(
            'Map the name in `[lint] lifecycle-map = { sandbox = "poc" }` ("poc", "mvp" or '
            '"none"), in the project or in the policy it extends.'
        ),
        example="# catalog-info.yaml\nkind: Component\nspec:\n  lifecycle: sandbox",
        check=_unknown,
    ),
)
