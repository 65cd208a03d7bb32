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
        ("VERSION_NOTES.md", "# Version Notes\n\n## 3.1.0 (5/17/23)\n- Feature: shortcut uploads.\n"),
        ("docs/whatsnew.rst", "What's new\n==========\n\nv2.1 (2024-02-01)\n-----------------\n"),
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


def test_a_summary_of_one_piece_of_work_is_no_changelog(signals: Signals) -> None:
    """``CHANGES_SUMMARY.md`` and ``CHANGES_BUILD_118.md`` (notes a coding assistant leaves on one
    piece of work) are changelogs only with versioned or dated entries; ``CHANGES.md`` needs none."""
    summary = "# Changes summary\n\nReworked the matching screen and fixed the login form.\n"
    found = signals({"CHANGES_SUMMARY.md": summary, "CHANGES_BUILD_118.md": ""})
    assert not of(found, "changelog")
    dated = "# Changes\n\n## 2024-03-02\n\n- Fixed the login form.\n"
    assert [s.path for s in of(signals({"CHANGES_2024.md": dated}), "changelog")] == ["CHANGES_2024.md"]


def test_poc_disclaimer(signals: Signals) -> None:
    hit = of(
        signals({"README.md": "# Demo\n\nThis is a proof of concept, not meant for production.\n"}), "poc-disclaimer"
    )[0]
    assert hit.line == 3


def test_a_poc_in_lower_case_after_an_article_is_a_disclaimer_and_a_slug_is_not(signals: Signals) -> None:
    said = signals({"README.md": "# blazor-poc\n\nThis is a quick poc of server-side rendering.\n"})
    assert [s.line for s in of(said, "poc-disclaimer")] == [3]
    slug = signals({"README.md": "# blazor-poc\n\nRender pages on the server.\n"})
    assert "poc-disclaimer" not in categories(slug)
    # a heading that names the work a poc, as a word of its own (a version after it)
    for heading in ("# Margince CRM — poc-v1", "## Shop poc", "# Checkout (poc 2)", "# Payments Spike", "## Prototype"):
        named = signals({"README.md": f"{heading}\n\nRender pages on the server.\n"})
        assert [s.line for s in of(named, "poc-disclaimer")] == [1], heading
    for heading in (
        "# shop/poc-api",
        "# Apoc",
        "Text about poc-v1 prose\n",
        "# cs506-spike-exercise",
        "## Prototype pollution",
    ):
        assert "poc-disclaimer" not in categories(signals({"README.md": f"{heading}\n\nRender.\n"})), heading


def test_readme_without_setup(signals: Signals) -> None:
    assert "readme-setup" not in categories(signals({"README.md": "# Title\n\nSome words.\n"}))


@pytest.mark.parametrize(
    "heading",
    [
        "## Executando",
        "## Pré-requisitos",
        "## Instalación",
        "### Cómo ejecutar el proyecto",
        "## Prérequis",
        "## Ausführen",
        "## Cài đặt",
        "## 快速开始",
        "## インストール",
    ],
)
def test_a_setup_heading_in_the_readmes_own_language(signals: Signals, heading: str) -> None:
    """READMEs are often written in Portuguese, Spanish, French, German, Vietnamese, Chinese or
    Japanese: their setup heading says how to run the project as an English one does."""
    text = f"# API de autenticação\n\nUma API.\n\n{heading}\n\nSuba a API em um container.\n\n## Licença\n"
    (hit,) = of(signals({"README.md": text}), "readme-setup")
    assert hit.line == 5
    plain = "# API de autenticação\n\nUma API.\n\n## Documentação\n\nEm breve.\n\n## Licença\n"
    assert "readme-setup" not in categories(signals({"README.md": plain}))


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
    # an editor's or a CI system's dot-folder beside the project's folder is not a second project
    beside = {"Fallmart/README.md": "# fallmart\n", "Fallmart/server.js": "app.listen(3000)\n"}
    dotted = signals({**beside, ".vscode/settings.json": "{}", ".gitignore": "node_modules\n"})
    assert [s.path for s in of(dotted, "readme")] == ["Fallmart/README.md"]
    two = signals({**beside, "client/README.md": "# client\n", "client/index.js": "render()\n"})
    assert "readme" not in categories(two)


def test_an_app_folder_readme_counts_when_the_root_has_none(signals: Signals) -> None:
    split = {
        "package.json": '{"scripts": {"dev": "concurrently npm:be npm:fe"}}',
        "backend/README.md": "# Backend\n\nnpm install\n",
        "backend/package.json": '{"dependencies": {"express": "4"}}',
        "frontend/package.json": '{"dependencies": {"react": "18"}}',
        "frontend/src/App.js": "export default 1\n",
        "admin/README.md": "# admin\n",
        "admin/package.json": '{"dependencies": {"vue": "3"}}',
    }
    (hit,) = of(signals(split), "readme")  # the app folder's README that says most
    assert hit.path == "backend/README.md"
    assert "none at the root" in hit.detail
    # a root README wins; a folder without its own manifest (scripts, seed data) is no app
    assert [s.path for s in of(signals({**split, "README.md": "# Shop\n"}), "readme")] == ["README.md"]
    notes = {"main.py": "print(1)\n", "requirements.txt": "flask\n", "scripts/README.md": "# scripts\n"}
    assert "readme" not in categories(signals({**notes, "scripts/run.py": "print(2)\n"}))
    seeds = {**notes, "seed-dummy/README.md": "# seeds\n", "seed-dummy/users.json": "[]"}
    assert "readme" not in categories(signals(seeds))
    # an app folder's note on one topic is no README of the project
    topic = {
        "docker-compose.yml": "services: {}\n",
        "booking/package.json": '{"dependencies": {"react": "18"}}',
        "booking/README_VNPAY_SETUP.md": "# VNPay\n\nSet the keys.\n",
        "booking-be/pom.xml": "<project/>\n",
    }
    assert "readme" not in categories(signals(topic))


@pytest.mark.parametrize("other", ["README.de.md", "README-ja.md", "README.zh-CN.md", "README_OLD.md", "README.html"])
def test_the_main_readme_is_the_untranslated_one(signals: Signals, other: str) -> None:
    found = signals(
        {
            "README.md": "# App\n\nThis is a proof of concept.\n\n```sh\nnpm install\n```\n",
            other: "# App\n\nEin Machbarkeitsnachweis.\n",
        }
    )
    assert [s.path for s in of(found, "readme")] == ["README.md"]
    assert {"poc-disclaimer", "readme-setup"} <= categories(found)


def test_a_stub_readme_gives_way_to_the_one_beside_it_that_says_more(signals: Signals) -> None:
    """pocl keeps a ``README`` beside its ``README.md``: a stub there (``See README.md``) is not the
    main README; a full ``README`` still is."""
    full = "# PoCL\n\nAn OpenCL implementation.\n\n## Building\n\n```sh\ncmake -B build && make -C build\n```\n"
    found = signals({"README": "See README.md\n", "README.md": full})
    assert [s.path for s in of(found, "readme")] == ["README.md"]
    assert [s.path for s in of(found, "readme-setup")] == ["README.md"]
    found = signals({"README": "PoCL\n====\nAn OpenCL implementation\nof the 3.0 standard.\n", "README.md": full})
    assert [s.path for s in of(found, "readme")] == ["README"]


def test_a_readme_pointing_to_its_building_guide_has_setup_instructions(signals: Signals) -> None:
    """``BUILDING.md`` (or ``docs/building``) is where a project keeps how to set up and build it; a
    build badge's link to a workflow is not such a guide."""
    for text in (
        "Instructions on how to setup your development environment and build the app can be found in "
        "[BUILDING.md](https://github.com/acme/app/blob/main/BUILDING.md).\n",
        "See [the guide](docs/building.md).\n",
    ):
        assert of(signals({"README.md": f"# App\n\n{text}"}), "readme-setup"), text
    badge = "[![Build](https://github.com/acme/app/actions/workflows/build.yml/badge.svg)](https://github.com/acme/app/actions/workflows/build.yml)\n"
    assert "readme-setup" not in categories(signals({"README.md": f"# App\n\n{badge}"}))


def test_asciidoc_setup_heading(signals: Signals) -> None:
    (hit,) = of(signals({"README.adoc": "= App\n\n== Getting started\n\nSee the guide.\n"}), "readme-setup")
    assert hit.line == 3


@pytest.mark.parametrize(
    "files",
    [
        {"LICENSE-MIT": "MIT License\n", "LICENSE-APACHE": "Apache License\n"},
        {"COPYING.LESSER": "GNU LESSER GENERAL PUBLIC LICENSE\n"},
        {"COPYRIGHT": "Copyright 2024 Example. Licensed under the MIT license.\n"},
        {"LICENSES/MIT.txt": "MIT License\n", "LICENSES/CC0-1.0.txt": "CC0\n"},
        {"MIT-LICENSE": "MIT\n"},
    ],
)
def test_license_file_variants(signals: Signals, files: dict[str, str]) -> None:
    assert of(signals({**files, "src/main.rs": "fn main() {}\n"}), "license")


@pytest.mark.parametrize(
    "path",
    [
        "license.go",  # a Go file of the root package
        "licenses.json",  # a license checker's report
        "license_finder.yml",
        "LICENSE-3rdparty.csv",
        "LICENSE-THIRD-PARTY.txt",
        "LICENSE_HEADER",  # a source-header template for license-maven-plugin or Spotless
        "copyright-header.txt",
    ],
)
def test_license_named_files_that_are_no_license(signals: Signals, path: str) -> None:
    assert not of(signals({path: "Licensed under the Apache License 2.0\n", "main.go": "package main\n"}), "license")


def test_a_licenses_file_listing_the_dependencies_licenses_is_not_the_projects(signals: Signals) -> None:
    listing = "# Third-party licenses\n\n| package | license |\n|---|---|\n| click | BSD-3-Clause |\n"
    assert not of(signals({"LICENSES.md": listing, "main.go": "package main\n"}), "license")
    own = "MIT License\n\nCopyright (c) 2024 Acme\n\nPermission is hereby granted, free of charge...\n"
    assert of(signals({"LICENSES.md": own, "main.go": "package main\n"}), "license")


@pytest.mark.parametrize("path", ["security.py", "security.go", "security.yml", "security.ts"])
def test_a_root_program_named_security_is_no_policy(signals: Signals, path: str) -> None:
    assert not of(signals({path: "x = 1\n", "app.py": "x = 1\n"}), "security-policy")


def test_a_docs_page_on_the_security_model_is_no_policy(signals: Signals) -> None:
    found = signals({"docs/security.md": "# Security model\n\nSessions expire after an hour.\n", "app.py": ""})
    assert not of(found, "security-policy")
    for policy in ("Report vulnerabilities to security@example.org.", "Mail security concerns to Jo."):
        found = signals({"docs/SECURITY.md": f"# Security\n\n{policy}\n"})
        assert [s.path for s in of(found, "security-policy")] == ["docs/SECURITY.md"]


@pytest.mark.parametrize("path", [".well-known/security.txt", "public/.well-known/security.txt"])
def test_security_txt(signals: Signals, path: str) -> None:
    text = "# Our policy\nContact: mailto:security@example.org\nExpires: 2030-01-01T00:00:00Z\n"
    (hit,) = of(signals({path: text, "app.py": ""}), "security-policy")
    assert (hit.path, hit.line) == (path, 2)


def test_security_txt_without_contact_or_in_tests_does_not_count(signals: Signals) -> None:
    found = signals(
        {
            ".well-known/security.txt": "nothing here\n",
            "tests/fixtures/site/.well-known/security.txt": "Contact: mailto:a@example.org\n",
            "app.py": "",
        }
    )
    assert not of(found, "security-policy")


def test_security_insights_counts_once(signals: Signals) -> None:
    found = signals({"SECURITY-INSIGHTS.yml": "header:\n  schema-version: 1.0.0\n", "app.py": ""})
    assert [s.detail for s in of(found, "security-policy")] == ["OpenSSF Security Insights"]


@pytest.mark.parametrize("path", [".gitea/CODEOWNERS", ".bitbucket/CODEOWNERS", ".gitlab/CODEOWNERS"])
def test_codeowners_where_each_forge_reads_it(signals: Signals, path: str) -> None:
    assert of(signals({path: "* @team\n", "app.py": ""}), "codeowners")


def test_codeowners_elsewhere_does_not_count(signals: Signals) -> None:
    assert not of(signals({"src/CODEOWNERS": "* @team\n", "app.py": ""}), "codeowners")


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        ("NEWS", "GNU Hello NEWS\n\n* Noteworthy changes in release 2.12 (2022-03-20) [stable]\n", 3),
        ("NEWS", "Overview of changes in GLib 2.79.0, 2024-01-22\n=============\n\n* Fixes\n", 1),
        ("NEWS.md", "# dplyr 1.1.0\n\n* New `join_by()`.\n", 1),
        ("NEWS.md", "# mypkg (development version)\n\n* Initial CRAN submission.\n", 1),
        ("NEWS.rst", "What's New in Python 3.12.0 final?\n==================\n", 1),
    ],
)
def test_news_headings_are_entries(signals: Signals, path: str, text: str, line: int) -> None:
    (hit,) = of(signals({path: text, "src/a.c": ""}), "changelog")
    assert (hit.path, hit.line) == (path, line)


@pytest.mark.parametrize(
    "path",
    ["doc/CHANGELOG.md", "docs/source/changelog.rst", "doc/source/history.rst", "docs/change-log.md", "CHANGE_LOG.md"],
)
def test_changelog_in_doc_folders(signals: Signals, path: str) -> None:
    assert of(
        signals({path: "Changelog\n=========\n\n1.0.0 (2024-01-01)\n------------------\n", "a.py": ""}), "changelog"
    )


def test_debian_changelog(signals: Signals) -> None:
    text = (
        "hello (2.10-1) unstable; urgency=low\n\n  * New upstream release.\n\n -- A <a@example.org>  Mon, 01 Jan 2024\n"
    )
    (hit,) = of(signals({"debian/changelog": text, "src/hello.c": ""}), "changelog")
    assert hit.path == "debian/changelog"
    assert not of(signals({"debian/changelog": "nothing\n", "src/hello.c": ""}), "changelog")


MAVEN_CHANGES = """<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="http://maven.apache.org/changes/1.0.0">
  <properties>
    <title>Release notes</title>
  </properties>
  <body>
    <release version="2.1.0" date="2025-03-02" description="Faster imports">
      <action dev="ana" type="fix">Imports no longer time out.</action>
    </release>
  </body>
</document>
"""


def test_maven_changes_xml(signals: Signals) -> None:
    found = of(signals({"src/changes/changes.xml": MAVEN_CHANGES, "pom.xml": "<project/>"}), "changelog")
    assert [(s.path, s.line, s.detail) for s in found] == [
        ("src/changes/changes.xml", 7, "Maven changes.xml with versioned releases")
    ]
    # a changes.xml elsewhere (a Liquibase change set, test data) or one with no release is none
    liquibase = '<databaseChangeLog>\n  <changeSet id="1" author="ana"/>\n</databaseChangeLog>\n'
    empty = "<document>\n  <body>\n  </body>\n</document>\n"
    others = {
        "src/main/resources/db/changes.xml": MAVEN_CHANGES,
        "src/changes/changes.xml": empty,
        "db/changes.xml": liquibase,
    }
    assert not of(signals({**others, "pom.xml": "<project/>"}), "changelog")


@pytest.mark.parametrize(
    ("path", "tool"),
    [
        ("releasenotes/notes/add-login-6a4f2b9c1d3e5f70.yaml", "reno"),
        ("changelog.d/20240101_120000_alice_fix_login.md", "scriv"),
        ("newsfragments/123.feature", "towncrier"),
        ("changes/456.bugfix.md", "towncrier"),
        ("news/+tidy.misc.rst", "towncrier"),
        ("news/0741cad6-3007-47f8-9c53-984e9116c7ff.process.rst", "towncrier"),
        ("changelogs/fragments/fix-login.yml", "antsibull-changelog"),
        (".changelog/1234.txt", "go-changelog"),
        (".changeset/lemon-fireants-roll.md", "changesets"),
    ],
)
def test_changelog_fragments(signals: Signals, path: str, tool: str) -> None:
    (hit,) = of(signals({path: "Fixed the login.\n", "a.py": ""}), "changelog")
    assert tool in hit.detail


PACKAGE_CHANGELOG = "# @shop/core\n\n## 1.1.0\n\n### Minor Changes\n\n- Totals orders in cents.\n"


def test_the_changelogs_of_a_monorepos_own_packages(signals: Signals) -> None:
    workspace = '{"name": "shop", "private": true, "workspaces": ["packages/*"]}\n'
    files = {"package.json": workspace, "packages/core/CHANGELOG.md": PACKAGE_CHANGELOG, "packages/core/index.js": ""}
    (hit,) = of(signals(files), "changelog")
    assert (hit.path, hit.line, hit.detail) == (
        "packages/core/CHANGELOG.md",
        3,
        "package changelog with versioned entries",
    )
    cargo = {"Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n', "crates/cli/CHANGELOG.md": PACKAGE_CHANGELOG}
    assert of(signals(cargo), "changelog")
    # every way the lock-file pairing knows a JavaScript workspace root counts here too
    pnpm = {"pnpm-workspace.yml": "packages:\n  - packages/*\n", "packages/core/CHANGELOG.md": PACKAGE_CHANGELOG}
    assert of(signals(pnpm), "changelog")


def test_package_changelogs_without_a_workspace_or_versions_and_changeset_readmes_are_none(signals: Signals) -> None:
    no_workspace = {"package.json": '{"name": "shop"}\n', "packages/core/CHANGELOG.md": PACKAGE_CHANGELOG}
    unversioned = {"pnpm-workspace.yaml": "packages:\n  - packages/*\n", "packages/core/CHANGELOG.md": "# Notes\n"}
    changeset_init = {".changeset/config.json": "{}\n", ".changeset/README.md": "# Changesets\n"}
    for files in (no_workspace, unversioned, changeset_init):
        assert not of(signals(files), "changelog"), files


def test_code_folders_named_like_fragments_are_none(signals: Signals) -> None:
    found = signals(
        {
            "changes/models.py": "x = 1\n",
            "changes/README.md": "# The changes app\n",
            "news/2024-01-01-launch.md": "We launched.\n",
            "history/__init__.py": "",
            "src/pkg/newsfragments/1.feature": "x\n",
        }
    )
    assert not of(found, "changelog")


@pytest.mark.parametrize("path", [".gitea/renovate.json5", ".forgejo/renovate.json5", ".renovaterc.json5"])
def test_renovate_config_paths(signals: Signals, path: str) -> None:
    assert of(signals({path: "{}\n", "a.py": ""}), "dependency-updates")


def test_ci_running_renovate_or_update_flake_lock(signals: Signals) -> None:
    gitlab = "renovate:\n  image: renovate/renovate:39\n  script:\n    - renovate $CI_PROJECT_PATH\n"
    (hit,) = of(signals({".gitlab-ci.yml": gitlab, "a.py": ""}), "dependency-updates")
    assert hit.line == 4
    workflow = (
        "on:\n  schedule:\n    - cron: '0 0 * * 0'\njobs:\n  lock:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: DeterminateSystems/update-flake-lock@v24\n"
    )
    assert of(signals({".github/workflows/lock.yml": workflow, "flake.lock": "{}\n"}), "dependency-updates")


def test_validating_a_renovate_config_is_not_running_renovate(signals: Signals) -> None:
    workflow = (
        "on: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: npx --yes --package renovate -- renovate-config-validator\n"
    )
    assert not of(signals({".github/workflows/check.yml": workflow, "a.py": ""}), "dependency-updates")


def test_a_security_policy_is_named_for_one_not_for_a_report(signals: Signals) -> None:
    """``SECURITY.md`` and ``SECURITY_POLICY.rst`` are policies; a report or audit about security
    (``SECURITY_IMPROVEMENTS_REPORT.md``, ``security-audit-2024.md``) tells no one how to report a
    vulnerability."""
    policy = "# Security Policy\n\nReport vulnerabilities to security@example.invalid.\n"
    for path in ("SECURITY.md", ".github/SECURITY_POLICY.rst", "security-policy.md"):
        assert [s.path for s in of(signals({path: policy}), "security-policy")] == [path], path
    for path in ("SECURITY_IMPROVEMENTS_REPORT.md", "security-audit-2024.md"):
        assert "security-policy" not in categories(signals({path: policy})), path
