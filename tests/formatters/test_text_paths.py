"""Paths in the text report: relative to the current folder when it is inside the project's root."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from pocmvp_lint.formatters import RenderOptions
from pocmvp_lint.formatters.text import relocate
from tests.formatters.factories import drifting_poc

PATHS = ["Dockerfile", ".", "docs/", "a/./b", "services/svc001/charts/app/values.yaml", "a//b", "x/../y"]


@pytest.mark.parametrize("path", PATHS)
def test_run_from_the_root_prints_what_relpath_gives(tmp_path: os.PathLike[str], path: str) -> None:
    root = str(tmp_path)
    project = replace(drifting_poc(), root=root)
    expected = os.path.relpath(os.path.join(root, path), root).replace(os.sep, "/")
    assert relocate(path, project, RenderOptions(cwd=root)) == expected


def test_run_from_a_subfolder_or_elsewhere(tmp_path: os.PathLike[str]) -> None:
    root = os.path.join(str(tmp_path), "repo")
    project = replace(drifting_poc(), root=root)
    assert relocate("Dockerfile", project, RenderOptions(cwd=os.path.join(root, "src"))) == "../Dockerfile"
    assert relocate("Dockerfile", project, RenderOptions(cwd=root + "-other")) == "Dockerfile"
    assert relocate("Dockerfile", project, RenderOptions(cwd="")) == "Dockerfile"
