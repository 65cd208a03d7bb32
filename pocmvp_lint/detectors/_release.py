"""Release commands, and the repository files that run them by hand: release scripts, ``package.json``
release scripts, Makefile/Justfile/Taskfile release targets and fastlane lanes.

A file only counts by what it runs: a tag that is created and pushed, a release tool, or a package
publish. Lines that only print text (``echo "then git push"``) run nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pocmvp_lint.detectors._ci import (
    fastlane_lanes_of,
    join_continuations,
    make_recipe,
    rule_head,
    script_text_lines,
)
from pocmvp_lint.detectors._util import (
    as_dict,
    as_str_list,
    basename,
    dirname,
    is_auxiliary,
    line_of_fragment,
    line_of_key,
    lines_of,
    names_containing,
    names_starting,
    package_scripts,
    paths_of,
    split_commands,
    yaml_mappings,
)
from pocmvp_lint.detectors.ci import INSTALL_RE
from pocmvp_lint.detectors.ci_deploy import DRY_RUN_RE, NP_RE, deploy_command, short_command
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re

#: Release tools run as commands (a ``cargo release`` without ``--execute`` is cargo-release's dry run).
RELEASE_COMMAND_RE = lazy_re(
    r"""(?x)
       \bsemantic-release\b | \b(?:gh|glab)\s+release\s+create\b | \brelease-cli\s+create\b
     | \bgoreleaser\s+release\b | \bchangeset\s+(?:version|publish)\b
     | \b(?:git\.io/goreleaser|goreleaser\.com/static/run)\b[^\n|]*\|\s*(?:ba)?sh\b
     | \bmvnw?\b(?:(?!\bmvnw?\b)[^\n])*release:prepare | \brelease-it\b | \blerna\s+(?:version|publish)\b
     | (?:^|[\s;&|(])cz\s+(?:[^\s;&|]+\s+){0,4}bump\b
     | \bcargo\s+release\b(?:(?!\bcargo\s+release\b)[^\n])*\s(?:--execute|-x)\b
     | \b(?:standard-version|commit-and-tag-version|bumpp)\b
     | \brelease-plz\s+release\b | \bnx\s+release\b | \bauto\s+shipit\b | \bknope\s+release\b
     | \btbump\s+(?!init\b|current-version\b|-h\b|--help\b|--version\b)[^\s;&|]
     | \bbump-my-version\s+bump\b | \b(?:dart|flutter)\s+pub\s+publish\b
     | \bbump2?version\s+(?:--\S+\s+){0,4}(?:major|minor|patch|release|build|pre\w*)\b
     | \brake\s+release\b(?![:\w-])
     | \bjreleaser\s+(?:full-release|release|publish|deploy)\b | \bjreleaser(?:FullRelease|Release|Publish|Deploy)\b
     | \bjreleaser:(?:full-release|release|publish|deploy)\b
     | \belectron-builder\b(?:(?!\belectron-builder\b)[^\n])*(?:--publish|(?<!\S)-p)[=\s]+["']?(?:always|onTag)
     | \belectron-builder\s+publish\b | \belectron-forge\s+publish\b
    """
)
#: A forge's API address that creates a release: GitLab's (``$CI_API_V4_URL/projects/$CI_PROJECT_ID/releases``),
#: GitHub's (``api.github.com/repos/OWNER/REPO/releases``), Gitea's and Forgejo's (``/api/v1/repos/...``);
#: not a release's own address (``/releases/latest``, ``/releases/42/assets``).
_RELEASES_API_RE = lazy_re(r"/(?:projects/[^\s/\"']+|repos/[^\s/\"']+/[^\s/\"']+)/releases(?![\w/-])")
#: An HTTP client call that sends data (a GET only reads the releases).
_HTTP_CLIENT_RE = lazy_re(r"(?:^|[\s($`])(curl|wget|https?)(?=[ \t])")
_HTTP_WRITE_RE = lazy_re(
    r"(?:-X|--request|--method)[ \t=]*['\"]?POST\b"
    r"|[ \t](?:--data(?:-[\w-]+)?|-d|--form|-F|--json|--post-data)(?:[ \t=]|$)"
)
#: Package publishes (a registry upload of the project's own package).
PACKAGE_PUBLISH_RE = lazy_re(
    r"""(?x)
       \b(?:npm|pnpm|bun)\s+publish\b | \byarn\s+(?:npm\s+)?publish\b | \bchangeset\s+publish\b
     | \b(?:vsce|ovsx)\s+publish\b | \btwine\s+upload\b | \b(?:poetry|flit|hatch|uv|pdm|rye)\s+publish\b
     | \bgem\s+push\b | \bcargo\s+publish\b | \bnuget\s+push\b | \b(?:dart|flutter)\s+pub\s+publish\b
     | \bmix\s+hex\.publish\b | \bpod\s+trunk\s+push\b
     | \brake\s+release\b(?![:\w-])
     | \bjreleaser\s+(?:full-release|publish|deploy)\b | \bjreleaser(?:FullRelease|Publish|Deploy)\b
     | \bjreleaser:(?:full-release|publish|deploy)\b
     | \bmvnw?\b(?:(?!\bmvnw?\b)[^\n])*\bdeploy\b | \bgradlew?\b(?:(?!\bgradlew?\b)[^\n])*\bpublish\w*\b
    """
)
#: A ``git tag`` that creates a tag (not ``-d``, ``-l``, ``-n``, ``-v`` or a listing option).
_GIT_TAG_CREATE_RE = lazy_re(
    r"\bgit\s+tag\s+(?!-[dlnv]|--(?:list|delete|contains|no-contains|points-at|sort|merged|no-merged|verify"
    r"|format|column)\b)[^\s|;&)>`]"
)
#: A package manager's version bump, which commits and tags the new version (npm and pnpm do unless
#: told ``--no-git-tag-version``; ``yarn version`` of Yarn 1 does too).
_VERSION_TAG_RE = lazy_re(
    r"\b(?:npm|pnpm|yarn)\s+version\s+(?!--no-git-tag-version\b)(?:major|minor|patch|pre\w*|from-git|\d|--\w)"
)
_GIT_PUSH_RE = lazy_re(r"\bgit\s+push\b")
#: Commands that only print text.
_SAYS_RE = lazy_re(
    r"(?:echo|printf|print|puts|say|Write-Host|Write-Output|console\.(?:log|info|warn|error)"
    r"|log(?:ger|ging)?\.\w+)\b"
)
#: Make's recipe prefixes (``@`` silent, ``-`` ignore errors, ``+`` always run).
_MAKE_PREFIXES = "@-+ \t"

#: Build-file targets named for a release (also ``release-*``/``publish-*``).
RELEASE_TARGETS: tuple[str, ...] = ("release", "publish", "tag", "bump", "upload")
_TARGET_PREFIXES = ("release-", "release_", "publish-", "publish_")
#: Most targets of one build file judged.
MAX_TARGETS = 12
#: ``package.json`` scripts judged as release scripts: these names and ``<name>:*``, ``<name>-*``
#: and ``<name>_*`` (``publish-patch``).
RELEASE_SCRIPT_NAMES: tuple[str, ...] = ("release", "publish")
_SCRIPT_NAME_PARTS_RE = lazy_re(r"[:_-]")

#: Script extensions read as release scripts; a file without one counts when it starts with ``#!``.
SCRIPT_EXTS = (".sh", ".bash", ".mjs", ".cjs", ".js", ".ts", ".py", ".rb", ".ps1")
#: Folders holding the scripts someone runs by hand (besides ``release*`` scripts anywhere shallow).
SCRIPT_FOLDERS: tuple[str, ...] = ("", "scripts", "script", "bin", "tools", "ci", ".github/scripts")
_HAND_NAME_RE = lazy_re(r"(?:tag|bump)(?:[._-]|$)")
#: Most release-named scripts read.
MAX_RELEASE_SCRIPTS = 20
#: Longest argument list read (characters).
MAX_ARGUMENT_LIST = 600
_ARGUMENT_LIST_RE = lazy_re(r"\[[^\[\]]*\]")
_QUOTED_RE = lazy_re(r"""[fFrRbBuU]{0,2}(?:"([^"]*)"|'([^']*)'|`([^`]*)`)""")
_PROGRAM_ARG_RE = lazy_re(r"""["'`]([\w.@/-]{1,60})["'`][ \t]*,[ \t]*\Z""")
_WORD_RE = lazy_re(r"[a-z]+")
#: Programs a script may keep in a variable (``gh = shutil.which("gh")``, ``get_gh_bin()``).
PROGRAM_WORDS: frozenset[str] = frozenset(
    {"gh", "glab", "git", "npm", "pnpm", "yarn", "npx", "cargo", "twine", "gem", "poetry", "uv", "dotnet"}
)
_LIST_SCRIPT_EXTS = (".py", ".js", ".mjs", ".cjs", ".ts", ".rb")

#: The tag pair that marks a release lane.
_ADD_TAG_RE = lazy_re(r"^[ \t]*add_git_tag\b", re.MULTILINE)
_PUSH_TAGS_RE = lazy_re(r"^[ \t]*push_git_tags\b", re.MULTILINE)


@dataclass(frozen=True)
class Found:
    """Release machinery in one repository file: where, and what it does."""

    path: str
    line: int | None
    detail: str


# ---- commands ------------------------------------------------------------------------------


def _parts(line: str) -> list[str]:
    """The commands of one shell line, minus those that only print text."""
    out = []
    for part in split_commands(line, ("&&", ";", "||")):
        bare = part.lstrip(_MAKE_PREFIXES)
        if bare and not _SAYS_RE.match(bare):
            out.append(bare)
    return out


def release_command(line: str) -> str | None:
    """The release tool ``line`` runs (not an install, not a dry run), or the call to a forge's
    API that creates a release; else None."""
    for part in _parts(line):
        match = RELEASE_COMMAND_RE.search(part)
        if match is not None and not INSTALL_RE.search(part) and not DRY_RUN_RE.search(part):
            return short_command(match.group(0))
        api = _release_api_call(part)
        if api is not None:
            return api
    return None


def _release_api_call(part: str) -> str | None:
    """``curl -X POST .../projects/$CI_PROJECT_ID/releases``: a release created through the forge's API."""
    client = _HTTP_CLIENT_RE.search(part)
    if client is None:
        return None
    address = _RELEASES_API_RE.search(part)
    if address is None or _HTTP_WRITE_RE.search(part) is None:
        return None
    return f"{client.group(1)} POST …{address.group(0)}"


def package_publish(part: str) -> str | None:
    """The package publish (or ``np``) that one command runs, or None."""
    match = PACKAGE_PUBLISH_RE.search(part)
    if match is not None and not DRY_RUN_RE.search(part):
        return match.group(0).strip()
    if NP_RE.match(part.strip()):
        return part.strip()
    return None


#: What ``release_reason`` says of lines that create a git tag and push.
TAGS_AND_PUSHES = "tags and pushes a version"


def tag_and_push(lines: Iterable[str]) -> str | None:
    """The line of ``lines`` that creates a git tag, when they also push (a version cut by hand)."""
    return _tag_and_push([(line, part) for line in lines for part in _parts(line)])


def _tag_and_push(parts: list[tuple[str, str]]) -> str | None:
    tag = next((line for line, part in parts if _GIT_TAG_CREATE_RE.search(part) or _tagging_version_bump(part)), None)
    return tag if tag is not None and any(_GIT_PUSH_RE.search(part) for _, part in parts) else None


def _tagging_version_bump(part: str) -> bool:
    """``npm version patch``: a version bump that commits and tags (not with ``--no-git-tag-version``)."""
    return _VERSION_TAG_RE.search(part) is not None and "--no-git-tag-version" not in part


def release_reason(lines: Iterable[str], *, deploys: bool = False) -> tuple[str, str] | None:
    """(the line, what it does) when ``lines`` create and push a tag, run a release tool or publish a
    package (or, with ``deploys``, any deploy or publish command)."""
    parts = [(line, part) for line in lines for part in _parts(line)]
    tag = _tag_and_push(parts)
    if tag is not None:
        return tag, TAGS_AND_PUSHES
    for line, part in parts:
        what = release_command(part) or package_publish(part) or (deploy_command(part) if deploys else None)
        if what is not None:
            return line, f"runs `{what}`"
    return None


# ---- scripts -------------------------------------------------------------------------------


def _module(inv: Inventory, path: str) -> bool:
    """Whether ``path`` is a module of the program rather than a script someone runs: a file of a
    Python package (an ``__init__.py`` beside it) or of a ``src/`` or ``lib/`` tree (a tool that
    names release commands in its code, ``mytool/release.py``, releases nothing)."""
    folder = dirname(path)
    if path.endswith(".py") and inv.exists(f"{folder}/__init__.py" if folder else "__init__.py"):
        return True
    return path.split("/", 1)[0] in ("src", "lib") and "/" in path


def _script_candidates(inv: Inventory) -> list[tuple[str, bool]]:
    """(path, named for a release) of the scripts to read: ``release*`` scripts (anywhere shallow),
    and ``publish``/``tag``/``bump`` scripts and extensionless ``release`` executables in the
    root, a scripts folder or a package's own folder (beside its ``setup.py`` or ``package.json``)."""
    out: list[tuple[str, bool]] = []
    names = names_containing(inv, "release", "release") + names_containing(inv, "publish", "publish")
    names += names_starting(inv, "tag-bump", ("tag", "bump"))
    for path in paths_of(inv, sorted(set(names))):
        name = basename(path).lower()
        if is_auxiliary(path) or path.count("/") > 3 or _module(inv, path):
            continue
        if "release" in name and name.endswith(SCRIPT_EXTS):
            out.append((path, True))
            continue
        if dirname(path).lower() not in SCRIPT_FOLDERS and not _package_folder(inv, dirname(path)):
            continue
        if "release" not in name and "publish" not in name and not _HAND_NAME_RE.match(name):
            continue
        if name.endswith(SCRIPT_EXTS) or ("." not in name and (inv.text(path) or "").startswith("#!")):
            out.append((path, "release" in name))
    return sorted(out, key=lambda c: (c[0].count("/"), c[0]))[:MAX_RELEASE_SCRIPTS]


#: Manifests of a package someone publishes by hand with a script beside them.
_PACKAGE_MANIFESTS = ("setup.py", "pyproject.toml", "package.json", "Cargo.toml")


def _package_folder(inv: Inventory, folder: str) -> bool:
    """Whether ``folder`` holds a package's manifest (``applications/setup.py``)."""
    return any(inv.exists(f"{folder}/{name}" if folder else name) for name in _PACKAGE_MANIFESTS)


def release_scripts(inv: Inventory) -> Iterator[Found]:
    """Versioned release scripts: scripts named for a release that tag and push, or publish."""
    for path, release_named in _script_candidates(inv):
        text = inv.text(path) or ""
        lines = script_text_lines(text)
        lists = dict(argument_lines(text)) if path.endswith(_LIST_SCRIPT_EXTS) else {}
        reason = release_reason(lines + list(lists), deploys=release_named)
        if reason is None:
            continue
        line, what = reason
        if what == TAGS_AND_PUSHES:
            detail = "versioned release script (tags and pushes a version)"
        else:
            detail = f"release script {what}"
        yield Found(path, lists[line] if line in lists else line_of_fragment(text, line), detail)
        return


def argument_lines(text: str) -> list[tuple[str, int]]:
    """(command line, line of the list) for the commands a script passes as argument lists:
    ``["gh", "release", "create", tag]`` reads ``gh release create ARG``, ``execa('npm', ['publish'])``
    reads ``npm publish``. A variable first item named for a program (``get_gh_bin()``) reads as it."""
    out: list[tuple[str, int]] = []
    for number, match in lines_of(text, ((m.start(), m) for m in _ARGUMENT_LIST_RE.finditer(text))):
        body = match.group(0)[1:-1]
        if len(body) > MAX_ARGUMENT_LIST:
            continue
        before = _PROGRAM_ARG_RE.search(text, max(0, match.start() - 80), match.start())
        words = [before.group(1)] if before is not None else []
        quoted = 0
        for index, item in enumerate(i.strip() for i in body.split(",")):
            if not item:
                continue
            literal = _QUOTED_RE.fullmatch(item)
            if literal is not None:
                quoted += 1
                words.append(next(g for g in literal.groups() if g is not None))
            else:
                words.append(_program_word(item) if index == 0 and not words else "ARG")
        if quoted and len(words) > 1:
            out.append((" ".join(words), number))
    return out


def _program_word(item: str) -> str:
    return next((w for w in _WORD_RE.findall(item.lower()) if w in PROGRAM_WORDS), "ARG")


# ---- package.json scripts ------------------------------------------------------------------


def package_release_scripts(inv: Inventory) -> Iterator[Found]:
    """``release``/``publish`` scripts of the root ``package.json`` that publish or run a release tool."""
    if not inv.exists("package.json"):
        return
    for name, body in package_scripts(inv, "package.json").items():
        if _SCRIPT_NAME_PARTS_RE.split(name, maxsplit=1)[0] not in RELEASE_SCRIPT_NAMES:
            continue
        for part in _parts(body):
            what = release_command(part) or package_publish(part)
            if what is not None:
                text = inv.text("package.json") or ""
                at = text.find('"scripts"')
                line = line_of_fragment(text[at:], f'"{name}"') if at >= 0 else None
                line = line + text.count("\n", 0, at) if line is not None else None
                yield Found("package.json", line, f"package.json script '{name}' runs `{what}`")
                return


# ---- build-file targets --------------------------------------------------------------------


def _release_target(name: str) -> bool:
    low = name.lower()
    return low in RELEASE_TARGETS or low.startswith(_TARGET_PREFIXES)


def release_targets(inv: Inventory) -> Iterator[Found]:
    """Root Makefile, Justfile and Taskfile targets named for a release that tag and push, or publish."""
    for path in inv.named("Makefile", "GNUmakefile", "makefile"):
        if not dirname(path):
            yield from _first(_make_targets(path, inv.text(path) or ""))
    for path in inv.named("justfile", ".justfile"):
        if not dirname(path):
            yield from _first(_just_targets(path, inv.text(path) or ""))
    for path in inv.named("Taskfile.yml", "Taskfile.yaml"):
        if not dirname(path):
            yield from _first(_task_targets(inv, path))


def _first(found: Iterator[Found]) -> Iterator[Found]:
    hit = next(found, None)
    if hit is not None:
        yield hit


def _make_targets(path: str, text: str) -> Iterator[Found]:
    judged = 0
    for number, line in enumerate(text.splitlines(), 1):
        head = None if line.startswith("\t") else rule_head(line)
        for name in head[0].split() if head is not None else ():
            if not _release_target(name) or judged >= MAX_TARGETS:
                continue
            judged += 1
            reason = release_reason(_joined(make_recipe(text, name) or []))
            if reason is not None:
                yield Found(path, number, f"Makefile target '{name}' {reason[1]}")


def _just_targets(path: str, text: str) -> Iterator[Found]:
    lines = join_continuations(text).splitlines()
    judged = 0
    for index, line in enumerate(lines):
        name = _just_recipe_name(line)
        if name is None or not _release_target(name) or judged >= MAX_TARGETS:
            continue
        judged += 1
        body: list[str] = []
        for inner in lines[index + 1 :]:
            if inner.strip() and not inner[:1].isspace():
                break
            if inner.strip() and not inner.strip().startswith("#"):
                body.append(inner.strip())
        reason = release_reason(body)
        if reason is not None:
            yield Found(path, line_of_fragment(text, line), f"just recipe '{name}' {reason[1]}")


_JUST_NAME_RE = lazy_re(r"[A-Za-z_][\w-]*")


def _just_recipe_name(line: str) -> str | None:
    """The recipe a Justfile line opens (``name arg='x': deps``), or None (``x := y``, a body line)."""
    if not line or line[0].isspace() or line.startswith(("#", "[")):
        return None
    head, colon, rest = line.partition(":")
    words = head.split()
    if not colon or rest.startswith("=") or not words:
        return None
    name = words[0].lstrip("@")
    return name if _JUST_NAME_RE.fullmatch(name) and words[0] not in ("set", "alias", "export") else None


def _task_targets(inv: Inventory, path: str) -> Iterator[Found]:
    text = inv.text(path) or ""
    for doc in yaml_mappings(inv, path):
        for index, (name, body) in enumerate(as_dict(doc.get("tasks")).items()):
            if index >= 200 or not _release_target(str(name)):
                continue
            cmds = body if isinstance(body, (str, list)) else as_dict(body).get("cmds")
            lines = as_str_list(cmds)
            for cmd in cmds if isinstance(cmds, list) else ():
                lines += as_str_list(as_dict(cmd).get("cmd"))
            reason = release_reason(_joined(lines))
            if reason is not None:
                yield Found(path, line_of_key(text, str(name)), f"task '{name}' {reason[1]}")


def _joined(lines: list[str]) -> list[str]:
    """Lines with backslash continuations joined."""
    return join_continuations("\n".join(lines)).splitlines()


# ---- fastlane ------------------------------------------------------------------------------


def fastlane_lanes(inv: Inventory) -> Iterator[Found]:
    """fastlane lanes that upload to a store, or add and push a git tag (the first of each Fastfile)."""
    done: set[str] = set()
    for lane in fastlane_lanes_of(inv):
        if lane.path in done:
            continue
        if lane.upload:
            what = f"runs `{lane.upload}`"
        elif _ADD_TAG_RE.search(lane.body) and _PUSH_TAGS_RE.search(lane.body):
            what = "adds and pushes a git tag"
        else:
            continue
        done.add(lane.path)
        yield Found(lane.path, lane.line, f"fastlane lane '{lane.name}' {what}")
