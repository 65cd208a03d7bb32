"""Every regular expression pocmvp-lint compiles runs in (near) linear time on hostile text.

The patterns are ENUMERATED, not listed by hand: every ``re.Pattern`` reachable from the globals
of every ``pocmvp_lint`` module (inside tuples, lists, dicts, sets and dataclass instances), plus
every pattern compiled while ``check``, ``signals`` and ``history`` run over the examples and a
rich synthetic repository (``re._compile`` is wrapped to record them). A pattern added later is
covered without editing this file.

For each pattern, adversarial texts of about 100 KB are built from its own pieces (each literal
run and each character class's representative characters, repeated, with and without a
character that forces a failure at the end) and from generic shapes known to hurt naive
patterns. Each ``search`` and full ``finditer`` must finish in well under a second: that bound is
the safety property (a super-linear pattern takes minutes to hours on these inputs).
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import pkgutil
import re
import signal
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.9, 3.10
    import sre_constants  # type: ignore[no-redef, unused-ignore]
    import sre_parse  # type: ignore[no-redef, unused-ignore]

from click.testing import CliRunner

import pocmvp_lint
from pocmvp_lint.cli import cli
from pocmvp_lint.lazyre import LazyPattern
from tests.gitutil import commit_all, git, init_repo, write
from tests.helpers import EXAMPLE_NAMES, example_repo, run_check

#: Every pattern against adversarial 100 KB inputs: slow, run in CI's full suite.
pytestmark = pytest.mark.slow

#: Seconds one search (or one full finditer) may take on a 100 KB hostile text. Generous on
#: purpose: linear patterns take milliseconds; super-linear ones take minutes.
BOUND = 0.5
SIZE = 100_000
#: The enumeration must find at least this many distinct patterns, so it cannot silently collapse.
FLOOR = 60

Key = tuple[Any, int]  # (pattern source, flags)

# ---- enumeration --------------------------------------------------------------------------


def _walk(value: Any, found: dict[Key, re.Pattern[Any]], seen: set[int], depth: int = 0) -> None:
    if depth > 6 or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        found.setdefault((value.pattern, value.flags), value)
    elif isinstance(value, LazyPattern):  # compiled on first use: compile it here
        found.setdefault((value.pattern, value.compiled.flags), value.compiled)
    elif isinstance(value, (str, bytes, int, float, type(None))):
        return
    elif isinstance(value, dict) or type(value).__name__ == "mappingproxy":
        for item in value.values():
            _walk(item, found, seen, depth + 1)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            _walk(item, found, seen, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _walk(getattr(value, f.name, None), found, seen, depth + 1)


def module_patterns() -> dict[Key, re.Pattern[Any]]:
    found: dict[Key, re.Pattern[Any]] = {}
    seen: set[int] = set()
    for info in pkgutil.walk_packages(pocmvp_lint.__path__, "pocmvp_lint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            _walk(value, found, seen)
    return found


def rich_repo(path: Path) -> Path:
    """A repository touching every detector: CI of several kinds, deploy files, configs, docs."""
    init_repo(path)
    write(
        path,
        {
            "project.toml": '[project]\nstage = "poc"\nname = "rich"\nowner = "team"\nends = "2030-01-01"\n'
            '[lint]\nexclude = ["tmp/**"]\nper-path-ignores = { "scripts/*" = ["POC101"] }\n',
            "README.md": "# Rich\n\nA proof of concept.\n\n## Setup\n\n```sh\npip install -e .\nmake run\n```\n\n"
            "## Deploy\n\nkubectl apply -f k8s/\n",
            "LICENSE": "MIT License\n",
            "SECURITY.md": "# Security\nmail us\n",
            "CHANGELOG.md": "## 1.0.0\n",
            "CODEOWNERS": "* @team\n",
            ".env": "API_KEY=sk-live-abcdefghijklmnop1234\nDEBUG=true\n",
            ".env.production": "DATABASE_URL=postgres://u:p@db.example.com/prod\n",
            ".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - run: pytest -q\n      - run: mvn -B verify\n      - run: npm test\n"
            "  release:\n    runs-on: ubuntu-latest\n    environment: production\n"
            "    steps:\n      - run: npm publish\n      - run: docker push x/y\n"
            "      - run: helm upgrade --install app chart/\n",
            ".github/dependabot.yml": "version: 2\nupdates: []\n",
            ".gitlab-ci.yml": "test:\n  script:\n    - make test\ndeploy:\n  stage: deploy\n  script:\n"
            "    - kubectl apply -f k8s\n  environment: production\n",
            "Jenkinsfile": "pipeline { /* build */ stages { stage('Test') { steps { sh 'gradle test' } }\n"
            "stage('Deploy') { steps { sh 'terraform apply -auto-approve' } } } }\n",
            ".circleci/config.yml": "jobs:\n  build:\n    steps:\n      - run: go test ./...\n",
            "azure-pipelines.yml": "steps:\n- script: dotnet test\n",
            "Dockerfile": "FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost/healthz\n",
            "docker-compose.yml": "services:\n  db:\n    image: postgres\n",
            "fly.toml": 'app = "rich"\n',
            "Procfile": "web: gunicorn app:app\n",
            "vercel.json": "{}\n",
            "serverless.yml": "service: rich\n",
            "k8s/deploy.yaml": "kind: Deployment\nspec:\n  replicas: 3\n",
            "chart/Chart.yaml": "name: rich\n",
            "chart/values.yaml": "replicas: 2\n",
            "infra/main.tf": 'resource "aws_db_instance" "prod" {\n  instance_class = "db.r5.large"\n}\n',
            "migrations/0001_init.sql": "create table t (id int);\n",
            "alembic/versions/abc_init.py": "def upgrade():\n    pass\n",
            "config/production.yaml": "log_level: info\nsentry_dsn: https://k@sentry.io/1\n",
            "settings.py": "DEBUG = False\nSECRET_KEY = 'sk-abcdefabcdefabcdefabcdef'\nimport sentry_sdk\n",
            "src/app/main.py": "# TODO: hack, remove before prod\nimport logging\nfrom prometheus_client import Counter\n"
            "@app.get('/healthz')\ndef health():\n    return 'ok'\n",
            "src/app/util.ts": "// FIXME quick and dirty\nexport const x = 1;\n",
            "tests/test_main.py": "def test_x():\n    assert True\n",
            "package.json": '{"name": "rich", "version": "1.2.3", "scripts": {"test": "jest", "build": "tsc"},'
            ' "dependencies": {"express": "^4"}}\n',
            "package-lock.json": "{}\n",
            "pyproject.toml": '[project]\nname = "rich"\nversion = "0.1.0"\n',
            "requirements.txt": "flask==3.0\n",
            "go.mod": "module x\n",
            "Cargo.toml": '[package]\nname = "x"\n',
            "pom.xml": "<project></project>\n",
            "build.gradle": "plugins {}\n",
            "Makefile": "test:\n\tpytest\n",
            "notebooks/explore.ipynb": '{"cells": []}\n',
            "scripts/hack.sh": "#!/bin/sh\necho quick hack\n",
            "docs/runbook.md": "# Runbook\n\nOn-call: page the team.\n",
            "openapi.yaml": "openapi: 3.0.0\n",
        },
    )
    commit_all(path, "initial commit")
    write(path, {"project.toml": '[project]\nstage = "mvp"\nname = "rich"\nowner = "team"\nfeedback = "issues"\n'})
    commit_all(path, "promote to mvp")
    git(path, "tag", "v1.0.0")
    return path


def _called_from_package() -> bool:
    """Whether the nearest caller outside the ``re`` module is pocmvp-lint's own code."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_globals.get("__name__", "").startswith(("re", "sre_")):
        frame = frame.f_back  # type: ignore[assignment]
    return frame is not None and bool(frame.f_globals.get("__name__", "").startswith("pocmvp_lint"))


def runtime_patterns(tmp: Path) -> dict[Key, re.Pattern[Any]]:
    """Patterns compiled while the commands run (``re._compile`` recorded)."""
    found: dict[Key, re.Pattern[Any]] = {}
    original = re._compile  # type: ignore[attr-defined]

    def recording(pattern: Any, flags: Any) -> Any:
        compiled = original(pattern, flags)
        if isinstance(compiled, re.Pattern) and _called_from_package():
            found.setdefault((compiled.pattern, compiled.flags), compiled)
        return compiled

    repos = [example_repo(name, tmp / name) for name in EXAMPLE_NAMES]
    repos.append(rich_repo(tmp / "rich"))
    re.purge()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(re, "_compile", recording)
        # (no store of compiled patterns in the test process, tests/conftest.py: re._compile sees all)
        runner = CliRunner()
        for repo in repos:
            run_check(str(repo), "--select", "ALL")
            runner.invoke(cli, ["signals", str(repo)])
            runner.invoke(cli, ["history", str(repo)])
            runner.invoke(cli, ["report", str(repo)])
    return found


def package_patterns(tmp: Path) -> dict[Key, re.Pattern[Any]]:
    """Only the package's own patterns: the test harness (click, pytest) compiles its own too."""
    found = module_patterns()
    extra = runtime_patterns(tmp)
    for key, pattern in extra.items():
        found.setdefault(key, pattern)
    return found


# ---- adversarial texts --------------------------------------------------------------------

_REPRESENTATIVES = {
    sre_constants.CATEGORY_DIGIT: "7",
    sre_constants.CATEGORY_NOT_DIGIT: "x",
    sre_constants.CATEGORY_SPACE: " ",
    sre_constants.CATEGORY_NOT_SPACE: "x",
    sre_constants.CATEGORY_WORD: "a",
    sre_constants.CATEGORY_NOT_WORD: "-",
}
GENERIC = (
    "=",
    " ",
    "a",
    "/* ",
    "mvn ",
    "sk-",
    "\n",
    "a ",
    "- ",
    "#",
    "\t",
    "${",
    "{{",
    "//",
    '"',
    "'",
    "a=",
    ": ",
    "x\n",
    " \n",
    "<",
    "*",
    ".",
    "a.",
    "a-",
    "0",
    "_",
    "https://",
)


def _pieces(pattern: re.Pattern[Any]) -> set[str]:
    """Literal runs and class representatives of ``pattern`` (what to repeat)."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    out: set[str] = set()
    try:
        parsed = sre_parse.parse(source, pattern.flags & ~re.DEBUG)
    except Exception:
        return out

    def visit(items: Any) -> None:
        run: list[str] = []
        for op, av in items:
            if op is sre_constants.LITERAL:
                run.append(chr(av))
                continue
            if run:
                out.add("".join(run))
                out.update(run)
                run = []
            if op is sre_constants.IN:
                for kind, value in av:
                    if kind is sre_constants.LITERAL:
                        out.add(chr(value))
                    elif kind is sre_constants.RANGE:
                        out.add(chr(value[0]))
                    elif kind is sre_constants.CATEGORY and value in _REPRESENTATIVES:
                        out.add(_REPRESENTATIVES[value])
                    elif kind is sre_constants.NEGATE:
                        out.add("\x01")
            elif op is sre_constants.NOT_LITERAL:
                out.add("x" if av != ord("x") else "y")
            elif op is sre_constants.ANY:
                out.add("x")
            elif op in (
                sre_constants.MAX_REPEAT,
                sre_constants.MIN_REPEAT,
                getattr(sre_constants, "POSSESSIVE_REPEAT", None),
            ):
                visit(av[2])
            elif op is sre_constants.SUBPATTERN:
                visit(av[-1])
            elif op is sre_constants.BRANCH:
                for branch in av[1]:
                    visit(branch)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                visit(av[1])
            elif op is getattr(sre_constants, "ATOMIC_GROUP", None):
                visit(av)
        if run:
            out.add("".join(run))
            out.update(run)

    visit(parsed)
    return {p for p in out if p}


#: Literal runs of a pattern followed by a long run of one filler (``hostile_texts``).
_MAX_ANCHORS = 40
_FILLERS = (" ", "\n", "a", "0")


def hostile_texts(pattern: re.Pattern[Any]) -> Iterator[str]:
    pieces = sorted(_pieces(pattern) | set(GENERIC))
    for piece in pieces:
        body = piece * (SIZE // len(piece))
        yield body  # a match may run to the very end...
        yield body + "\x00"  # ...or fail there, after a scan from every start
    for first, second in zip(GENERIC, GENERIC[1:]):  # two shapes interleaved: "a=", "- a"
        pair = first + second
        yield pair * (SIZE // len(pair)) + "\x00"
    yield "\n".join("a" * 80 for _ in range(SIZE // 81))
    # a literal the pattern starts from, then one long run: two optional repetitions of the same
    # characters side by side (``return\s*\(?\s*``) try every split of the run
    words = sorted((p for p in pieces if len(p) > 1), key=len, reverse=True)[:_MAX_ANCHORS]
    for word in words:
        for filler in _FILLERS:
            yield word + filler * (SIZE - len(word)) + "\x00"


class _TooSlow(Exception):
    pass


def _interrupt(_signum: int, _frame: Any) -> None:
    raise _TooSlow


def _timed(pattern: re.Pattern[Any], text: Any) -> float:
    """Seconds for a full finditer; stopped (and reported as 4x the bound)
    when far over the bound, so a catastrophic pattern fails the test instead of hanging it."""
    previous = signal.signal(signal.SIGALRM, _interrupt)
    signal.setitimer(signal.ITIMER_REAL, BOUND * 4)
    started = time.perf_counter()
    try:
        for _ in pattern.finditer(text):  # the first step is a search; the rest, every other match
            pass
    except _TooSlow:
        return BOUND * 4
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - started


# ---- the tests ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def patterns(tmp_path_factory: pytest.TempPathFactory) -> dict[Key, re.Pattern[Any]]:
    return package_patterns(tmp_path_factory.mktemp("regex-repos"))


def test_enumeration_finds_the_package_patterns(patterns: dict[Key, re.Pattern[Any]]) -> None:
    assert len(patterns) >= FLOOR, f"only {len(patterns)} patterns enumerated"


def _slow_inputs(key: Key) -> str | None:
    """The first hostile text ``key``'s pattern is too slow on (timed up to three times, so a
    busy machine does not fail a linear pattern), or None."""
    source, flags = key
    pattern = re.compile(source, flags)
    for text in hostile_texts(pattern):
        subject: Any = text.encode("latin-1", "replace") if isinstance(source, bytes) else text
        took = _timed(pattern, subject)
        if took > BOUND:  # twice more: the best of three
            took = min(took, *(_timed(pattern, subject) for _ in range(2)))
        if took > BOUND:
            return f"{source!r}: {took:.2f} s on {text[:24]!r}... ({len(text)} chars)"
    return None


@pytest.mark.slow
def test_every_pattern_is_linear_on_hostile_text(patterns: dict[Key, re.Pattern[Any]]) -> None:
    keys = sorted(patterns, key=str)
    with ProcessPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        slow = [found for found in pool.map(_slow_inputs, keys, chunksize=4) if found]
    assert not slow, "super-linear patterns:\n" + "\n".join(slow)


def test_the_reported_reproductions_are_fast(patterns: dict[Key, re.Pattern[Any]]) -> None:
    """The shapes from the hang report, against every pattern: a 40,000-character heading of
    ``=``, ``mvn `` 10,000 times, ``/* `` and ``sk-`` over 40 KB."""
    texts = ("=" * 40_000, "mvn " * 10_000, "/* " * 13_000, "sk-" * 13_000 + "\x00")
    for (source, _flags), pattern in patterns.items():
        if isinstance(source, bytes):
            continue
        for text in texts:
            took = _timed(pattern, text)
            assert took <= BOUND, f"{source!r}: {took:.2f} s on {text[:12]!r}..."
