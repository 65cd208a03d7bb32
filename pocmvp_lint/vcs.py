"""Every git process pocmvp-lint starts, with one safe environment (docs/security.md, "git").

The checked repository's ``.git/config`` is untrusted: many of its keys name a program git would
start (a pager, an fsmonitor hook, a signature verifier, a diff or filter driver...). Every git
process started here gets the same defences:

* ``GUARDS``: each configuration key that can start a program, and how it is kept from doing so;
  most are overridden with a harmless value (``CONFIG_OVERRIDES``), which wins over the
  repository's own config, through git's environment (``GIT_CONFIG_COUNT``, git 2.31 and later)
  and again as ``-c`` options (older git);
* ``SAFE_FLAGS``: global options (``--no-pager``, ``--no-replace-objects``) and, for the diff
  family, ``--no-ext-diff --no-textconv``;
* ``SAFE_ENV``: no pager, no editor, no password prompt, no protocol (so no network);
* only read commands that never apply filters or run hooks: ``rev-parse``, ``ls-files``,
  ``symbolic-ref``, ``log`` (never ``-p``), ``diff --name-status``/``--numstat`` between trees or
  the index and a tree, ``merge-base`` and ``cat-file --batch-command`` (``--batch-check``/``--batch``
  before git 2.36; no ``--filters``/``--textconv``). Never ``status``, ``add``, ``checkout`` or a diff against the
  working tree, which would run ``filter.<driver>.clean``.

Nothing else in pocmvp-lint starts git: this module is the only one that may.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import compress, islice
from operator import eq, itemgetter, not_
from pathlib import Path
from typing import IO, TypeVar

from pocmvp_lint.errors import LintError
from pocmvp_lint.lazyre import lazy_re

_T = TypeVar("_T")

#: A value for keys that must name a program: a path no one can execute, so git starts nothing.
NO_PROGRAM = os.devnull


@dataclass(frozen=True)
class Guard:
    """A configuration key that can make git start a program, and how it is kept from doing so.

    ``key`` is spelled as ``git help config`` spells it (``<driver>``, ``<cmd>``... are
    placeholders); ``override`` is the value forced on every git process, when overriding is the
    defence (None when the defence is a flag, the commands run, or git itself).
    """

    key: str
    how: str
    override: str | None = None


_OFF_NETWORK = "only used to talk to a remote: `protocol.allow=never` forbids every transport"
_NOT_RUN = "only used by a command pocmvp-lint never runs"

#: Every key that names a program git may start, with its defence. The security doc's table and
#: the hostile-repository tests (tests/security/test_git_config.py) are built from this list.
GUARDS: tuple[Guard, ...] = (
    Guard("core.fsmonitor", "overridden: no fsmonitor hook", "false"),
    Guard("core.hooksPath", "overridden: hooks are looked up in an empty place", NO_PROGRAM),
    Guard("core.pager", "overridden (`cat` means no pager to git), plus `--no-pager` and `GIT_PAGER=cat`", "cat"),
    Guard("pager.<cmd>", "`--no-pager` on every command, and `pager.<cmd>=false` for each command run"),
    Guard("core.editor", "overridden (`:` means no editor to git), plus `GIT_EDITOR=:`", ":"),
    Guard("sequence.editor", "overridden, plus `GIT_SEQUENCE_EDITOR=:`", ":"),
    Guard("core.sshCommand", f"overridden; {_OFF_NETWORK}", NO_PROGRAM),
    Guard("core.gitProxy", f"overridden (`none`); {_OFF_NETWORK}", "none"),
    Guard(
        "core.askPass",
        "overridden (empty: no helper), plus empty `GIT_ASKPASS`/`SSH_ASKPASS` and `GIT_TERMINAL_PROMPT=0`",
        "",
    ),
    Guard("credential.helper", "overridden (an empty value clears the helper list)", ""),
    Guard("credential.<url>.helper", _OFF_NETWORK),
    Guard("core.alternateRefsCommand", f"overridden; {_NOT_RUN} (fetch, receive-pack)", NO_PROGRAM),
    Guard("diff.external", "`--no-ext-diff` on every diff and log; no patch output is asked for"),
    Guard("diff.<driver>.command", "`--no-ext-diff` on every diff and log"),
    Guard("diff.<driver>.textconv", "`--no-textconv` on every diff and log; `cat-file` runs without `--textconv`"),
    Guard("filter.<driver>.clean", "no command run compares or adds working-tree files"),
    Guard("filter.<driver>.smudge", "no command run writes working-tree files"),
    Guard(
        "filter.<driver>.process",
        "no command run reads or writes working-tree files; `cat-file` runs without `--filters`",
    ),
    Guard("merge.<driver>.driver", f"{_NOT_RUN} (merge)"),
    Guard("gpg.program", "overridden, and `log.showSignature=false`", NO_PROGRAM),
    Guard("gpg.openpgp.program", "overridden, and `log.showSignature=false`", NO_PROGRAM),
    Guard("gpg.x509.program", "overridden, and `log.showSignature=false`", NO_PROGRAM),
    Guard("gpg.ssh.program", "overridden, and `log.showSignature=false`", NO_PROGRAM),
    Guard("gpg.ssh.defaultKeyCommand", f"overridden; {_NOT_RUN} (signing)", NO_PROGRAM),
    Guard("log.showSignature", "overridden: `git log` never verifies signatures", "false"),
    Guard(
        "protocol.allow",
        "overridden: no transport at all, so no network and no remote helper (plus an empty `GIT_ALLOW_PROTOCOL`)",
        "never",
    ),
    Guard("remote.<name>.uploadpack", _OFF_NETWORK),
    Guard("remote.<name>.receivepack", _OFF_NETWORK),
    Guard("remote.<name>.vcs", _OFF_NETWORK),
    Guard("uploadpack.packObjectsHook", f"git ignores it in a repository's own config; {_NOT_RUN} (upload-pack)"),
    Guard("alias.<name>", "only built-in commands are run, and an alias never overrides one"),
    Guard("difftool.<tool>.cmd", f"{_NOT_RUN} (difftool)"),
    Guard("mergetool.<tool>.cmd", f"{_NOT_RUN} (mergetool)"),
    Guard("browser.<tool>.cmd", f"{_NOT_RUN} (help, web--browse)"),
    Guard("man.<tool>.cmd", f"{_NOT_RUN} (help)"),
    Guard("sendemail.<key>", f"{_NOT_RUN} (send-email)"),
    Guard("gc.auto", "overridden: no automatic `git gc` (and its `pre-auto-gc` hook)", "0"),
    Guard("maintenance.auto", "overridden: no automatic maintenance", "false"),
)

#: The git commands run here: each gets ``pager.<cmd>=false``.
COMMANDS = ("rev-parse", "ls-files", "symbolic-ref", "log", "diff", "merge-base", "cat-file")

#: ``(key, value)`` forced on every git process (the repository's own config loses to these).
CONFIG_OVERRIDES: tuple[tuple[str, str], ...] = (
    *((g.key, g.override) for g in GUARDS if g.override is not None),
    *((f"pager.{command}", "false") for command in COMMANDS),
    ("core.untrackedCache", "false"),
)

#: Environment for every git process, over the user's own environment.
SAFE_ENV: Mapping[str, str] = {
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_EDITOR": ":",
    "GIT_SEQUENCE_EDITOR": ":",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_ALLOW_PROTOCOL": "",
    "GIT_PROTOCOL_FROM_USER": "0",
    "GIT_OPTIONAL_LOCKS": "0",  # read commands never rewrite the index
    "LC_ALL": "C",  # git's messages are matched below (and quoted to the user) in English
}

#: Environment variables that would let git start a program whatever the config says.
_DROPPED_ENV = ("GIT_EXTERNAL_DIFF",)

#: Global options given to every git command.
SAFE_FLAGS: tuple[str, ...] = ("--no-pager", "--no-replace-objects")
#: Options given to every ``diff`` and ``log``.
DIFF_FLAGS: tuple[str, ...] = ("--no-ext-diff", "--no-textconv")

#: Seconds after which a git command (other than the history log) is abandoned.
TIMEOUT = 60.0


class GitError(LintError):
    """git refused or failed; the message is git's own (and a fix when one is known)."""


def safe_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with the safe settings and overrides."""
    env = {k: v for k, v in (os.environ if base is None else base).items() if k not in _DROPPED_ENV}
    env.update(SAFE_ENV)
    try:
        start = max(0, int(env.get("GIT_CONFIG_COUNT", "0")))
    except ValueError:
        start = 0
    for offset, (key, value) in enumerate(CONFIG_OVERRIDES):
        env[f"GIT_CONFIG_KEY_{start + offset}"] = key
        env[f"GIT_CONFIG_VALUE_{start + offset}"] = value
    env["GIT_CONFIG_COUNT"] = str(start + len(CONFIG_OVERRIDES))
    return env


def git_argv(*args: str) -> list[str]:
    """The full command line for ``git ARGS`` (the same overrides again as ``-c`` options)."""
    config = [item for key, value in CONFIG_OVERRIDES for item in ("-c", f"{key}={value}")]
    return ["git", *SAFE_FLAGS, *config, *args]


def _message(stderr: bytes | str) -> str:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines) if lines else "no message"


def _refusal(root: Path, stderr: str) -> GitError:
    message = _message(stderr)
    if "safe.directory" in message or "dubious ownership" in message:
        return GitError(
            f"{root}: git refuses to read this repository: {message.split(' To add')[0]} "
            f"(another user owns it). If you trust it, run: "
            f"git config --global --add safe.directory {root}"
        )
    return GitError(f"{root}: git cannot read this repository: {message}")


def _exec(
    cwd: Path, args: Sequence[str], stdin: bytes | None = None, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            git_argv(*args), cwd=cwd, env=safe_env(), input=stdin, capture_output=True, check=False, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"{cwd}: `git {args[0]}` took more than {timeout:.0f} s") from None
    except OSError as exc:
        raise GitError(f"git could not be started: {exc}") from None


def run(
    cwd: Path, *args: str, ok: Sequence[int] = (0,), stdin: bytes | None = None, timeout: float = TIMEOUT
) -> tuple[int, bytes]:
    """Run ``git ARGS`` in ``cwd``; (exit code, stdout). Raises GitError for codes not in ``ok``."""
    proc = _exec(cwd, args, stdin, timeout)
    if proc.returncode not in ok:
        raise _refusal(cwd, proc.stderr.decode("utf-8", "replace"))
    return proc.returncode, proc.stdout


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


#: git's words for "this folder is not in a work tree" (then the folder is walked).
_NOT_IN_GIT = ("not a git repository", "must be run in a work tree")


@dataclass(frozen=True)
class RepoState:
    """A work tree and its HEAD, as one ``git rev-parse`` reports them (``probe``)."""

    #: The work tree root, as git prints it (not resolved).
    root: Path
    #: HEAD's commit; None before the first commit.
    head: str | None
    #: Whether HEAD names a commit rather than a branch.
    detached: bool
    #: Whether the clone is shallow.
    shallow: bool
    #: The index file git reads there (``$GIT_DIR/index``; None: not asked).
    index: Path | None = None


#: One ``rev-parse`` for the work tree root, shallowness, the index file, HEAD's commit and the ref
#: HEAD points at (``HEAD`` itself when detached). It fails before the first commit or when HEAD is
#: damaged; the separate calls then say which. The final ``--`` keeps git from taking either
#: ``HEAD`` for a file.
_STATE_ARGS = (
    "rev-parse",
    "--show-toplevel",
    "--is-shallow-repository",
    "--git-path",
    "index",
    "HEAD^{commit}",
    "--symbolic-full-name",
    "HEAD",
    "--",
)
_HEX = frozenset("0123456789abcdef")


def _parse_state(stdout: bytes, start: Path) -> RepoState | None:
    """``_STATE_ARGS``'s output (``ROOT LF SHALLOW LF INDEX LF COMMIT LF REF LF -- LF``, the index
    relative to ``start``), or None when it is not that shape. The root comes first and may hold
    line breaks: the fixed lines are counted from the end."""
    lines = _text(stdout).split("\n")
    if len(lines) < 7 or lines[-1] or lines[-2] != "--" or lines[-6] not in ("true", "false"):
        return None
    index, commit, ref = lines[-5], lines[-4], lines[-3]
    if len(commit) not in (40, 64) or not _HEX.issuperset(commit) or not ref or not index:
        return None
    return RepoState(
        root=Path("\n".join(lines[:-6])),
        head=commit,
        detached=ref == "HEAD",
        shallow=lines[-6] == "true",
        index=start / index,
    )


def probe(path: Path) -> RepoState | None:
    """The work tree holding ``path`` and its HEAD; None when ``path`` is not in git (or git is
    missing). One ``git rev-parse`` in the usual case (a branch or a detached HEAD with a commit).

    Raises GitError when git refuses the repository (``safe.directory``), its HEAD commit cannot
    be read (a corrupt repository is not an empty one) or its work tree is elsewhere.
    """
    start = path if path.is_dir() else path.parent
    try:
        proc = _exec(start, _STATE_ARGS)
    except GitError:  # git is not installed: the folder is walked
        return None
    state = _parse_state(proc.stdout, start) if proc.returncode == 0 else None
    if state is None:
        if not proc.stdout.strip() and any(text in proc.stderr.decode("utf-8", "replace") for text in _NOT_IN_GIT):
            return None
        return _probe_apart(start)
    _check_holds(state.root, start)
    return state


def _probe_apart(start: Path) -> RepoState | None:
    """``probe`` by separate calls, when the single one fails: git's own message then says why
    (refusal, a damaged HEAD), and an unborn branch is told from a missing commit."""
    try:
        proc = _exec(
            start, ("rev-parse", "--show-toplevel", "--is-shallow-repository", "--verify", "-q", "HEAD^{commit}")
        )
    except GitError:
        return None
    stderr = proc.stderr.decode("utf-8", "replace")
    lines = _text(proc.stdout).split("\n")[:-1]  # ROOT LF SHALLOW LF, then COMMIT LF when found
    fixed = 2 if proc.returncode == 0 else 1
    if proc.returncode not in (0, 1) or len(lines) <= fixed:
        if not stderr.strip() or any(text in stderr for text in _NOT_IN_GIT):
            return None
        raise _refusal(start.resolve(), stderr)
    root = Path("\n".join(lines[:-fixed]))
    _check_holds(root, start)
    commit = lines[-1] if proc.returncode == 0 else head(root)  # head() raises for a damaged HEAD
    return RepoState(root=root, head=commit, detached=is_detached(root), shallow=lines[-fixed] == "true")


def toplevel(path: Path) -> Path | None:
    """The work tree root holding ``path``; None when ``path`` is not in git (or git is missing).

    Raises GitError as ``probe`` does.
    """
    state = probe(path)
    return None if state is None else state.root


def _check_holds(root: Path, start: Path) -> None:
    if not _holds(root, start):
        # `core.worktree` (or GIT_WORK_TREE) in the checked repository's config can point git at any
        # folder; the linter reads only the tree that holds the path it was given.
        raise GitError(
            f"{start.resolve()}: the repository's work tree is set to {root}, which does "
            "not hold this folder (core.worktree); refusing to read outside it"
        )


def _holds(root: Path, start: Path) -> bool:
    try:
        start.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def head(root: Path) -> str | None:
    """HEAD's commit; None before the first commit. Raises GitError when HEAD cannot be read."""
    code, out = run(root, "rev-parse", "--verify", "-q", "HEAD", ok=(0, 1))
    if code == 1:
        return None  # an unborn branch
    code, commit = run(root, "rev-parse", "--verify", "-q", "HEAD^{commit}", ok=(0, 1))
    if code == 0:
        return _text(commit).strip()
    detail = _exec(root, ("log", "-1", "--format=%H", "HEAD")).stderr
    raise GitError(
        f"{root}: HEAD names commit {_text(out).strip()}, which git cannot read "
        f"({_message(detail)}): the repository is damaged"
    )


def ls_files(root: Path) -> tuple[str, ...]:
    """Paths in git's index (what the next commit holds), NUL-separated so odd names survive,
    read in chunks (the whole listing is never held as one text)."""
    raw = _streamed(root, ("ls-files", "-z", "--cached"), _split_paths)
    # Unmerged paths appear once per stage, one after the other (the index is sorted by path, then
    # stage): keep the first occurrence only, when a path follows itself.
    if any(map(eq, raw, islice(raw, 1, None))):
        return tuple(dict.fromkeys(raw))
    return tuple(raw)


def _split_paths(chunks: Iterable[bytes]) -> list[str]:
    paths: list[str] = []
    rest = b""
    for chunk in chunks:
        data = rest + chunk if rest else chunk
        end = data.rfind(b"\0")
        if end < 0:
            rest = data
            continue
        rest = data[end + 1 :]
        paths += _text(data[:end]).split("\0")
    return paths


@dataclass(frozen=True)
class StagedListing:
    """``ls_files`` with what the index says of each path's staged blob (``ls_files_known``)."""

    files: tuple[str, ...]
    #: Paths whose stage-0 blob id is not one of the known ids (None: no path's is).
    unknown: frozenset[str] | None
    #: The known ids some path has.
    seen: frozenset[str]
    #: Length of the index's hex object ids (40: SHA-1, 64: SHA-256; 0 for an empty index).
    id_length: int
    #: The paths of ``unknown`` as (position in ``files``, staged blob id) pairs, in order; None
    #: when the index has unmerged paths or more than ``PENDING_MAX`` paths are not known.
    pending: tuple[tuple[int, str], ...] | None = None


#: Most paths not known clean whose positions and ids a listing keeps (``StagedListing.pending``):
#: a first run on a big repository does not hold every id twice.
PENDING_MAX = 200_000


#: Bytes of ``ls-files`` output handled at a time (the whole listing is never held as one text).
_CHUNK = 1 << 20
#: Where a record's object id starts (after ``TAG SP MODE SP``), and the tag of a skip-worktree path.
_ID_AT = 9
_SKIP_WORKTREE = "S"
#: A record whose tag is not ``H`` (cached): ``S`` (skip-worktree) or ``M`` (unmerged, stages 1-3).
#: A block of records with none is handled by list operations alone.
_ODD_TAG = lazy_re("\x00[^H]")


#: Most bytes of a git process's error output kept for its message (the rest is read and dropped).
_MAX_STDERR = 64 * 1024


@dataclass(frozen=True)
class _Watch:
    """A git process under a watchdog; ``expired`` is set when the watchdog killed it, and its
    error output is drained as it comes (so git never blocks on it) into ``_errors``."""

    proc: subprocess.Popen[bytes]
    expired: threading.Event
    _errors: list[bytes]
    _drain: threading.Thread

    def stderr(self) -> str:
        """git's error output (its first ``_MAX_STDERR`` bytes), once git has ended."""
        self._drain.join()
        return b"".join(self._errors).decode("utf-8", "replace")


def _drained(stream: IO[bytes], into: list[bytes]) -> threading.Thread:
    def drain() -> None:
        kept = 0
        for chunk in iter(lambda: stream.read(1 << 14), b""):
            if kept < _MAX_STDERR:
                into.append(chunk[: _MAX_STDERR - kept])
                kept += len(chunk)

    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    return thread


@contextlib.contextmanager
def _watched(root: Path, argv: list[str], timeout: float, *, stdin: int) -> Iterator[_Watch]:
    """git run as ``argv`` in ``root`` with the safe environment, its output piped, killed by a
    watchdog after ``timeout`` seconds; on leaving, a git still running is killed and reaped."""
    try:
        proc = subprocess.Popen(
            argv, cwd=root, env=safe_env(), stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as exc:
        raise GitError(f"git could not be started: {exc}") from None
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        proc.kill()

    timer = threading.Timer(timeout, expire)
    timer.daemon = True
    timer.start()
    assert proc.stderr is not None
    errors: list[bytes] = []
    try:
        yield _Watch(proc, expired, errors, _drained(proc.stderr, errors))
    finally:
        timer.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def ls_files_known(root: Path, known: AbstractSet[str]) -> StagedListing:
    """Paths in git's index (as ``ls_files``) and which of them stage a blob whose id is in ``known``.

    One ``git ls-files -t -s -z`` (records ``TAG SP MODE SP ID SP STAGE TAB PATH NUL``, at fixed
    offsets), read in chunks: the ids are compared as the records go by and never kept. A path
    with the skip-worktree tag ``S`` (left out of a sparse checkout) has no work-tree file to read:
    it counts as neither known nor unknown.
    """
    return _streamed(root, ("ls-files", "-t", "-s", "-z", "--cached"), lambda chunks: _parse_staged(chunks, known))


def _streamed(root: Path, args: Sequence[str], parse: Callable[[Iterator[bytes]], _T]) -> _T:
    """``parse`` of the output of ``git ARGS`` in ``root``, given as it comes in chunks of
    ``_CHUNK`` bytes, under the watchdog."""
    with _watched(root, git_argv(*args), TIMEOUT, stdin=subprocess.DEVNULL) as watch:
        stdout = watch.proc.stdout
        assert stdout is not None
        result = parse(iter(lambda: stdout.read(_CHUNK), b""))
        code = watch.proc.wait()
    if code != 0:
        if code < 0:
            raise GitError(f"{root}: `git {args[0]}` took more than {TIMEOUT:.0f} s")
        raise _refusal(root, watch.stderr())
    return result


def _parse_staged(chunks: Iterable[bytes], known: AbstractSet[str]) -> StagedListing:
    files: list[str] = []
    unknown: list[str] = []
    places: list[int] | None = []
    ids_out: list[str] = []
    seen: set[str] = set()
    rest = b""
    id_end = cut = stage_at = 0
    unmerged = False
    for chunk in chunks:
        data = rest + chunk if rest else chunk
        end = data.rfind(b"\0")
        if end <= 0:
            rest = data
            continue
        rest = data[end + 1 :]
        text = _text(data[:end])
        if not cut:
            id_end = text.index(" ", _ID_AT)  # after TAG SP MODE SP ID: 40 hex digits, or 64 (SHA-256)
            stage_at, cut = id_end + 1, id_end + 3
        records = text.split("\0")
        paths = list(map(itemgetter(slice(cut, None)), records))
        at = len(files)
        files += paths
        if places is not None and len(unknown) > PENDING_MAX:
            places = None
            ids_out.clear()
        if text[0] == "H" and _ODD_TAG.search(text) is None:  # every path staged (stage 0), none skipped
            if known:
                ids = list(map(itemgetter(slice(_ID_AT, id_end)), records))
                hits = list(map(known.__contains__, ids))
                seen.update(compress(ids, hits))
                misses = list(map(not_, hits))
                unknown += compress(paths, misses)
                if places is not None:
                    places += compress(range(at, at + len(paths)), misses)
                    ids_out += compress(ids, misses)
            else:
                unknown += paths
                if places is not None:
                    places += range(at, at + len(paths))
                    ids_out += map(itemgetter(slice(_ID_AT, id_end)), records)
            continue
        for place, (record, path) in enumerate(zip(records, paths), at):
            blob = record[_ID_AT:id_end]
            staged = record[stage_at] == "0"
            unmerged = unmerged or not staged
            if staged and blob in known:
                seen.add(blob)
            elif record[0] != _SKIP_WORKTREE:
                unknown.append(path)
                if places is not None:
                    places.append(place)
                    ids_out.append(blob)
    listed = tuple(dict.fromkeys(files)) if unmerged else tuple(files)
    keep = places is not None and not unmerged and len(unknown) <= PENDING_MAX
    return StagedListing(
        files=listed,
        unknown=None if len(unknown) == len(files) else frozenset(unknown),
        seen=frozenset(seen),
        id_length=id_end - _ID_AT if cut else 0,
        pending=tuple(zip(places, ids_out)) if keep and places is not None else None,
    )


#: Closing bytes of an index file taken as its stamp: its checksum (20 bytes with SHA-1, 32 with
#: SHA-256), which git computes over everything before it.
_STAMP_BYTES = 32


def index_stamp(index: Path) -> str | None:
    """A stamp of the index file ``index``: its size and closing checksum, so an equal stamp means
    the same index, byte for byte, and the same listing. None when the file cannot be read, is not
    a regular file, or carries no checksum (``index.skipHash`` writes zeros)."""
    try:
        fd = os.open(index, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size < 12 + _STAMP_BYTES:
            return None
        tail = os.pread(fd, _STAMP_BYTES, info.st_size - _STAMP_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(tail) != _STAMP_BYTES or not tail[-20:].strip(b"\0"):
        return None
    return f"{info.st_size}-{tail.hex()}"


def ls_tree(root: Path, commit: str) -> tuple[str, ...]:
    """Every file path in ``commit``'s tree."""
    _code, out = run(root, "ls-tree", "-r", "-z", "--name-only", "--end-of-options", commit)
    return tuple(path for path in _text(out).split("\0") if path)


def is_shallow(root: Path) -> bool:
    _code, out = run(root, "rev-parse", "--is-shallow-repository")
    return _text(out).strip() == "true"


def is_detached(root: Path) -> bool:
    code, _out = run(root, "symbolic-ref", "-q", "HEAD", ok=(0, 1))
    return code == 1


def commit_of(root: Path, ref: str) -> str | None:
    """The commit ``ref`` names, or None when it names none."""
    code, out = run(root, "rev-parse", "--verify", "-q", "--end-of-options", f"{ref}^{{commit}}", ok=(0, 1, 128))
    return _text(out).strip() if code == 0 and out.strip() else None


def merge_base(root: Path, first: str, second: str) -> str | None:
    code, out = run(root, "merge-base", "--end-of-options", first, second, ok=(0, 1))
    return _text(out).strip() if code == 0 and out.strip() else None


def diff(root: Path, *args: str) -> str:
    """``git diff ARGS`` between trees, or the index and a tree (never the working tree)."""
    _code, out = run(root, "diff", *DIFF_FLAGS, "--no-renames", *args)
    return _text(out)


def commit_days(root: Path, specs: Sequence[str], max_commits: int) -> tuple[str, ...]:
    """Committer dates (``YYYY-MM-DD``, newest first) of the newest ``max_commits`` commits from
    HEAD that touch the pathspecs ``specs`` (all commits when empty); () before the first commit."""
    if head(root) is None:
        return ()
    _code, out = run(
        root, "log", *DIFF_FLAGS, "--no-renames", "--format=%cI", f"--max-count={max_commits}", "HEAD", "--", *specs
    )
    return tuple(line[:10] for line in _text(out).splitlines() if line)


def stream_log(
    root: Path, args: Sequence[str], *, timeout: float, on_chunk: Callable[[bytes], None] | None = None
) -> str:
    """Run ``git log ARGS`` streaming its output; killed after ``timeout`` seconds."""
    chunks: list[bytes] = []
    argv = git_argv("log", *DIFF_FLAGS, *args)
    with _watched(root, argv, timeout, stdin=subprocess.DEVNULL) as watch:
        proc = watch.proc
        assert proc.stdout is not None
        while True:
            chunk = proc.stdout.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            if on_chunk is not None:
                on_chunk(chunk)
        code = proc.wait()
    if code != 0:
        if code < 0:
            raise GitError(f"{root}: `git log` took more than {timeout:.0f} s")
        raise GitError(_message(watch.stderr()))
    return b"".join(chunks).decode("utf-8", "replace")


def read_blobs(root: Path, specs: Sequence[str], max_bytes: int) -> dict[str, bytes | None]:
    """The content of each ``rev:path`` blob, or None when missing, not a blob or over
    ``max_bytes``: sizes are asked first, so no big blob is read.

    One ``git cat-file --batch-command`` (git 2.36 and later) answers ``info`` for every blob,
    then ``contents`` for the small ones; with an older git, or when it fails, ``--batch-check``
    then ``--batch`` (whose errors are git's own)."""
    if not specs:
        return {}
    if any("\n" in s or "\r" in s for s in specs):
        raise GitError("an object name holds a line break")
    found = _read_blobs_together(root, specs, max_bytes)
    return _read_blobs_apart(root, specs, max_bytes) if found is None else found


def _small(specs: Sequence[str], infos: Sequence[str], max_bytes: int) -> tuple[dict[str, bytes | None], list[str]]:
    """From each spec's ``info`` line (``ID TYPE SIZE``, or ``SPEC missing``...): every spec (b""
    for a small blob, to be read; None otherwise) and the ids of the small blobs, in order."""
    found: dict[str, bytes | None] = dict.fromkeys(specs)
    small: list[str] = []
    for spec, line in zip(specs, infos):
        parts = line.split()
        if found[spec] is not None:
            continue  # a spec asked twice is read once
        if len(parts) == 3 and parts[1] == "blob" and parts[2].isdigit() and int(parts[2]) <= max_bytes:
            small.append(parts[0])  # by object id: the size just checked is the size read
            found[spec] = b""
    return found, small


def _filled(found: dict[str, bytes | None], contents: Sequence[bytes]) -> dict[str, bytes | None]:
    blobs = iter(contents)
    return {spec: (next(blobs) if value is not None else None) for spec, value in found.items()}


def _read_blobs_apart(root: Path, specs: Sequence[str], max_bytes: int) -> dict[str, bytes | None]:
    """``read_blobs`` with two processes, ``cat-file --batch-check`` then ``--batch``."""
    _code, out = run(
        root, "cat-file", "--batch-check", stdin="".join(f"{s}\n" for s in specs).encode("utf-8", "surrogateescape")
    )
    found, small = _small(specs, _text(out).splitlines(), max_bytes)
    if not small:
        return found
    _code, data = run(root, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in small).encode())
    contents: list[bytes] = []
    pos = 0
    for _sha in small:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        size = int(header[2])
        contents.append(data[end + 1 : end + 1 + size])
        pos = end + 1 + size + 1
    return _filled(found, contents)


def _feed(pipe: IO[bytes], data: bytes, *, close: bool) -> threading.Thread:
    """Write ``data`` to ``pipe`` from a thread (git answers while it reads: writing and reading
    from one thread could leave both waiting on a full pipe)."""

    def write() -> None:
        try:
            pipe.write(data)
            pipe.flush()
            if close:
                pipe.close()
        except (OSError, ValueError):
            pass  # git ended early: its exit code says why

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def _read_blobs_together(root: Path, specs: Sequence[str], max_bytes: int) -> dict[str, bytes | None] | None:
    """``read_blobs`` with one ``cat-file --batch-command``; None when git cannot (older than 2.36)
    or fails (then the two-process way runs and reports git's message)."""
    argv = git_argv("cat-file", "--batch-command", "--buffer")
    with _watched(root, argv, TIMEOUT, stdin=subprocess.PIPE) as watch:
        proc = watch.proc
        writers: list[threading.Thread] = []
        found = _converse(proc, specs, max_bytes, writers)
        if found is None and proc.poll() is None:
            proc.kill()  # odd answers, or git still writing: nothing more is read from it
        for writer in writers:
            writer.join()  # done, or ended by the broken pipe
        assert proc.stdin is not None
        with contextlib.suppress(OSError):
            proc.stdin.close()
        code = proc.wait()
    if watch.expired.is_set():
        raise GitError(f"{root}: `git cat-file` took more than {TIMEOUT:.0f} s")
    return found if code == 0 else None


def _converse(
    proc: subprocess.Popen[bytes], specs: Sequence[str], max_bytes: int, writers: list[threading.Thread]
) -> dict[str, bytes | None] | None:
    """``info`` for every spec, then ``contents`` for the blobs at most ``max_bytes`` long (never a
    bigger one); None when git's answers are not of the expected shape. The threads writing to git
    are added to ``writers`` (the caller waits for them once git is done or killed)."""
    stdin, stdout = proc.stdin, proc.stdout
    assert stdin is not None and stdout is not None
    asked = "".join(f"info {s}\n" for s in specs).encode("utf-8", "surrogateescape")
    writers.append(_feed(stdin, asked + b"flush\n", close=False))
    infos = [stdout.readline() for _spec in specs]
    if not infos[-1].endswith(b"\n"):
        return None  # git stopped early (an old git does not know --batch-command)
    writers[-1].join()  # git answered every line: it has read them all
    found, small = _small(specs, [_text(line) for line in infos], max_bytes)
    writers.append(_feed(stdin, "".join(f"contents {sha}\n" for sha in small).encode(), close=True))
    contents: list[bytes] = []
    for sha in small:
        header = stdout.readline().split()
        if len(header) != 3 or header[0] != sha.encode() or not header[2].isdigit():
            return None
        size = int(header[2])
        if size > max_bytes:  # the size checked is the size read: never read a bigger blob
            return None
        data = stdout.read(size + 1)
        if len(data) != size + 1 or data[-1:] != b"\n":
            return None
        contents.append(data[:-1])
    return _filled(found, contents)
