"""Everything `fix` writes is checked before it is written: YAML parses and has the shape its
reader expects (GitHub workflow, Dependabot, GitLab CI), TOML parses, nothing is empty."""

from __future__ import annotations

import posixpath
import sys
from typing import Any

from pocmvp_lint.fix.deploy_trigger import trigger
from pocmvp_lint.inventory.reader import parse_yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - old interpreters only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]


def problem(path: str, text: str) -> str | None:
    """Why ``text`` is not valid for ``path``, or None."""
    name = posixpath.basename(path).lower()
    if not text.strip():
        return "it is empty"
    if name.endswith(".toml"):
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            return f"invalid TOML: {exc}"
        return None
    if not name.endswith((".yml", ".yaml")):
        return None
    docs = parse_yaml(text)
    if not docs or not isinstance(docs[0], dict):
        return "it is not a YAML mapping"
    doc = docs[0]
    if "/.github/workflows/" in "/" + path:
        return workflow_problem(doc)
    if name in ("dependabot.yml", "dependabot.yaml"):
        return dependabot_problem(doc)
    if name == ".gitlab-ci.yml":
        return gitlab_problem(doc)
    return None


def workflow_problem(doc: dict[Any, Any]) -> str | None:
    present, _value = trigger(doc)
    jobs = doc.get("jobs")
    if not present:
        return "a workflow needs `on:`"
    if not isinstance(jobs, dict) or not jobs:
        return "a workflow needs `jobs:`"
    for name, job in jobs.items():
        if not isinstance(job, dict):
            return f"job {name} is not a mapping"
        if "uses" in job:
            continue
        steps = job.get("steps")
        if "runs-on" not in job or not isinstance(steps, list) or not steps:
            return f"job {name} needs `runs-on:` and `steps:`"
        if any(not isinstance(s, dict) or ("uses" in s) == ("run" in s) for s in steps):
            return f"each step of job {name} needs exactly one of `uses:` and `run:`"
    return None


def dependabot_problem(doc: dict[Any, Any]) -> str | None:
    updates = doc.get("updates")
    if doc.get("version") != 2 or not isinstance(updates, list) or not updates:
        return "Dependabot needs `version: 2` and a list of `updates`"
    for entry in updates:
        if not isinstance(entry, dict) or not {"package-ecosystem", "directory", "schedule"} <= set(entry):
            return "each Dependabot update needs package-ecosystem, directory and schedule"
        if not isinstance(entry["schedule"], dict) or "interval" not in entry["schedule"]:
            return "each Dependabot schedule needs an interval"
    return None


def gitlab_problem(doc: dict[Any, Any]) -> str | None:
    jobs = {k: v for k, v in doc.items() if isinstance(v, dict)}
    if not jobs or any(not isinstance(j.get("script"), list) or not j["script"] for j in jobs.values()):
        return "each GitLab CI job needs a non-empty `script:` list"
    return None
