"""Scripts that deploy by hand (``deploy-script``): a shell script whose lines deploy.

Any script running a deploy command (``firebase deploy``, ``kubectl apply``, ``docker buildx build
--push``) counts, except a package publish (release machinery, ``release``) and a deploy to a
cluster or emulator the script starts on this machine, or a tutorial's template whose variables
still hold placeholder locations (``PROJECT_DIR="/path/to/your/project"``). A script named or kept
for deploying (``deploy.sh``, ``scripts/deploy-prod.sh``, ``deploy/install.sh``) also counts for a copy to or a
command on another machine (``rsync -az dist/ "$HOST:/srv/app/"``, ``ssh "$HOST" 'systemctl
restart app'``) or the new version started on the server it runs on (``docker compose up -d``).

What CI runs is ``ci-deploy``; a script is a deploy path run from someone's machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pocmvp_lint.detectors._ci import MAX_SCRIPT_LINES
from pocmvp_lint.detectors._release import PACKAGE_PUBLISH_RE, RELEASE_SCRIPT_NAMES
from pocmvp_lint.detectors._util import depth, in_test_dir, is_auxiliary
from pocmvp_lint.detectors.ci_catalogue import NON_DEPLOY_TARGET_WORDS
from pocmvp_lint.detectors.ci_deploy import NAME_SEGMENT_RE, local_target, script_deploy
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: Script extensions read: POSIX shells and PowerShell.
SCRIPT_EXTENSIONS = ("sh", "bash", "zsh", "ps1")
#: Folders whose scripts are deploy scripts whatever their names (``deploy/install.sh``).
DEPLOY_FOLDERS = frozenset({"deploy", "deploys", "deployment", "deployments"})
#: Most scripts read (those named for deploying first, then the shallowest).
MAX_SCRIPT_READS = 20
#: A shell function's definition (``ssh_run() {``, ``function deploy {``).
_FUNCTION_RE = lazy_re(r"^(?:function[ \t]+[\w.-]{1,100}|[\w.-]{1,100}[ \t]*\([ \t]*\))[ \t]*\{")
#: A variable set to a guide's placeholder location (``PROJECT_DIR="/path/to/your/project"``,
#: ``REPO="git@github.com:username/repository.git"``, ``SERVER=your-server-ip``): a template copied
#: from a tutorial and never pointed at a machine, which deploys nothing as it stands.
_PLACEHOLDER_TARGET_RE = lazy_re(
    r"""^[ \t]*(?:export[ \t]+)?[A-Za-z_]\w{0,60}=["']?[^\n"']{0,200}?"""
    r"""(?:/path/to/|\byour[-_]?(?:server|domain|host|project|app|repo|ip|user)|username/repo(?:sitory)?\b)""",
    re.MULTILINE | re.IGNORECASE,
)


def detect_deploy_scripts(inv: Inventory) -> Iterator[Signal]:
    scripts = [p for p in inv.with_ext(*SCRIPT_EXTENSIONS) if not (in_test_dir(p) or is_auxiliary(p))]
    named = {p: _named_for_deploying(p) for p in scripts}
    kept = sorted((p for p in scripts if named[p] is not False), key=lambda p: (not named[p], depth(p), p))
    for path in kept[:MAX_SCRIPT_READS]:
        text = inv.text(path) or ""
        found = _first_deploy(text, named=bool(named[path]))
        if found is not None and _PLACEHOLDER_TARGET_RE.search(text) is None:
            line, command = found
            yield Signal(Category.DEPLOY_SCRIPT, path, line, f"runs `{command}`")


def _named_for_deploying(path: str) -> bool | None:
    """True for a script named for deploying (``deploy.sh``, ``deploy_prod.ps1``, ``deployment.sh``)
    or kept in a deploy folder; False for one named for something local, tested or previewed
    (``deploy-local.sh``, ``deploy_test.sh``) or for releasing (``release.sh``: release machinery);
    None for any other."""
    *folders, name = path.lower().split("/")
    segments = set(NAME_SEGMENT_RE.split(name.rsplit(".", 1)[0]))
    if segments & NON_DEPLOY_TARGET_WORDS or any(s.startswith(RELEASE_SCRIPT_NAMES) for s in segments):
        return False
    if any(s.startswith("deploy") for s in segments) or any(f in DEPLOY_FOLDERS for f in folders):
        return True
    return None


def _first_deploy(text: str, *, named: bool) -> tuple[int, str] | None:
    """(line, command) of the first line of ``text`` that deploys, else None: a line that runs one
    before a shell function's definition holding one (``ssh_run() { ssh "$HOST" "$@"; }``)."""
    defined: tuple[int, str] | None = None
    for number, line in logical_lines(text):
        command = script_deploy(line, named=named)
        if command is None or local_target(text, command) or (not named and PACKAGE_PUBLISH_RE.search(line)):
            continue
        if _FUNCTION_RE.match(line) is None:
            return number, command
        defined = defined or (number, command)
    return defined


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, command line) of a shell script's commands: backslash continuations joined,
    blank and comment lines left out, within its first ``MAX_SCRIPT_LINES`` lines."""
    start = 0
    parts: list[str] = []
    for number, raw in enumerate(text.splitlines()[:MAX_SCRIPT_LINES], start=1):
        if not parts:
            start = number
        stripped = raw.strip()
        if stripped.endswith("\\"):
            parts.append(stripped[:-1].strip())
            continue
        parts.append(stripped)
        line = " ".join(p for p in parts if p)
        parts = []
        if line and not line.startswith("#"):
            yield start, line
