"""[lint] settings as users write them: policies, custom rules, severities, ignores, suppressions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pocmvp_lint.cli import cli
from tests import fakedist
from tests.gitutil import make_repo

POC = '[project]\nstage = "poc"\nhypothesis = "h"\nends = 2099-01-01\n'
MVP = '[project]\nstage = "mvp"\nowner = "me"\nfeedback = "https://x.invalid"\n'
README = "# x\n\nA proof of concept, not for production.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def check_json(repo: Path, *args: str) -> Any:
    result = run("check", str(repo), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def codes(doc: Any) -> set[str]:
    return {f["code"] for p in doc["projects"] for f in p["findings"]}


def test_policy_chain_via_extends(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "policies/base.toml": '[lint]\nfail-on = "warning"\nignore = { POC002 = "timeboxes live in Jira" }\n',
            "policies/team.toml": '[lint]\nextends = "base.toml"\nextend-ignore = ["POC301"]\n',
            "project.toml": '[project]\nstage = "poc"\nhypothesis = "h"\n[lint]\nextends = "policies/team.toml"\n',
            "Dockerfile": "FROM x\n",
        },
    )
    doc = check_json(repo)
    assert "POC002" not in codes(doc) and "POC301" not in codes(doc)
    assert "POC101" in codes(doc)
    assert run("check", str(repo)).exit_code == 1  # fail-on = warning from the base policy
    shown = run("config", str(repo)).stdout
    assert "fail-on" in shown and "[policy base.toml]" in shown
    assert "[project.toml]" not in shown.split("fail-on")[1].splitlines()[0]


def test_extends_cycle_and_missing_policy_are_errors(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "a.toml": '[lint]\nextends = "b.toml"\n',
            "b.toml": '[lint]\nextends = "a.toml"\n',
            "project.toml": POC + '[lint]\nextends = "a.toml"\n',
        },
    )
    result = run("check", str(repo))
    assert result.exit_code == 2 and "cycle" in result.stderr
    missing = make_repo(tmp_path / "m", {"project.toml": POC + '[lint]\nextends = "nope.toml"\n'})
    result = run("check", str(missing))
    assert result.exit_code == 2 and "project.toml:6: [lint.extends] policy file nope.toml not found" in result.stderr
    package = make_repo(tmp_path / "p", {"project.toml": POC + '[lint]\nextends = "no_such_pkg:x.toml"\n'})
    result = run("check", str(package))
    assert result.exit_code == 2 and "`no_such_pkg` is not installed" in result.stderr


def test_extends_from_an_installed_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A policy package installed beside pocmvp-lint; its code must never run to read the policy.
    policy = (Path(__file__).parent / "policy.toml").read_text(encoding="utf-8")
    site = fakedist.install(
        tmp_path / "site",
        "acme-policy",
        {
            "acme_policy/__init__.py": "raise SystemExit('the policy package was imported')\n",
            "acme_policy/policies/policy.toml": policy,
        },
    )
    monkeypatch.syspath_prepend(str(site))
    repo = make_repo(tmp_path / "r", {"project.toml": POC + '[lint]\nextends = "acme_policy:policies/policy.toml"\n'})
    doc = check_json(repo)
    assert "POC301" not in codes(doc)
    assert "[policy acme_policy:policies/policy.toml]" in run("config", str(repo)).stdout


def test_custom_declarative_rules(tmp_path: Path) -> None:
    toml = (
        MVP
        + """[lint]
ignore = ["MVP"]
[[lint.rules]]
code = "ORG001"
stage = "mvp"
message = "every MVP needs a runbook"
require = ["docs/runbook.md"]
[[lint.rules]]
code = "ORG002"
stage = "any"
severity = "error"
message = "no production Terraform here"
forbid = ["terraform/prod/**"]
[[lint.rules]]
code = "ORG003"
message = "the README must name the on-call rota"
contains = { glob = "README.md", regex = "(?i)on-call" }
"""
    )
    repo = make_repo(
        tmp_path / "r",
        {"project.toml": toml, "README.md": "# svc\n", "terraform/prod/main.tf": 'resource "x" "y" {}\n'},
    )
    doc = check_json(repo)
    found = {f["code"]: f for f in doc["projects"][0]["findings"]}
    assert set(found) == {"ORG001", "ORG002", "ORG003"}
    assert found["ORG002"]["severity"] == "error" and found["ORG002"]["path"] == "terraform/prod/main.tf"
    assert "docs/runbook.md" in found["ORG001"]["message"]
    fixed = make_repo(
        tmp_path / "f", {"project.toml": toml, "README.md": "# svc\nOn-call: team A\n", "docs/runbook.md": "steps\n"}
    )
    assert codes(check_json(fixed)) == set()


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ('code = "POC900"\nmessage = "m"\nrequire = ["x"]', "belong to built-in rules"),
        ('code = "ORG1"\nmessage = "m"', "exactly one of require, forbid or contains"),
        ('code = "ORG1"\nmessage = "m"\ncontains = { glob = "*", regex = "(" }', "invalid regex"),
        ('code = "ORG1"\nrequire = ["x"]', "needs a `message`"),
    ],
)
def test_bad_custom_rules_exit_2(tmp_path: Path, rule: str, message: str) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC + "[[lint.rules]]\n" + rule + "\n"})
    result = run("check", str(repo))
    assert result.exit_code == 2 and message in result.stderr and "project.toml:" in result.stderr


def test_severity_override_thresholds_and_per_path_ignores(tmp_path: Path) -> None:
    toml = (
        POC
        + """[lint]
severity = { POC101 = "error" }
per-path-ignores = { "infra/sandbox/**" = ["POC103"] }
[lint.thresholds]
poc-max-source-files = 2
"""
    )
    repo = make_repo(
        tmp_path / "r",
        {
            "project.toml": toml,
            "README.md": README,
            "Dockerfile": "FROM x\n",
            "infra/sandbox/main.tf": 'resource "aws_s3_bucket" "b" {}\n',
            "a.py": "",
            "b.py": "",
            "c.py": "",
        },
    )
    doc = check_json(repo)
    found = {f["code"]: f for f in doc["projects"][0]["findings"]}
    assert found["POC101"]["severity"] == "error"
    assert "POC103" not in found
    assert any(i["code"] == "POC103" and "per-path-ignores" in i["ignored_by"] for i in doc["projects"][0]["ignored"])
    assert "3 source files, over the POC budget of 2" in found["POC201"]["message"]
    assert run("check", str(repo)).exit_code == 1


@pytest.mark.parametrize(
    ("lint", "where"),
    [
        ('[lint.severity]\nPOC101 = "fatal"', "project.toml:7: [lint.severity.POC101]"),
        (
            "[lint.thresholds]\npoc-max-age = 3",
            "project.toml:7: [lint.thresholds.poc-max-age] unknown threshold (did you mean `poc-max-age-days`?)",
        ),
        ('[lint]\nfail-on = "sometimes"', "project.toml:7: [lint.fail-on]"),
        ('[lint]\nselect = "POC9"', "unknown rule code or prefix `POC9`"),
    ],
)
def test_wrong_types_and_unknown_values_are_errors(tmp_path: Path, lint: str, where: str) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC + "\n" + lint + "\n"})
    result = run("check", str(repo))
    assert result.exit_code == 2, result.output
    assert where in result.stderr


def test_inline_suppression_with_and_without_reason(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "project.toml": POC,
            "README.md": README,
            "Dockerfile": "# pocmvp-lint: ignore[POC101] local demo only, never deployed\nFROM x\n",
            "fly.toml": 'app = "demo"  # pocmvp-lint: ignore[POC104]\n',
            "k8s/deploy.yaml": (
                "# pocmvp-lint: ignore[POC102] kind cluster on laptops\napiVersion: apps/v1\n"
                "kind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: 1\n"
            ),
        },
    )
    doc = check_json(repo)
    project = doc["projects"][0]
    found = {f["code"] for f in project["findings"]}
    assert "POC101" not in found and "POC102" not in found
    assert "POC104" not in found
    assert "LNT001" in found  # fly.toml's suppression gives no reason
    reasons = {i["code"]: i["reason"] for i in project["ignored"]}
    assert reasons["POC101"] == "local demo only, never deployed"
    text = run("check", str(repo)).stdout
    assert "local demo only, never deployed" in text


def test_inline_suppression_comment_syntaxes() -> None:
    from pocmvp_lint.suppressions import parse

    samples = {
        "a.yml": "x: 1 # pocmvp-lint: ignore[POC105] manual only\n",
        "a.tf": "// pocmvp-lint: ignore[POC103,POC106] sandbox\n",
        "a.md": "<!-- pocmvp-lint: ignore[POC301] internal doc -->\n",
        "a.hcl": "/* pocmvp-lint: ignore[POC103] lab */\n",
        "a.sql": "-- pocmvp-lint: ignore[POC108] demo schema\n",
    }
    parsed = {name: list(parse(name, text)) for name, text in samples.items()}
    assert parsed["a.yml"][0].codes == ("POC105",) and parsed["a.yml"][0].reason == "manual only"
    assert parsed["a.tf"][0].codes == ("POC103", "POC106")
    assert parsed["a.md"][0].reason == "internal doc"
    assert parsed["a.hcl"][0].reason == "lab"
    assert parsed["a.sql"][0].line == 1
    several = (
        "# pocmvp-lint: ignore[POC101] a\nx\n# pocmvp-lint: ignore[POC102] b\n\n\ny # pocmvp-lint: ignore[POC103] c\n"
    )
    assert [(s.line, s.codes) for s in parse("Dockerfile", several)] == [
        (1, ("POC101",)),
        (3, ("POC102",)),
        (6, ("POC103",)),
    ]


def test_config_command_shows_origins(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"project.toml": POC + '[lint]\nfail-on = "info"\n'})
    doc = json.loads(run("config", str(repo), "--format", "json", "--ignore", "POC1").stdout)
    rows = {r["key"]: r for r in doc["projects"][0]["settings"]}
    assert rows["fail-on"] == {"key": "fail-on", "value": "info", "origin": "project.toml"}
    assert rows["ignore"]["origin"] == "command line"
    assert rows["select"]["origin"] == "default"
    assert rows["thresholds.poc-max-age-days"]["value"] == 90


def test_schema_validates_examples_and_rejects_typos() -> None:
    import jsonschema

    from pocmvp_lint.config import toml as toml_mod

    result = run("schema")
    schema = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    kind = jsonschema.validators.validator_for(schema)
    validator: Any = kind(schema)  # one validator for every document below, as jsonschema.validate builds
    examples = sorted(Path(__file__).parents[2].joinpath("examples").rglob("project.toml"))
    assert examples
    for example in examples:
        data = toml_mod.parse(example.read_text(), str(example))
        for table in (data.get("project", {}),):
            for key in ("started", "ends"):
                if key in table:
                    table[key] = table[key].isoformat()
        validator.validate(data)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"project": {"stage": "poc"}, "lint": {"selct": []}})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"project": {"stage": "prod"}})
