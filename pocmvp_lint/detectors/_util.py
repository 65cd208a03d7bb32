"""Small helpers shared by the detectors: line numbers, parsed files, path conventions."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from pocmvp_lint.catalogue import TEST_FOLDERS, is_auxiliary_folder
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.inventory.reader import iter_nodes
from pocmvp_lint.lazyre import LazyPattern, lazy_re

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python < 3.11
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

_T = TypeVar("_T")
_TEMPLATE_NAME_RE = lazy_re(r"(?:^|[._-])(?:template|tmpl|tpl)(?:[._-]|$)", re.IGNORECASE)


def is_auxiliary(path: str) -> bool:
    """True for paths under test, fixture, example, docs or template folders (§1.2 down-weighted).
    Below ``src/main/java`` (Kotlin, Scala, Groovy) folders are package names: Spring Initializr's
    ``com/example/demo`` is the application itself."""
    parts = path.split("/")[:-1]
    return any(is_auxiliary_folder(part) for part in parts[: _package_start(parts)])


#: Auxiliary folder names that are also ordinary names for a project's own code: a service called
#: ``Documentation``, a Python package called ``template``.
_DOC_OR_TEMPLATE_FOLDERS = frozenset({"doc", "docs", "documentation", "template", "templates"})
#: Files that make the folder holding them a code project or package of its own.
#: Gradle's build scripts (Groovy and Kotlin).
GRADLE_SCRIPTS = ("build.gradle", "build.gradle.kts")
#: Spring Boot's settings files (``application.properties``, ``application-prod.yml``, ``bootstrap.yml``).
SPRING_SETTINGS_RE = lazy_re(r"^(?:application|bootstrap)(?:-[\w-]+)?\.(?:properties|ya?ml)$")
#: A Cloudflare Worker's configuration, in each of wrangler's formats.
WRANGLER_CONFIGS = ("wrangler.toml", "wrangler.json", "wrangler.jsonc")
#: Cloudflare's typed configuration of a Workers project, which the ``cf`` CLI and Wrangler read.
CLOUDFLARE_CONFIGS = ("cloudflare.config.ts", "cloudflare.config.mts", "cloudflare.config.js", "cloudflare.config.mjs")
#: PM2's process files (``ecosystem.config.js``, the JSON form too): its ``deploy`` section and its
#: ``env_production`` block.
PM2_ECOSYSTEMS = (
    "ecosystem.config.js",
    "ecosystem.config.cjs",
    "ecosystem.config.mjs",
    "ecosystem.config.json",
    "ecosystem.json",
    "pm2.config.js",
)


def sbt_dependency_file(path: str) -> bool:
    """Whether ``path`` is an sbt build's list of dependencies: a ``Dependencies.scala`` in the
    build's ``project/`` folder (sbt's documented convention), not a class of the application."""
    folder = path.lower().rsplit("/", 2)
    return len(folder) >= 2 and folder[-2] == "project" and folder[-1] == "dependencies.scala"


_PROJECT_FILES = ("__init__.py", "go.mod", "Cargo.toml", "pom.xml", *GRADLE_SCRIPTS, "mix.exs")
_PROJECT_EXTS = ("csproj", "fsproj", "vbproj")


def is_auxiliary_code(inv: Inventory, path: str) -> bool:
    """``is_auxiliary`` for program source: a docs or template folder is still the project's code when
    it sits below a ``src`` folder, or when it (or a folder between it and the file) holds a project
    file (``__init__.py``, a ``*.csproj``, ``go.mod``, ...); a docs site's ``package.json`` does not
    count, a documentation site is not the application. Below ``src/main/java`` (and Kotlin, Scala,
    Groovy) folders are package names (``com/example/demo``)."""
    parts = path.split("/")[:-1]
    packages = _package_start(parts)
    for index, part in enumerate(parts):
        if index >= packages:
            break
        if not is_auxiliary_folder(part):
            continue
        if part.lower() not in _DOC_OR_TEMPLATE_FOLDERS:
            return True
        if any(p.lower() == "src" for p in parts[:index]):
            continue
        if not _holds_project_file(inv, parts[: index + 1], parts[index + 1 :]):
            return True
    return False


#: Languages of a Maven/Gradle source set (``src/main/java``): the folders below are package names.
_JVM_SOURCE_SETS = frozenset({"java", "kotlin", "scala", "groovy"})


def _package_start(parts: list[str]) -> int:
    """Index of the first package folder below ``src/main/<language>/`` (``com/example/demo`` is
    Spring Initializr's package, not an example or a demo), or past the end."""
    for index in range(2, len(parts)):
        if parts[index].lower() in _JVM_SOURCE_SETS and parts[index - 1] == "main" and parts[index - 2] == "src":
            return index + 1
    return len(parts)


def _holds_project_file(inv: Inventory, head: list[str], below: list[str]) -> bool:
    folders = ["/".join(head + below[:n]) for n in range(len(below) + 1)]
    if any(inv.exists(f"{folder}/{name}") for folder in folders for name in _PROJECT_FILES):
        return True
    project_folders = inv.memo(
        "folders:dotnet-projects", lambda: frozenset(dirname(p) for p in inv.with_ext(*_PROJECT_EXTS))
    )
    return any(folder in project_folders for folder in folders)


def in_test_dir(path: str) -> bool:
    """True for paths below a ``test``/``tests``/``spec``/``__tests__`` folder."""
    return any(part.lower() in TEST_FOLDERS for part in path.split("/")[:-1])


def is_template_name(path: str) -> bool:
    """True when the base name has a ``template``/``tmpl``/``tpl`` part."""
    return _TEMPLATE_NAME_RE.search(basename(path)) is not None


#: JavaScript's and TypeScript's source extensions (modules, JSX, ES and CommonJS variants).
JS_EXTENSIONS: frozenset[str] = frozenset({"js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts"})


def basename(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def dirname(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def depth(path: str) -> int:
    """Number of folders above the file (0 at the project root)."""
    return path.count("/")


def line_at(text: str, index: int) -> int:
    """1-based line number of character ``index`` in ``text``."""
    return text.count("\n", 0, max(index, 0)) + 1


def lines_of(text: str, items: Iterable[tuple[int, _T]]) -> Iterator[tuple[int, _T]]:
    """(1-based line, item) for ``(offset, item)`` pairs in increasing offset order: the lines are
    counted as the offsets go, so many items in a big file cost one pass, not one pass each."""
    line, counted = 1, 0
    for at, item in items:
        line += text.count("\n", counted, at)
        counted = at
        yield line, item


def first_line(text: str, pattern: re.Pattern[str] | LazyPattern) -> int | None:
    """1-based line of the first match of ``pattern`` in ``text``, or None."""
    match = pattern.search(text)
    return None if match is None else line_at(text, match.start())


def line_of_fragment(text: str, fragment: str) -> int | None:
    """Line where ``fragment`` (its first non-blank line) appears in ``text``, or None.

    A value YAML folded from several lines (``>``, a wrapped plain scalar) is not in the file as
    parsed: its longest leading run of words that is (at least 12 characters, or all of a shorter
    value) gives the line where it starts."""
    for piece in fragment.splitlines():
        piece = piece.strip()
        if not piece:
            continue
        index = text.find(piece)
        if index >= 0:
            return line_at(text, index)
        words = piece.split()
        low, high = 0, len(words) - 1  # a prefix of a found prefix is found: bisect the word count
        while low < high:
            mid = (low + high + 1) // 2
            if " ".join(words[:mid]) in text:
                low = mid
            else:
                high = mid - 1
        prefix = " ".join(words[:low])
        if low and len(prefix) >= min(12, len(piece)):
            return line_at(text, text.find(prefix))
        return None
    return None


def line_of_key(text: str, key: str) -> int | None:
    """Line of the first ``key:`` mapping entry in YAML-ish ``text``."""
    pattern = re.compile(r"^[ \t-]*[\"']?" + re.escape(key) + r"[\"']?\s*:", re.MULTILINE)
    return first_line(text, pattern)


def line_of_key_under(text: str, parent: str, key: str) -> int | None:
    """Line of the ``key:`` entry inside the block of a ``parent:`` entry of YAML-ish ``text`` (a
    compose service's ``healthcheck``), else of the first ``key:`` anywhere (a block written
    through an anchor)."""
    return line_of_key_in_block(text, parent, key) or line_of_key(text, key)


def line_of_key_in_block(text: str, parent: str, key: str) -> int | None:
    """Line of the ``key:`` entry inside the block of the first ``parent:`` entry of YAML-ish
    ``text`` that has one; None when none has."""
    head = re.compile(r"^([ \t]*)[\"']?" + re.escape(parent) + r"[\"']?[ \t]*:")
    entry = re.compile(r"^[ \t]*[\"']?" + re.escape(key) + r"[\"']?[ \t]*:")
    lines = text.split("\n")
    for index, line in enumerate(lines):
        found = head.match(line)
        if found is None:
            continue
        indent = len(found.group(1))
        for number, inner in enumerate(lines[index + 1 :], start=index + 2):
            body = inner.strip()
            if not body or body.startswith("#"):
                continue
            if len(inner) - len(inner.lstrip()) <= indent:
                break  # the block ended
            if entry.match(inner):
                return number
    return None


#: A Dockerfile stage's ``FROM`` line, its flags (``--platform=...``) skipped: group 1 the image,
#: group 2 the stage's name (``AS test``) when it has one.
DOCKERFILE_STAGE_RE = lazy_re(
    r"^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(\S+)(?:[ \t]+AS[ \t]+(\S+))?", re.IGNORECASE | re.MULTILINE
)


def code_lines(text: str, comment: str) -> str:
    """``text`` with its whole-line comments (lines starting with ``comment``) blanked; line
    numbers are kept, counted by "\\n" as ``first_line`` and ``line_at`` count them."""
    return "\n".join("" if line.lstrip().startswith(comment) else line for line in text.split("\n"))


def on_comment_line(text: str, at: int, comment: str = "#") -> bool:
    """Whether offset ``at`` of ``text`` sits after ``comment`` on a line that starts with it."""
    return text[text.rfind("\n", 0, at) + 1 : at].lstrip().startswith(comment)


def meaningful(text: str, comment: str = "#") -> bool:
    """True when ``text`` has at least one line that is neither blank nor a comment."""
    return any(line.strip() and not line.lstrip().startswith(comment) for line in text.splitlines())


def yaml_docs(inv: Inventory, path: str) -> tuple[Any, ...]:
    """The parsed YAML documents of ``path`` (empty when unparseable)."""
    docs = inv.yaml(path)
    return docs if docs else ()


def yaml_mappings(inv: Inventory, path: str) -> Iterator[dict[Any, Any]]:
    """The mapping documents of a YAML file."""
    for doc in yaml_docs(inv, path):
        if isinstance(doc, dict):
            yield doc


def walk(obj: Any) -> Iterator[Any]:
    """Budgeted depth-first walk over parsed data (alias bombs and deep nests stay bounded)."""
    return iter(iter_nodes(obj))


def walk_dicts(obj: Any) -> Iterator[dict[Any, Any]]:
    for node in walk(obj):
        if isinstance(node, dict):
            yield node


#: Files that make their folder a JavaScript workspace root (npm and Yarn use ``package.json``'s
#: ``workspaces`` instead).
JS_WORKSPACE_FILES = ("pnpm-workspace.yaml", "pnpm-workspace.yml", "lerna.json", "nx.json")


def declares_js_workspaces(inv: Inventory, folder: str = "") -> bool:
    """Whether ``folder`` ("" for the root) is a JavaScript workspace root: a pnpm workspace, Lerna
    or Nx, or a ``package.json`` with ``workspaces``."""
    prefix = folder + "/" if folder else ""
    if any(inv.exists(prefix + name) for name in JS_WORKSPACE_FILES):
        return True
    manifest = load_json(inv, prefix + "package.json") if inv.exists(prefix + "package.json") else None
    return isinstance(manifest, dict) and bool(manifest.get("workspaces"))


def load_json(inv: Inventory, path: str) -> Any:
    """Parsed JSON of ``path``, or None; parsed once per inventory (several detectors read
    ``package.json``). The result is shared: read it, never change it."""
    return inv.memo(f"json:{path}", lambda: _parsed_json(inv, path))


def _parsed_json(inv: Inventory, path: str) -> Any:
    text = inv.text(path)
    if not text or not text.strip():
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def load_toml(inv: Inventory, path: str) -> dict[str, Any] | None:
    """Parsed TOML of ``path``, or None; parsed once per inventory (several detectors read
    ``pyproject.toml``). The result is shared: read it, never change it."""
    return inv.memo(f"toml:{path}", lambda: _parsed_toml(inv, path))


def _parsed_toml(inv: Inventory, path: str) -> dict[str, Any] | None:
    text = inv.text(path)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def as_dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str_list(value: Any) -> list[str]:
    """A string or list of strings as a list (other values give an empty list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def package_scripts(inv: Inventory, path: str) -> dict[str, str]:
    """``scripts`` of a package.json (or composer.json), string values only."""
    data = load_json(inv, path)
    scripts = as_dict(data).get("scripts") if isinstance(data, dict) else None
    out: dict[str, str] = {}
    for key, value in as_dict(scripts).items():
        if isinstance(key, str):
            joined = " && ".join(as_str_list(value))
            if joined:
                out[key] = joined
    return out


def effective_roots(inv: Inventory) -> tuple[str, ...]:
    """The project root, plus its single top-level folder when every file lives inside one folder.

    Some repositories keep the whole project in one sub-folder (``app/...``): their README and
    LICENSE live there. Dot-files and dot-folders beside it (``.gitignore``, ``.vscode/``,
    ``.github/``) are an editor's or a CI system's, not a second project folder.
    """
    tops: set[str] = set()
    for path in inv.files:
        if path.startswith("."):
            continue
        if "/" not in path:
            return ("",)
        tops.add(path.split("/", 1)[0])
        if len(tops) > 1:
            return ("",)
    return ("", *tops) if len(tops) == 1 else ("",)


def at_roots(paths: Iterable[str], roots: tuple[str, ...], subdirs: tuple[str, ...] = ("",)) -> list[str]:
    """Paths that sit directly in one of ``roots`` (optionally in one of ``subdirs`` below it)."""
    allowed = set()
    for root in roots:
        for sub in subdirs:
            allowed.add("/".join(p for p in (root, sub) if p))
    return [p for p in paths if dirname(p).lower() in {a.lower() for a in allowed}]


def mapping_get(obj: Mapping[Any, Any], *keys: Any) -> Any:
    """First value present for any of ``keys`` (YAML 1.1 turns ``on:`` into ``True``)."""
    for key in keys:
        if key in obj:
            return obj[key]
    return None


# ---- name lookups, served by the classification pass (memoised per inventory) ---------------


def names_starting(inv: Inventory, key: str, prefixes: tuple[str, ...]) -> list[str]:
    """Distinct base names starting with one of ``prefixes`` (memoised under ``key``)."""
    return inv.memo("names:" + key, lambda: inv.names_starting(prefixes))


def names_containing(inv: Inventory, key: str, *needles: str) -> list[str]:
    """Distinct base names containing one of ``needles`` (memoised under ``key``), sorted."""
    return inv.memo("names:" + key, lambda: inv.names_containing(*needles))


def paths_of(inv: Inventory, names: list[str]) -> tuple[str, ...]:
    return inv.named(*names) if names else ()


#: Commands that only print their arguments (``echo "then run pytest"``, PowerShell's
#: ``Write-Host``): a program named there runs nothing.
PRINT_COMMANDS = frozenset({"echo", "printf", "print", "puts", "say", "write-host", "write-output"})
#: A logging helper's name (``rapids-logger``, ``gpuci_logger``, ``log_info``).
_LOGGER_RE = lazy_re(r"^[\w.-]*(?:logger|[-_]log)$|^log[-_]\w+$")


def prints_only(command: str) -> bool:
    """Whether one shell command (no ``&&`` or ``;``) only prints text: ``echo``, ``printf`` or a
    logging helper, not piped into another program (``echo "$TOKEN" | docker login`` runs one)."""
    words = command.split(None, 1)
    if not words or "|" in command:
        return False
    first = words[0].lower()
    return first in PRINT_COMMANDS or _LOGGER_RE.match(first) is not None


def split_commands(line: str, separators: tuple[str, ...]) -> list[str]:
    """``line`` split on shell ``separators`` (``&&``, ``;``), whitespace around each trimmed.

    Equivalent to ``re.split(r"\\s*(?:&&|;)\\s*", line)`` without its quadratic time on a long run
    of spaces (the leading ``\\s*`` is retried from every space)."""
    parts = re.split("|".join(re.escape(s) for s in separators), line)
    last = len(parts) - 1
    return [
        part.lstrip() if index else part
        for index, part in enumerate(p.rstrip() if i < last else p for i, p in enumerate(parts))
    ]
