"""Container images built without a Dockerfile: Jib, sbt's Docker plugins, Quarkus, the .NET SDK, ko,
Cloud Native Buildpacks (and Spring Boot's ``build-image``), Nix ``dockerTools``, Bazel image rules,
Earthly, Docker Bake, Nixpacks and Railpack (``container``)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from pocmvp_lint.detectors._ci import command_line, pipelines
from pocmvp_lint.detectors._util import (
    GRADLE_SCRIPTS,
    as_dict,
    basename,
    code_lines,
    depth,
    first_line,
    is_auxiliary,
    line_of_fragment,
    load_toml,
    yaml_mappings,
)
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import LazyPattern, lazy_re
from pocmvp_lint.model import Category

#: Most build files of one kind (POMs, Gradle scripts, Nix files, Bazel BUILD files) read for an image rule.
MAX_BUILD_FILE_READS = 60

#: A Gradle plugin applied by id (``id 'com.google.cloud.tools.jib'``, ``apply plugin: ...``): the id.
GRADLE_PLUGIN_ID_RE = lazy_re(r"""^[ \t]*(?:id|apply[ \t]+plugin[ \t]*:)[ \t(]*["']([\w.-]{1,200})["']""", re.M)
#: Gradle plugins that build images, by id: Jib, and the Docker plugins that write and build a
#: Dockerfile from the build (Benjamin Muschko's, Palantir's, Micronaut's).
GRADLE_IMAGE_PLUGINS: Mapping[str, str] = MappingProxyType(
    {
        "com.google.cloud.tools.jib": "Jib builds the image (Gradle plugin)",
        "com.bmuschko.docker-remote-api": "the Gradle Docker plugin builds the image (com.bmuschko.docker-remote-api)",
        "com.bmuschko.docker-java-application": (
            "the Gradle Docker plugin builds the image (com.bmuschko.docker-java-application)"
        ),
        "com.bmuschko.docker-spring-boot-application": (
            "the Gradle Docker plugin builds the image (com.bmuschko.docker-spring-boot-application)"
        ),
        "com.palantir.docker": "the Palantir Docker plugin builds the image (com.palantir.docker)",
        "io.micronaut.docker": "Micronaut's Docker plugin builds the image (io.micronaut.docker)",
    }
)
#: Maven plugins that build images besides Jib: fabric8's and Spotify's Docker plugins, Eclipse JKube.
MAVEN_IMAGE_PLUGINS: tuple[str, ...] = (
    "docker-maven-plugin",
    "dockerfile-maven-plugin",
    "kubernetes-maven-plugin",
    "openshift-maven-plugin",
)
#: Words a POM that builds an image mentions (read further only then).
_POM_MARKERS = ("jib-maven-plugin", "spring-boot-maven-plugin", "quarkus", *MAVEN_IMAGE_PLUGINS)
#: A Gradle plugin applied through the version catalog (``alias(libs.plugins.jib)``): its accessor.
_CATALOG_PLUGIN_RE = lazy_re(r"^[ \t]*alias[ \t]*(?:\([ \t]*)?libs\.plugins\.([\w.]{1,200})", re.MULTILINE)
#: Quarkus container-image extensions: with one on the classpath, the build produces an image
#: (Jib, Docker, Podman, Buildpacks, or an OpenShift/S2I build).
_QUARKUS_IMAGE_RE = lazy_re(r"\bquarkus-container-image-(jib|docker|podman|buildpack|openshift|s2i)\b")
#: Spring Boot's Buildpacks image task configured in a Gradle script (``bootBuildImage { imageName = ... }``).
_BOOT_BUILD_IMAGE_RE = lazy_re(r"^[ \t]*(?:tasks\.named[ \t]*\([ \t]*[\"'])?bootBuildImage\b", re.MULTILINE)
#: Nix image builders: nixpkgs ``dockerTools`` and nix2container.
_NIX_IMAGE_RE = lazy_re(
    r"\bdockerTools\.(?:buildImage|buildLayeredImage|streamLayeredImage|buildImageWithNixDb)\b"
    r"|\bnix2container\.buildImage\b"
)
#: Bazel image rules: rules_oci ``oci_image`` and the older rules_docker ``container_image``.
_BAZEL_IMAGE_RE = lazy_re(r"^[ \t]*(oci_image|container_image)[ \t]*\(", re.MULTILINE)
#: An Earthfile target that saves an image.
_EARTHLY_IMAGE_RE = lazy_re(r"^[ \t]*SAVE[ \t]+IMAGE\b", re.MULTILINE)
#: A Docker Bake target (HCL ``target "api" {``).
_BAKE_TARGET_RE = lazy_re(r"^[ \t]*target[ \t]+\"[^\"\n]{1,200}\"[ \t]*\{", re.MULTILINE)
#: Words of an image's own name that make it one for development or tests only (``Dockerfile.dev``,
#: ``development.Dockerfile``, ``Dockerfile.local``, ``Dockerfile.test``, ``e2e.Dockerfile``,
#: ``.gitpod.Dockerfile``). Not ``ci``: ``Dockerfile.ci`` is as often the image CI builds and ships.
DEV_IMAGE_NAME_WORDS = frozenset(
    {"dev", "devcontainer", "development", "local", "gitpod", "test", "tests", "testing", "e2e"}
)
#: Words of a folder above it that do (``.devcontainer/``, ``docker/dev/``, ``e2e/``,
#: ``integration-tests/``, a parser's ``testfiles/``). A folder named ``local`` is a service's.
DEV_IMAGE_FOLDER_WORDS = frozenset({"dev", "devcontainer", "test", "tests", "testing", "testfiles", "e2e"})
#: Folders named, as a whole, for a development setup (cookiecutter-django's ``compose/local/``,
#: ``docker/local/``, ``docker/development/``); ``local-api/`` is a service.
DEV_IMAGE_FOLDERS = frozenset({"local", "development", "develop"})
_DEVELOPMENT_WORDS = frozenset({"dev", "devcontainer", "development", "develop", "local", "gitpod"})
#: Local CI actions: their image runs inside a CI job, it is never shipped.
CI_ACTION_FOLDERS = (".github/actions/", ".gitea/actions/", ".forgejo/actions/")
_NAME_PARTS_RE = lazy_re(r"[._-]")
#: Keys of a ko configuration (``.ko.yaml``).
_KO_KEYS = ("builds", "defaultBaseImage", "baseImageOverrides", "defaultPlatforms", "defaultEnv", "defaultFlags")
#: Keys of a legacy (schema 0.1) Buildpacks ``[build]`` table; Google Cloud's buildpacks read it too.
_BUILDPACKS_BUILD_KEYS = ("env", "buildpacks", "builder", "include", "exclude")


def image_dev_use(path: str) -> str | None:
    """What the image built at ``path`` is for when not for shipping ("development", "test", "CI"):
    said by a word of its own name, a folder above it, or a local CI action's folder."""
    if path.startswith(CI_ACTION_FOLDERS):
        return "CI"
    *folders, name = path.lower().split("/")
    words = {*_NAME_PARTS_RE.split(name)} & DEV_IMAGE_NAME_WORDS
    words |= {word for folder in folders for word in _NAME_PARTS_RE.split(folder)} & DEV_IMAGE_FOLDER_WORDS
    words |= {*folders} & DEV_IMAGE_FOLDERS
    if not words:
        return None
    return "development" if words & _DEVELOPMENT_WORDS else "test"


def detect_image_builds(inv: Inventory) -> Iterator[Signal]:
    """One signal per image build configuration found (the first file of each kind)."""
    yield from _first(_maven(inv))
    yield from _first(_gradle(inv))
    yield from _first(_sbt(inv))
    yield from _first(_ko(inv))
    yield from _first(_buildpacks(inv))
    yield from _first(_nix(inv))
    yield from _first(_bazel(inv))
    yield from _first(_earthly(inv))
    yield from _first(_bake(inv))
    yield from _first(_nixpacks(inv))
    yield from _first(_dotnet(inv))
    yield from _first(_ci_image_builds(inv))


def _first(found: Iterator[Signal]) -> Iterator[Signal]:
    """The first shipped image of ``found``, and the first one placed or named for development or
    tests (a Nix image in ``e2e/``), reported as ``container-dev``."""
    shipped = dev = False
    for signal in found:
        use = image_dev_use(signal.path)
        if use is None and not shipped:
            shipped = True
            yield signal
        elif use is not None and not dev:
            dev = True
            yield Signal(Category.CONTAINER_DEV, signal.path, signal.line, f"{use} image: {signal.detail}")
        if shipped and dev:
            return


def _candidates(inv: Inventory, paths: tuple[str, ...]) -> list[str]:
    """The project's own files among ``paths``, shallowest first, capped."""
    own = sorted((p for p in paths if not is_auxiliary(p)), key=lambda p: (depth(p), p))
    return own[:MAX_BUILD_FILE_READS]


# ---- JVM: Jib and Spring Boot build-image -------------------------------------------------------


def _maven(inv: Inventory) -> Iterator[Signal]:
    for path in _candidates(inv, inv.named("pom.xml")):
        text = inv.text(path) or ""
        if not any(marker in text for marker in _POM_MARKERS):
            continue
        build = pom_build_plugins(text)
        quarkus = _quarkus_image(without_spans(build, "<dependencyManagement>", "</dependencyManagement>"))
        if quarkus is not None:
            yield Signal(
                Category.CONTAINER, path, line_of_fragment(text, quarkus), f"Quarkus builds the image ({quarkus})"
            )
        elif "<artifactId>jib-maven-plugin</artifactId>" in build:
            line = line_of_fragment(text, "<artifactId>jib-maven-plugin</artifactId>")
            yield Signal(Category.CONTAINER, path, line, "Jib builds the image (jib-maven-plugin)")
        elif _spring_boot_image(build):
            line = line_of_fragment(text, "<artifactId>spring-boot-maven-plugin</artifactId>")
            yield Signal(Category.CONTAINER, path, line, "Spring Boot builds a Buildpacks image (<image> configured)")
        else:
            plugin = next((p for p in MAVEN_IMAGE_PLUGINS if f"<artifactId>{p}</artifactId>" in build), None)
            if plugin is not None:
                line = line_of_fragment(text, f"<artifactId>{plugin}</artifactId>")
                yield Signal(Category.CONTAINER, path, line, f"a Maven plugin builds the image ({plugin})")


def pom_build_plugins(text: str) -> str:
    """The POM without its comments and ``<pluginManagement>`` sections: a plugin only declared for
    child modules to use, or commented out, builds nothing here."""
    kept = without_spans(text, "<!--", "-->")
    return without_spans(kept, "<pluginManagement>", "</pluginManagement>")


def without_spans(text: str, start: str, end: str) -> str:
    """``text`` without every span from ``start`` to the next ``end`` (comments, sections); an
    unclosed span runs to the end."""
    parts: list[str] = []
    index = 0
    while True:
        found = text.find(start, index)
        if found < 0:
            parts.append(text[index:])
            return "".join(parts)
        parts.append(text[index:found])
        close = text.find(end, found + len(start))
        if close < 0:
            return "".join(parts)
        index = close + len(end)


def _spring_boot_image(build: str) -> bool:
    """``spring-boot-maven-plugin`` configured with an ``<image>`` (its name, builder...)."""
    start = build.find("<artifactId>spring-boot-maven-plugin</artifactId>")
    if start < 0:
        return False
    end = build.find("</plugin>", start)
    section = build[start : end if end >= 0 else len(build)]
    return "<image>" in section


def _quarkus_image(text: str) -> str | None:
    """The Quarkus container-image extension ``text`` depends on (``quarkus-container-image-jib``), or None."""
    match = _QUARKUS_IMAGE_RE.search(text)
    return None if match is None else match.group(0)


def _gradle(inv: Inventory) -> Iterator[Signal]:
    for path in _candidates(inv, inv.named(*GRADLE_SCRIPTS)):
        text = inv.text(path) or ""
        applied = _image_plugin(text)
        if applied is not None:
            yield Signal(Category.CONTAINER, path, applied[0], applied[1])
            continue
        code = code_lines(text, "//")
        quarkus = _quarkus_image(code) if "quarkus" in text else None
        if quarkus is not None:
            line = line_of_fragment(text, quarkus)
            yield Signal(Category.CONTAINER, path, line, f"Quarkus builds the image ({quarkus})")
            continue
        if "bootBuildImage" in text:
            line = first_line(text, _BOOT_BUILD_IMAGE_RE)
            if line is not None:
                yield Signal(Category.CONTAINER, path, line, "Spring Boot builds a Buildpacks image (bootBuildImage)")


def _image_plugin(text: str) -> tuple[int, str] | None:
    """(line, detail) of the first Gradle plugin applied that builds an image (by id, or Jib through
    the version catalog), or None."""
    for match in GRADLE_PLUGIN_ID_RE.finditer(text):
        detail = GRADLE_IMAGE_PLUGINS.get(match.group(1))
        if detail is not None:
            return text.count("\n", 0, match.start()) + 1, detail
    line = _catalog_plugin_line(text, "jib") if "jib" in text else None
    return None if line is None else (line, GRADLE_IMAGE_PLUGINS["com.google.cloud.tools.jib"])


def _catalog_plugin_line(text: str, plugin: str) -> int | None:
    """Line of a version-catalog plugin alias naming ``plugin`` (``alias(libs.plugins.jib)``,
    ``alias(libs.plugins.google.jib)``), or None."""
    for match in _CATALOG_PLUGIN_RE.finditer(text):
        if plugin in _NAME_PARTS_RE.split(match.group(1).lower()):
            return text.count("\n", 0, match.start()) + 1
    return None


#: sbt plugins that build an image, enabled in a build definition: sbt-native-packager's and
#: sbt-docker's ``DockerPlugin``, sbt-jib's ``JibPlugin`` (``enablePlugins(JavaAppPackaging, DockerPlugin)``).
_SBT_IMAGE_PLUGIN_RE = lazy_re(r"\benablePlugins[ \t]*\([^)\n]{0,300}?\b(DockerPlugin|JibPlugin)\b")


def _sbt(inv: Inventory) -> Iterator[Signal]:
    for path, line, match in _code_matches(inv, inv.named("build.sbt"), ("Plugin",), "//", _SBT_IMAGE_PLUGIN_RE):
        yield Signal(Category.CONTAINER, path, line, f"sbt builds the image (enablePlugins({match.group(1)}))")


def _code_matches(
    inv: Inventory, paths: tuple[str, ...], markers: tuple[str, ...], comment: str, pattern: LazyPattern
) -> Iterator[tuple[str, int, re.Match[str]]]:
    """(path, line, match) of the first match of ``pattern`` outside whole-line comments, in each
    candidate file among ``paths`` that mentions one of ``markers``."""
    for path in _candidates(inv, paths):
        text = inv.text(path) or ""
        if not any(marker in text for marker in markers):
            continue
        code = code_lines(text, comment)
        match = pattern.search(code)
        if match is not None:
            yield path, code.count("\n", 0, match.start()) + 1, match


#: A CI command that builds the project's image without a Dockerfile, its plugin or tool set up on
#: the command line alone (Jib's documented ``mvn compile jib:build -Dimage=...``): Jib and Spring
#: Boot's Buildpacks image through Maven or Gradle, Cloud Native Buildpacks' ``pack build``, ko.
_CI_IMAGE_BUILD_RE = lazy_re(
    r"""(?x)
      \bmvnw?\b[^\n]{0,300}?\b(?P<maven>jib:(?:build|dockerBuild|buildTar)|jib-maven-plugin:[\w.-]{0,40}:build
        |spring-boot:build-image)\b
    | \bgradlew?\b[^\n]{0,300}?[ \t:](?P<gradle>jib|jibDockerBuild|jibBuildTar|bootBuildImage)(?![\w-])
    | (?<![\w./-])(?P<tool>pack[ \t]+build|ko[ \t]+(?:build|publish))\b
    """
)


def _ci_image_builds(inv: Inventory) -> Iterator[Signal]:
    """The project's image built in CI by a tool that needs no Dockerfile (``mvn jib:build``,
    ``./gradlew bootBuildImage``, ``pack build``), the first such command."""
    for pipeline in pipelines(inv):
        for cmd in pipeline.commands:
            for line in cmd.lines():
                match = _CI_IMAGE_BUILD_RE.search(line)
                if match is not None:
                    what = " ".join(match.group(match.lastgroup or 0).split())
                    where = command_line(inv.text(cmd.path) or "", cmd, line)
                    yield Signal(Category.CONTAINER, cmd.path, where, f"CI builds the image with `{what}`")
                    return


# ---- .NET: SDK container publishing ---------------------------------------------------------------

#: MSBuild properties of the .NET SDK's container publishing (``dotnet publish /t:PublishContainer``
#: builds the image without a Dockerfile): switched on, or an image configured.
_DOTNET_CONTAINER_RE = lazy_re(
    r"<EnableSdkContainerSupport>[ \t]*true[ \t]*</EnableSdkContainerSupport>"
    r"|<(ContainerRepository|ContainerImageName|ContainerBaseImage|ContainerFamily)>[ \t]*[^<\s]",
    re.IGNORECASE,
)


def _dotnet(inv: Inventory) -> Iterator[Signal]:
    for path in _candidates(inv, inv.with_ext("csproj", "fsproj", "vbproj")):
        text = inv.text(path) or ""
        if "container" not in text.lower():
            continue
        project = without_spans(text, "<!--", "-->")
        match = _DOTNET_CONTAINER_RE.search(project)
        if match is not None:
            line = line_of_fragment(text, match.group(0))
            what = match.group(1) or "EnableSdkContainerSupport"
            yield Signal(Category.CONTAINER, path, line, f".NET SDK publishes the image ({what})")


# ---- Go: ko -------------------------------------------------------------------------------------


def _ko(inv: Inventory) -> Iterator[Signal]:
    for path in _candidates(inv, inv.named(".ko.yaml", ".ko.yml")):
        for doc in yaml_mappings(inv, path):
            key = next((k for k in _KO_KEYS if k in doc), None)
            if key is not None:
                yield Signal(Category.CONTAINER, path, None, f"ko builds the image (.ko.yaml {key})")
                break


# ---- Nixpacks and Railpack (Railway, Coolify, Dokploy) -------------------------------------------

#: Their configuration files, with a non-empty body.
_NIXPACKS_FILES = {"nixpacks.toml": "Nixpacks", "nixpacks.json": "Nixpacks", "railpack.json": "Railpack"}


def _nixpacks(inv: Inventory) -> Iterator[Signal]:
    for path in _candidates(inv, inv.named(*_NIXPACKS_FILES)):
        if (inv.text(path) or "").strip():
            tool = _NIXPACKS_FILES[basename(path).lower()]
            yield Signal(Category.CONTAINER, path, None, f"{tool} builds the image ({basename(path)})")


# ---- Cloud Native Buildpacks --------------------------------------------------------------------


def _buildpacks(inv: Inventory) -> Iterator[Signal]:
    for path in _candidates(inv, inv.named("project.toml")):
        data = load_toml(inv, path)
        if data is not None and buildpacks_project(data):
            yield Signal(Category.CONTAINER, path, None, "Cloud Native Buildpacks build the image (project.toml)")


def buildpacks_project(data: dict[str, Any]) -> bool:
    """A Buildpacks project descriptor: schema 0.2 (``[_]``, ``[io.buildpacks]``) or the legacy
    schema's ``[build]`` table (``[[build.env]]``, ``[[build.buildpacks]]``, ``builder``)."""
    if "buildpacks" in as_dict(data.get("io")) or isinstance(data.get("_"), dict):
        return True
    build = data.get("build")
    return isinstance(build, dict) and any(k in build for k in _BUILDPACKS_BUILD_KEYS)


# ---- Nix, Bazel, Earthly, Bake ------------------------------------------------------------------


def _nix(inv: Inventory) -> Iterator[Signal]:
    markers = ("dockerTools", "nix2container")
    for path, line, match in _code_matches(inv, inv.with_ext("nix"), markers, "#", _NIX_IMAGE_RE):
        yield Signal(Category.CONTAINER, path, line, f"Nix builds an image ({match.group(0)})")


def _bazel(inv: Inventory) -> Iterator[Signal]:
    for path in _candidates(inv, inv.named("BUILD", "BUILD.bazel")):
        text = inv.text(path) or ""
        if "_image" not in text:
            continue
        match = _BAZEL_IMAGE_RE.search(text)
        if match is not None:
            line = text.count("\n", 0, match.start()) + 1
            yield Signal(Category.CONTAINER, path, line, f"Bazel builds an image ({match.group(1)})")


def _earthly(inv: Inventory) -> Iterator[Signal]:
    for path in _candidates(inv, inv.named("Earthfile")):
        text = inv.text(path) or ""
        line = first_line(text, _EARTHLY_IMAGE_RE)
        if line is not None:
            yield Signal(Category.CONTAINER, path, line, "Earthly target saves an image (SAVE IMAGE)")


def _bake(inv: Inventory) -> Iterator[Signal]:
    for path in _candidates(inv, inv.named("docker-bake.hcl", "docker-bake.override.hcl", "docker-bake.json")):
        text = inv.text(path) or ""
        if basename(path).lower().endswith(".json"):
            found = '"target"' in text
            line = line_of_fragment(text, '"target"') if found else None
        else:
            line = first_line(text, _BAKE_TARGET_RE)
            found = line is not None
        if found:
            yield Signal(Category.CONTAINER, path, line, "Docker Bake build targets")
