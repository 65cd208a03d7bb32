"""The one reader of files the linter opens: bounded, never leaving its root, regular files only.

``read_bounded`` is used for every file read from the filesystem: ``project.toml``, policies named
by ``extends`` (in the repository or in an installed package), ``--config`` and evidence (through
``Reader``). It walks the path one folder at a time with ``O_NOFOLLOW`` below the root, opens the
file with ``O_NONBLOCK`` (a FIFO can never block) and checks the opened descriptor is a regular
file before reading at most ``limit + 1`` bytes.
"""

from __future__ import annotations

import codecs
import errno
import os
import posixpath
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from pocmvp_lint.lazyre import lazy_re

#: Default cap on bytes read from any one file.
DEFAULT_LIMIT = 512 * 1024
#: Bytes inspected to decide whether a file is binary.
SNIFF_BYTES = 1024
#: YAML bigger than this is not parsed (regex fallbacks still see its text).
YAML_LIMIT = 256 * 1024
#: More ``[``/``{`` than this and a YAML file is not parsed (deep-nesting stress files).
MAX_FLOW_OPENERS = 2_000
#: Budget of nodes any walk over parsed YAML may visit (guards against alias bombs).
NODE_BUDGET = 20_000


#: Byte-order marks of UTF-16 text (Windows PowerShell's ``>`` writes ``pip freeze`` output so).
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(data: bytes) -> str | None:
    """A file's text: UTF-16 when a byte-order mark opens it, else UTF-8 (undecodable bytes
    replaced); None for binary data (a NUL byte in its head)."""
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", "replace")
    if b"\0" in data[:SNIFF_BYTES]:
        return None
    return data.decode("utf-8", "replace")


def utf8(data: bytes) -> bytes:
    """``data`` as UTF-8 bytes: UTF-16 text re-encoded, anything else as it is."""
    return data.decode("utf-16", "replace").encode("utf-8") if data.startswith(UTF16_BOMS) else data


#: Why a read was refused (the text follows the file's name in messages).
OUTSIDE = "is a symlink to a path outside the repository; refusing to read it"
NOT_REGULAR = "is not a regular file"
SYMLINK = "is a symlink; refusing to read it"

_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FILE_FLAGS = (
    os.O_RDONLY
    | _NOFOLLOW
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


class ReadRefused(Exception):
    """The file exists but is not something the linter reads (see the constants above)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def contained(rel: str) -> str | None:
    """``rel`` (a relative POSIX path) normalised, or None when it is absolute or climbs out."""
    if not rel or "\0" in rel or rel.startswith("/"):
        return None
    normal = posixpath.normpath(rel)
    if normal == ".." or normal.startswith("../") or normal == ".":
        return None
    return normal


def read_bounded(root: Path, rel: str, limit: int, *, follow_inside: bool = True, resolved: bool = False) -> bytes:
    """At most ``limit + 1`` bytes of the regular file ``root/rel``.

    ``rel`` must be relative and stay below ``root``. With ``follow_inside`` a symlink is followed
    only when its real target stays below ``root``'s real path; otherwise any symlink is refused.
    ``resolved`` says ``root`` is a real path already (no symlink in it): a caller reading many
    files resolves it once. Raises ``ReadRefused`` (outside, symlink, not a regular file) or
    ``OSError`` (missing, ...).
    """
    normal = contained(rel)
    if normal is None:
        raise ReadRefused(OUTSIDE)
    real_root = os.fspath(root) if resolved else os.path.realpath(root)
    if follow_inside:
        real = os.path.realpath(os.path.join(real_root, normal))
        inner = os.path.relpath(real, real_root)
        if inner == ".." or inner.startswith(".." + os.sep) or os.path.isabs(inner):
            raise ReadRefused(OUTSIDE)
        parts = [p for p in inner.split(os.sep) if p not in ("", ".")]
    else:
        parts = normal.split("/")
    if not parts:
        raise ReadRefused(NOT_REGULAR)
    if os.open not in os.supports_dir_fd:  # pragma: no cover - platforms without openat
        return _read_plain(os.path.join(real_root, *parts), limit)
    folder = os.open(real_root, _DIR_FLAGS)
    try:
        for name in parts[:-1]:
            folder = _step(folder, name)
        try:
            fd = os.open(parts[-1], _FILE_FLAGS, dir_fd=folder)
        except OSError as exc:
            raise _why(exc, folder, parts[-1]) from None
    finally:
        os.close(folder)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ReadRefused(NOT_REGULAR)
        return _read_at_most(handle.fileno(), limit + 1)


def _step(folder: int, name: str) -> int:
    """Open the sub-folder ``name`` of the open folder ``folder`` (closing it), never following."""
    try:
        inner = os.open(name, _DIR_FLAGS | _NOFOLLOW, dir_fd=folder)
    except OSError as exc:
        error = _why(exc, folder, name)
        os.close(folder)
        raise error from None
    os.close(folder)
    return inner


def _why(exc: OSError, folder: int, name: str) -> Exception:
    """Turn a refused ``O_NOFOLLOW`` open into the reason a user understands."""
    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
        try:
            mode = os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode
        except OSError:
            return exc
        return ReadRefused(SYMLINK if stat.S_ISLNK(mode) else NOT_REGULAR)
    return exc


def _read_at_most(fd: int, count: int) -> bytes:
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = os.read(fd, min(left, 65536))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read_plain(full: str, limit: int) -> bytes:  # pragma: no cover - platforms without openat
    st = os.lstat(full)
    if stat.S_ISLNK(st.st_mode):
        raise ReadRefused(SYMLINK)
    if not stat.S_ISREG(st.st_mode):
        raise ReadRefused(NOT_REGULAR)
    fd = os.open(full, _FILE_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ReadRefused(NOT_REGULAR)
        return _read_at_most(fd, limit + 1)
    finally:
        os.close(fd)


@dataclass
class Reader:
    """Reads files below ``root`` with a size cap; symlinks, folders, binaries and errors give None.

    The cache lives on the instance: one reader per run, no module state.
    """

    root: Path
    limit: int = DEFAULT_LIMIT
    _text: dict[str, str | None] = field(default_factory=dict, repr=False)
    _yaml: dict[str, tuple[Any, ...] | None] = field(default_factory=dict, repr=False)

    def text(self, path: str) -> str | None:
        """The text of ``path`` (repository-relative), at most ``limit`` bytes, or None."""
        if path in self._text:
            return self._text[path]
        result = self._read(path)
        self._text[path] = result
        return result

    def _read(self, path: str) -> str | None:
        try:  # evidence never follows a symlink, even one that stays inside the tree
            data = read_bounded(self._real_root, path, self.limit, follow_inside=False, resolved=True)[: self.limit]
        except (ReadRefused, OSError, ValueError):
            return None
        return decode_text(data)

    def prefetch(self, paths: Sequence[str]) -> None:
        """Read ``paths`` ahead in one batch (``heads``: a folder opened once for all its files),
        as ``text`` would read each: a detector about to read many files calls this first."""
        wanted = sorted({p for p in paths if p not in self._text})
        if len(wanted) < 2:
            return
        found = dict(self.heads(wanted, self.limit))
        for path in wanted:
            data = found.get(path)
            if data is None:
                # not a readable regular file for the batch read: ``text`` decides as always
                continue
            data = data[: self.limit]
            self._text[path] = decode_text(data)

    @cached_property
    def _real_root(self) -> Path:
        """``root`` resolved once (each read then walks from it without following symlinks)."""
        return Path(os.path.realpath(self.root))

    def heads(self, paths: list[str], limit: int) -> Iterator[tuple[str, bytes]]:
        """``(path, at most limit + 1 bytes)`` for each regular file of sorted ``paths``, in
        order (``iter_heads``: the bulk read of scans over every file); unreadable ones skipped."""
        return iter_heads(self._real_root, paths, limit, resolved=True)

    def touched(self) -> frozenset[str]:
        """The paths this reader may see otherwise than as they are today (none here)."""
        return frozenset()

    def as_today(self, path: str) -> bool:
        """Whether this reader sees ``path`` as it is today (a base reader does not, for the
        files a change touches): results computed from today's content can be reused."""
        return True

    def yaml_documents(self, path: str) -> tuple[Any, ...] | None:
        """All YAML documents of ``path`` parsed safely, or None when absent, too big or malformed."""
        if path in self._yaml:
            return self._yaml[path]
        text = self.text(path)
        docs: tuple[Any, ...] | None = None
        if text is not None and len(text) <= YAML_LIMIT:
            docs = parse_yaml(text)
        self._yaml[path] = docs
        return docs


def parse_yaml(text: str, *, tagged: bool = False) -> tuple[Any, ...] | None:
    """Parse YAML with the safe (C when available) loader; hostile or malformed input gives None.

    ``tagged`` reads a node under an application tag (GitLab's ``!reference [.setup, script]``) as
    its plain value instead of failing the whole file."""
    import yaml  # imported lazily: only runs that open YAML pay for it

    loader: Any = _tag_tolerant_loader() if tagged else getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if text.count("*") > 0 and _alias_count(text) > 100:
        return None  # alias-heavy documents are a bomb risk and never a real CI file
    if text.count("[") + text.count("{") > MAX_FLOW_OPENERS:
        return None  # thousands of nested flow collections: a parser stress test, not config
    try:
        return tuple(yaml.load_all(text, Loader=loader))
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None
    except Exception:
        return None


@cache
def _tag_tolerant_loader() -> Any:
    """The safe loader, with every unknown ``!tag`` read as the plain scalar, list or mapping it tags."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class TagTolerantLoader(base):  # type: ignore[misc]
        pass

    def untagged(loader: Any, _suffix: str, node: Any) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return loader.construct_scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node, deep=True)
        return loader.construct_mapping(node, deep=True)

    TagTolerantLoader.add_multi_constructor("!", untagged)
    return TagTolerantLoader


#: A YAML alias (``*name``), counted before parsing.
_ALIAS = lazy_re(r"(?:^|[\s\[{,:-])\*[A-Za-z0-9_.-]+")


def _alias_count(text: str) -> int:
    return len(_ALIAS.findall(text))


def iter_nodes(obj: Any, budget: int = NODE_BUDGET) -> Any:
    """Yield every node of a parsed document depth-first, at most ``budget`` of them."""
    stack = [obj]
    seen = 0
    while stack and seen < budget:
        node = stack.pop()
        seen += 1
        yield node
        if isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))


def iter_heads(root: Path, paths: list[str], limit: int, *, resolved: bool = False) -> Iterator[tuple[str, bytes]]:
    """``(path, at most limit + 1 bytes)`` for each regular file of ``paths`` below ``root``.

    The batch form of ``read_bounded(..., follow_inside=False)`` for scans over every file: each
    folder is opened once (``O_NOFOLLOW``, one component at a time) and kept open while the next
    paths share it, so a sorted listing costs about one ``open`` per file. Symlinks (file or
    folder), paths that climb out, non-regular files and unreadable files are skipped silently.
    ``resolved``: ``root`` is a real path already (a reader's, resolved once per run).
    """
    if os.open not in os.supports_dir_fd:  # pragma: no cover - platforms without openat
        for path in paths:
            try:
                yield path, read_bounded(root, path, limit, follow_inside=False)
            except (ReadRefused, OSError, ValueError):
                continue
        return
    stack: list[tuple[str, int]] = [("", os.open(root if resolved else os.path.realpath(root), _DIR_FLAGS))]
    try:
        for path in paths:
            slash = path.rfind("/")
            name = path[slash + 1 :]
            if name in _NOT_NAMES or "\0" in name:
                continue
            if slash < 0:
                folder: int | None = stack[0][1]
            elif len(stack) > 1 and stack[-1][0] == path[:slash]:
                folder = stack[-1][1]  # the same folder as the previous file (checked when opened)
            elif _plain(path):
                folder = _descend(stack, path[:slash].split("/"))
            else:
                continue
            if folder is None:
                continue
            try:
                fd = os.open(name, _FILE_FLAGS, dir_fd=folder)
            except OSError:
                continue
            try:
                info = os.fstat(fd)
                if stat.S_ISREG(info.st_mode):
                    # A small file in one read (a short read of a regular file is its end).
                    small = info.st_size < 65536
                    yield path, os.read(fd, min(limit, info.st_size) + 1) if small else _read_at_most(fd, limit + 1)
            except OSError:
                continue
            finally:
                os.close(fd)
    finally:
        for _name, fd in stack:
            os.close(fd)


#: File names never opened (a path ending in "/", or in a "." or ".." part).
_NOT_NAMES = frozenset({"", ".", ".."})


def _plain(path: str) -> bool:
    """A relative path without empty, ``.`` or ``..`` parts (what ``contained`` keeps unchanged)."""
    if not path or "\0" in path or path.startswith("/") or path.endswith("/") or "//" in path:
        return False
    wrapped = "/" + path + "/"
    return "/./" not in wrapped and "/../" not in wrapped


def _descend(stack: list[tuple[str, int]], folders: list[str]) -> int | None:
    """The open descriptor of ``folders`` (below the root at ``stack[0]``), reusing the open prefix.

    ``stack`` holds (folder path, descriptor) from the root down; entries past the common prefix
    are closed, the missing ones opened without following symlinks. None when one cannot be.
    """
    keep = 1
    while keep < len(stack) and keep - 1 < len(folders) and stack[keep][0] == "/".join(folders[:keep]):
        keep += 1
    while len(stack) > keep:
        os.close(stack.pop()[1])
    for depth in range(keep - 1, len(folders)):
        try:
            fd = os.open(folders[depth], _DIR_FLAGS | _NOFOLLOW, dir_fd=stack[-1][1])
        except OSError:
            return None
        stack.append(("/".join(folders[: depth + 1]), fd))
    return stack[-1][1]
