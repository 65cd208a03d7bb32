"""The portfolio page in headless Chromium: it renders (a screenshot that is not blank) and its
inline script runs under its own Content-Security-Policy and sorts the table.

Skipped when no Chromium is installed (``apt-get install chromium`` on Debian)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pocmvp_lint.cli import cli
from tests.scan import png
from tests.scan.test_portfolio import make_org

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed"), pytest.mark.slow]


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    argv = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
        *args,
    ]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    org = make_org(root / "org")
    out = root / "portfolio.html"
    result = CliRunner().invoke(cli, ["scan", str(org), "--format", "html", "-o", str(out)])
    assert out.is_file(), result.output
    return out


def test_the_page_renders_in_chromium(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    _chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
    assert shot.is_file()
    image = png.read(shot)
    assert (image.width, image.height) == (1280, 900)
    # A blank or error page has a handful of colours; text, badges and borders give hundreds.
    assert len(image.colours(step=2)) > 50
    assert len(set(image.rows)) > 100  # not a few lines repeated down the page


def test_the_inline_script_runs_and_sorts_the_table(page: Path, tmp_path: Path) -> None:
    def repositories(fragment: str) -> list[str]:
        dom = _chromium(tmp_path, "--dump-dom", page.as_uri() + fragment).stdout
        assert 'data-sortable="ready"' in dom  # the script ran: the CSP allowed it
        return re.findall(r'<span title="[^"]*">([a-z-]+)</span>', dom)

    default = repositories("")
    assert default[0] == "alpha-overdue"  # overdue POCs first
    assert repositories("#sort=1") == sorted(default)  # the Repository column, ascending
    assert repositories("#sort=-1") == sorted(default, reverse=True)
