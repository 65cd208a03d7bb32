"""``ci`` (a live CI configuration) and ``ci-tests`` (it runs a test command)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase
from typing import Any

from pocmvp_lint.detectors._ci import (
    ActionUse,
    Pipeline,
    ci_yaml_mappings,
    command_line,
    fastlane_lanes_of,
    jenkins_matches,
    make_target,
    manifests_in,
    mise_task,
    package_script,
    package_script_bodies,
    pipelines,
    repo_script,
    sbt_build,
    script_lines,
)
from pocmvp_lint.detectors._util import (
    DOCKERFILE_STAGE_RE,
    as_dict,
    dirname,
    line_of_fragment,
    package_scripts,
    prints_only,
    split_commands,
    yaml_mappings,
)
from pocmvp_lint.detectors.ci_catalogue import (
    FASTLANE_PLATFORMS,
    FASTLANE_TEST_ACTIONS,
    HOUSEKEEPING_ACTIONS,
    HOUSEKEEPING_NEUTRAL_ACTIONS,
    JENKINS_TEST_STEPS,
    ORB_TEST_JOBS,
    REUSABLE_TEST_INPUT_RE,
    REUSABLE_TEST_OFF,
    REUSABLE_TEST_WORKFLOWS,
    TEST_RUNNER_ACTIONS,
    TRAVIS_DEFAULT_SCRIPTS,
    WORKSPACE_RUNNERS,
)
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.inventory.reader import YAML_LIMIT
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: Test runner invocations (signals.md §3), matched per logical command line. ``X(?:(?!X)[^\n])*Y``
#: stands for ``X[^\n]*Y``: the scan from one ``X`` stops at the next, so a line of ``mvn mvn mvn``
#: costs linear time, not quadratic.
TEST_COMMAND_RE = lazy_re(
    r"""(?x)
       (?:^|[\s;&|(])(?:tox|nox)(?:\s|$)
     | (?:^|[\s/])(?:(?:jest|vitest|mocha)(?:\s|$) | rspec\b | rake(?:\s+(?:test|spec)\b|\s*$))
     | ^\s*(?:\w+=\S*\s+){0,4}  # JavaScript runners as a package script (or npx, pnpm exec, yarn) calls them
       (?:(?:npx|pnpx|bunx|pnpm\s+exec|pnpm|yarn\s+exec|yarn|bun\s+x)\s+(?:-\S+\s+){0,3})?(?:(?:c8|nyc)\s+(?:-\S+\s+){0,4})?
       (?:ava|tap|uvu|jasmine|lab|karma\s+start|playwright\s+test|cypress\s+run|wdio|testcafe|detox\s+test
         |start-server-and-test|(?:react-scripts|craco|react-app-rewired)\s+test|vue-cli-service\s+test:\w+
         |node\s+(?:-\S+\s+){0,4}--test|tsx\s+--test
         # Japa, AdonisJS's runner: its entry file (``node japaFile.js``, ``node bin/test.js``) or ``node ace test``
         |node\s+(?:-\S+\s+(?:[^-\s]\S*\s+)?){0,3}(?:\./)?(?:japaFile|bin/test)\.[cm]?[jt]s|node\s+ace\s+test)(?![\w-])
     | \b(?=[a-z])(?:  # one word-boundary test for all the rest, not one per alternative
         (?:pytest|py\.test)\b | python[\d.]*\s+(?:-\S+\s+)*-m\s+(?:pytest|unittest)\b
       | (?:uv|poetry|pdm|hatch|pipenv)\s+run\s+(?:pytest|tox|nox|python\s+-m\s+pytest)\b
       | (?:hatch\s+(?:run\s+)?|rye\s+)test\b | manage\.py\s+test\b
       | (?:(?:uv|poetry|pdm|hatch|pipenv|rye|pixi|mise)\s+run\s+(?:poe\s+)?|poe\s+|invoke\s+)
         test(?:[-_:][\w-]{1,40})?\b
       | (?:npm|pnpm|yarn|bun)\s+(?:run\s+)?test\b(?::[\w:.-]{1,80})? | npm\s+t\b | npm\s+run-script\s+test\b
       | (?:npm|pnpm|bun)\s+(?:run\s+)?(?:(?:-r|--recursive|recursive|-ws|--workspaces|--workspace-root|--parallel
           |--stream|--if-present|(?:--filter|-F|-C|--dir|--prefix|--workspace|-w)[=\s]\S+|-w)\s+){1,6}(?:run\s+)?test\b
       | yarn\s+workspaces?\s+(?:foreach\s+(?:-\S+\s+){0,6}(?:run\s+)?|\S+\s+(?:run\s+)?)test\b
       | (?:npx|pnpx|bunx)\s+(?:jest|vitest|mocha|ava|lab|playwright\s+test|cypress\s+run|karma|nyc|wdio|testcafe)\b
       | deno\s+test\b | bun\s+test\b | ng\s+test\b
       | go\s+test\b | gotestsum\b | ginkgo\b | cargo\s+(?:test|nextest\s+run)\b
       | mvnw?\b(?:(?!\bmvnw?\b)[^\n])*\b(?:test|verify|package|install)(?![\w-])
       | gradlew?\b(?:(?!\bgradlew?\b)[^\n])*\b(?:test|check|build|connected\w*(?:Check|AndroidTest)
           |test\w*UnitTest|test(?:Debug|Release)\w*|allTests|integrationTest|functionalTest
           |(?:jvm|js|jsNode|jsBrowser|wasmJs|wasmWasi|desktop|native|ios\w*|macos\w*|linux\w*|mingw\w*|tvos\w*
              |watchos\w*)Test)\b
       | dotnet\s+test\b | bundle\s+exec\s+(?:rake|rspec|rails\s+test)\b | (?:bin/)?rails\s+test\b
       | (?:bin/)?(?:rails|rake)\s+(?!db:)(?:[\w-]{1,40}:){0,3}(?:test|spec)s?
           (?::(?!prepare|load|purge|clone|setup|reset)[\w-]{1,40}){0,3}(?![\w:-])
       | parallel_(?:rspec|test|cucumber)\b | turbo_tests\b
       | (?:phpunit|pest|paratest|codecept|behat)\b | php\s+artisan\s+(?:test|dusk)\b
       | composer\s+(?:run(?:-script)?\s+)?test\b
       | swift\s+test\b | xcodebuild\b(?:(?!\bxcodebuild\b)[^\n])*\btest\b
       | ctest\b | make\s+(?:(?:-C|-f|--directory|--file)[=\s]\S+\s+|-\S+\s+|\w+=\S*\s+){0,4}(?:check|test|distcheck)
           (?:[-_:][\w-]{1,40})?\b
       | meson\s+test\b | bazel\s+test\b | (?:just|task)\s+test(?:[-_:][\w-]{1,40})?\b | mix\s+(?:test|coveralls)\b
       | cmake\s+--build\b(?:(?!\bcmake\b)[^\n])*--target[=\s]+(?:test|check|RUN_TESTS)\b
       | ninja\s+(?:-C\s+\S+\s+)?(?:test|check)\b
       | earthly\s+(?:-\S+\s+){0,4}[\w./:-]*\+tests?(?:[-_:][\w-]{1,40})?\b | dagger\s+call\s+tests?\b
       | sbt\b(?:(?!\bsbt\b)[^\n])*\btest\b
       | (?:flutter|dart)\s+test\b | very_good\s+test\b | lein\s+test\b | cabal\s+test\b
       | melos\s+(?:run\s+)?test\b | stack\s+test\b | dune\s+(?:test|runtest)\b | zig\s+build\s+test\b
       | gleam\s+test\b | rebar3\s+(?:eunit|ct)\b | rye\s+test\b
       | cargo\s+(?:llvm-cov|tarpaulin)\b(?!\s+(?:--version|-V|report|show-env|clean)\b)
       | coverage\s+run\s+(?:-\S+\s+){0,4}-m\s+(?:pytest|unittest)\b | pants\s+test\b
       | (?:devtools|testthat)::test\w*\s*\( | rcmdcheck\b | clojure\s+-[MX]:test\b | elm-test\b
     )
     | \b(?:Pkg\.test\s*\( | R\s+CMD\s+check\b)  # Julia's and R's package checks
    """
)
#: An interpreter running a file (the file's name is then checked for test/spec words).
_INTERPRETER_RUN_RE = lazy_re(
    r"(?:^|[\s;&|(])(?:node|ruby|python[\d.]*|php|perl|bash|sh|pwsh|bun|deno\s+run|tsx|ts-node)\s+"
    r"(?:-\S+\s+)*(\S+)"
)
#: A test folder in the path of a script an interpreter runs (``python Tests/all.py``).
_TEST_FOLDER_RE = lazy_re(r"(?:^|/)(?:tests?|specs?)$|(?:^|/)(?:tests?|specs?)/", re.IGNORECASE)
_TEST_FILE_WORD_RE = lazy_re(r"(?<![a-z])(?:test|spec)|(?<!la)(?<!at)(?<!con)(?<!pro)tests?(?![a-z])", re.IGNORECASE)
#: Workspace runners that run a script in every package (``nx run-many -t test``, ``turbo run test``,
#: ``nx affected -t test``, ``nx run shop:test``), or several scripts of which one is the tests
#: (``turbo run build test``, ``nx run-many -t lint,test``).
_WORKSPACE_TEST_RE = lazy_re(
    r"\b(?:npx\s+|pnpm\s+(?:exec\s+)?|yarn\s+)?(?:" + "|".join(WORKSPACE_RUNNERS) + r")\s+(?:"
    r"(?:(?:run(?:-many)?|affected)\s+|affected:)?(?:(?:-t|--targets?|--target)[=\s]+)?(?:[\w-]+:)?(?:test|spec|check)\b"
    r"|(?:run(?:-many)?|affected)\s+(?:(?:-t|--targets?|--target)[=\s]+)?(?:[\w:]+(?:,\s*|\s+)){1,4}"
    r"(?:test|spec|check)(?![\w-]))"
)
#: Package installs name runners and release tools (``pip install pytest-cov``, ``npm i -D
#: semantic-release``, into one workspace: ``yarn workspace web add -D vitest``) without running them.
INSTALL_RE = lazy_re(
    r"\b(?:pip[\d.]*|uv\s+pip|uv\s+tool|pipx|poetry|pdm|npm|pnpm|yarn|bun|gem|apt(?:-get)?|apk|brew|cargo|go"
    r"|dotnet(?:\s+tool)?|composer)\s+(?:(?:workspace|--filter|-F|--workspace|-w)[=\s]\S+\s+)?"
    r"(?:b?install|add|i|get|require|tool\s+install)\b"
)
#: A shell line's own way of ignoring its failure (``pytest || true``, ``go test ./...; exit 0``).
_IGNORED_FAILURE = r"\|\|\s*(?:true|:|exit\s+0)\b|;\s*exit\s+0\b"
_IGNORED_FAILURE_RE = lazy_re(_IGNORED_FAILURE)
#: Test runs that cannot fail the build, that skip the tests, or that only compile or list them
#: (``cargo test --no-run``, ``go test -c``, ``go test -run=^$ -bench=.``, ``pytest --collect-only``,
#: ``dotnet test --list-tests``): in a script or a package's script, where a failure ignored is one
#: no pipeline sees either.
_SKIP_RE = lazy_re(
    _IGNORED_FAILURE + r"|-DskipTests|-Dmaven\.test\.skip(?!=false)\b"
    r"|\s(?:-x|--exclude-task)[=\s]+(?:[\w:-]*:)?test\b"
    r"|\s--no-run\b|\s--collect-only\b|\s--co(?:\s|$)|\s--list-?[tT]ests\b"
    r"|\bgo\s+test\b(?:(?!\bgo\b)[^\n])*\s(?:-c(?:\s|$)|-run[=\s]+['\"]?\^?\$['\"]?(?:\s|$))"
)
#: ``npm init``'s placeholder test script.
_PLACEHOLDER_RE = lazy_re(r"no test specified", re.IGNORECASE)
#: Commands that delegate to a script table or a build-file target (one hop is followed); not
#: ``bun test``, Bun's own test runner (``bun run test`` runs the script).
_NPM_RUN_RE = lazy_re(
    r"\b(?:npm|pnpm|bun(?!\s+test\b))\s+(?:run(?:-script)?\s+)?([\w:.-]+)|\byarn\s+(?:run\s+)?([\w:.-]+)"
)
_COMPOSER_RE = lazy_re(r"\bcomposer\s+(?:run(?:-script)?\s+)?([\w:.-]+)")
#: ``make [options] target``: group 1 the options (``-C dir`` and ``-f file`` with their argument)
#: and variable assignments (``make EVENT_LIB=libev test``), group 2 the target.
_MAKE_RE = lazy_re(
    r"(?:^|[\s;&(])make\s+((?:(?:-[Cf]|--directory|--file)[=\s]\S+\s+|-\S+\s+|\w+=\S*\s+){0,6})([\w./-]*)"
)
#: ``sbt [options] names``: the tasks, commands and aliases an sbt run names (``sbt clean ci``,
#: ``sbt -J-Xmx2G ";checkPR;publishLocal"``), after the word ``sbt``.
_SBT_RUN_RE = lazy_re(r"(?:^|[\s;&(])sbt[ \t]+([^\n|&]{1,400})")
#: ``mise run TASK`` (or ``mise r``): a task of the project's ``mise.toml``.
_MISE_RUN_RE = lazy_re(r"(?:^|[\s;&(])mise[ \t]+(?:run|r)[ \t]+(?:-\S+[ \t]+){0,4}([\w:.-]{1,80})")
#: Words of a task name that say it runs tests (``test``, ``test:native``, ``unit-tests``).
_TEST_TASK_WORDS = frozenset({"test", "tests", "spec", "specs"})
#: A Mix task run (``mix ci``): the name may be an alias of the project's ``mix.exs``.
_MIX_RUN_RE = lazy_re(r"(?:^|[\s;&(])mix[ \t]+([a-z][\w.]{0,60})(?![\w.])")
#: An alias of a ``mix.exs`` ``aliases`` list: ``ci: ["format --check-formatted", "test"]``.
_MIX_ALIAS_RE = lazy_re(r"""(?:^|[\s\[,])"?([a-z][\w.]{0,60})"?[ \t]*:[ \t]*\[([^\[\]]{0,2000})\]""")
#: A step of a Mix alias that runs the tests (``"test"``, ``"test --cover"``, ``"coveralls"``).
_MIX_TEST_STEP_RE = lazy_re(r"""["'](?:test|coveralls(?:\.\w+)?)(?:[ \t][^"'\n]*)?["']""")
#: sbt's test tasks, in a command line or a build's code (``;clean;test``, ``Test / test``,
#: ``test.all(...)``, ``it:test``); not a configuration (``test:compile``, ``Test/compile``).
_SBT_TEST_TASK_RE = lazy_re(r"(?<![\w.-])(?:\w+:)?(?:test|testOnly|testQuick)\b(?![\w-]|[ \t]*[:/])")
#: The folder a ``make -C dir`` (``--directory=dir``) runs in.
_MAKE_DIR_RE = lazy_re(r"(?:-C|--directory)[=\s](\S+)")
_TEST_ACTIONS = ("codecov/codecov-action", "paambaati/codeclimate-action", "coverallsapp/github-action")
_NPM_BUILTINS = frozenset(
    {
        "install",
        "ci",
        "i",
        "add",
        "exec",
        "x",
        "init",
        "config",
        "cache",
        "audit",
        "publish",
        "pack",
        "version",
        "dlx",
        "link",
    }
)


def detect_ci(inv: Inventory) -> Iterator[Signal]:
    for pipeline in pipelines(inv):
        if not housekeeping_only(pipeline):
            unread = ", not parseable as YAML: its jobs were not read" if _unparseable(inv, pipeline) else ""
            yield Signal(Category.CI, pipeline.file.path, None, f"{pipeline.file.system} configuration{unread}")


def _unparseable(inv: Inventory, pipeline: Pipeline) -> bool:
    """A YAML CI file no YAML parser accepts, whole or document by document (tabs to indent, an
    unclosed quote): its jobs cannot be read, by this linter nor, mostly, by the CI system."""
    path = pipeline.file.path
    if pipeline.commands or pipeline.uses or not path.endswith((".yml", ".yaml")):
        return False
    text = inv.text(path) or ""
    return bool(text.strip()) and len(text) <= YAML_LIMIT and inv.yaml(path) is None and not ci_yaml_mappings(inv, path)


def housekeeping_only(pipeline: Pipeline) -> bool:
    """A workflow that only triages issues and pull requests: no command, and every step a
    housekeeping action (stale, labeler, greetings) or a checkout."""
    if pipeline.commands or not pipeline.uses:
        return False
    refs = [use.ref.lower() for use in pipeline.uses]
    allowed = HOUSEKEEPING_ACTIONS + HOUSEKEEPING_NEUTRAL_ACTIONS
    return all(ref.startswith(allowed) for ref in refs) and any(ref.startswith(HOUSEKEEPING_ACTIONS) for ref in refs)


def detect_ci_tests(inv: Inventory) -> Iterator[Signal]:
    all_pipelines = pipelines(inv)
    by_path = {p.file.path: p for p in all_pipelines}
    for pipeline in all_pipelines:
        hit = _first_test_run(inv, pipeline, by_path)
        if hit is not None:
            yield hit


def _first_test_run(inv: Inventory, pipeline: Pipeline, by_path: dict[str, Pipeline]) -> Signal | None:
    """The pipeline's first run of the tests that can fail the build (``ci-tests``), else its first
    whose failure is ignored (``ci-tests-nonblocking``: a step's ``continue-on-error`` or
    ``allow_failure``, a line's ``|| true``), else None."""
    ignored: Signal | None = None
    for cmd in pipeline.commands:
        text = inv.text(cmd.path) or ""
        folder = cmd.folder
        for line in cmd.lines():
            moved, folder = in_folder(line, folder)
            lenient = cmd.ignored_failure or _IGNORED_FAILURE_RE.search(moved) is not None
            if lenient and ignored is not None:
                continue
            run = _IGNORED_FAILURE_RE.sub("", moved) if lenient else moved
            reason = test_reason(inv, run, folder, near=dirname(cmd.path))
            if reason is None:
                continue
            where = f"job '{cmd.job}' " if cmd.job else ""
            at = command_line(text, cmd, line)
            if not lenient:
                return Signal(Category.CI_TESTS, cmd.path, at, f"{where}runs {reason}")
            ignored = Signal(Category.CI_TESTS_NONBLOCKING, cmd.path, at, f"{where}runs {reason}, its failure ignored")
    return _gating_test_run(inv, pipeline, by_path) or ignored


def _gating_test_run(inv: Inventory, pipeline: Pipeline, by_path: dict[str, Pipeline]) -> Signal | None:
    """A test run of the pipeline's other kinds: a Jenkins test step, Travis CI's default script, a
    test action or reusable workflow (one whose tests cannot fail the build keeps its category)."""
    jenkins = _jenkins_test_step(inv, pipeline) if pipeline.file.system == "Jenkins" else None
    if jenkins is not None:
        return jenkins
    travis = _travis_default_test(inv, pipeline.file.path) if pipeline.file.system == "Travis CI" else None
    if travis is not None:
        return travis
    for use in pipeline.uses:
        if use.ref.lower().startswith(REUSABLE_TEST_WORKFLOWS):
            return Signal(Category.CI_TESTS, use.path, use.line, f"calls reusable test workflow {use.ref}")
        handed = _reusable_test_input(use)
        if handed is not None:
            return Signal(Category.CI_TESTS, use.path, use.line, f"calls reusable workflow {use.ref} with `{handed}`")
        if use.ref.startswith(_TEST_ACTIONS):
            return Signal(Category.CI_TESTS, pipeline.file.path, use.line, f"uploads test coverage ({use.ref})")
        where = f"job '{use.job}' " if use.job else ""
        if use.ref.lower().startswith(TEST_RUNNER_ACTIONS) or (
            use.kind == "orb" and use.ref.lower().split("/", 1)[-1] in ORB_TEST_JOBS
        ):
            return Signal(Category.CI_TESTS, use.path, use.line, f"{where}runs the tests with {use.ref}")
        reason = _input_command_test(inv, use) or _build_action_stage_test(inv, use)
        if reason is not None:
            return Signal(Category.CI_TESTS, use.path, use.line, f"{where}runs {reason} through {use.ref}")
        local = use.ref[2:] if use.ref.startswith("./") else use.ref
        target = by_path.get(local)
        if target is not None and target is not pipeline and use.ref.startswith("./"):
            inner = _first_test_run(inv, target, {})
            if inner is not None:
                return Signal(
                    inner.category,
                    pipeline.file.path,
                    use.line,
                    f"calls reusable workflow {local}, which {inner.detail}",
                )
    return None


_JENKINS_TEST_STEP_RE = lazy_re(r"\b(?P<at>" + "|".join(JENKINS_TEST_STEPS) + r")\s*\(")
#: The Maven goals that run the tests, among a ``runMaven([...])`` step's arguments.
_MAVEN_TEST_GOAL_RE = lazy_re(r"['\"](?:test|verify|package|install)['\"]")


def _jenkins_test_step(inv: Inventory, pipeline: Pipeline) -> Signal | None:
    """A Jenkins shared-library step that runs the tests: ``buildPlugin()``, or ``runMaven`` with a
    goal that runs them (its argument list, up to the closing parenthesis)."""
    text = inv.text(pipeline.file.path) or ""
    for stage, line, match in jenkins_matches(text, _JENKINS_TEST_STEP_RE):
        step = match.group("at")
        if step.startswith("run"):
            args = match.string[match.end() : match.end() + 400].split(")", 1)[0]
            if _MAVEN_TEST_GOAL_RE.search(args) is None:
                continue
        where = f"job '{stage}' " if stage else ""
        return Signal(Category.CI_TESTS, pipeline.file.path, line, f"{where}runs the tests with `{step}`")
    return None


def _travis_default_test(inv: Inventory, path: str) -> Signal | None:
    """A Travis CI file that sets no ``script`` runs its language's default one (``language:
    node_js`` runs ``npm test``, ``language: ruby`` ``bundle exec rake``), when that runs tests; so
    does a job of its build matrix (``jobs: include:``, ``matrix: include:``) that sets neither its
    own ``script`` nor inherits one, in its own language or the file's."""
    text = inv.text(path) or ""
    for doc in yaml_mappings(inv, path):
        if "script" in doc:
            continue
        for job in (doc, *_travis_jobs(doc)):
            language = job.get("language", doc.get("language"))
            if "script" in job or not isinstance(language, str):
                continue
            command = TRAVIS_DEFAULT_SCRIPTS.get(language.strip().lower())
            if command == "gradle check" and "pom.xml" in inv.named("pom.xml"):
                command = "mvn test"
            reason = test_reason(inv, command) if command else None
            if reason is not None:
                line = line_of_fragment(text, "language:")
                if job is not doc and "language" in job:
                    line = line_of_fragment(text, f"language: {language}") or line
                return Signal(
                    Category.CI_TESTS, path, line, f"runs {reason}, the default script of language {language}"
                )
    return None


def _travis_jobs(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The jobs a Travis CI file adds to its build matrix (``jobs: include:``, the older
    ``matrix: include:``), allowed failures and exclusions left out."""
    jobs: list[dict[str, Any]] = []
    for key in ("jobs", "matrix"):
        include = as_dict(doc.get(key)).get("include")
        if isinstance(include, list):
            jobs += [job for job in include if isinstance(job, dict)]
    return jobs


def in_folder(line: str, folder: str) -> tuple[str, str]:
    """``line`` with its ``./script`` paths taken from the folder a ``cd`` moved to (in this line or
    an earlier one of the same command), and the folder after it: ``cd tests`` then ``./run.sh``
    runs ``./tests/run.sh``. A ``cd`` to an absolute, home, parent or variable path forgets the folder."""
    out: list[str] = []
    changed = False
    for part in split_commands(line, ("&&", ";")):
        words = part.split()
        if len(words) == 2 and words[0] == "cd":
            target = words[1].strip("\"'")
            moved = posixpath.normpath(posixpath.join(folder, target))
            unknown = target.startswith(("/", "~", "$", "-")) or moved.startswith("..")
            folder = "" if unknown or moved == "." else moved
        elif folder and part.startswith("./"):
            part = f"./{folder}/{part[2:]}"
            changed = True
        out.append(part)
    return (" && ".join(out) if changed else line), folder


_REUSABLE_TEST_INPUT_RE = lazy_re(REUSABLE_TEST_INPUT_RE)


def _reusable_test_input(use: ActionUse) -> str | None:
    """The input (``name: value``) by which a remote reusable workflow is handed the caller's tests
    (``test-gradle-args: :api:test``, ``run-tests: true``), else None; a local one is read instead."""
    if use.ref.startswith("./") or "/.github/workflows/" not in use.ref:
        return None
    for name, value in use.inputs:
        words = value.strip()
        if _REUSABLE_TEST_INPUT_RE.match(name) and words.lower() not in REUSABLE_TEST_OFF:
            return f"{name}: {' '.join(words.split())[:60]}"
    return None


def _input_command_test(inv: Inventory, use: ActionUse) -> str | None:
    """The test run an action performs through its command input (``actions-rs/cargo`` with
    ``command: test``, the Android emulator runner's ``script``), else None."""
    return next((r for line in use.input_commands() if (r := test_reason(inv, line)) is not None), None)


def _build_action_stage_test(inv: Inventory, use: ActionUse) -> str | None:
    """``docker/build-push-action`` building a ``target`` stage that runs the tests."""
    if use.ref.lower() != "docker/build-push-action" or not use.input("target"):
        return None
    context = use.input("context") or "."
    file = use.input("file") or posixpath.join(context, "Dockerfile")
    return _docker_stage_test(inv, f"docker build --target {use.input('target')} -f {file} {context}")


def test_reason(inv: Inventory, line: str, folder: str = "", near: str = "") -> str | None:
    """Why ``line`` (run in ``folder``, from a CI file kept in ``near``) runs tests (a short human
    reason), or None."""
    for part in _split(line):
        if _SKIP_RE.search(part) or INSTALL_RE.search(part) or prints_only(part):
            continue
        direct = _test_match(part)
        if direct is not None and not _PLACEHOLDER_RE.search(part):
            hop = _script_hop(inv, part, strict=True, folder=folder, near=near)
            if hop is False:
                continue
            return f"`{direct}`"
        hop_reason = _script_hop(inv, part, strict=False, folder=folder, near=near)
        if isinstance(hop_reason, str):
            return hop_reason
        lane = _fastlane_test(inv, part) or _docker_stage_test(inv, part) or _compose_service_test(inv, part)
        if lane is not None:
            return lane
        script = repo_script(inv, part)
        found = _commands_test(script_lines(inv, script)) if script is not None else None
        if found is not None:
            return f"`{part.strip()[:80]}` (script {script} runs `{found[:60]}`)"
    if '"' in line or "'" in line:  # sbt's quoted command line is one argument: ``sbt ";clean;ci"``
        return _sbt_hop(inv, line, folder)
    return None


#: ``docker build`` (or ``buildx build``) of one stage of a multi-stage Dockerfile.
_DOCKER_BUILD_RE = lazy_re(r"\bdocker\s+(?:buildx\s+)?build\b")
_DOCKER_TARGET_RE = lazy_re(r"\s--target[=\s]+([\w.-]+)")
#: A ``-f``/``--file`` option of ``docker build`` or ``docker compose`` and the file it names.
_FILE_OPTION_RE = lazy_re(r"\s(?:-f|--file)[=\s]+(\S+)")
#: Most Dockerfile lines read for one stage.
MAX_STAGE_LINES = 200


def _docker_stage_test(inv: Inventory, part: str) -> str | None:
    """``docker build --target test .`` where that stage of the Dockerfile runs the tests in a
    ``RUN`` instruction (a test stage of a multi-stage build); or ``docker build .`` where the
    last stage, or a stage it copies from or builds on, does (``RUN go test ./...`` in the build
    stage): a failing test fails the image build. Else None."""
    found = _image_build_test(inv, part)
    return None if found is None else f"`{part.strip()[:80]}` ({found[0]} runs `{found[1][:60]}`)"


def _image_build_test(inv: Inventory, part: str) -> tuple[str, str] | None:
    """Where (a stage, or the Dockerfile) and which test command the ``docker build`` of ``part``
    runs, else None."""
    if _DOCKER_BUILD_RE.search(part) is None:
        return None
    target = _DOCKER_TARGET_RE.search(part)
    named = _FILE_OPTION_RE.search(part)
    words = [w for w in part.split() if not w.startswith("-")]
    context = words[-1].strip("\"'") if len(words) > 2 else "."
    path = named.group(1).strip("\"'") if named else posixpath.join(context, "Dockerfile")
    path = posixpath.normpath(path.removeprefix("./"))
    if not named and not inv.exists(path):
        path = "Dockerfile"  # the context was not the last word (``docker build . --target test``)
    text = inv.text(path) or ""
    if target is not None:
        run = _stage_test_run(text, target.group(1))
        where = f"Dockerfile stage '{target.group(1)}'"
    else:
        run = _built_stages_test_run(text)
        where = f"the image build of {path}"
    return None if run is None else (where, run)


def _stage_test_run(text: str, stage: str) -> str | None:
    """The test command a ``RUN`` of Dockerfile ``stage`` runs, else None."""
    for name, _, body in _stages(text):
        run = _run_test(body) if name == stage.lower() else None  # each FROM ends the stage before it
        if run is not None:
            return run
    return None


#: ``COPY --from=build`` in a stage: the stage it copies from is built first.
_COPY_FROM_RE = lazy_re(r"^[ \t]*COPY[ \t][^\n]*?--from=([\w.-]+)", re.IGNORECASE | re.MULTILINE)


#: A Maven or Gradle build run for its artifact (``mvn package``, ``gradle build``): its tests run by
#: the way, unless skipped. Only a named test task counts in an image built for shipping.
_LIFECYCLE_BUILD_RE = lazy_re(r"^(?=[^\n]*\b(?:mvnw?|gradlew?)\b)(?![^\n]*\b(?:test|check|verify)\b)")


def _built_stages_test_run(text: str) -> str | None:
    """The test command a ``RUN`` runs in a stage ``docker build`` without ``--target`` builds:
    the last stage, and the stages it copies from or builds on, and theirs."""
    stages = _stages(text)
    if not stages:
        return None
    by_name = {name: index for index, (name, _, _) in enumerate(stages) if name}
    wanted, seen = [len(stages) - 1], set()
    while wanted:
        index = wanted.pop()
        if index in seen:
            continue
        seen.add(index)
        _, base, body = stages[index]
        run = _run_test(body)
        if run is not None and not _LIFECYCLE_BUILD_RE.search(run):
            return run
        for ref in [base, *(m.group(1).lower() for m in _COPY_FROM_RE.finditer(body))]:
            if ref in by_name:
                wanted.append(by_name[ref])
            elif ref.isdigit() and int(ref) < len(stages):
                wanted.append(int(ref))
    return None


def _stages(text: str) -> list[tuple[str, str, str]]:
    """Each stage of a Dockerfile: its name (lower case, "" when unnamed), the image or stage it
    builds on (lower case) and its instructions (each FROM ends the stage before it)."""
    heads = list(DOCKERFILE_STAGE_RE.finditer(text))
    out = []
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        out.append(((head.group(2) or "").lower(), head.group(1).lower(), text[head.end() : end]))
    return out


#: The options of a ``RUN`` instruction before its command (``--mount=type=cache,target=/root/.cache``).
_RUN_OPTIONS_RE = lazy_re(r"^(?:--\S+[ \t]+)+")


def _run_test(body: str) -> str | None:
    """The test command a ``RUN`` instruction of a stage's ``body`` runs, else None."""
    instructions = (line.strip().partition(" ") for line in body.splitlines()[:MAX_STAGE_LINES])
    return _commands_test(_RUN_OPTIONS_RE.sub("", rest) for word, _, rest in instructions if word.upper() == "RUN")


#: ``docker compose`` (or ``docker-compose``); the Compose files a ``-f`` names; the service an
#: ``up --exit-code-from`` waits for, or the one service a ``run``/``up`` names last.
_COMPOSE_RE = lazy_re(r"\bdocker(?:\s+|-)compose\b")
_COMPOSE_EXIT_FROM_RE = lazy_re(r"--exit-code-from[=\s]+([\w.-]+)")
_COMPOSE_RUN_RE = lazy_re(r"\s(?:run|up)\s+(?:--?\w[\w-]*(?:=\S+)?\s+){0,8}([\w.-]+)\s*$")
#: The Compose files Docker Compose reads when given none.
COMPOSE_DEFAULT_FILES: tuple[str, ...] = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")


def _compose_service_test(inv: Inventory, part: str) -> str | None:
    """``docker compose run tests`` or ``docker compose up --exit-code-from tests`` where the Compose
    service's ``command`` runs the tests, or its image builds a Dockerfile stage that does."""
    if _COMPOSE_RE.search(part) is None:
        return None
    service = _COMPOSE_EXIT_FROM_RE.search(part) or _COMPOSE_RUN_RE.search(part)
    if service is None:
        return None
    files = [f.strip("\"'").removeprefix("./") for f in _FILE_OPTION_RE.findall(part)] or list(COMPOSE_DEFAULT_FILES)
    for path in files:
        for doc in yaml_mappings(inv, path):
            body = as_dict(as_dict(doc.get("services")).get(service.group(1)))
            command = body.get("command")
            line = " ".join(str(w) for w in command) if isinstance(command, list) else command
            found = _test_match(line) if isinstance(line, str) else None
            build = as_dict(body.get("build"))
            if found is None and isinstance(build.get("target"), str):
                context = str(build.get("context") or ".")
                dockerfile = posixpath.join(
                    posixpath.dirname(path), context, str(build.get("dockerfile") or "Dockerfile")
                )
                found = _stage_test_run(inv.text(posixpath.normpath(dockerfile)) or "", build["target"])
            if found is not None:
                return f"`{part.strip()[:80]}` (Compose service '{service.group(1)}' runs `{found[:60]}`)"
    return None


#: A fastlane action that runs the tests, called in a lane's body.
_FASTLANE_TEST_RE = lazy_re(r"^[ \t]*(?:" + "|".join(FASTLANE_TEST_ACTIONS) + r")\b", re.MULTILINE)


def _fastlane_test(inv: Inventory, part: str) -> str | None:
    """``fastlane [ios|android] <lane>`` where the project's Fastfile lane runs the tests (``scan``,
    ``run_tests``, or a test command such as ``gradle(task: "test")``), else None."""
    words = part.split()
    if "fastlane" not in words:
        return None
    rest = words[words.index("fastlane") + 1 :]
    if rest[:1] and rest[0] in FASTLANE_PLATFORMS:
        rest = rest[1:]
    name = rest[0] if rest else ""
    for lane in fastlane_lanes_of(inv):
        if lane.name != name:
            continue
        action = _FASTLANE_TEST_RE.search(lane.body)
        found = (
            action.group(0).strip()
            if action
            else next((m for line in lane.body.splitlines() if (m := _test_match(line)) is not None), None)
        )
        if found is not None:
            return f"`{part.strip()[:80]}` (fastlane lane '{name}' runs `{found[:60]}`)"
    return None


def _test_match(part: str) -> str | None:
    """The test-running words of one command: a runner, a workspace runner or a test file run."""
    direct = TEST_COMMAND_RE.search(part) or _WORKSPACE_TEST_RE.search(part)
    if direct is not None:
        return direct.group(0).strip()
    run = _INTERPRETER_RUN_RE.search(part)
    if run is not None:
        folder, _, name = run.group(1).rpartition("/")
        if "." in name and (_TEST_FILE_WORD_RE.search(name) or _TEST_FOLDER_RE.search(folder)):
            return run.group(0).strip()
    return None


def _split(line: str) -> list[str]:
    """Commands of one shell line (split on ``&&``, ``;``); pipes stay together."""
    parts = split_commands(line, ("&&", ";"))
    out: list[str] = []
    for index, part in enumerate(parts):
        if index + 1 < len(parts) and re.match(r"(?:true|:|exit\s+0)\s*$", parts[index + 1]):
            continue
        if part:
            out.append(part)
    return out


def _script_hop(inv: Inventory, command: str, *, strict: bool, folder: str = "", near: str = "") -> str | bool | None:
    """Follow ``npm run x`` / ``make x`` / ``composer x`` one hop.

    Returns a reason when the target runs tests, False when it provably does not (npm placeholder,
    missing script in strict mode), None when there is nothing to follow.
    """
    npm = _NPM_RUN_RE.search(command)
    if npm is not None:
        script = npm.group(1) or npm.group(2)
        if script in _NPM_BUILTINS:
            return None
        if script == "t":
            script = "test"
        bodies = package_script_bodies(inv, "package.json", script, folder, near)
        if not bodies:  # the step's own package lacks the script: npm stops with an error
            return False if strict and manifests_in(inv, "package.json", folder) else None
        # of several packages the step may mean, one whose script runs tests
        tests = (_nested_script_test(inv, body) for body in bodies if not _PLACEHOLDER_RE.search(body))
        inner = next((test for test in tests if test), None)
        if inner:
            return f"`{command.strip()}` (package.json script '{script}': `{inner}`)"
        return False if strict else None
    composer = _COMPOSER_RE.search(command)
    if composer is not None:
        body = package_script(inv, "composer.json", composer.group(1))
        if body and _test_match(body):
            return f"`{command.strip()}` (composer.json script '{composer.group(1)}')"
        return None
    if _SBT_RUN_RE.search(command) is not None:
        return _sbt_hop(inv, command, folder)
    mise = _MISE_RUN_RE.search(command)
    if mise is not None:
        return _mise_hop(inv, command, mise.group(1), folder)
    mix = _MIX_RUN_RE.search(command)
    if mix is not None and mix.group(1) not in ("test", "coveralls"):
        return _mix_alias_hop(inv, command, mix.group(1), folder)
    make = _MAKE_RE.search(command)
    if make is not None:
        directory = _MAKE_DIR_RE.search(make.group(1))
        where = posixpath.normpath(directory.group(1).strip("\"'")) if directory else ""
        recipe = make_target(inv, make.group(2), "" if where in (".", "") or where.startswith("..") else where)
        if recipe is not None and any(_test_match(r) for r in recipe):
            return f"`{command.strip()}` (Makefile target runs tests)"
        built = next((found for r in recipe or () if (found := _image_build_test(inv, r))), None)
        if built is not None:
            return f"`{command.strip()}` (Makefile target: {built[0]} runs `{built[1][:60]}`)"
    return None


def _mise_hop(inv: Inventory, command: str, name: str, folder: str) -> str | None:
    """Why ``mise run NAME`` runs the tests: the task (in the step's folder's ``mise.toml``, else
    the root's) runs a test command, depends on a task named for tests (``test``, ``test:native``),
    or on one whose commands run them."""
    task = mise_task(inv, name, folder)
    if task is None:
        return None
    found = _commands_test(task.run)
    if found is not None:
        return f"`{command.strip()[:80]}` (mise task '{name}' runs `{found[:60]}`)"
    for depend in task.depends:
        if not _TEST_TASK_WORDS.isdisjoint(re.split(r"[:_-]", depend.lower())):
            return f"`{command.strip()[:80]}` (mise task '{name}' depends on '{depend}')"
        inner = mise_task(inv, depend, folder)
        found = _commands_test(inner.run) if inner is not None else None
        if found is not None:
            return f"`{command.strip()[:80]}` (mise task '{name}' depends on '{depend}', which runs `{found[:60]}`)"
    return None


def _commands_test(lines: Iterable[str]) -> str | None:
    """The first command of the shell ``lines`` that runs tests (not one skipping them), else None."""
    for line in lines:
        found = next((p for p in _split(line) if _test_match(p) and not _SKIP_RE.search(p)), None)
        if found is not None:
            return found
    return None


def _mix_alias_hop(inv: Inventory, command: str, task: str, folder: str) -> str | None:
    """Why ``mix TASK`` runs the tests: an alias of that name in the project's ``mix.exs`` (the
    step's folder, else the root) lists ``test`` among its steps (``ci: [..., "test"]``)."""
    for path in dict.fromkeys((posixpath.join(folder, "mix.exs") if folder else "mix.exs", "mix.exs")):
        text = inv.text(path) if inv.exists(path) else None
        for alias in _MIX_ALIAS_RE.finditer(text or ""):
            if alias.group(1) == task and _MIX_TEST_STEP_RE.search(alias.group(2)):
                return f"`{command.strip()[:80]}` (mix.exs alias '{task}' runs `mix test`)"
    return None


def _sbt_hop(inv: Inventory, command: str, folder: str) -> str | None:
    """Why an sbt run runs the tests through a name its ``build.sbt`` defines (an alias, a
    command or a task whose text runs ``test``, one or two hops), else None."""
    sbt = _SBT_RUN_RE.search(command)
    if sbt is None:
        return None
    build = sbt_build(inv, folder) or (sbt_build(inv) if folder else None)
    if build is None:
        return None
    for name in _sbt_names(sbt.group(1)):
        if any(_SBT_TEST_TASK_RE.search(text) for text in build.expand(name)):
            return f"`{command.strip()[:80]}` (build.sbt '{name}' runs the tests)"
    return None


def _sbt_names(arguments: str) -> list[str]:
    """The task, command and alias names of an sbt run's arguments (options, their values and
    ``++2.13`` version switches left out; ``core/ci`` is ``ci``; ``+ci`` cross-builds ``ci``)."""
    names: list[str] = []
    for word in re.findall(r"[^\s;\"']+", arguments)[:12]:
        word = word.rpartition("/")[2].lstrip("+")
        if word and not word.startswith("-") and "=" not in word and not word[0].isdigit():
            names.append(word)
    return names


#: npm-run-all's runners (``npm-run-all --parallel lint jest:coverage``, ``run-p``, ``run-s``): each
#: argument names a package script, or a glob of them (``test:*``).
_RUN_ALL_RE = lazy_re(r"(?:^|[\s(])(?:npx[ \t]+)?(?:npm-run-all2?|run-p|run-s)((?:[ \t]+[^\s;&|]+){1,20})")
#: Scripts one npm-run-all call may name.
_MAX_RUN_ALL = 20


def _run_all_scripts(inv: Inventory, part: str) -> list[str]:
    """The package scripts an npm-run-all call in ``part`` runs (its globs matched against the
    root ``package.json``'s scripts), options left out."""
    match = _RUN_ALL_RE.search(part)
    if match is None:
        return []
    names: list[str] = []
    for word in match.group(1).split():
        word = word.strip("\"'")
        if not word or word.startswith("-"):
            continue
        if any(c in word for c in "*?["):
            scripts = package_scripts(inv, "package.json") if inv.exists("package.json") else {}
            names.extend(s for s in scripts if fnmatchcase(s, word))
        else:
            names.append(word)
    return names[:_MAX_RUN_ALL]


def _nested_script_test(inv: Inventory, body: str, depth: int = 0) -> str | None:
    for part in _split(body):
        if depth < 2:
            for name in _run_all_scripts(inv, part):
                inner = package_script(inv, "package.json", name)
                if inner is not None and _nested_script_test(inv, inner, depth + 1):
                    return part
        match = _test_match(part)
        if match is not None and not _SKIP_RE.search(part):
            nested = _NPM_RUN_RE.search(part)
            if nested is None or depth >= 2:
                return part
            name = nested.group(1) or nested.group(2)
            inner = package_script(inv, "package.json", name)
            if inner is None or not _PLACEHOLDER_RE.search(inner):
                return part
        nested = _NPM_RUN_RE.search(part)
        if nested is not None and depth < 2:
            name = nested.group(1) or nested.group(2)
            inner = package_script(inv, "package.json", name)
            if inner is not None and _nested_script_test(inv, inner, depth + 1):
                return part
    return None
