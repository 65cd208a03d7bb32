"""Repository hygiene files: security policy, dependency updates, README, license, changelog, owners.

Governance files count only where the forges read them: the project root, ``.github/``, ``docs/``
(and ``.gitlab/``, ``.gitea/``, ``.bitbucket/`` for owners), as Scorecard and CLOMonitor do, so
vendored copies never count. A security.txt counts in any ``.well-known/`` folder the site serves
(``public/.well-known/``), changelog fragments in their tool's folder at the root.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pocmvp_lint.catalogue import SOURCE_EXTENSIONS
from pocmvp_lint.detectors._ci import command_line, pipelines
from pocmvp_lint.detectors._util import (
    as_dict,
    at_roots,
    basename,
    declares_js_workspaces,
    dirname,
    effective_roots,
    first_line,
    is_auxiliary,
    load_json,
    names_containing,
    names_starting,
)
from pocmvp_lint.detectors.lockfiles import detect_manifests
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.inventory.classify import extension
from pocmvp_lint.inventory.filters import default_excluded
from pocmvp_lint.lazyre import LazyPattern, lazy_re
from pocmvp_lint.model import Category

#: Changelog names that are ordinary words too, or rarer names for one: such a file is a changelog
#: when it has entries.
_WORDS_TOO = (
    "history",
    "news",
    "releases",
    "version-notes",
    "version_notes",
    "versionnotes",
    "whatsnew",
    "whats-new",
    "whats_new",
)
_CHANGELOG_STEMS = (
    "changelog",
    "change-log",
    "change_log",
    "changes",
    "release-notes",
    "release_notes",
    "releasenotes",
    *_WORDS_TOO,
)
_PREFIXES = (
    "readme",
    "license",
    "licence",
    "copying",
    "copyright",
    "unlicense",
    *_CHANGELOG_STEMS,
    "security",
    "codeowners",
    "patents",
)
#: A changelog entry: a line opening with a version (``## 1.2.0``, ``v2.1 (2024-01-02)``, ``- 0.3``,
#: ``Version 1.4``, an RST title ``1.2.0``) or a dated heading (``## 2024-05-01``).
_ENTRY_RE = lazy_re(
    r"(?im)^[ \t]*(?:#{1,6}[ \t]*|[-*+][ \t]+)?\[?(?:(?:version|release)[ \t]+)?v?\d+\.\d+(?:\.\d+)?\b"
    r"|^[ \t]*#{1,6}[ \t]*\[?\d{4}-\d{2}-\d{2}\b"
)
#: Program, settings, data and image files named like a governance document (``release-notes-tool.py``,
#: a Flask ``security.py``, a Go ``license.go``, ``licenses.json``, ``LICENSE-3rdparty.csv``) are none.
_NOT_DOC_EXTS = SOURCE_EXTENSIONS | {
    "sh",
    "bash",
    "ps1",
    "bat",
    "cmd",
    "json",
    "yml",
    "yaml",
    "toml",
    "cfg",
    "conf",
    "ini",
    "lock",
    "csv",
    "tsv",
    "xml",
    "properties",
    "svg",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "ico",
    "webp",
}
#: Where a changelog is read: the root, its docs (Sphinx's ``docs/source`` too).
_CHANGELOG_FOLDERS = ("", "docs", "doc", "docs/source", "doc/source")
#: A NEWS heading naming a release: GNU's ``* Noteworthy changes in release 9.4 (2023-08-29)``,
#: GNOME's ``Overview of changes in GLib 2.79.0``, CPython's ``What's New in Python 3.12.0?``, R's
#: ``# dplyr 1.1.0`` and ``# dplyr (development version)``.
_NEWS_HEADING_RE = lazy_re(
    r"(?im)^[ \t]{0,8}(?:[#*]{1,6}[ \t]+)?[^\n]{0,40}?\b(?:changes|new|release|version)[ \t]+(?:in[ \t]+)?"
    r"(?:[\w.+-]+[ \t]+)?v?\d+\.\d+"
    r"|^\#[ \t]+[a-z][\w.]*[ \t]+(?:v?\d+\.\d+[\w.-]*|\(development[ \t]+version\))[ \t]*$"
)
#: The first line of a Debian changelog: ``hello (2.10-1) unstable; urgency=low``.
_DEBIAN_ENTRY_RE = lazy_re(r"\A[a-z0-9][a-z0-9+.-]{0,100}[ \t]+\([^()\s]{1,100}\)[^;\n]{0,200};[ \t]*urgency=")
#: Change types of towncrier fragments (``123.feature.md``, ``+fix-login.bugfix``); the bare ones are
#: catalogue extensions.
_TOWNCRIER_TYPES = (
    "feature",
    "bugfix",
    "doc",
    "removal",
    "misc",
    "deprecation",
    "breaking",
    "added",
    "changed",
    "fixed",
    "removed",
    "trivial",
)
_TOWNCRIER_RE = lazy_re(
    r"^(?:\+[\w.-]*|[\w-]+)\.(?:feature|features|bugfix|bugfixes|fix|doc|docs|removal|misc|deprecation|breaking"
    r"|security|added|changed|deprecated|fixed|removed|trivial|improvement|enhancement|perf|internal|packaging"
    r"|process|vendor)(?:\.\d+)?"
    r"(?:\.(?:md|rst|txt))?$"
)
#: scriv fragments are named for the time they were made: ``20240101_120000_alice_fix.md``.
_SCRIV_RE = lazy_re(r"^\d{8}_\d{6}(?:_[\w.+-]+)?\.(?:md|rst)$")
_FRAGMENTS: dict[str, tuple[tuple[str, LazyPattern], ...]] = {
    "releasenotes/notes": (("reno", lazy_re(r"^[\w.-]+-[0-9a-f]{16}\.ya?ml$")),),
    "changelogs/fragments": (("antsibull-changelog", lazy_re(r"^[\w.+-]+\.ya?ml$")),),
    ".changelog": (("go-changelog", lazy_re(r"^\d+\.(?:txt|md)$")),),
    # named by three random words: ``.changeset/lemon-fireants-roll.md`` (not its README.md)
    ".changeset": (("changesets", lazy_re(r"^[a-z]+(?:-[a-z]+){1,4}\.md$")),),
    **{
        folder: (("towncrier", _TOWNCRIER_RE), ("scriv", _SCRIV_RE))
        for folder in ("changelog.d", "newsfragments", "news", "changes", "changelog", "changes/unreleased")
    },
}
#: The Maven Changes plugin's changelog, in its default place.
_MAVEN_CHANGES_FOLDER = "src/changes"
_MAVEN_CHANGES_NAME = "changes.xml"
#: A release of a Maven ``changes.xml``: ``<release version="1.2.0" date="..."``.
_MAVEN_RELEASE_RE = lazy_re(r"<release\s[^>]{0,300}?\bversion\s*=\s*[\"']\w")
#: Folders of release notes, one document per version (``docs/releases/1.2.rst``).
_RELEASE_NOTE_FOLDERS = frozenset(_CHANGELOG_STEMS) | {"changelogs"}
_VERSIONED_DOC_RE = lazy_re(r"(?i)^v?\d+\.\d+[\w.+-]*\.(?:md|markdown|rst|adoc|txt)$")
#: A version among the ``-``/``_``-separated words of a document's name (``app-v1.0.1.md``).
_VERSION_WORD_RE = lazy_re(r"(?i)(?<![\w.])v?\d+(?:\.\d+)+")
_NAME_WORD_SEPARATORS_RE = lazy_re(r"[-_]")


def _versioned_doc(name: str) -> bool:
    """A document named for one version: the version alone (``1.2.rst``, ``v2.0.0.md``) or as one
    word of its name (``release-1.2.md``, ``openocean-field-v1.0.1.md``)."""
    if _VERSIONED_DOC_RE.match(name):
        return True
    stem, dot, ext = name.rpartition(".")
    if not dot or ext.lower() not in ("md", "markdown", "rst", "adoc", "txt"):
        return False
    return any(_VERSION_WORD_RE.fullmatch(word) for word in _NAME_WORD_SEPARATORS_RE.split(stem))


#: A license file named for its license (``MIT-LICENCE``, ``apache-2.0_license.txt``).
_NAMED_LICENSE_RE = lazy_re(
    r"^([a-z0-9][a-z0-9.+]{0,19}(?:-[a-z0-9.+]{1,20}){0,2})[-_]licen[cs]e(?:\.(?:md|txt|rst))?$"
)
#: Base names of license files (licensee's: ``COPYRIGHT`` too), with a document extension or a suffix.
_LICENSE_STEMS = ("license", "licence", "copying", "copyright", "unlicense")
_NOT_OWN_LICENSE_WORDS = ("third", "3rd", "party", "vendor", "dep", "bundle", "external", "notice")
_DOC_EXTS = ("", ".md", ".markdown", ".rst", ".txt", ".adoc", ".asc", ".org", ".html", ".textile", ".rdoc")
_DEPENDENCY_BOTS: dict[str, str] = {
    ".github/dependabot.yml": "Dependabot",
    ".github/dependabot.yaml": "Dependabot",
    "renovate.json": "Renovate",
    "renovate.json5": "Renovate",
    "renovate.jsonc": "Renovate",
    ".github/renovate.json": "Renovate",
    ".github/renovate.json5": "Renovate",
    ".gitlab/renovate.json": "Renovate",
    ".gitlab/renovate.json5": "Renovate",
    ".renovaterc": "Renovate",
    ".renovaterc.json": "Renovate",
    ".renovaterc.json5": "Renovate",
    ".renovaterc.jsonc": "Renovate",
    ".gitea/renovate.json": "Renovate",
    ".gitea/renovate.json5": "Renovate",
    ".forgejo/renovate.json": "Renovate",
    ".forgejo/renovate.json5": "Renovate",
    ".scala-steward.conf": "Scala Steward",
    "scala-steward.conf": "Scala Steward",
    ".github/.scala-steward.conf": "Scala Steward",
    ".config/.scala-steward.conf": "Scala Steward",
    ".pyup.yml": "PyUp",
    ".depfu.yml": "Depfu",
}
#: A CI job running the Renovate CLI (a self-hosted runner, GitLab's renovate-runner), never only its
#: config validator (``renovate-config-validator``).
_RENOVATE_RUN_RE = lazy_re(
    r"^(?:npx\s+(?:(?:-y|--yes)\s+)?|pnpm\s+(?:dlx|exec)\s+|yarn\s+(?:dlx\s+)?)?renovate(?:@[\w.^~-]+)?(?:\s|$)"
    r"|^docker\s+run\b[^\n]{0,400}?[\s/]renovate/renovate(?:[:@][\w.:-]+)?(?:\s|$)"
)
_SECURITY_INSIGHTS = ("security-insights.yml", ".github/security-insights.yml")
#: A security policy says how to report a vulnerability (a page in docs/ may describe the product's
#: security model instead).
_POLICY_RE = lazy_re(
    r"(?i)vulnerabilit|\bdisclos|\bsecurity\s+(?:advisor|issue|bug|problem|contact|team|concern|flaw|hole|incident)"
    r"|\bsecurity@|\breport(?:s|ing)?\s+(?:\w+\s+){0,2}?security\b|\bbug\s+bounty|\bsupported\s+versions\b"
)
#: The one field RFC 9116 requires of a security.txt.
_SECURITY_TXT_CONTACT_RE = lazy_re(r"(?im)^contact:[ \t]*\S")
#: The README says the project is a proof of concept (or otherwise not for production).
POC_DISCLAIMER_RE = lazy_re(
    r"""(?ix)
      \bproof[\s-]+of[\s-]+concept\b
    | (?<![\w/.-])(?-i:PoC|POC)(?![\w/.-])
    | (?<![^\n])[ ]{0,3}\#{1,6}[ \t][^\n]{0,120}?(?<![\w/.-])  # a heading: poc-v1, Payments spike
      (?:poc(?:-v?\d{1,3})?|spike|prototype(?![ \t]+pollution))(?![\w/.-])
    | \b(?:a|an|this|our)\s+(?:\w+\s+){0,2}?(?:prototype|spike|poc)\b | \bprototype\s+only\b
    | \bnot\s+(?:yet\s+)?(?:meant|intended|ready|suitable|designed|fit)\s+for\s+(?:production|real\s+users)\b
    | \bnot\s+for\s+production\b | \bnot\s+production[\s-]+ready\b
    | \bdo\s+not\s+(?:use|deploy)\s+(?:it\s+|this\s+)?(?:in|to)\s+production\b
    | \b(?:is|as)\s+(?:an?\s+)?experiment(?:al)?\b | \bexperimental\s+(?:project|code|prototype|spike)\b
    | \bthrowaway\s+(?:code|project|prototype|experiment)\b | \bdemo\s+only\b
    | \bfor\s+demonstration\s+purposes\b
    """
)
#: Code blocks, inline code, link targets and URLs: paths and slugs there are not prose.
_NOT_PROSE_RE = lazy_re(r"```.*?```|~~~.*?~~~|`[^`\n]*`|\]\([^)\]]*\)|https?://\S+", re.DOTALL)


def disclaimer_in(text: str) -> re.Match[str] | None:
    """The README's statement that this is a proof of concept, searched in prose only."""
    prose = _NOT_PROSE_RE.sub(lambda m: " " * len(m.group(0)), text)
    return POC_DISCLAIMER_RE.search(prose)


#: The README explains how to set up or run the project: a setup heading (Markdown, AsciiDoc,
#: bold, or underlined as in reStructuredText), a shell block or prompt, or a setup command.
SETUP_RE = lazy_re(
    r"""(?imx)
      ^[ ]{0,3}(?:\#{1,6}|\*\*|={1,6}(?=[ \t]))[ \t]*[^\n]{0,120}?
        \b(?:install(?:ation|ing)?|set\s*up|setup|getting\s+started|usage
        |run(?:ning)?|quick\s*start|how\s+to\s+(?:run|use|start|build)|build(?:ing)?|develop(?:ment)?
        |local\s+development|requirements|prerequisites|deploy(?:ment)?
        # the same headings in the languages READMEs are often written in: Portuguese, Spanish,
        # French, German, Italian, Vietnamese (``## Executando``, ``## Instalación``, ``## Pré-requis``)
        |instala[cç][aã]o|instalaci[oó]n|installazione|instalar|configura[cç][aã]o|configuraci[oó]n
        |execu[cç][aã]o|executando|executar|rodando|como\s+(?:rodar|executar|usar)|uso
        |ejecuci[oó]n|ejecutar|c[oó]mo\s+(?:ejecutar|usar|correr|iniciar)|puesta\s+en\s+marcha
        |ex[ée]cution|lancement|lancer|d[ée]marrage|pr[ée]-?requis(?:itos)?|requisitos|requisiti|utilisation
        |voraussetzungen|ausf[üu]hr(?:en|ung)|einrichtung|inbetriebnahme|verwendung
        |esecuzione|avvio|utilizzo|despliegue|d[ée]ploiement|implanta[cç][aã]o|c[àa]i\s+đ[ặa]t|kh[ởo]i\s+ch[ạa]y)\b
    # Chinese, Japanese and Korean headings, whose words are not set apart by spaces
    | ^[ ]{0,3}(?:\#{1,6}|\*\*)[ \t]*[^\n]{0,60}?(?:安装|运行|部署|快速开始|快速上手|使用说明
        |インストール|使い方|起動方法|セットアップ|설치|실행\s*방법)
    | ^[^\n]{0,120}?\b(?:install(?:ation|ing)?|set\s*up|setup|getting\s+started|usage|running|quick\s*start
        |building|development|requirements|prerequisites|deploy(?:ment)?)\b[^\n]{0,80}\n[ ]{0,3}(?:={3,}|-{3,})[ \t]*$
    | ^[ \t]*```[ \t]*(?:sh|bash|shell|console|zsh|powershell|ps1|cmd)\b
    | ^[ \t]*\$[ \t]+\S+
    | \b(?:npm|yarn|pnpm)\s+(?:install|i|ci|run|start)\b | \bpip\s+install\b
    | \bdocker(?:-compose|\s+compose)?\s+(?:run|up|build)\b
    | \bgo\s+(?:run|build|install)\b | \bcargo\s+(?:run|build)\b | \bbundle\s+(?:install|exec)\b
    | \bcomposer\s+install\b | \b(?:gem|brew)\s+install\b | \brake\s+db:\w+ | \bgit\s+clone\s+\S+
    | \bmvnw?\s+\S+ | \bgradlew?\s+\S+ | \bpython[\d.]*\s+\S+\.py\b
    # make as a command (in backticks, after a prompt, or a line of its own), never "make sure" prose
    | (?-i:(?:`|^[ \t]*\$[ \t]+)make\b | ^[ \t]*make(?:[ \t]+-\S+)*
        (?![ \t]+(?:sure|it|the|a|an|this|that|these|those|your|you|use|sense|certain|them|our|its|their)\b)
        (?:[ \t]+[\w.=/-]+){1,4}[ \t]*$)
    | \bdotnet\s+(?:run|build)\b
    """
)
#: A link to installation or development docs (in the repository or on a docs site) counts as setup.
#: A Markdown link: its text and its target (bounded, one line; neither holds a bracket that could
#: open another link, so every scan stops at the next one).
_LINK_RE = lazy_re(r"\[([^\[\]\n]{0,200})\]\(([^()\s]{1,300})\)")
#: Link text that names setup documentation.
_SETUP_TEXT_RE = lazy_re(
    r"(?i)\b(?:install(?:ation|ing)?|set\s*up|setup|getting\s+started|quick\s*start|self[-\s]host"
    r"|deploy(?:ment|ing)?|development\s+guide)"
)
#: A link target that is setup documentation.
_SETUP_TARGET_RE = lazy_re(
    r"(?i)install|setup|getting[-_]started|quick[-_]?start|self[-_]host"
    r"|(?:^|/)build(?:ing)?(?:\.(?:md|rst|txt|adoc))?(?:$|#)"  # BUILDING.md, docs/building (not a build badge)
)
#: A line that sends the reader to run, build or install the project from another document.
_RUN_VERB_RE = lazy_re(r"(?i)\b(?:run|build|develop|install|set\s+up|deploy)\w{0,3}\b")
_RUN_TARGET_RE = lazy_re(r"(?i)readme|install|setup|contributing|development|docs?/")
#: "Documentation: https://..." as a line of its own.
_DOCS_LINE_RE = lazy_re(
    r"(?im)^[ \t*-]{0,6}(?:documentation|docs|installation|setup[ \t]+guide)[ \t]*:[^\n]{0,20}?https?://"
)


def setup_link(text: str) -> re.Match[str] | None:
    """The first link to installation or setup documentation (in the repository or on a docs
    site), or a "Documentation: <url>" line: a README that points there has setup instructions.

    Links are found once by one bounded pattern and judged in Python, so the scan stays linear
    on any text.
    """
    for link in _LINK_RE.finditer(text):
        label, target = link.group(1), link.group(2)
        if _SETUP_TEXT_RE.search(label) or _SETUP_TARGET_RE.search(target):
            return link
        line_start = text.rfind("\n", 0, link.start()) + 1
        before = text[max(line_start, link.start() - 200) : link.start()]
        if _RUN_VERB_RE.search(before) and _RUN_TARGET_RE.search(target):
            return link
    return _DOCS_LINE_RE.search(text)


def _governance_paths(inv: Inventory) -> dict[str, list[str]]:
    """Files whose lower-case base name starts with a governance prefix, by prefix."""
    found: dict[str, list[str]] = {prefix: [] for prefix in _PREFIXES}
    for name in names_starting(inv, "governance", _PREFIXES):
        for prefix in _PREFIXES:
            if name.startswith(prefix):
                found[prefix].extend(inv.named(name))
                break
    return found


def detect_governance(inv: Inventory) -> Iterator[Signal]:
    roots = effective_roots(inv)
    found = _governance_paths(inv)
    yield from _readme(inv, roots, found["readme"])
    yield from _license(inv, roots, found)
    yield from _changelog(inv, roots, found)
    yield from _security(inv, roots, found["security"])
    yield from _codeowners(inv, found["codeowners"])
    yield from _dependency_updates(inv)


def _summary_of_changes(path: str) -> bool:
    """``changes`` with a suffix (``CHANGES_SUMMARY.md``, ``CHANGES_BUILD_118.md``): a note on one
    piece of work unless it holds versioned or dated entries; ``CHANGES.md`` is a changelog."""
    name = basename(path).lower()
    return name.startswith("changes") and name[len("changes") :] not in _DOC_EXTS


def _stem(path: str) -> str:
    """The base name without its extensions, lower case (``docs/HISTORY.rst`` -> ``history``)."""
    return basename(path).lower().split(".", 1)[0]


def _doc_named(path: str, stems: tuple[str, ...], *, suffixed: bool = True) -> bool:
    """Base name is one of ``stems`` with an optional document extension or, when ``suffixed``, a
    suffix (``LICENSE-MIT``), never a program, settings or data file (``security.py``,
    ``license.go``, ``licenses.json``)."""
    name = basename(path).lower()
    if extension(name) in _NOT_DOC_EXTS:
        return False
    for stem in stems:
        if name == stem:
            return True
        rest = name[len(stem) :]
        if name.startswith(stem) and (rest in _DOC_EXTS or (suffixed and rest[0] in "-_.")):
            return True
    return False


def _readme_rank(path: str) -> tuple[int, int, str]:
    """Sort key of the main README: shallowest first, then ``README`` with at most a document
    extension (Markdown before HTML) before a translation or variant (``README.de.md``,
    ``README-ja.md``, ``README_OLD.md``)."""
    rest = basename(path).lower()[len("readme") :]
    return (path.count("/"), _DOC_EXTS.index(rest) if rest in _DOC_EXTS else len(_DOC_EXTS), path)


def _readme(inv: Inventory, roots: tuple[str, ...], paths: list[str]) -> Iterator[Signal]:
    readmes = sorted(
        (p for p in at_roots(paths, roots, ("", ".github", "docs")) if _doc_named(p, ("readme",))), key=_readme_rank
    )
    if readmes:
        main, text, lines = _main_readme(inv, readmes)
        where = ""
    elif apps := _app_folder_readmes(inv, paths):
        main, text, lines = _longest_readme(inv, apps)
        where = ", in its app folder; none at the root"
    else:
        return
    yield Signal(Category.README, main, None, f"README ({lines} non-blank lines{where})")
    if "/" in main and main.rsplit("/", 1)[0] not in roots:
        return
    disclaimer = disclaimer_in(text)
    if disclaimer is not None:
        yield Signal(
            Category.POC_DISCLAIMER,
            main,
            text.count("\n", 0, disclaimer.start()) + 1,
            f'README says "{disclaimer.group(0)}"',
        )
    setup = SETUP_RE.search(text) or setup_link(text)
    if setup is not None:
        yield Signal(
            Category.README_SETUP,
            main,
            text.count("\n", 0, setup.start()) + 1,
            f"README has setup/run instructions ({setup.group(0).strip()[:40]})",
        )


def _app_folder_readmes(inv: Inventory, paths: list[str]) -> list[str]:
    """READMEs of the repository's app folders, for a repository with none at its root: one
    directly in a top-level folder that holds the app's own dependency manifest (a ``backend/``
    beside a ``frontend/``, a Phoenix app beside a second one), never a ``scripts/`` or seed
    folder's notes nor a note on one topic there (``booking/README_VNPAY_SETUP.md``), in
    ``_readme_rank`` order (the first ``_MAX_APP_READMES``)."""
    apps = {dirname(signal.path) for signal in detect_manifests(inv) if signal.path.count("/") == 1}
    return sorted(
        (p for p in paths if p.count("/") == 1 and dirname(p) in apps and _doc_named(p, ("readme",), suffixed=False)),
        key=_readme_rank,
    )[:_MAX_APP_READMES]


#: Most app-folder READMEs read to find the one that says most.
_MAX_APP_READMES = 8


def _longest_readme(inv: Inventory, readmes: list[str]) -> tuple[str, str, int]:
    """The README of ``readmes`` with the most non-blank lines (the first of equals), its text and
    lines: of a ``backend/`` and a ``frontend/`` README, the one that says most stands for the project."""
    best = ("", "", -1)
    for path in readmes:
        text = inv.text(path) or ""
        lines = _non_blank_lines(text)
        if lines > best[2]:
            best = (path, text, lines)
    return best


#: Fewer non-blank lines than this make a README a stub (``See README.md``), not the main one.
_STUB_README_LINES = 3


def _main_readme(inv: Inventory, readmes: list[str]) -> tuple[str, str, int]:
    """The main README of ``readmes`` (in ``_readme_rank`` order), its text and non-blank lines: the
    first, unless it is a stub and another beside it says more (pocl's ``README`` beside its
    ``README.md``)."""
    first = readmes[0]
    for path in (p for p in readmes if dirname(p) == dirname(first)):
        text = inv.text(path) or ""
        lines = _non_blank_lines(text)
        if lines >= _STUB_README_LINES:
            return path, text, lines
    text = inv.text(first) or ""
    return first, text, _non_blank_lines(text)


def _non_blank_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip())


def _license(inv: Inventory, roots: tuple[str, ...], found: dict[str, list[str]]) -> Iterator[Signal]:
    candidates = [path for stem in _LICENSE_STEMS for path in found[stem]]
    for path in sorted(at_roots(candidates, roots)):
        if (
            _doc_named(path, (*_LICENSE_STEMS, "licenses"))
            and not _not_own_license(path)
            and not _placeholder(inv, path)
            and not _dependency_licenses(inv, path)
        ):
            yield Signal(Category.LICENSE, path, None, "license file")
    named = [p for n in names_containing(inv, "license-named", "-licen", "_licen") for p in inv.named(n)]
    for path in sorted(at_roots(named, roots)):
        match = _NAMED_LICENSE_RE.match(basename(path).lower())
        if (
            match is not None
            and not any(w in match.group(1) for w in _NOT_OWN_LICENSE_WORDS)
            and not _placeholder(inv, path)
        ):
            yield Signal(Category.LICENSE, path, None, f"license file ({basename(path)})")
    for root in roots:
        prefix = (root + "/" if root else "") + "LICENSES/"
        depth = prefix.count("/")
        texts = sorted(p for p in inv.with_ext("txt") if p.startswith(prefix) and p.count("/") == depth)
        if texts:
            yield Signal(Category.LICENSE, texts[0], None, "REUSE LICENSES folder")


def _not_own_license(path: str) -> bool:
    """A license-named file about other code or no license at all: the third-party notices
    (``LICENSE-THIRD-PARTY``, ``LICENSES_VENDOR.md``), a source-header template for license checkers
    (``LICENSE_HEADER``, ``copyright-header.txt``)."""
    name = basename(path).lower()
    stem = next(s for s in (*_LICENSE_STEMS, "licenses") if name.startswith(s))
    rest = name[len(stem) :]
    return any(word in rest for word in (*_NOT_OWN_LICENSE_WORDS, "header", "template", "check"))


#: How a list of the dependencies' licenses opens (``LICENSES.md``: "Third-party licenses",
#: "Licenses of the packages used"): about other code, not the project's own license.
_DEPENDENCY_LICENSES_RE = lazy_re(
    r"third[- ]party|3rd[- ]party|dependenc|packages|libraries|open[- ]source (?:software|components)"
    r"|attribution|acknowledg|notices",
    re.IGNORECASE,
)
#: Characters of a plural ``LICENSES`` file read for its opening.
_OPENING_CHARS = 400


def _dependency_licenses(inv: Inventory, path: str) -> bool:
    """A plural ``LICENSES`` document that opens as a list of other code's licenses."""
    if not basename(path).lower().startswith("licenses"):
        return False
    opening = (inv.text(path) or "")[:_OPENING_CHARS]
    return _DEPENDENCY_LICENSES_RE.search(opening) is not None


def _placeholder(inv: Inventory, path: str) -> bool:
    text = (inv.text(path) or "").strip()
    todo = re.search(r"\bTODO\b|add your license", text, re.IGNORECASE)
    return bool(text) and len(text) < 200 and todo is not None


def _changelog(inv: Inventory, roots: tuple[str, ...], found: dict[str, list[str]]) -> Iterator[Signal]:
    candidates = [path for stem in _CHANGELOG_STEMS for path in found[stem]]
    for path in sorted(at_roots(candidates, roots, _CHANGELOG_FOLDERS)):
        if not _doc_named(path, _CHANGELOG_STEMS):
            continue
        text = inv.text(path) or ""
        if re.search(r"TODO: Describe initial release", text) and text.count("\n") < 10:
            continue
        versioned = first_line(text, re.compile(r"^#{1,3}\s*\[?v?\d+\.\d+(?:\.\d+)?", re.MULTILINE))
        needs_entry = _stem(path) in _WORDS_TOO or _summary_of_changes(path)
        if (
            versioned is None
            and needs_entry
            and _ENTRY_RE.search(text) is None
            and _NEWS_HEADING_RE.search(text) is None
        ):
            # docs/history.md telling a story, docs/news.md, docs/releases.md on how to release, an
            # assistant's CHANGES_SUMMARY.md of one piece of work
            continue
        detail = "changelog with versioned entries" if versioned else "changelog"
        line = versioned
        if line is None and needs_entry:
            line = min(n for n in (first_line(text, _ENTRY_RE), first_line(text, _NEWS_HEADING_RE)) if n is not None)
        yield Signal(Category.CHANGELOG, path, line, detail)
    for path in at_roots(found["changelog"], roots, ("debian",)):
        if basename(path) == "changelog" and _DEBIAN_ENTRY_RE.match(inv.text(path) or ""):
            yield Signal(Category.CHANGELOG, path, 1, "Debian changelog with versioned entries")
    yield from _maven_changes(inv, roots, found["changes"])
    yield from _release_note_folders(inv, roots)
    yield from _changelog_fragments(inv, roots)
    yield from _workspace_changelogs(inv, candidates)


#: A changelog heading naming a version (``## 1.2.0``, ``# [v2.1.0]``).
_VERSION_HEADING_RE = lazy_re(r"^#{1,3}\s*\[?v?\d+\.\d+(?:\.\d+)?", re.MULTILINE)
#: Folders of a monorepo's own packages, one level deep (``packages/core/CHANGELOG.md``).
_WORKSPACE_FOLDERS = frozenset({"packages", "apps", "crates", "libs"})
#: Files that declare a monorepo's workspaces (their packages are the project's own).
#: Monorepo tools beside the JavaScript workspace declarations (``declares_js_workspaces``).
_MONOREPO_FILES = ("turbo.json", ".changeset/config.json")


def _workspace_changelogs(inv: Inventory, candidates: list[str]) -> Iterator[Signal]:
    """The changelog of a monorepo's package (``packages/core/CHANGELOG.md``, which changesets,
    lerna and release-please write per package), with versioned entries, when the root declares its
    workspaces."""
    if not _declares_workspaces(inv):
        return
    for path in sorted(candidates):
        parts = path.split("/")
        if len(parts) != 3 or parts[0] not in _WORKSPACE_FOLDERS or _stem(path) != "changelog":
            continue
        line = first_line(inv.text(path) or "", _VERSION_HEADING_RE)
        if line is not None:
            yield Signal(Category.CHANGELOG, path, line, "package changelog with versioned entries")
            return


def _declares_workspaces(inv: Inventory) -> bool:
    if declares_js_workspaces(inv) or any(inv.exists(name) for name in _MONOREPO_FILES):
        return True
    cargo = inv.text("Cargo.toml") if inv.exists("Cargo.toml") else None
    return cargo is not None and "[workspace]" in cargo


def _maven_changes(inv: Inventory, roots: tuple[str, ...], candidates: list[str]) -> Iterator[Signal]:
    """The Maven Changes plugin's ``src/changes/changes.xml`` at a root: a ``<document>`` of
    ``<release version="...">`` entries, rendered into the site's release notes."""
    for path in at_roots(candidates, roots, (_MAVEN_CHANGES_FOLDER,)):
        if basename(path) != _MAVEN_CHANGES_NAME:
            continue
        text = inv.text(path) or ""
        line = first_line(text, _MAVEN_RELEASE_RE)
        if line is not None and "<document" in text:
            yield Signal(Category.CHANGELOG, path, line, "Maven changes.xml with versioned releases")


def _changelog_fragments(inv: Inventory, roots: tuple[str, ...]) -> Iterator[Signal]:
    """A folder of changelog fragments at a root: one file per change, gathered into the changelog
    at release (reno's ``releasenotes/notes/``, towncrier's and scriv's ``changelog.d/`` or
    ``newsfragments/``, Ansible's ``changelogs/fragments/``, HashiCorp's ``.changelog/``)."""
    folders = {"/".join(p for p in (root.lower(), folder) if p): folder for root in roots for folder in _FRAGMENTS}
    reported: set[str] = set()
    for path in sorted(inv.with_ext("md", "rst", "txt", "yaml", "yml", *_TOWNCRIER_TYPES)):
        folder = dirname(path).lower()
        kind = folders.get(folder)
        if kind is None or folder in reported:
            continue
        name = basename(path).lower()
        tool = next((tool for tool, pattern in _FRAGMENTS[kind] if pattern.match(name)), None)
        if tool is not None:
            reported.add(folder)
            yield Signal(Category.CHANGELOG, path, None, f"changelog fragments in {dirname(path)}/ ({tool})")


def _release_note_folders(inv: Inventory, roots: tuple[str, ...]) -> Iterator[Signal]:
    """A ``releases``/``changelog`` folder (at a root or its docs/) holding one document per version."""
    allowed = {
        "/".join(p for p in (root.lower(), sub, folder) if p)
        for root in roots
        for sub in ("", "docs", "doc")
        for folder in _RELEASE_NOTE_FOLDERS
    }
    reported: set[str] = set()
    for path in sorted(inv.with_ext("md", "markdown", "rst", "adoc", "txt")):
        folder = dirname(path).lower()
        if folder in allowed and folder not in reported and _versioned_doc(basename(path)):
            reported.add(folder)
            yield Signal(
                Category.CHANGELOG, path, None, f"release notes folder {dirname(path)}/ (one document per version)"
            )


#: A security policy's names: ``SECURITY.md`` (GitHub's), ``SECURITY_POLICY.rst``; not a document
#: about security of another kind (``SECURITY_IMPROVEMENTS_REPORT.md``, ``security-audit-2024.md``).
_SECURITY_STEMS = ("security", "security-policy", "security_policy")


def _security(inv: Inventory, roots: tuple[str, ...], paths: list[str]) -> Iterator[Signal]:
    for path in sorted(at_roots(paths, roots, ("", ".github", "docs", "doc"))):
        if basename(path).lower() == "security.txt" or not _doc_named(path, _SECURITY_STEMS, suffixed=False):
            continue
        in_docs = dirname(path).lower().rsplit("/", 1)[-1] in ("docs", "doc")
        if in_docs and _POLICY_RE.search(inv.text(path) or "") is None:
            continue  # docs/security.md on the product's security model, not on reporting vulnerabilities
        yield Signal(Category.SECURITY_POLICY, path, None, "security policy")
    for path in inv.named("security.txt"):
        folder = dirname(path)
        if (
            (folder == ".well-known" or folder.endswith("/.well-known"))
            and not default_excluded(path)
            and not is_auxiliary(path)
            and (line := first_line(inv.text(path) or "", _SECURITY_TXT_CONTACT_RE)) is not None
        ):
            yield Signal(Category.SECURITY_POLICY, path, line, "security.txt (RFC 9116) vulnerability contact")
    for path in inv.named(*(p.rsplit("/", 1)[-1] for p in _SECURITY_INSIGHTS)):
        if path.lower() in _SECURITY_INSIGHTS:
            yield Signal(Category.SECURITY_POLICY, path, None, "OpenSSF Security Insights")


#: Where the forges read CODEOWNERS: GitHub (root, .github/, docs/), GitLab (root, .gitlab/, docs/),
#: Gitea and Forgejo (root, docs/, .gitea/), Bitbucket (.bitbucket/).
_CODEOWNERS_PATHS = frozenset(
    {
        "codeowners",
        ".github/codeowners",
        "docs/codeowners",
        ".gitlab/codeowners",
        ".gitea/codeowners",
        ".bitbucket/codeowners",
    }
)


def _codeowners(inv: Inventory, paths: list[str]) -> Iterator[Signal]:
    for path in paths:
        if path.lower() in _CODEOWNERS_PATHS:
            yield Signal(Category.CODEOWNERS, path, None, "code owners file")


def _dependency_updates(inv: Inventory) -> Iterator[Signal]:
    names = {p.rsplit("/", 1)[-1] for p in _DEPENDENCY_BOTS}
    for path in inv.named(*names):
        tool = _DEPENDENCY_BOTS.get(path.lower())
        if tool is not None:
            yield Signal(Category.DEPENDENCY_UPDATES, path, None, f"{tool} configuration")
    for path in inv.named("package.json"):
        if "/" not in path and "renovate" in as_dict(load_json(inv, path)):
            yield Signal(Category.DEPENDENCY_UPDATES, path, None, "Renovate configuration in package.json")
    for pipeline in pipelines(inv):
        for use in pipeline.uses:
            ref = use.ref.lower()
            if ref.startswith("renovatebot/github-action"):
                yield Signal(Category.DEPENDENCY_UPDATES, pipeline.file.path, use.line, "runs Renovate")
            elif ref.startswith("determinatesystems/update-flake-lock"):
                yield Signal(Category.DEPENDENCY_UPDATES, pipeline.file.path, use.line, "updates flake.lock")
        for command in pipeline.commands:
            run = next((line for line in command.lines() if _RENOVATE_RUN_RE.search(line)), None)
            if run is not None:
                line = command_line(inv.text(command.path) or "", command, run)
                yield Signal(Category.DEPENDENCY_UPDATES, command.path, line, f"runs Renovate ({run[:40]})")
                break
