"""``tests``: test files by each runner's discovery convention, confirmed by content when readable."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from pocmvp_lint.detectors._util import JS_EXTENSIONS, basename, dirname, is_auxiliary, line_at, package_scripts
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.detectors.sources import extension, source_stats
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import LazyPattern, lazy_re
from pocmvp_lint.model import Category

#: Evidence that a file really holds tests (any language, signals.md §2).
TEST_CONTENT_RE = lazy_re(
    r"""(?xm)
      ^[ \t]*(?:async[ \t]+)?def[ \t]+test_?\w*[ \t]*\( | ^[ \t]*class[ \t]+Test\w* | \bimport\s+(?:pytest|unittest)\b
    | \(\s*(?:unittest\.)?TestCase\s*\) | \b(?:describe|it|test)(?:\.\w+)?\s*\(
    | ^func\s+(?:Test|Benchmark|Fuzz|Example)\w*\s*\(
    | \#\[(?:[\w:]+::)?test\] | \#\[cfg\(test\)\] | @Test\b | import\s+org\.junit
    | import\s+org\.testng | io\.kotest
    | spock\.lang\.Specification | \[(?:Fact|Theory|Test|TestMethod|TestCase)\]
    | using\s+(?:Xunit|NUnit\.Framework)
    | RSpec\.describe | ^[ \t]*describe\b.*\bdo\b | ^[ \t]*test[ \t]+"[^"\n]{0,200}"[^\n]{0,200}\bdo\b
    | <\s*(?:Minitest::Test|ActiveSupport::TestCase|ActionDispatch::IntegrationTest)
    | extends\s+\\?(?:PHPUnit\\Framework\\)?TestCase | import\s+XCTest | :\s*XCTestCase
    | \bTEST(?:_F|_P)?\( | TEST_CASE\( | \bTEST_METHOD\s*\(
    | use\s+ExUnit\.Case | package:(?:flutter_)?test/ | \bexpect\s*\( | \bassert\w*\s*\(
    | \bexpect_\w+\s*\( | \btest_that\s*\( | \btestWidgets\s*\( | \(deftest\b | @test(?:set)?\b | \bQuickSpec\b
    | \bhspec\b | \btestCase\b | \bAlcotest\b | \bOUnit\b | \blet%(?:expect_)?test\b
    | \b(?:TEST_ASSERT\w*|RUN_TEST|START_TEST|CU_ASSERT\w*|ck_assert\w*|cr_assert\w*|cr_expect\w*)\s*\(
    | \bQTEST_(?:APPLESS_|GUILESS_)?MAIN\s*\( | \bQ(?:COMPARE|VERIFY)\s*\(
    | ^Test\s*\(\s*\w+\s*,
    """
)
#: A test in a .NET file (C#, F#, Visual Basic): a test attribute of xUnit, NUnit, MSTest or TUnit,
#: with arguments or beside others (``[Fact(Skip = "...")]``, ``[Test, Category("x")]``, F#
#: ``[<Fact>]``, VB ``<TestMethod()>``), or an Expecto test list. A ``using Xunit;`` (a test
#: project's ``GlobalUsings.cs``) declares no test.
_DOTNET_TEST_CONTENT_RE = lazy_re(
    r"""(?xm)
      \[<?[ \t]*(?:Fact|Theory|Test|TestMethod|DataTestMethod|TestCase|TestCaseSource|Tests|Property)\b
    | ^[ \t]*<(?:Fact|Theory|Test|TestMethod|TestCase)\b
    | \btest(?:Case|List|Property)\b
    """
)
#: Files below a test folder that configure the runner rather than hold tests: pytest's
#: ``conftest.py`` (fixtures and hooks; pytest collects no test from it), Pest's ``tests/Pest.php``.
TEST_SUPPORT_FILES: frozenset[str] = frozenset({"conftest.py", "pest.php"})
#: How those names end as written (one C-level test per path before a closer look).
_SUPPORT_ENDINGS = ("conftest.py", "Pest.php", "pest.php")
#: A test in a Python file: the shapes pytest, unittest, Django, nose and mamba/expects tests take
#: (the other languages' forms, such as Java's ``@Test``, mean nothing in Python).
_PY_TEST_CONTENT_RE = lazy_re(
    r"""(?xm)
      ^[ \t]*(?:async[ \t]+)?def[ \t]+test\w*[ \t]*\( | ^[ \t]*class[ \t]+Test\w*
    | ^[ \t]*class[ \t]+\w+\([\w., ]{0,120}TestCase\b
    | ^[ \t]+assert\b
    | \.assert\w*\s*\( | \bexpect\s*\( | \bwith\s+description\s*\(
    """
)
#: The tests a project generator writes, each with the most test markers (``TEST_CONTENT_RE``) its
#: file holds: Create React App's "renders learn react link", Spring Initializr's ``contextLoads``,
#: Flutter's counter smoke test; Laravel's two ``ExampleTest`` files; the Nest CLI's
#: ``'should return "Hello World!"'`` and ``'should be defined'`` specs; Phoenix's page controller
#: and error view tests; the .NET test project templates' ``Test1``/``TestMethod1``; Android Studio's
#: ``ExampleUnitTest`` (``addition_isCorrect``) and ``ExampleInstrumentedTest`` (``useAppContext``);
#: React Native's iOS ``testRendersWelcomeScreen``. A file with more markers holds tests of its own.
_SCAFFOLD_TESTS: tuple[tuple[LazyPattern, int], ...] = (
    (
        lazy_re(
            r"learn react|\bvoid\s+contextLoads\s*\(|\bfun\s+contextLoads\s*\(|Counter increments smoke test",
            re.IGNORECASE,
        ),
        2,
    ),
    (
        lazy_re(
            r"\bfunction\s+(?:test_the_application_returns_a_successful_response|test_that_true_is_true"
            r"|testBasicTest|testBasicExample)\s*\("
        ),
        2,
    ),
    (lazy_re(r"""\bit\(\s*['"](?:should return "Hello World!"|should be defined)['"]|\.expect\('Hello World!'\)"""), 4),
    (
        lazy_re(
            r"Peace of mind from prototype to production"
            r'|"404", "html", \[\]\) == "Not Found"|"404\.json", %\{\}\) == %\{errors: %\{detail: "Not Found"\}\}'
        ),
        3,
    ),
    (lazy_re(r"\bvoid\s+(?:Test1|TestMethod1)\s*\(\s*\)"), 2),
    (lazy_re(r"\b(?:fun|void)\s+addition_isCorrect\s*\("), 4),
    (lazy_re(r"\b(?:fun|void)\s+useAppContext\s*\("), 5),
    (lazy_re(r"\(void\)\s*testRendersWelcomeScreen\b"), 3),
)
#: A test function called at module level (``test()``, ``test_login()``): a script, run by hand.
_MODULE_CALL_RE = lazy_re(r"^test\w{0,60}\([^)\n]{0,200}\)[ \t]*$", re.MULTILINE)
#: A Python script's entry point (``if __name__ == "__main__":``), and a call of one of its own
#: test functions below it (``    test_webhook()``, ``    ok = test_login()``, ``    if not test_x():``).
_MAIN_GUARD_RE = lazy_re(r"""^if[ \t]+__name__[ \t]*==[ \t]*["']__main__["'][ \t]*:""", re.MULTILINE)
_GUARDED_CALL_RE = lazy_re(r"^[ \t]+(?:\w{1,60}[ \t]*=[ \t]*|if[ \t]+(?:not[ \t]+)?)?test\w{0,60}\(", re.MULTILINE)
#: A command-line program's arguments read (argparse, ``sys.argv``, click, Typer): a script one runs
#: with arguments, not a module a test runner collects.
_CLI_ARGUMENTS_RE = lazy_re(r"\bargparse\.ArgumentParser\s*\(|\bsys\.argv\[|@click\.command\b|\btyper\.Typer\s*\(")
#: What a Python test run by a framework shows: an ``assert``, pytest, unittest.
_PY_TEST_FRAMEWORK_RE = lazy_re(
    r"^[ \t]+assert\b|\bimport\s+(?:pytest|unittest)\b|\bfrom\s+(?:pytest|unittest|django\.test)\b|\bTestCase\b",
    re.MULTILINE,
)
_DJANGO_STUB_RE = lazy_re(r"^[ \t]*# Create your tests here\.[ \t]*$", re.MULTILINE)
#: A ``#[cfg(test)]`` item, or a whole file switched on for tests only (``#![cfg(test)]``).
_CFG_TEST_RE = lazy_re(r"^[ \t]*#!?\[cfg\(test\)\]", re.MULTILINE)
_RUST_TEST_RE = lazy_re(r"#\[(?:[\w:]+::)?test\]")
#: A test in a Go ``_test.go`` file: a ``Test``, ``Fuzz`` or ``Example`` function (or a test suite's
#: ``Test`` method), a ``*testing.T``, a Ginkgo spec. Benchmarks alone (``func BenchmarkX(b
#: *testing.B)``) measure speed and test nothing.
_GO_TEST_CONTENT_RE = lazy_re(
    r"^func[ \t]+(?:\([^)\n]{0,120}\)[ \t]*)?(?:Test|Fuzz|Example)\w*[ \t]*\(|\btesting\.T\b"
    r"|\b(?:Describe|It|Context|When|Entry)\s*\(",
    re.MULTILINE,
)
#: JavaScript and TypeScript sources.
#: Names (without extension, lower case) and folders of the helper modules a JavaScript test folder
#: holds: they call ``expect``/``assert`` for the tests that import them, and declare no test.
_JS_HELPER_NAMES: frozenset[str] = frozenset(
    {
        "helper",
        "helpers",
        "util",
        "utils",
        "utilities",
        "setup",
        "setuptests",
        "support",
        "common",
        "shared",
        "factories",
        "factory",
        "mocks",
        "test-utils",
        "test-helpers",
        "testutils",
        "testhelpers",
        "global-setup",
        "global-teardown",
    }
)
#: A test a JavaScript runner collects: ``describe``/``it``/``test``/``suite`` (with a modifier such
#: as ``.each``), ``Deno.test``.
_JS_TEST_DECLARATION_RE = lazy_re(r"\b(?:describe|it|test|suite|context)(?:\.\w+)?\s*\(|\bDeno\.test\s*\(")
#: .NET languages, whose tests show by their attributes (``_DOTNET_TEST_CONTENT_RE``).
_DOTNET_EXTENSIONS: frozenset[str] = frozenset({"cs", "fs", "vb"})
#: Rust sources read looking for a ``#[cfg(test)]`` module.
MAX_RUST_READS = 30
#: Files examined for content confirmation.
MAX_TEST_READS = 60
#: Test-file signals emitted (the first one carries the total).
MAX_TEST_SIGNALS = 10
#: Test files read ahead together while confirming: a few more than the signals need.
_READ_BATCH = 12


def detect_tests(inv: Inventory) -> Iterator[Signal]:
    test_files = source_stats(inv).test_files
    confirmed = _confirmed(inv, test_files)
    total = len(confirmed)
    for index, path in enumerate(confirmed[:MAX_TEST_SIGNALS]):
        detail = f"test file ({total} in total)" if index == 0 else "test file"
        yield Signal(Category.TESTS, path, None, detail)
    if 0 < total <= MAX_TEST_SIGNALS:
        for path in confirmed:
            text = inv.text(path)
            if text and _generated_test(text):
                yield Signal(Category.SCAFFOLD_TESTS, path, None, "test generated by a project scaffold")
    if not confirmed:
        for path in _feature_files(inv):
            yield Signal(Category.TESTS, path, None, "Gherkin feature (Behat/Cucumber)")
            break
        yield from _rust_unit_tests(inv)
        yield from _script_named_tests(inv)
        # Django's startapp writes a tests.py holding no test: a scaffold, reported as one (MVP001
        # still finds no real test)
        django = _django_stubs(inv, test_files[:MAX_TEST_READS])
        for path in django[:MAX_TEST_SIGNALS]:
            yield Signal(Category.TESTS, path, None, "test module generated by Django's startapp, with no test")
            yield Signal(Category.SCAFFOLD_TESTS, path, None, "test generated by a project scaffold")
        # a generator's test left commented out (``cdk init``'s, Maven's quickstart ``AppTest``): a
        # stub, reported as one (MVP001 still finds no test that runs)
        others = tuple(p for p in test_files[:MAX_TEST_READS] if p not in django)
        for path in _commented_out(inv, others)[:MAX_TEST_SIGNALS]:
            yield Signal(Category.TESTS, path, None, "test file holding only comments")
            yield Signal(Category.SCAFFOLD_TESTS, path, None, "test file whose test is commented out")


#: A JavaScript test runner as a ``package.json`` script runs it (``mocha --require ts-node/register``).
_JS_RUNNER_RE = lazy_re(r"(?:^|[\s;&|(])(?:npx\s+)?(?:mocha|jest|vitest|ava|tap|node\s+--test)(?=\s|$)")
#: A script file named on a command line (``src/modules/user/testUser.ts``), not a module to load.
_SCRIPT_FILE_RE = lazy_re(r"(?<![\w@:=/.-])((?:\./)?[\w-]{1,100}(?:/[\w.-]{1,100}){0,8}\.[cm]?[jt]sx?)(?![\w./-])")
#: Most ``package.json`` files read for the test files their scripts name.
MAX_SCRIPT_MANIFESTS = 10


def _script_named_tests(inv: Inventory) -> Iterator[Signal]:
    """Files a ``test`` script of ``package.json`` (``test``, ``test:*``, ``test-*``) hands to its test
    runner by name, whatever their names (``mocha src/modules/user/testUser.ts``): the runner's
    discovery is that list. Each is confirmed by content, as any test file is."""
    shown: set[str] = set()
    for manifest in inv.named("package.json")[:MAX_SCRIPT_MANIFESTS]:
        if is_auxiliary(manifest):
            continue
        folder = dirname(manifest)
        for name, body in package_scripts(inv, manifest).items():
            if not (name == "test" or name.startswith(("test:", "test-"))) or _JS_RUNNER_RE.search(body) is None:
                continue
            for match in _SCRIPT_FILE_RE.finditer(body):
                path = posixpath.normpath(posixpath.join(folder, match.group(1)))
                text = inv.text(path) if path not in shown and inv.exists(path) else None
                if text is None or not _shows_a_test(path, text):
                    continue
                yield Signal(Category.TESTS, path, None, f"test file the package.json script '{name}' runs")
                shown.add(path)
                if len(shown) >= MAX_TEST_SIGNALS:
                    return


def _generated_test(text: str) -> bool:
    """A test file as a project generator writes it: its scaffold test and no more test markers."""
    markers = len(TEST_CONTENT_RE.findall(text))
    return any(pattern.search(text) is not None and markers <= most for pattern, most in _SCAFFOLD_TESTS)


def _scratch_script(text: str) -> bool:
    """A Python script named like a test that calls its own ``test()`` at module level or under
    ``if __name__ == "__main__":``, or reads command-line arguments under that guard (``test_model.py
    --model x.onnx``), and asserts nothing through a test framework (``test_api.py`` trying an
    endpoint by hand)."""
    if _PY_TEST_FRAMEWORK_RE.search(text) is not None:
        return False
    if _MODULE_CALL_RE.search(text) is not None:
        return True
    main = _MAIN_GUARD_RE.search(text)
    if main is None:
        return False
    return _GUARDED_CALL_RE.search(text, main.end()) is not None or _CLI_ARGUMENTS_RE.search(text) is not None


def _django_stubs(inv: Inventory, paths: tuple[str, ...]) -> list[str]:
    out = []
    for path in paths:
        text = inv.text(path) or ""
        if _DJANGO_STUB_RE.search(text) and TEST_CONTENT_RE.search(text) is None:
            out.append(path)
    return out


def _commented_out(inv: Inventory, paths: tuple[str, ...]) -> list[str]:
    """Test files whose only test is in their comments: none in their code, one once the comment
    marks are taken off."""
    out = []
    for path in paths:
        text = inv.text(path) or ""
        if text.strip() and not _shows_a_test(path, text) and _shows_a_test(path, _COMMENT_MARK_RE.sub("", text)):
            out.append(path)
    return out


#: The marks that make a line, or open or close a block, a comment (``//``, ``#``, ``/*``, ``*/``).
_COMMENT_MARK_RE = lazy_re(r"^[ \t]*(?://|#(?![\[!]))|/\*|\*/", re.MULTILINE)


def _rust_unit_tests(inv: Inventory) -> Iterator[Signal]:
    """Rust's unit tests live beside the code, in a ``#[cfg(test)]`` module of a ``src/`` file."""
    sources = [p for p in inv.with_ext("rs") if p.startswith("src/") or "/src/" in p]
    sources.sort(key=lambda p: (not p.endswith(("/lib.rs", "/main.rs", "/mod.rs")), p.count("/"), p))
    for path in sources[:MAX_RUST_READS]:
        text = inv.text(path) or ""
        module = _CFG_TEST_RE.search(text)
        if module is not None and _RUST_TEST_RE.search(text, module.end()):
            yield Signal(Category.TESTS, path, line_at(text, module.start()), "Rust unit tests (#[cfg(test)] module)")
            return


def _confirmed(inv: Inventory, paths: tuple[str, ...]) -> list[str]:
    """Test files whose content is unknown/empty or shows a test; stubs and helpers drop out.

    Files are read in order, a batch at a time, until ``MAX_TEST_SIGNALS`` of them showed a test
    in their content (as many as a run prints) or ``MAX_TEST_READS`` were read; once one file
    showed a test, the files left unread are trusted by name.
    """
    paths = tuple(p for p in paths if not (p.endswith(_SUPPORT_ENDINGS) and basename(p).lower() in TEST_SUPPORT_FILES))
    out: list[str] = []
    shown = 0
    reads = min(len(paths), MAX_TEST_READS)
    for start in range(0, reads, _READ_BATCH):
        batch = paths[start : min(reads, start + _READ_BATCH)]
        inv.reader.prefetch(batch)
        for index, path in enumerate(batch, start):
            text = inv.text(path)
            if text is None or not text.strip():
                out.append(path)  # empty or unreadable: the name is all the evidence there is
            elif _shows_a_test(path, text):
                out.append(path)
                shown += 1
                if shown == MAX_TEST_SIGNALS:
                    out.extend(paths[index + 1 :])
                    return out
    if shown:
        out.extend(paths[reads:])
    return out


#: Languages whose comments are ``//`` lines and ``/* */`` blocks, and those whose are ``#`` lines.
_SLASH_COMMENTS: frozenset[str] = frozenset(
    {"java", "kt", "kts", "scala", "groovy", "go", "cs", "swift", "dart", "c", "cc", "cpp", "cxx", "h", "hpp"}
    | {"m", "mm", "php", "sol"}
    | JS_EXTENSIONS
)
_HASH_COMMENTS: frozenset[str] = frozenset({"py", "rb", "ex", "exs", "r", "jl", "sh", "pl"})
_SLASH_LINE_RE = lazy_re(r"^[ \t]*//[^\n]*", re.MULTILINE)
_HASH_LINE_RE = lazy_re(r"^[ \t]*#(?![\[!])[^\n]*", re.MULTILINE)


def without_comments(path: str, text: str) -> str:
    """``text`` with its whole-line comments and block comments blanked, by ``path``'s language: a
    test written and then commented out (a scaffold's ``AppTest`` kept as comments) tests nothing."""
    ext = extension(path)
    if ext in _SLASH_COMMENTS:
        return _SLASH_LINE_RE.sub("", _without_blocks(text))
    if ext in _HASH_COMMENTS:
        return _HASH_LINE_RE.sub("", text)
    return text


def _without_blocks(text: str) -> str:
    """``text`` without its ``/* ... */`` comments that open a line (an unterminated one runs to
    the end); a ``/*`` inside a line may be in a string (a glob, ``"src/**/*.ts"``) and stays."""
    parts: list[str] = []
    at = 0
    while (opening := _BLOCK_OPEN_RE.search(text, at)) is not None:
        start = opening.end() - 2
        parts.append(text[at:start])
        end = text.find("*/", start + 2)
        if end < 0:
            return "".join(parts)
        at = end + 2
    parts.append(text[at:])
    return "".join(parts)


#: A block comment opening a line (after its indentation).
_BLOCK_OPEN_RE = lazy_re(r"^[ \t]*/\*", re.MULTILINE)


def _shows_a_test(path: str, text: str) -> bool:
    """A test in ``text``'s code (its comments left out): not a Django stub, not a script that
    runs its own ``test()`` by hand."""
    if _DJANGO_STUB_RE.search(text) and TEST_CONTENT_RE.search(text) is None:
        return False
    code = without_comments(path, text)
    if path.endswith(".py") and _scratch_script(code):
        return False
    return _content_pattern(path).search(code) is not None


def _content_pattern(path: str) -> LazyPattern:
    """What shows a test in ``path``'s language: Python's, Go's and .NET's own forms, a declared
    test in a JavaScript helper module, else any runner's."""
    ext = extension(path)
    if ext == "py":
        return _PY_TEST_CONTENT_RE
    if ext == "go":
        return _GO_TEST_CONTENT_RE
    if ext in JS_EXTENSIONS and _js_helper(path):
        return _JS_TEST_DECLARATION_RE
    return _DOTNET_TEST_CONTENT_RE if ext in _DOTNET_EXTENSIONS else TEST_CONTENT_RE


def _js_helper(path: str) -> bool:
    """A JavaScript module named or placed as a test helper (``test/helpers/db.js``, ``tests/utils.ts``)."""
    *folders, name = path.lower().split("/")
    stem = name.split(".", 1)[0]
    return stem in _JS_HELPER_NAMES or any(folder in _JS_HELPER_NAMES for folder in folders)


def _feature_files(inv: Inventory) -> list[str]:
    return [p for p in inv.with_ext("feature") if p.startswith("features/") or "/features/" in p]
