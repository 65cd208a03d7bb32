"""CHANGELOG.md in Keep a Changelog form (MVP013)."""

from __future__ import annotations

from pocmvp_lint.fix.model import Edit, Facts, Plan

CODES = ("MVP013",)

TEXT = """# Changelog

All notable changes to this project are documented in this file.

The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),
and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).

## [Unreleased]

### Added

- The first version of the product, in front of its first users.
"""


def plan(facts: Facts) -> Plan:
    return Plan((Edit(facts.at_project("CHANGELOG.md"), None, TEXT, "changelog (Keep a Changelog)", CODES),))
