"""``tests``: test files by each runner's discovery convention, confirmed by content when readable."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.detectors.sources import source_stats
from pocmvp_lint.inventory import Inventory

#: Evidence that a file really holds tests (any language, signals.md §2).
TEST_CONTENT_RE = re.compile(
    r"""(?xm)
      ^\s*(?:async\s+)?def\s+test_?\w*\s*\( | ^\s*class\s+Test\w* | \bimport\s+(?:pytest|unittest)\b
    | \(\s*(?:unittest\.)?TestCase\s*\) | \b(?:describe|it|test)(?:\.\w+)?\s*\(
    | ^func\s+(?:Test|Benchmark|Fuzz|Example)\w*\s*\(
    | \#\[(?:[\w:]+::)?test\] | \#\[cfg\(test\)\] | @Test\b | import\s+org\.junit
    | import\s+org\.testng | io\.kotest
    | spock\.lang\.Specification | \[(?:Fact|Theory|Test|TestMethod|TestCase)\]
    | using\s+(?:Xunit|NUnit\.Framework)
    | RSpec\.describe | ^\s*describe\b.*\bdo\b
    | <\s*(?:Minitest::Test|ActiveSupport::TestCase|ActionDispatch::IntegrationTest)
    | extends\s+\\?(?:PHPUnit\\Framework\\)?TestCase | import\s+XCTest | :\s*XCTestCase
    | \bTEST(?:_F|_P)?\( | TEST_CASE\(
    | use\s+ExUnit\.Case | package:(?:flutter_)?test/ | \bexpect\s*\( | \bassert\w*\s*\(
    """
)
_DJANGO_STUB_RE = re.compile(r"^\s*# Create your tests here\.\s*$", re.MULTILINE)
#: Runner configuration files (tests are configured even when their bodies are not readable).
_CONFIG_NAMES = (
    "pytest.ini", "conftest.py", "phpunit.xml", "phpunit.xml.dist", ".rspec", "karma.conf.js", ".mocharc.yml",
    ".mocharc.json", ".mocharc.js", "behat.yml",
)
#: Files examined for content confirmation.
MAX_TEST_READS = 60
#: Test-file signals emitted (the first one carries the total).
MAX_TEST_SIGNALS = 10


def detect_tests(inv: Inventory) -> Iterator[Signal]:
    test_files = source_stats(inv).test_files
    confirmed = _confirmed(inv, test_files)
    total = len(confirmed)
    for index, path in enumerate(confirmed[:MAX_TEST_SIGNALS]):
        detail = f"test file ({total} in total)" if index == 0 else "test file"
        yield Signal("tests", path, None, detail)
    if not confirmed:
        for path in _feature_files(inv):
            yield Signal("tests", path, None, "Gherkin feature (Behat/Cucumber)")
            break


def _confirmed(inv: Inventory, paths: tuple[str, ...]) -> list[str]:
    """Test files whose content is unknown/empty or shows a test; stubs and helpers drop out.

    Only the first ``MAX_TEST_READS`` files are read; the rest are trusted by name once one read
    file confirmed.
    """
    out: list[str] = []
    any_confirmed = False
    for index, path in enumerate(paths):
        if index >= MAX_TEST_READS:
            if any_confirmed:
                out.extend(paths[index:])
            break
        text = inv.text(path)
        if text is None or not text.strip():
            out.append(path)  # empty or unreadable: the name is all the evidence there is
            continue
        if _DJANGO_STUB_RE.search(text) and TEST_CONTENT_RE.search(text) is None:
            continue
        if TEST_CONTENT_RE.search(text):
            out.append(path)
            any_confirmed = True
    return out


def _feature_files(inv: Inventory) -> list[str]:
    return [p for p in inv.with_ext("feature") if p.startswith("features/") or "/features/" in p]


def test_configs(inv: Inventory) -> tuple[str, ...]:
    """Runner configuration files of the project."""
    return inv.named(*_CONFIG_NAMES)
