"""The GitHub Action's run step (``action.yml``): ``python -I -m pocmvp_lint.action``.

Inputs arrive only as environment variables (never pasted into a script), so no input value can
inject shell code:

- ``POCMVP_PATHS``: paths to check, shell-style quoting allowed (default ``.``);
- ``POCMVP_ARGS``: extra ``check`` arguments, shell-style quoting allowed;
- ``POCMVP_FORMAT``: output format for the log (default ``github``: annotations);
- ``POCMVP_SARIF_FILE``: also write SARIF to this file (optional);
- ``POCMVP_FAIL_ON``: ``error``, ``warning``, ``info`` or ``never`` (optional).

It runs ``pocmvp-lint check`` once: the log in the chosen format, ``--summary`` when
``GITHUB_STEP_SUMMARY`` is set (the job summary gets the Markdown report), and ``--write
sarif:FILE`` when a SARIF file is asked for. It writes ``exit-code`` and ``sarif-file`` to
``GITHUB_OUTPUT``, turns a usage or configuration error (exit 2) into an ``::error`` annotation,
and exits with the linter's code.

Python runs in isolated mode (``-I``) here and in the inner run: the working directory is the
checkout under review, and nothing in it may be imported (see docs/security.md).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Mapping, Sequence

from pocmvp_lint.formatters import CHECK_FORMATS

FAIL_ON = ("error", "warning", "info", "never")


class InputError(ValueError):
    """An action input that cannot be used."""


def _split(value: str, name: str) -> list[str]:
    try:
        return shlex.split(value)
    except ValueError as exc:
        raise InputError(f"input `{name}`: {exc}") from exc


def commands(env: Mapping[str, str]) -> list[str]:
    """The ``check`` arguments of the one run: the log, the summary and the SARIF file."""
    paths = _split(env.get("POCMVP_PATHS", ""), "paths") or ["."]
    extra = _split(env.get("POCMVP_ARGS", ""), "args")
    output_format = env.get("POCMVP_FORMAT", "").strip() or "github"
    if output_format not in CHECK_FORMATS:
        raise InputError(f"input `format`: unknown format `{output_format}`; choose one of {', '.join(CHECK_FORMATS)}")
    fail_on = env.get("POCMVP_FAIL_ON", "").strip().lower()
    if fail_on and fail_on not in FAIL_ON:
        raise InputError(f"input `fail-on`: `{fail_on}` is not one of {', '.join(FAIL_ON)}")
    # Inputs come after `args`, so an explicit input wins over a stray option in `args`.
    log = ["check", *paths, *extra, "--format", output_format]
    if fail_on:
        log += ["--fail-on", fail_on]
    if env.get("GITHUB_STEP_SUMMARY"):
        log.append("--summary")
    sarif_file = env.get("POCMVP_SARIF_FILE", "").strip()
    if sarif_file:
        log += ["--write", f"sarif:{sarif_file}"]
    return log


def _run(args: Sequence[str], cwd: str | None) -> tuple[int, str]:
    """Run the linter; its stderr is relayed as it is, and returned for the error annotation."""
    sys.stdout.flush()
    proc = subprocess.run(
        [sys.executable, "-I", "-m", "pocmvp_lint", *args],
        cwd=cwd,
        check=False,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    sys.stderr.write(proc.stderr)
    sys.stderr.flush()
    return proc.returncode, proc.stderr


def _error_annotation(stderr: str) -> str:
    """The linter's own error line (``pocmvp-lint: error: ...``) as a workflow ``::error``."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("pocmvp-lint: error: ")]
    message = (errors or lines or ["pocmvp-lint failed with exit code 2"])[-1]
    message = message.removeprefix("pocmvp-lint: error: ")
    return f"::error title=pocmvp-lint::{_escape(message)}"


def _set_outputs(env: Mapping[str, str], values: Mapping[str, str]) -> None:
    target = env.get("GITHUB_OUTPUT")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as handle:
        for key, value in values.items():
            handle.write(f"{key}={value.replace(chr(10), ' ').replace(chr(13), ' ')}\n")


def main(env: Mapping[str, str] | None = None, cwd: str | None = None) -> int:
    env = os.environ if env is None else env
    try:
        args = commands(env)
    except InputError as exc:
        print(f"::error title=pocmvp-lint action::{_escape(str(exc))}")
        _set_outputs(env, {"exit-code": "2", "sarif-file": ""})
        return 2
    code, stderr = _run(args, cwd)
    sarif_file = env.get("POCMVP_SARIF_FILE", "").strip() if code in (0, 1) else ""
    if code not in (0, 1):
        print(_error_annotation(stderr), flush=True)
    _set_outputs(env, {"exit-code": str(code), "sarif-file": sarif_file})
    return code


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


if __name__ == "__main__":
    sys.exit(main())
