"""Bounded, cached, never-following reads of repository files."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
        if path.startswith("/") or ".." in path.split("/"):
            return None  # listed paths are relative and never climb out of the tree
        full = os.path.join(self.root, path)
        try:
            st = os.lstat(full)
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(st.st_mode):  # symlinks, submodule folders, devices
            return None
        try:
            with open(full, "rb") as handle:
                data = handle.read(self.limit)
        except OSError:
            return None
        if b"\0" in data[:SNIFF_BYTES]:
            return None
        return data.decode("utf-8", "replace")

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


def parse_yaml(text: str) -> tuple[Any, ...] | None:
    """Parse YAML with the safe (C when available) loader; hostile or malformed input gives None."""
    import yaml  # imported lazily: only runs that open YAML pay for it

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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


def _alias_count(text: str) -> int:
    import re

    return len(re.findall(r"(?:^|[\s\[{,:-])\*[A-Za-z0-9_.-]+", text))


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
