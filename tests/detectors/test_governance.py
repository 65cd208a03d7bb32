"""README, license, changelog, security policy, owners, dependency updates, disclaimers."""

from __future__ import annotations

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


def test_poc_disclaimer(signals: Signals) -> None:
    hit = of(
        signals({"README.md": "# Demo\n\nThis is a proof of concept, not meant for production.\n"}), "poc-disclaimer"
    )[0]
    assert hit.line == 3


def test_readme_without_setup(signals: Signals) -> None:
    assert "readme-setup" not in categories(signals({"README.md": "# Title\n\nSome words.\n"}))


def test_single_folder_project_readme(signals: Signals) -> None:
    found = signals({"app/README.md": "# x\n", "app/main.py": "print(1)\n"})
    assert "readme" in categories(found)
