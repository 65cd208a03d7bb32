"""README, license, changelog, security policy, owners, dependency updates, disclaimers."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import Signals, categories, of


def test_root_governance_files(signals: Signals) -> None:
    found = signals(
        {
            "README.md": "# App\n\n## Getting started\n\n```bash\nnpm install\n```\n",
            "LICENSE": "MIT License\n",
            "CHANGELOG.md": "# Changelog\n\n## [1.2.0] - 2024-01-01\n- x\n",
            ".github/SECURITY.md": "Report vulnerabilities to security@example.org\n",
            ".github/CODEOWNERS": "* @team\n",
            ".github/dependabot.yml": "version: 2\nupdates: []\n",
        }
    )
    assert {
        "readme",
        "license",
        "changelog",
        "security-policy",
        "codeowners",
        "dependency-updates",
        "readme-setup",
    } <= categories(found)
    assert of(found, "changelog")[0].line == 3
    assert "poc-disclaimer" not in categories(found)


def test_vendored_or_nested_governance_files_do_not_count(signals: Signals) -> None:
    found = signals(
        {
            "src/lib/LICENSE": "MIT\n",
            "packages/ui/CHANGELOG.md": "## 1.0.0\n",
            "pkg/SECURITY.md": "x\n",
            "src/main.py": "print(1)\n",
        }
    )
    assert not {"license", "changelog", "security-policy", "readme"} & categories(found)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("HISTORY.rst", "History\n=======\n\n1.2.0 (2024-03-01)\n------------------\n\n* Fixes.\n"),
        ("docs/news.md", "# News\n\n## 2024-05-01\n\nWe shipped.\n"),
        ("docs/releases.md", "# Releases\n\n- v0.3: first beta\n"),
    ],
)
def test_a_file_named_history_news_or_releases_with_entries_is_a_changelog(
    signals: Signals, path: str, text: str
) -> None:
    assert [s.path for s in of(signals({path: text}), "changelog")] == [path]


def test_a_history_page_that_tells_a_story_is_no_changelog(signals: Signals) -> None:
    found = signals(
        {
            "docs/history.md": "# History\n\nThe linter reads the log of the repository.\n",
            "docs/releases.md": "# How we release\n\nTag the commit, then push the tag.\n",
            "CHANGES.md": "Nothing yet.\n",  # a changelog by name: no entry needed
        }
    )
    assert [s.path for s in of(found, "changelog")] == ["CHANGES.md"]


def test_poc_disclaimer(signals: Signals) -> None:
    hit = of(
        signals({"README.md": "# Demo\n\nThis is a proof of concept, not meant for production.\n"}), "poc-disclaimer"
    )[0]
    assert hit.line == 3


def test_readme_without_setup(signals: Signals) -> None:
    assert "readme-setup" not in categories(signals({"README.md": "# Title\n\nSome words.\n"}))


@pytest.mark.parametrize(
    "prose",
    [
        "**Make the repository say so.**\n",
        "Before you start,\nmake sure the service is reachable.\n",
        "It helps to\nmake it work offline.\n",
    ],
)
def test_make_in_prose_is_not_a_setup_command(signals: Signals, prose: str) -> None:
    assert "readme-setup" not in categories(signals({"README.md": f"# Title\n\n{prose}"}))


@pytest.mark.parametrize(
    ("text", "line"),
    [("Build it with `make build`.\n", 3), ("Then:\n\n    make PREFIX=/usr install\n", 5), ("make clean all\n", 3)],
)
def test_make_as_a_command_is_setup(signals: Signals, text: str, line: int) -> None:
    (hit,) = of(signals({"README.md": f"# Title\n\n{text}"}), "readme-setup")
    assert hit.line == line


def test_single_folder_project_readme(signals: Signals) -> None:
    found = signals({"app/README.md": "# x\n", "app/main.py": "print(1)\n"})
    assert "readme" in categories(found)
