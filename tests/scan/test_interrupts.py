"""`scan` stops cleanly: into a closed pipe (`scan | head -1`) and on Ctrl-C, without tracebacks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.gitutil import make_repo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("interrupts") / "org"
    for i in range(24):
        make_repo(root / f"r{i:02d}", {"project.toml": '[project]\nstage = "poc"\n', "Dockerfile": "FROM x\n"})
    return root


#: Runs pocmvp-lint as a terminal starts a program: Ctrl-C's default disposition, whatever the
#: test runner inherited (a runner started in the background of a script ignores SIGINT, and so
#: then would every process it starts, Python included).
_FROM_A_TERMINAL = (
    "import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "runpy.run_module('pocmvp_lint', run_name='__main__', alter_sys=True)"
)


def _scan(org: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", _FROM_A_TERMINAL, "scan", str(org), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def test_a_closed_pipe_stops_the_scan_quietly_without_the_queued_work(org: Path) -> None:
    started = time.monotonic()
    whole = subprocess.run(
        [sys.executable, "-m", "pocmvp_lint", "scan", str(org), "--jobs", "1"], capture_output=True, check=False
    )
    full = time.monotonic() - started
    assert len(whole.stdout.splitlines()) == 24
    proc = _scan(org, "--jobs", "1")
    assert proc.stdout is not None and proc.stderr is not None
    started = time.monotonic()
    proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after its line
    code = proc.wait(timeout=120)
    took = time.monotonic() - started
    stderr = proc.stderr.read().decode()
    assert code == 141 and stderr == ""  # 128 + SIGPIPE, as git or a C program ends; nothing said
    assert took < full / 2  # the queued repositories were never checked


def test_ctrl_c_reports_the_interruption_once_and_no_worker_traceback(org: Path) -> None:
    proc = _scan(org, "--jobs", "2")
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()  # workers are running now
    os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole process group
    code = proc.wait(timeout=60)
    stderr = proc.stderr.read().decode()
    assert code == 130
    assert stderr == "pocmvp-lint: interrupted\n"
