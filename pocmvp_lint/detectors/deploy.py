"""Deployment configuration: ``container``, ``orchestration``, ``iac`` and ``paas`` (signals.md §5)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

from pocmvp_lint.catalogue import PRODUCTION_WORDS
from pocmvp_lint.detectors._ci import pipelines
from pocmvp_lint.detectors._images import (
    DEV_IMAGE_FOLDER_WORDS,
    DEV_IMAGE_FOLDERS,
    GRADLE_PLUGIN_ID_RE,
    detect_image_builds,
    image_dev_use,
    pom_build_plugins,
    without_spans,
)
from pocmvp_lint.detectors._util import (
    CLOUDFLARE_CONFIGS,
    DOCKERFILE_STAGE_RE,
    GRADLE_SCRIPTS,
    PM2_ECOSYSTEMS,
    WRANGLER_CONFIGS,
    as_dict,
    as_list,
    as_str_list,
    basename,
    code_lines,
    depth,
    dirname,
    first_line,
    is_auxiliary,
    is_template_name,
    line_at,
    line_of_fragment,
    line_of_key,
    load_json,
    load_toml,
    meaningful,
    names_containing,
    names_starting,
    yaml_mappings,
)
from pocmvp_lint.detectors._workloads import (
    compose_like_files,
    copilot_workloads,
    ecs_task_definitions,
    manifest_templates,
    nomad_hcl_jobs,
    skaffold_pipelines,
    tilt_dev_loops,
    unparsed_resource,
)
from pocmvp_lint.detectors._yamlscan import chart_root, generator_template, is_compose_name, texts, yaml_candidates
from pocmvp_lint.detectors.ci import TEST_COMMAND_RE
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import lazy_re
from pocmvp_lint.model import Category

#: A ``FROM`` line: its flags, image and stage name (``FROM --platform=x node:20 AS build``).
_NOT_DOCKERFILE_EXTS = (
    ".md",
    ".txt",
    ".rst",
    ".adoc",
    ".html",
    ".go",
    ".py",
    ".js",
    ".ts",
    ".rb",
    ".java",
    ".rs",
    ".c",
    ".cpp",
    ".sh",
    ".json",
    ".yml",
    ".yaml",
    ".lock",
    ".ignore",
    ".dockerignore",
    ".orig",
    ".bak",
    # template engines: a generator's Dockerfile (``Dockerfile.j2``, ``Dockerfile.ejs``), not an image
    ".j2",
    ".jinja",
    ".jinja2",
    ".ejs",
    ".hbs",
    ".handlebars",
    ".mustache",
    ".njk",
    ".liquid",
    ".erb",
    ".gotmpl",
    ".tera",
    ".in",
)
#: Base images of browser test runners: an image built on one runs end-to-end tests, unless it
#: exposes a port (an application that drives a browser: a scraper, a PDF renderer).
_TEST_RUNNER_IMAGE_RE = lazy_re(
    r"^(?:docker\.io/)?(?:cypress/|mcr\.microsoft\.com/playwright|selenium/|browserless/)", re.IGNORECASE
)
#: Template markers in a ``FROM`` image (``{{ base_image }}``, ``<%= node %>``): a generator's template.
_TEMPLATE_MARKERS = ("{{", "{%", "<%")
_NAME_PARTS_RE = lazy_re(r"[._-]")
#: Instructions by which an image starts or serves something.
_STARTS_RE = lazy_re(r"^[ \t]*(?:CMD|ENTRYPOINT|EXPOSE)\b", re.IGNORECASE | re.MULTILINE)
_RUN_RE = lazy_re(r"^[ \t]*RUN[ \t]+([^\n]*)", re.IGNORECASE | re.MULTILINE)
#: A Dockerfile's ``CMD`` or ``ENTRYPOINT`` line.
_START_LINE_RE = lazy_re(r"^[ \t]*(?:CMD|ENTRYPOINT)\b[^\n]*", re.IGNORECASE | re.MULTILINE)
#: A ``CMD`` or ``ENTRYPOINT`` instruction with its continuation lines (a shell ``if`` chain).
_START_INSTRUCTION_RE = lazy_re(r"^[ \t]*(?:CMD|ENTRYPOINT)\b(?:[^\n\\]|\\[^\n]|\\\n)*", re.IGNORECASE | re.MULTILINE)
#: A JavaScript development script (``npm run dev``, ``yarn dev``, NestJS's ``yarn start:dev``, ``next
#: dev``, ``nodemon``) and a start for production (``npm start``, ``next start``, ``node server.js``), as
#: an image's start command runs them. Narrower than ``_DEV_SERVER_RE`` (a Compose service's): an
#: image started with ``go run`` or ``manage.py runserver`` is often how a small service ships.
_IMAGE_DEV_SCRIPT_RE = lazy_re(
    r"""\b(?:(?:npm|pnpm|yarn|bun)[\s"',]+(?:run[\s"',]+)?(?:(?:start|serve)[:_-](?:dev|watch)|dev)"""
    r"""|(?:next|nuxt|astro|remix)[\s"',]+dev|nodemon)\b(?![:.-])"""
)
#: A start command that watches the sources and rebuilds or reloads on each change (``cargo watch``,
#: ``dotnet watch``, Go's ``air``, ``uvicorn --reload``, ``node --watch``): pointless in a shipped
#: image, it is how a development container runs the code being edited.
_IMAGE_WATCHER_RE = lazy_re(
    r"""(?:^|[\s"'\[,])(?:cargo[\s"',]+watch|dotnet[\s"',]+watch|air|watchexec|reflex|CompileDaemon|ts-node-dev"""
    r"""|tsx[\s"',]+watch)(?=[\s"',\]]|$)|[\s"',](?:--reload|--watch|--hot)(?=[\s"',=\]]|$)"""
)
_PRODUCTION_START_RE = lazy_re(
    r"""\b(?:(?:npm|pnpm|yarn|bun)[\s"',]+(?:run[\s"',]+)?(?:(?:start|serve)(?![:_-](?:dev|watch)\b)|prod\w*)"""
    r"""|(?:next|nuxt|astro)[\s"',]+(?:start|preview)|node[\s"',]+[\w./-]+|pm2(?:-runtime)?)\b"""
)
#: Instructions that put files of the build context (or another stage) into an image.
_COPIES_RE = lazy_re(r"^[ \t]*(?:COPY|ADD)\b", re.IGNORECASE | re.MULTILINE)
#: Docker Hub under its other names, and the mirrors of its official images.
_REGISTRY_PREFIX = (
    r"^(?:docker\.io/|index\.docker\.io/|registry\.hub\.docker\.com/|mirror\.gcr\.io/|public\.ecr\.aws/docker/)?"
)
#: Images of backing services: a compose file using only these runs a local database, not the app.
_INFRA_IMAGES = lazy_re(
    _REGISTRY_PREFIX + r"(?:library/|bitnami/|timescale/|pgvector/|postgis/|confluentinc/|localstack/|minio/|"
    r"wurstmeister/|apache/|mailhog/|axllent/|redislabs/|docker\.elastic\.co/\S+/|opensearchproject/|"
    r"semitechnologies/|milvusdb/|ollama/|cockroachdb/|apachepulsar/|scylladb/|memgraph/|surrealdb/|questdb/|"
    r"rustfs/|chrislusf/)?"
    # a community publisher's build of a database (``nouchka/sqlite3``, ``mdillon/postgis``, ``ankane/pgvector``)
    r"(?:[\w.-]{1,64}/(?=(?:postgres\w*|postgis|pgvector|mysql|mariadb|mongo(?:db)?|redis|sqlite\w*)(?::\S*)?$))?"
    r"(?:postgres\w*|postgis|timescaledb\S*|pgvector|mysql|mariadb|mongo\w*|mongo-express|redis\w*|sqlite\w*|"
    r"valkey|memcached|rabbitmq|elasticsearch|opensearch(?:-dashboards)?|kibana|minio|localstack|mailhog|mailpit|"
    r"weaviate|milvus|ollama|cockroach|pulsar|scylla|memgraph\S*|surrealdb|questdb|eclipse-mosquitto|emqx\S*|"
    r"rustfs|seaweedfs|dxflrs/garage|fsouza/fake-gcs-server|"
    r"adminer|pgadmin4?|dpage/pgadmin4|zookeeper|cp-zookeeper|kafka|cp-kafka|nats|selenium\S*|"
    r"amazon/dynamodb-local|azurite|mcr\.microsoft\.com/azure-storage/azurite|mcr\.microsoft\.com/mssql/server|"
    r"cassandra|neo4j|couchdb|etcd|consul|vault|jaeger\S*|prom/prometheus|grafana/grafana|"
    r"mailcatcher|meilisearch|getmeili/meilisearch|typesense\S*|qdrant/qdrant|chromadb/chroma|"
    r"clickhouse\S*|influxdb|keycloak\S*|quay\.io/keycloak/keycloak|"
    # Supabase's self-hosted stack (``supabase/studio``, ``supabase/gotrue``, its Kong gateway, PostgREST,
    # imgproxy and Vector): a backend platform the app uses, as it uses a database
    r"supabase/[\w.-]+|kong|postgrest/postgrest|darthsim/imgproxy|timberio/vector)(?::\S*)?$",
    re.IGNORECASE,
)
#: Images of data stores (databases, caches, brokers) among ``_INFRA_IMAGES``: a Dockerfile built on
#: one seeds the store the application uses (``COPY schema.sql /docker-entrypoint-initdb.d/``). A
#: monitoring or identity server's image (Grafana, Keycloak) is often shipped as it is built.
_DATA_STORE_IMAGE_RE = lazy_re(
    r"(?:^|/)(?:postgres\w*|postgis|timescaledb\S*|pgvector|mysql|mariadb|mongo(?:db)?|redis(?:-stack)?|valkey"
    r"|memcached|rabbitmq|mssql/server|cassandra|neo4j|couchdb|cockroach|scylla|clickhouse-server|influxdb"
    r"|cp-kafka|kafka|zookeeper)(?::[^\s/]*)?$",
    re.IGNORECASE,
)
#: apiVersion prefixes of tools whose files look like Kubernetes resources but are not (§5.2).
_K8S_LOOKALIKE_RE = lazy_re(
    r"^(?:skaffold/|kustomize\.config\.k8s\.io/|kind\.x-k8s\.io/|k3d\.io/|backstage\.io/|kpt\.dev/|"
    r"ctlptl\.dev/|config\.kubernetes\.io/|kubeadm\.k8s\.io/|kubelet\.config\.k8s\.io/|tekton\.dev/|"
    r"serving\.kserve\.io/x|dapr\.io/v1alpha1/x|backstage)"
)
#: API domains of catalogues shaped like Kubernetes resources that no cluster runs: Backstage's
#: catalog entities (``backstage.io/v1alpha1``) and its scaffolder's software templates
#: (``scaffolder.backstage.io/v1beta3``, ``kind: Template``).
_LOOKALIKE_API_DOMAINS = ("backstage.io",)
#: A Kubernetes workload kind as a Jsonnet field (``kind: 'Deployment'``).
#: A Platform.sh / Upsun application: a ``type: <runtime>:<version>`` beside ``web:`` or ``hooks:``.
_PLATFORM_SH_RE = lazy_re(r"^[ \t]*type[ \t]*:[ \t]*[\"']?[a-z]+:[\w.]+[\"']?[ \t]*(?:#[^\n]*)?$", re.MULTILINE)
_JSONNET_KIND_RE = lazy_re(
    r"""\bkind[ \t]*:[ \t]*['"](Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod|Service|Ingress)['"]"""
)
#: Most Jsonnet files read looking for Kubernetes resources.
MAX_JSONNET_READS = 40
_TEMPLATED_RE = lazy_re(r"\{\{-?\s*\.(?:Release|Values|Chart)\.")
_TF_RE = lazy_re(r"^[ \t]*(?:resource|module|provider|terraform|data)[ \t]+(?:\"|\{)", re.MULTILINE)
_NOMAD_RE = lazy_re(r"^[ \t]*job[ \t]+\"", re.MULTILINE)


# ---- container ----------------------------------------------------------------------------


def dockerfiles(inv: Inventory) -> list[str]:
    """Dockerfile-named files (CKV mask), dev containers, templates and docs excluded."""
    return [path for path in _all_dockerfiles(inv) if not dev_dockerfile(path)]


def dev_dockerfile(path: str) -> bool:
    """Whether the Dockerfile at ``path`` builds an image for development or tests only."""
    return image_dev_use(path) is not None


#: CI systems' configuration folders: an image defined there that starts nothing of its own is
#: the toolchain a CI job builds in (``.github/Dockerfiles/el9.Dockerfile``), never shipped.
CI_CONFIG_FOLDERS = (".github/", ".gitea/", ".forgejo/", ".gitlab/", ".circleci/", ".buildkite/")


#: Folder words of build environments (``docker/build-fast/rhel-9/Dockerfile``, ``builder/``,
#: ``reproducible-builds/``).
_BUILD_FOLDER_WORDS = frozenset({"build", "builds", "builder", "builders", "buildenv", "toolchain", "toolchains"})
#: Bases that serve nothing of their own: operating systems and toolchains (CUDA's ``devel``
#: images, ``buildpack-deps``). An image on one that starts nothing is a build or tool environment.
_OS_BASE_RE = lazy_re(
    _REGISTRY_PREFIX + r"(?:library/)?(?:ubuntu|debian|alpine|centos|fedora|rockylinux|almalinux|amazonlinux"
    r"|archlinux|opensuse/[\w.-]+|buildpack-deps|nvidia/cuda:[^\s]*devel[^\s]*|(?:redhat|registry\.access\.redhat\.com)/ubi\d*"
    r"(?:/ubi)?(?:-minimal)?)(?:[:@]\S*)?$",
    re.IGNORECASE,
)


def _tool_image(text: str, base: str) -> bool:
    """An image on an operating system or toolchain base that takes nothing of the project and
    starts nothing (no ``CMD``, ``ENTRYPOINT`` or ``EXPOSE``): the tools a build runs in (an Android
    SDK on Ubuntu); whoever runs it says what to run, and it serves nothing."""
    return (
        _STARTS_RE.search(text) is None
        and _OS_BASE_RE.match(base.strip()) is not None
        and not any(_from_context(m.group(1)) for m in _COPY_LINE_RE.finditer(text))
    )


#: A ``COPY`` or ``ADD`` instruction and what follows it on its line.
_COPY_LINE_RE = lazy_re(r"^[ \t]*(?:COPY|ADD)[ \t]+([^\n]*)", re.IGNORECASE | re.MULTILINE)


def _from_context(arguments: str) -> bool:
    """Whether a ``COPY``/``ADD`` takes files of the build context: not ``--from=`` another stage or
    image, not only URLs (``ADD https://.../installer.sh``)."""
    words = arguments.split()
    if any(w.lower().startswith("--from") for w in words):
        return False
    sources = [w for w in words if not w.startswith("--")][:-1]
    return any(not w.lower().startswith(("http://", "https://")) for w in sources)


#: An image's opening comment calling it a development or test image (cuDF's "An integration test
#: & dev container which builds and installs cuDF from master").
_DEV_IMAGE_COMMENT_RE = lazy_re(r"(?i)\b(?:dev|development|test|testing|ci)[ \t]+(?:container|image|environment)\b")


def commented_dev_image(text: str) -> bool:
    """A Dockerfile whose opening comment says it is for development or tests, or not for
    production, and does not speak of production otherwise."""
    lead = _leading_comments(text)
    if _NOT_FOR_PRODUCTION_RE.search(lead) is not None:
        return True
    return _DEV_IMAGE_COMMENT_RE.search(lead) is not None and "production" not in lead.lower()


def _build_environment(path: str, text: str) -> bool:
    """An image in a folder named for building that copies nothing of the project and starts
    nothing (no ``COPY``/``ADD``, ``CMD``, ``ENTRYPOINT`` or ``EXPOSE``): the compilers a build runs
    in, one per target platform, not a service. A customised service image (``FROM grafana/grafana``
    plus plugins) is kept by the folder condition."""
    words = {word for folder in path.lower().split("/")[:-1] for word in _NAME_PARTS_RE.split(folder)}
    if words.isdisjoint(_BUILD_FOLDER_WORDS):
        return False
    return _STARTS_RE.search(text) is None and _COPIES_RE.search(text) is None


#: Commands that build an artifact (an app bundle, a binary, a package) and end.
_BUILD_COMMAND_RE = lazy_re(
    r"\b(?:expo|eas)[ \t]+build\b|\bgradlew?[ \t]+(?:assemble|bundle)\w*|\bflutter[ \t]+build\b"
    r"|\b(?:npm|pnpm|bun)[ \t]+run[ \t]+build\b|\byarn[ \t]+(?:run[ \t]+)?build\b|\bcargo[ \t]+build\b"
    r"|\bgo[ \t]+build\b|\bdotnet[ \t]+(?:build|publish)\b|\bpyinstaller\b"
)
_EXPOSE_RE = lazy_re(r"^[ \t]*EXPOSE\b", re.IGNORECASE | re.MULTILINE)


def _build_job(text: str) -> str | None:
    """The build an image starts and ends with (``ENTRYPOINT expo build:android -t apk``, an Android
    SDK image run to produce the APK), when it starts nothing else and exposes no port: a build
    environment, not a service; else None."""
    starts = _START_LINE_RE.findall(text)
    if not starts or _EXPOSE_RE.search(text) is not None:
        return None
    command = starts[-1].strip().split(None, 1)[-1]
    words = " ".join(command.translate(_JSON_ARRAY_MARKS).split())  # ["expo", "build"] as expo build
    if any(mark in words for mark in ("&", ";", "|")):
        return None
    found = _BUILD_COMMAND_RE.search(words)
    return found.group(0) if found is not None else None


#: The brackets, quotes and commas of an exec-form ``CMD ["a", "b"]``, read as blanks.
_JSON_ARRAY_MARKS = str.maketrans({"[": " ", "]": " ", '"': " ", ",": " "})
#: Interactive shells, and the options that keep them interactive (not ``-c``, which runs a command).
_SHELLS = frozenset({"bash", "sh", "zsh", "ash", "fish", "/bin/bash", "/bin/sh", "/bin/zsh", "/usr/bin/bash"})
_SHELL_OPTIONS = frozenset({"-l", "-i", "-il", "-li", "--login"})


def _dev_server_image(text: str) -> str | None:
    """The development server an image's last start instruction runs, alone (``CMD npm run dev``, a
    shell ``if`` choosing ``yarn dev`` or ``pnpm dev``, ``CMD ["cargo", "watch", "-x", "run"]``): a
    local development setup; None for any other image."""
    starts = _START_INSTRUCTION_RE.findall(text)
    if not starts:
        return None
    last = starts[-1]
    found = _IMAGE_DEV_SCRIPT_RE.search(last) or _IMAGE_WATCHER_RE.search(last)
    if found is None or _PRODUCTION_START_RE.search(last) is not None:
        return None
    # the whole command when it is one line, else the development script among its branches
    command = found.group(0) if "\n" in last else last.strip().split(None, 1)[-1]
    return " ".join(command.translate(_JSON_ARRAY_MARKS).split())[:60]


def _shell_image(text: str) -> bool:
    """An image whose every ``CMD`` and ``ENTRYPOINT`` is an interactive shell (``CMD ["bash"]``)
    and that exposes no port: a development environment one works inside, not a service. An image
    with ``ONBUILD`` instructions is a base the services' own images build on (``FROM acme/base``),
    whatever it starts by itself."""
    starts = _START_LINE_RE.findall(text)
    if not starts or _EXPOSE_RE.search(text) is not None or _ONBUILD_RE.search(text) is not None:
        return False
    for start in starts:
        words = start.strip().split(None, 1)[-1].translate(_JSON_ARRAY_MARKS).split()
        if not words or words[0] not in _SHELLS or not _SHELL_OPTIONS.issuperset(words[1:]):
            return False
    return True


_ONBUILD_RE = lazy_re(r"^[ \t]*ONBUILD[ \t]", re.MULTILINE | re.IGNORECASE)


def _test_image(text: str) -> bool:
    """A Dockerfile that only builds and tests (a ``RUN go test``, ``RUN pytest``) and starts nothing
    of its own (no ``CMD``, ``ENTRYPOINT`` or ``EXPOSE``): CI's test image, not a deployable one."""
    if _STARTS_RE.search(text) is not None:
        return False
    return any(TEST_COMMAND_RE.search(match.group(1)) for match in _RUN_RE.finditer(text))


def dev_dockerfiles(inv: Inventory) -> list[str]:
    """The Dockerfiles of a development, test or CI environment only (``.devcontainer/``,
    ``Dockerfile.dev``, ``Dockerfile.test``, ``e2e/Dockerfile``, ``ci/Dockerfile``)."""
    return [path for path in _all_dockerfiles(inv) if dev_dockerfile(path)]


def _all_dockerfiles(inv: Inventory) -> list[str]:
    out: list[str] = []
    for name in names_containing(inv, "dockerfile", "dockerfile", "containerfile"):
        if dockerfile_name(name):
            out.extend(p for p in inv.named(name) if not (is_auxiliary(p) or is_template_name(p)))
    return sorted(out)


def dockerfile_name(name: str) -> bool:
    """Whether the lower-case base name ``name`` is a Dockerfile's (``Dockerfile``, ``api.Dockerfile``,
    ``Dockerfile.prod``, ``Dockerfile-prod``, ``Containerfile``), not a document about one."""
    if "dockerfile" not in name and "containerfile" not in name:
        return False
    if name.endswith(_NOT_DOCKERFILE_EXTS) and name not in ("dockerfile", "containerfile"):
        return False
    parts = _NAME_PARTS_RE.split(name)  # Dockerfile, api.Dockerfile, Dockerfile.prod, Dockerfile-prod, Dockerfile_api
    return "dockerfile" in parts or "containerfile" in parts


def final_base(text: str) -> tuple[str, int] | None:
    """The image the Dockerfile's final stage is built on, and the line of the ``FROM`` naming it.

    A multi-stage build often ends ``FROM production AS worker``: ``production`` is a stage of the
    same file, so the image is the one that stage is built on, followed back through the stages.
    None without a ``FROM``."""
    stages: dict[str, re.Match[str]] = {}
    last: re.Match[str] | None = None
    for last in DOCKERFILE_STAGE_RE.finditer(text):
        if last.group(2):
            stages.setdefault(last.group(2).lower(), last)
    if last is None:
        return None
    found = last
    for _ in range(len(stages)):  # each stage at most once: a loop of names cannot spin
        earlier = stages.get(found.group(1).lower())
        if earlier is None or earlier.start() >= found.start():
            break
        found = earlier
    image = found.group(1)
    if "$" in image:
        first = DOCKERFILE_STAGE_RE.search(text)
        image = _with_global_args(image, text[: first.start()] if first is not None else "")
    return image, text.count("\n", 0, found.start()) + 1


#: A global build argument with a default, before the first ``FROM`` (the only ones ``FROM`` sees).
_GLOBAL_ARG_RE = lazy_re(r"""^[ \t]*ARG[ \t]+(\w{1,100})=["']?([^\s"']{1,300})""", re.IGNORECASE | re.MULTILINE)
_ARG_USE_RE = lazy_re(r"\$\{(\w{1,100})\}|\$(\w{1,100})")


def _with_global_args(image: str, head: str) -> str:
    """``FROM ${RUNNER_IMAGE}`` with the defaults of the global ``ARG`` lines above it
    (``ARG RUNNER_IMAGE=debian:bookworm-slim``); a variable with no default stays as written."""
    defaults: dict[str, str] = {name: default for name, default in _GLOBAL_ARG_RE.findall(head)}

    def value(match: re.Match[str]) -> str:
        name = str(match.group(1) or match.group(2))
        return defaults.get(name, str(match.group(0)))

    return _ARG_USE_RE.sub(value, image)


def detect_container(inv: Inventory) -> Iterator[Signal]:
    for path in dockerfiles(inv):
        text = inv.text(path)
        if not text or not meaningful(text):
            continue
        base = final_base(text)
        if base is None or _templated(base[0]):
            continue
        dev = _development_use(inv, path, text, base[0])
        if dev is not None:
            yield Signal(Category.CONTAINER_DEV, path, base[1], dev)
        else:
            yield Signal(Category.CONTAINER, path, base[1], f"builds an image FROM {base[0]}")
    for path in dev_dockerfiles(inv):
        base = final_base(inv.text(path) or "")
        if base is not None and not _templated(base[0]):
            yield Signal(Category.CONTAINER_DEV, path, base[1], f"{image_dev_use(path)} image FROM {base[0]}")
    yield from detect_image_builds(inv)


def _development_use(inv: Inventory, path: str, text: str, image: str) -> str | None:
    """What an image built FROM ``image`` serves instead of running the application (the detail of
    its ``container-dev`` signal): tests, CI, a build, a toolchain, development, a data store; None
    for an image of the application."""
    if _test_image(text):
        return f"test image FROM {image} (runs the tests, starts nothing: no CMD or ENTRYPOINT)"
    if path.startswith(CI_CONFIG_FOLDERS) and _STARTS_RE.search(text) is None:
        return f"CI build image FROM {image} (in the CI configuration, starts nothing: no CMD or ENTRYPOINT)"
    if _build_environment(path, text):
        return f"build environment image FROM {image} (copies nothing of the project, starts nothing)"
    if (build := _build_job(text)) is not None:
        return f"build image FROM {image} (it runs `{build}` and ends, serving nothing)"
    if _tool_image(text, image):
        return f"tool image FROM {image} (an operating system or toolchain; it takes nothing of the project " + (
            "and starts nothing)"
        )
    if commented_dev_image(text):
        return f"development image FROM {image} (its opening comment says it is for development or tests)"
    compose = None if _implicit_image(path) else dev_compose_images(inv).get(path)
    if compose is not None:
        return f"development image FROM {image} (only the development Compose file {compose} builds it)"
    if infra_image(image) and _DATA_STORE_IMAGE_RE.search(image.strip()) is not None:
        return f"backing service image FROM {image} (a database, cache or broker the application uses, " + (
            "not the application)"
        )
    if (server := _dev_server_image(text)) is not None:
        return f"development image FROM {image} (it starts a development server: `{server}`)"
    if _shell_image(text):
        return f"development image FROM {image} (it starts an interactive shell and exposes no port)"
    if _TEST_RUNNER_IMAGE_RE.match(image) and _EXPOSE_RE.search(text) is None:
        return f"test runner image FROM {image}"
    return None


def _templated(image: str) -> bool:
    return any(marker in image for marker in _TEMPLATE_MARKERS)


# ---- orchestration ------------------------------------------------------------------------


def compose_files(inv: Inventory) -> list[str]:
    """Compose files: those named ``compose``/``docker-compose``, then Compose files under names of
    their own (Swarm stacks, ``production.yml``), found by shape once per inventory."""
    return inv.memo("compose-files", lambda: _compose_named(inv) + compose_like_files(inv, yaml_candidates(inv)))


def _compose_named(inv: Inventory) -> list[str]:
    out: list[str] = []
    for name in names_starting(inv, "compose", ("docker-compose", "compose")):
        if name.endswith((".yml", ".yaml")):
            out.extend(p for p in inv.named(name) if not is_auxiliary(p))
    return sorted(out)


def compose_services(inv: Inventory, path: str) -> dict[str, dict[Any, Any]]:
    """The services of the Compose file at ``path`` by name: its ``services`` mapping, or in the
    first file format (no ``version`` or ``services`` key), the top-level entries that run an image
    or build one."""
    services: dict[str, dict[Any, Any]] = {}
    for doc in yaml_mappings(inv, path):
        entries = as_dict(doc.get("services"))
        if "services" not in doc and "version" not in doc:
            entries = {k: v for k, v in doc.items() if isinstance(v, dict) and ("image" in v or "build" in v)}
        for name, body in entries.items():
            if isinstance(body, dict):
                services[str(name)] = body
    return services


def app_service(services: dict[str, dict[Any, Any]]) -> tuple[str, str] | None:
    """(service, how) for the first service that builds or runs an application image (not a
    database or web server built from its own folder, ``_infrastructure_build``)."""
    for name, body in services.items():
        build = body.get("build")
        if build is not None:
            if _infrastructure_build(build):
                continue
            return name, "builds"
        image = body.get("image")
        if isinstance(image, str) and _app_image(image):
            return name, f"runs image {image}"
    return None


def _app_image(image: str) -> bool:
    """An image that is not a backing service's (database, cache, broker) nor a reverse proxy's."""
    return not infra_image(image) and not _proxy_image(image)


def infra_image(image: str) -> bool:
    """An image of a backing service or a development tool (``_INFRA_IMAGES``: ``postgres:16``,
    ``confluentinc/cp-kafka``, ``grafana/grafana``), by its name and known publishers."""
    return _INFRA_IMAGES.match(image.strip()) is not None


def _proxy_image(image: str) -> bool:
    pattern = _REGISTRY_PREFIX + r"(?:library/)?(?:nginx|traefik|caddy|haproxy|envoyproxy/envoy)(?::\S*)?$"
    return re.match(pattern, image.strip()) is not None


#: Words of a Compose file's own name, or of a folder above it, that make it a development, test
#: or CI setup (``docker-compose.dev.yml``, ``compose.test.yaml``, ``e2e/docker-compose.yml``,
#: ``.devcontainer/docker-compose.yml``, DDEV's ``.ddev/``).
DEV_COMPOSE_NAME_WORDS = frozenset({"dev", "development", "develop", "local", "test", "tests", "testing", "ci", "e2e"})
DEV_COMPOSE_FOLDER_WORDS = DEV_IMAGE_FOLDER_WORDS | {"ci", "ddev"}
#: Build targets of a development stage (``build: {target: dev}``).
_DEV_TARGETS = frozenset({"dev", "development", "develop", "local", "debug", "test"})


def compose_dev_use(inv: Inventory, path: str, services: dict[str, dict[Any, Any]]) -> str | None:
    """Why a Compose file that runs the app serves development or tests only, or None: its name,
    its folder, its opening comment, every application service running the checkout mounted into
    it (the whole of it, or a source folder served by a development server), or every service
    building the app from a development Dockerfile or stage while no service runs an application
    image."""
    *folders, name = path.lower().split("/")
    if {*_NAME_PARTS_RE.split(name)} & DEV_COMPOSE_NAME_WORDS:
        return "named for development or tests"
    if {word for folder in folders for word in _NAME_PARTS_RE.split(folder)} & DEV_COMPOSE_FOLDER_WORDS:
        return "in a development or test folder"
    if {*folders} & DEV_IMAGE_FOLDERS:
        return "in a development or test folder"
    if _NOT_FOR_PRODUCTION_RE.search(_leading_comments(inv.text(path) or "")) is not None:
        return "its opening comment says it is not for production"
    apps = [body for body in services.values() if _application_service(body)]
    if apps and all(_runs_the_checkout(inv, path, body) for body in apps):
        return "runs the checkout mounted into the container"
    builds = [as_dict(body.get("build")) for body in services.values() if body.get("build") is not None]
    runs = [body.get("image") for body in services.values() if body.get("build") is None]
    if any(isinstance(image, str) and _app_image(image) for image in runs):
        return None
    if builds and all(_dev_build(build) for build in builds):
        return "builds a development image"
    return None


def _leading_comments(text: str, limit: int = 80) -> str:
    """The comment block a YAML file opens with (its first ``limit`` lines at most)."""
    block: list[str] = []
    for line in text.split("\n", limit)[:limit]:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        block.append(stripped)
    return "\n".join(block)


def _application_service(body: dict[Any, Any]) -> bool:
    """A service that builds the project, runs an application image, or has the project's root or
    one of its source folders mounted in (a language image running the code: ``golang`` over ``.``)."""
    image = body.get("image")
    build = body.get("build")
    if build is not None:
        return not _infrastructure_build(build)
    if isinstance(image, str) and _app_image(image):
        return True
    sources = [_mount_source(volume) for volume in as_list(body.get("volumes"))]
    return any(s is not None and (_ROOT_MOUNT_RE.match(s) or _is_source_folder(s)) for s in sources)


#: Folders whose Dockerfile builds a database, cache, broker or web server image rather than the
#: application (``docker/mysql/Dockerfile``, ``./nginx``), as Docker setups for Rails, Laravel and
#: Django lay them out.
INFRASTRUCTURE_BUILD_FOLDERS = frozenset(
    {
        *("db", "database", "mysql", "mariadb", "postgres", "postgresql", "postgis", "mongo", "mongodb"),
        *("redis", "memcached", "rabbitmq", "elasticsearch", "minio"),
        *("nginx", "caddy", "traefik", "haproxy", "apache", "httpd", "proxy"),
    }
)


def _infrastructure_build(build: object) -> bool:
    """A Compose ``build`` whose context or Dockerfile sits in a folder named for a backing service or
    a web server (``INFRASTRUCTURE_BUILD_FOLDERS``): it builds that service's image, not the app's."""
    context = build if isinstance(build, str) else as_dict(build).get("context")
    dockerfile = None if isinstance(build, str) else as_dict(build).get("dockerfile")
    folders = context.split("/") if isinstance(context, str) else []
    folders += dockerfile.split("/")[:-1] if isinstance(dockerfile, str) else []
    return not {folder.lower() for folder in folders}.isdisjoint(INFRASTRUCTURE_BUILD_FOLDERS)


#: A comment saying the file is for local development only (Airflow's and other projects' templates:
#: "This configuration is for local development. Do not use it in a production deployment.").
_NOT_FOR_PRODUCTION_RE = lazy_re(
    r"(?im)^[ \t]*#[^\n]*?\b(?:(?:is|only)[ \t]+for[ \t]+local[ \t]+development"
    r"|not[ \t]+(?:meant[ \t]+|intended[ \t]+|suitable[ \t]+)?for[ \t]+production"
    r"|do[ \t]+not[ \t]+use[ \t]+(?:it[ \t]+|this[ \t]+)?(?:in|for)[ \t]+(?:a[ \t]+)?production)\b"
)
#: A bind mount's source that is the project's root (``.``, ``./``, ``$PWD``, ``${PROJECT_DIR:-.}``).
_ROOT_MOUNT_RE = lazy_re(r"^(?:\.|\./|\$\{?PWD\}?|\$\{\w{1,60}:-\.\})/?$")
#: Folders of source code a development container serves from the checkout (``./ingestor/app``).
_SOURCE_MOUNT_NAMES = frozenset({"src", "app", "lib", "code", "source", "backend", "frontend", "server", "api"})
#: Commands that serve the code being edited (they reload it, or build it as they start), not a release.
_DEV_SERVER_RE = lazy_re(
    r"(?:^|[\s\"'\[,])(?:go[\s\"',]+run|fastapi[\s\"',]+dev|flask[\s\"',]+run|nodemon|next[\s\"',]+dev"
    r"|(?:npm|pnpm|bun|yarn)[\s\"',]+(?:run[\s\"',]+)?(?:start|serve)[:_-](?:dev|watch)"
    r"|(?:npm|pnpm|bun)[\s\"',]+run[\s\"',]+dev|(?:yarn|pnpm)[\s\"',]+dev|ng[\s\"',]+serve"
    r"|dotnet[\s\"',]+watch|cargo[\s\"',]+watch)(?=[\s\"',\]]|$)|runserver|--reload\b"
)


def _runs_the_checkout(inv: Inventory, path: str, body: dict[Any, Any]) -> bool:
    """A service that runs the project's files as they are in the checkout: the whole of it mounted
    in, or a source folder mounted in and served by a development server."""
    sources = [_mount_source(volume) for volume in as_list(body.get("volumes"))]
    if any(source is not None and _ROOT_MOUNT_RE.match(source) for source in sources):
        return True
    if not any(source is not None and _is_source_folder(source) for source in sources):
        return False
    return _DEV_SERVER_RE.search(_service_command(inv, path, body)) is not None


def _mount_source(volume: object) -> str | None:
    """The host path of a bind mount (``./src:/app``, ``{type: bind, source: .}``); None for a
    named volume or anything else."""
    if isinstance(volume, dict):
        source = volume.get("source")
        return source.strip() if volume.get("type") == "bind" and isinstance(source, str) else None
    if not isinstance(volume, str) or ":" not in volume:
        return None
    source = volume.split(":", 1)[0].strip()
    return source if source.startswith((".", "$", "/")) else None


def _is_source_folder(source: str) -> bool:
    name = source.rstrip("/").rsplit("/", 1)[-1].lower()
    return source.startswith(".") and name in _SOURCE_MOUNT_NAMES


def _service_command(inv: Inventory, path: str, body: dict[Any, Any]) -> str:
    """What a Compose service runs: its ``command``, else the ``CMD``/``ENTRYPOINT`` lines of the
    Dockerfile it builds."""
    command = body.get("command")
    if isinstance(command, (str, list)):
        return " ".join(as_str_list(command))
    target = _built_dockerfile(path, body.get("build"))
    text = inv.text(target) if target is not None and inv.exists(target) else None
    return "\n".join(_START_LINE_RE.findall(text or ""))


def _built_dockerfile(path: str, build: object) -> str | None:
    """The Dockerfile a Compose service's ``build`` (in the Compose file ``path``) builds, as a
    project path; None when it builds nothing or names it otherwise than by a plain path."""
    if build is None:
        return None
    context = build if isinstance(build, str) else as_dict(build).get("context", ".")
    dockerfile = as_dict(build).get("dockerfile", "Dockerfile") if not isinstance(build, str) else "Dockerfile"
    if not isinstance(context, str) or not isinstance(dockerfile, str) or "://" in context:
        return None
    return posixpath.normpath(posixpath.join(dirname(path), context, dockerfile))


def dev_compose_images(inv: Inventory) -> Mapping[str, str]:
    """The Dockerfiles in a folder that only development Compose files build (``compose_dev_use``),
    each with that file's path: no other Compose file builds them and no CI configuration names
    them or their folder (a CI job building ``.docker/php/Dockerfile`` ships it)."""
    return inv.memo("compose-dev-images", lambda: MappingProxyType(_dev_compose_images(inv)))


def _dev_compose_images(inv: Inventory) -> dict[str, str]:
    dev: dict[str, str] = {}
    shipped: set[str] = set()
    for path in compose_files(inv):
        services = compose_services(inv, path)
        use = compose_dev_use(inv, path, services)
        for body in services.values():
            target = _built_dockerfile(path, body.get("build"))
            if target is None or _implicit_image(target):
                continue
            if use is None:
                shipped.add(target)
            else:
                dev.setdefault(target, path)
    if not dev:
        return {}
    ci_texts = [inv.text(pipeline.file.path) or "" for pipeline in pipelines(inv)]
    return {
        target: compose
        for target, compose in dev.items()
        if target not in shipped and not any(target in text or _names_folder(text, target) for text in ci_texts)
    }


def _implicit_image(path: str) -> bool:
    """The root Dockerfile under its default name: the project's own image, which builds and
    platforms take without being told (``docker build .``, Render, Fly.io, Cloud Run from source).
    A root one under a name of its own (``fb-dockerfile``) is built only where it is named."""
    return "/" not in path and path.lower() in ("dockerfile", "containerfile")


def _names_folder(text: str, target: str) -> bool:
    """Whether a CI configuration names the folder of ``target`` (not the root's: every text would)."""
    folder = dirname(target)
    return bool(folder) and folder in text


def _dev_build(build: dict[Any, Any]) -> bool:
    dockerfile, target = build.get("dockerfile"), build.get("target")
    if isinstance(target, str) and target.lower() in _DEV_TARGETS:
        return True
    return isinstance(dockerfile, str) and image_dev_use(dockerfile) == "development"


def detect_orchestration(inv: Inventory) -> Iterator[Signal]:
    for path in compose_files(inv):
        services = compose_services(inv, path)
        found = app_service(services)
        text = inv.text(path) or ""
        use = compose_dev_use(inv, path, services) if found is not None else None
        if found is not None and use is not None:
            detail = f"compose service '{found[0]}' {found[1]} ({use})"
            yield Signal(Category.ORCHESTRATION_DEV, path, line_of_key(text, found[0]), detail)
        elif found is not None:
            yield Signal(
                Category.ORCHESTRATION, path, line_of_key(text, found[0]), f"compose service '{found[0]}' {found[1]}"
            )
        elif services and not any("image" in body or "build" in body for body in services.values()):
            # an overlay of another compose file (``-f compose.yml -f compose.prod.yml``): the base
            # file says what runs; a production overlay is itself production orchestration
            *_folders, name = path.lower().split("/")
            if {*_NAME_PARTS_RE.split(name)} & PRODUCTION_WORDS:
                first = next(iter(services))
                detail = f"compose production overlay of services {', '.join(list(services)[:4])}"
                yield Signal(Category.ORCHESTRATION, path, line_of_key(text, first), detail)
        elif services:
            first = next(iter(services))
            yield Signal(
                Category.ORCHESTRATION_DEV,
                path,
                line_of_key(text, first),
                f"compose runs backing services only ({', '.join(list(services)[:4])})",
            )
    for path in inv.named("Chart.yaml", "Chart.yml"):
        if is_auxiliary(path):
            continue
        for doc in yaml_mappings(inv, path):
            if doc.get("apiVersion") and doc.get("name") and "kind" not in doc:
                yield Signal(Category.ORCHESTRATION, path, 1, f"Helm chart '{doc.get('name')}'")
                break
    for path in inv.named("kustomization.yaml", "kustomization.yml", "Kustomization"):
        if is_auxiliary(path):
            continue
        for doc in yaml_mappings(inv, path):
            if any(
                k in doc for k in ("resources", "bases", "patches", "patchesStrategicMerge", "components", "helmCharts")
            ):
                yield Signal(Category.ORCHESTRATION, path, 1, "Kustomize kustomization")
                break
    for path in inv.named("helmfile.yaml", "helmfile.yml"):
        text = inv.text(path) or ""
        if not is_auxiliary(path) and "releases" in text:
            yield Signal(Category.ORCHESTRATION, path, line_of_key(text, "releases"), "Helmfile releases")
    for path in inv.with_ext("nomad", "hcl"):
        if path.endswith((".nomad", ".nomad.hcl")) and not is_auxiliary(path):
            text = inv.text(path) or ""
            line = first_line(text, _NOMAD_RE)
            if line is not None:
                yield Signal(Category.ORCHESTRATION, path, line, "Nomad job")
    yield from nomad_hcl_jobs(inv)
    yield from ecs_task_definitions(inv)
    yield from skaffold_pipelines(inv)
    yield from copilot_workloads(inv)
    yield from tilt_dev_loops(inv)
    yield from _kubernetes(inv)
    yield from _jsonnet(inv)


def _jsonnet(inv: Inventory) -> Iterator[Signal]:
    """Kubernetes resources written in Jsonnet (Tanka, kubecfg, ``jsonnet | kubectl apply``): a
    workload ``kind`` beside an ``apiVersion`` (a Grafana dashboard has neither)."""
    for path in inv.with_ext("jsonnet", "libsonnet")[:MAX_JSONNET_READS]:
        if is_auxiliary(path):
            continue
        text = inv.text(path) or ""
        match = _JSONNET_KIND_RE.search(text)
        if match is not None and "apiVersion" in text:
            line = line_at(text, match.start())
            yield Signal(Category.ORCHESTRATION, path, line, f"Kubernetes {match.group(1)} in Jsonnet")
            return


#: Words of a folder whose manifests set up a test cluster (``e2e/manifests/``), not a deployment.
TEST_CLUSTER_FOLDER_WORDS = frozenset({"e2e", "test", "testing", "testfiles"})


def _kubernetes(inv: Inventory) -> Iterator[Signal]:
    for path, text in texts(inv, yaml_candidates(inv) + manifest_templates(inv)):
        if "apiVersion" not in text or "kind" not in text or is_compose_name(path):
            continue
        if _TEMPLATED_RE.search(text) or chart_root(inv, path) is not None:
            continue  # Helm templates: the chart itself is the signal
        if generator_template(path, text):
            continue
        found = _manifest(inv, path, text)
        if found is not None:
            yield found


def _manifest(inv: Inventory, path: str, text: str) -> Signal | None:
    """The signal of the first Kubernetes resource of ``path``; read line by line when placeholders
    keep it from parsing."""
    docs = inv.yaml(path)
    candidates: list[Any] = list(yaml_mappings(inv, path)) if docs is not None else [unparsed_resource(text)]
    for doc in candidates:
        kind = k8s_kind(doc)
        if kind is not None:
            folders = path.lower().split("/")[:-1]
            test_cluster = {w for f in folders for w in _NAME_PARTS_RE.split(f)} & TEST_CLUSTER_FOLDER_WORDS
            category = Category.ORCHESTRATION_DEV if test_cluster else Category.ORCHESTRATION
            where = " for a test cluster" if test_cluster else ""
            rendered = " template" if not path.lower().endswith((".yaml", ".yml")) else ""
            detail = f"Kubernetes {kind} manifest{rendered} ({doc.get('apiVersion')}){where}"
            return Signal(category, path, line_of_key(text, "kind"), detail)
    return None


def k8s_kind(doc: Any) -> str | None:
    """The ``kind`` of a parsed Kubernetes resource, None for anything else (look-alikes included)."""
    if not isinstance(doc, dict):
        return None
    api, kind, meta = doc.get("apiVersion"), doc.get("kind"), doc.get("metadata")
    if not isinstance(api, str) or not isinstance(kind, str) or not isinstance(meta, dict):
        return None
    if _K8S_LOOKALIKE_RE.match(api) or api.split("/", 1)[0].endswith(_LOOKALIKE_API_DOMAINS):
        return None
    if kind == "Config" and ("clusters" in doc or "users" in doc):
        return None  # kubeconfig
    if kind in ("Pipeline", "Task", "PipelineRun", "TaskRun", "Workflow", "WorkflowTemplate"):
        return None  # CI resources
    return kind


# ---- iac ----------------------------------------------------------------------------------


def detect_iac(inv: Inventory) -> Iterator[Signal]:
    found: list[Signal] = []
    yield from _terraform(inv)
    for path in inv.named("Pulumi.yaml", "Pulumi.yml"):
        text = inv.text(path) or ""
        if not is_auxiliary(path) and re.search(r"^runtime\s*:", text, re.MULTILINE):
            yield Signal(Category.IAC, path, line_of_key(text, "runtime"), "Pulumi project")
    for path in inv.named("cdk.json"):
        data = as_dict(load_json(inv, path))
        if not is_auxiliary(path) and "app" in data:
            yield Signal(Category.IAC, path, None, "AWS CDK app")
    for path in inv.named("cdktf.json"):
        data = as_dict(load_json(inv, path))
        if not is_auxiliary(path) and ("app" in data or "terraformProviders" in data):
            yield Signal(Category.IAC, path, None, "CDK for Terraform app")
    for path in inv.named("sst.config.ts", "sst.config.js", "sst.config.mjs"):
        text = inv.text(path) or ""
        sst = _SST_RE.search(text)
        if not is_auxiliary(path) and sst is not None:
            yield Signal(Category.IAC, path, line_at(text, sst.start()), "SST app (infrastructure as code)")
    for path in inv.with_ext("bicep"):
        if not is_auxiliary(path) and meaningful(inv.text(path) or "", "//"):
            yield Signal(Category.IAC, path, None, "Azure Bicep template")
    ansible = [Signal(Category.IAC, p, None, "Ansible configuration") for p in inv.named("ansible.cfg")]
    for signal in _yaml_iac(inv):
        (ansible if signal.detail == ANSIBLE_DETAIL else found).append(signal)
    yield from found
    yield from _for_servers(inv, [s for s in ansible if not is_auxiliary(s.path)])
    yield from _json_iac(inv)
    yield from _zappa(inv)
    yield from _chalice(inv)
    for path in inv.with_ext("hcl"):
        if path.endswith(".pkr.hcl") and not is_auxiliary(path):
            yield Signal(Category.IAC, path, None, "Packer template")
    yield from _nix_deploy(inv)


def _terraform(inv: Inventory) -> Iterator[Signal]:
    seen_dirs: set[str] = set()
    for path in sorted(inv.with_ext("tf", "tofu")) + list(inv.named("terragrunt.hcl")):
        folder = dirname(path)
        if folder in seen_dirs or is_auxiliary(path):
            continue
        text = inv.text(path) or ""
        line = first_line(text, _TF_RE)
        if line is not None or basename(path) == "terragrunt.hcl":
            seen_dirs.add(folder)
            yield Signal(Category.IAC, path, line, "Terraform/OpenTofu configuration")
    for path in sorted(p for p in inv.with_ext("json") if p.lower().endswith(_TF_JSON_EXTS)):
        folder = dirname(path)
        if folder in seen_dirs or is_auxiliary(path):
            continue
        block = next((k for k in TF_JSON_BLOCKS if k in as_dict(load_json(inv, path))), None)
        if block is not None:
            seen_dirs.add(folder)
            line = line_of_fragment(inv.text(path) or "", f'"{block}"')
            yield Signal(Category.IAC, path, line, "Terraform/OpenTofu configuration (JSON syntax)")


#: Terraform's JSON syntax (``main.tf.json``, ``override.tf.json``), and the top-level blocks that
#: make one a configuration (a JSON file of ``variable`` values alone configures nothing).
_TF_JSON_EXTS = (".tf.json", ".tofu.json")
TF_JSON_BLOCKS: tuple[str, ...] = ("resource", "module", "provider", "terraform", "data")


#: An SST app: v3's ``$config({...})`` or v2's ``stacks(app)`` in ``sst.config.ts``.
_SST_RE = lazy_re(r"\$config\s*\(|\bstacks\s*\(\s*app\b")
_CFN_RE = lazy_re(
    r"^AWSTemplateFormatVersion\s*:|^[ \t]+Type:[ \t]*['\"]?AWS::|^Transform:\s*['\"]?AWS::Serverless", re.MULTILINE
)
_PLAYBOOK_NAME_RE = lazy_re(r"^(?:site|main|playbook[^/]*|deploy[^/]*|provision[^/]*)\.ya?ml$")
#: Folders whose plays are playbooks whatever their names (``playbooks/webservers.yml``, ``ansible/db.yml``).
PLAYBOOK_FOLDERS = frozenset({"playbooks", "ansible"})
ANSIBLE_DETAIL = "Ansible playbook/role"
#: Crossplane: Compositions and their definitions (``apiextensions.crossplane.io``), provider packages
#: (``pkg.crossplane.io``) and the cloud resources its providers manage (``s3.aws.upbound.io``).
#: (``meta.pkg.crossplane.io`` describes a provider's own package: the provider's code, not infrastructure.)
_CROSSPLANE_RE = lazy_re(
    r"^apiVersion:[ \t]*[\"']?(?!meta\.pkg\.)[\w.-]{0,100}\.(?:crossplane|upbound)\.io/", re.MULTILINE
)


def _yaml_iac(inv: Inventory) -> Iterator[Signal]:
    for path, text in texts(inv, yaml_candidates(inv)):
        if _CFN_RE.search(text):
            kind = _cloudformation(inv, path, text)
            if kind is not None:
                yield Signal(Category.IAC, path, line_of_key(text, "Resources"), kind)
            continue
        crossplane = first_line(text, _CROSSPLANE_RE)
        if crossplane is not None:
            yield Signal(Category.IAC, path, crossplane, "Crossplane resource")
            continue
        name = basename(path).lower()
        in_folder = any(part.lower() in PLAYBOOK_FOLDERS for part in path.split("/")[:-1])
        in_folder = in_folder or dirname(path) in _ansible_projects(inv)
        ansible_name = ("/tasks/" in path and "/roles/" in path) or _PLAYBOOK_NAME_RE.match(name) or in_folder
        tasks_like = re.search(r"^[ \t]*-[ \t]+(?:name|hosts)[ \t]*:", text, re.MULTILINE)
        if ansible_name and tasks_like and _ansible(inv, path):
            yield Signal(Category.IAC, path, None, ANSIBLE_DETAIL)


def cloudformation_template(inv: Inventory, path: str) -> str | None:
    """What the YAML file ``path`` is when it is a CloudFormation or SAM template ("CloudFormation
    template", "AWS SAM template"), or None."""
    text = inv.text(path) or ""
    return _cloudformation(inv, path, text) if _CFN_RE.search(text) else None


#: A top-level ``Resources:`` section and SAM's ``Transform`` (read line by line).
_CFN_RESOURCES_RE = lazy_re(r"^Resources[ \t]*:[ \t]*(?:#[^\n]*)?$", re.MULTILINE)
_SAM_TRANSFORM_RE = lazy_re(r"^Transform[ \t]*:", re.MULTILINE)


def _cloudformation(inv: Inventory, path: str, text: str) -> str | None:
    """What a CloudFormation-looking YAML file is ("CloudFormation template", "AWS SAM template"), or
    None. Templates written with the short-form intrinsic functions (``!Ref``, ``!Sub``, ``!GetAtt``)
    are tagged YAML a safe loader refuses: those are read line by line, by their top-level
    ``Resources:`` section."""
    if inv.yaml(path) is None:
        if _CFN_RESOURCES_RE.search(text) is None:
            return None
        return "AWS SAM template" if _SAM_TRANSFORM_RE.search(text) else "CloudFormation template"
    for doc in yaml_mappings(inv, path):
        if isinstance(doc.get("Resources"), dict):
            return "AWS SAM template" if "Transform" in doc else "CloudFormation template"
    return None


#: Folders of an Ansible project's layout: the playbooks (``webservers.yml``, ``cart.yaml``) sit beside them.
ANSIBLE_LAYOUT_FOLDERS = frozenset({"roles", "group_vars", "host_vars"})
_ANSIBLE_LAYOUT_MARKS = tuple(f"{folder}/" for folder in sorted(ANSIBLE_LAYOUT_FOLDERS))


def _ansible_projects(inv: Inventory) -> frozenset[str]:
    """Folders laid out as Ansible projects, whose plays are playbooks whatever their names: the
    repository root, and a folder holding ``ansible.cfg``, an inventory file, or a ``roles/``,
    ``group_vars/`` or ``host_vars/`` folder (memoised)."""
    return inv.memo("ansible:projects", lambda: _ansible_project_folders(inv))


def _ansible_project_folders(inv: Inventory) -> frozenset[str]:
    found = {""} | {dirname(p) for p in inv.named("ansible.cfg", *INVENTORY_NAMES)}
    for path in inv.with_ext("yml", "yaml"):
        if not any(mark in path for mark in _ANSIBLE_LAYOUT_MARKS):
            continue  # most YAML files: a substring test per layout folder, no split
        parts = path.split("/")[:-1]
        found.update("/".join(parts[:i]) for i, part in enumerate(parts) if part in ANSIBLE_LAYOUT_FOLDERS)
    return frozenset(found)


#: A Vagrantfile's Ansible provisioner: ``ansible.playbook = "provisioning/playbook.yml"``.
_VAGRANT_PLAYBOOK_RE = lazy_re(r"""\.playbook[ \t]*=[ \t]*["']([^"'\n]{1,200})["']""")


def _vagrant_playbooks(inv: Inventory) -> set[str]:
    """Playbooks a Vagrantfile provisions its development VM with (paths from the repository root)."""
    found: set[str] = set()
    for vagrantfile in inv.named("Vagrantfile"):
        folder = dirname(vagrantfile)
        for match in _VAGRANT_PLAYBOOK_RE.finditer(inv.text(vagrantfile) or ""):
            relative = match.group(1).removeprefix("./")
            found.add(f"{folder}/{relative}" if folder else relative)
    return found


#: Ansible inventory files: one that is not the Vagrant VM's names servers the playbooks configure.
INVENTORY_NAMES: tuple[str, ...] = (
    "hosts",
    "hosts.ini",
    "hosts.yml",
    "hosts.yaml",
    "inventory",
    "inventory.ini",
    "inventory.yml",
    "inventory.yaml",
)


def _server_inventory(inv: Inventory) -> bool:
    for path in inv.named(*INVENTORY_NAMES):
        text = inv.text(path) or ""
        if not is_auxiliary(path) and meaningful(text) and "vagrant" not in text.lower():
            return True
    return False


def _for_servers(inv: Inventory, ansible: list[Signal]) -> list[Signal]:
    """Ansible that configures servers: a playbook a Vagrantfile provisions its VM with sets up a
    development machine (unless an inventory names other hosts), and when no other playbook is left
    its roles and ``ansible.cfg`` serve it too."""
    vagrant = _vagrant_playbooks(inv)
    if not any(inv.exists(path) for path in vagrant) or _server_inventory(inv):
        return ansible
    kept = [s for s in ansible if s.path not in vagrant]
    plays = [s for s in kept if s.detail == ANSIBLE_DETAIL and "/tasks/" not in "/" + s.path]
    return kept if plays else []


#: Nix deployment tools: deploy-rs (``deploy.nodes``, ``deploy-rs.lib``) and colmena (a hive's
#: ``meta.nixpkgs``, ``colmena.lib.makeHive``, a node's ``deployment.targetHost``).
_NIX_DEPLOY_RE = lazy_re(
    r"\bdeploy\.nodes\b|\bdeploy-rs\.lib\b|\bcolmena\.lib\.makeHive\b|\bcolmenaHive\b"
    r"|\bdeployment\.target(?:Host|User|Port)\b|\bmeta\s{0,20}(?:=\s{0,20}\{\s{0,20}|\.)nixpkgs\b"
)


def _nix_deploy(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named("flake.nix", "hive.nix"):
        text = inv.text(path) or ""
        match = _NIX_DEPLOY_RE.search(text)
        if match is not None and not is_auxiliary(path):
            tool = "deploy-rs" if match.group(0).startswith("deploy") and "deploy-rs" in text else "colmena"
            yield Signal(Category.IAC, path, line_at(text, match.start()), f"NixOS deployment ({tool})")


def _ansible(inv: Inventory, path: str) -> bool:
    for doc in inv.yaml(path) or ():
        if isinstance(doc, list) and doc and isinstance(doc[0], dict):
            first = doc[0]
            if "hosts" in first and any(k in first for k in ("tasks", "roles", "import_playbook")):
                return True
            if "/tasks/" in path and "name" in first:
                return True
            if "import_playbook" in first:
                return True
    return False


#: Zappa's settings: stages (``dev``, ``production``) each naming the app it deploys to AWS Lambda.
ZAPPA_SETTINGS: tuple[str, ...] = (
    "zappa_settings.json",
    "zappa_settings.yml",
    "zappa_settings.yaml",
    "zappa_settings.toml",
)
ZAPPA_STAGE_KEYS: tuple[str, ...] = ("app_function", "django_settings", "lambda_handler")


def _zappa(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named(*ZAPPA_SETTINGS):
        if is_auxiliary(path):
            continue
        name = basename(path).lower()
        if name.endswith(".json"):
            docs = [as_dict(load_json(inv, path))]
        elif name.endswith(".toml"):
            docs = [as_dict(load_toml(inv, path))]
        else:
            docs = list(yaml_mappings(inv, path))
        stages = [as_dict(stage) for doc in docs for stage in doc.values()]
        if any(k in stage for stage in stages for k in ZAPPA_STAGE_KEYS):
            yield Signal(Category.IAC, path, None, "Zappa serverless deployment (AWS Lambda)")


def _chalice(inv: Inventory) -> Iterator[Signal]:
    """AWS Chalice: ``.chalice/config.json`` names the app and its deployment ``stages``."""
    for path in inv.named("config.json"):
        if not (path == ".chalice/config.json" or path.endswith("/.chalice/config.json")) or is_auxiliary(path):
            continue
        data = as_dict(load_json(inv, path))
        if "app_name" in data and isinstance(data.get("stages"), dict):
            yield Signal(Category.IAC, path, None, "AWS Chalice serverless app (.chalice/config.json)")


_JSON_IAC_NAME_RE = lazy_re(
    r"template|cfn|cloudformation|stack|azuredeploy|mainTemplate|packer|\.pkr\.json$", re.IGNORECASE
)
_JSON_IAC_DIR_RE = lazy_re(r"(?:^|/)(?:infra|infrastructure|cloudformation|cfn|arm|deploy|packer|iac)/", re.IGNORECASE)


def _json_iac(inv: Inventory) -> Iterator[Signal]:
    reads = 0
    for path in inv.with_ext("json", "template"):
        named = _JSON_IAC_NAME_RE.search(basename(path)) or _JSON_IAC_DIR_RE.search(path)
        if is_auxiliary(path) or not named:
            continue
        reads += 1
        if reads > 200:
            break
        text = inv.text(path) or ""
        if '"AWSTemplateFormatVersion"' in text or re.search(r'"Type"\s*:\s*"AWS::', text):
            yield Signal(Category.IAC, path, None, "CloudFormation template")
        elif "deploymentTemplate.json" in text and '"resources"' in text:
            yield Signal(Category.IAC, path, None, "Azure ARM template")
        elif '"builders"' in text and ('"provisioners"' in text or '"type"' in text):
            yield Signal(Category.IAC, path, None, "Packer template")


# ---- paas ---------------------------------------------------------------------------------


#: A rule of the ``_redirects`` file Netlify and Cloudflare Pages read from the published folder: a
#: path, where it goes, and optionally a status (``/api/* https://api.acme.io/:splat 200``,
#: ``/*  /index.html  200``).
_REDIRECT_RULE_RE = lazy_re(r"^[ \t]*/\S*[ \t]+(?:/|https?://)\S*(?:[ \t]+\d{3}!?)?[ \t]*$", re.MULTILINE)


#: ``cloudflare.config.ts`` importing its helpers (``cf/config``, earlier ``@cloudflare/config`` or
#: Wrangler's ``experimental-config``), and the Worker or Containers it defines.
_CLOUDFLARE_CONFIG_RE = lazy_re(
    r"""\bfrom[ \t]+["'](?:cf/config|@cloudflare/config|wrangler/experimental-config)["']""", re.MULTILINE
)
_CLOUDFLARE_RESOURCE_RE = lazy_re(r"^[ \t]*(?:worker|containers)[ \t]*:", re.MULTILINE)


def detect_paas(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named("Procfile"):
        text = inv.text(path) or ""
        line = first_line(text, re.compile(r"^[\w-]+\s*:", re.MULTILINE))
        if line is not None and not is_auxiliary(path):
            yield Signal(Category.PAAS, path, line, "Procfile process types (Heroku/Dokku)")
    simple = {
        "vercel.json": "Vercel project configuration",
        "now.json": "Vercel (now.json) configuration",
        "netlify.toml": "Netlify configuration",
        "railway.json": "Railway configuration",
        "railway.toml": "Railway configuration",
        **dict.fromkeys(WRANGLER_CONFIGS, "Cloudflare Workers (wrangler)"),
        "heroku.yml": "Heroku heroku.yml",
        "apprunner.yaml": "AWS App Runner",
        "apprunner.yml": "AWS App Runner",
        "amplify.yml": "AWS Amplify",
        "dockerrun.aws.json": "AWS Elastic Beanstalk",
        # the Elixir and Phoenix buildpacks' settings, read by Heroku and Gigalixir builds only
        "elixir_buildpack.config": "Elixir buildpack configuration (Heroku/Gigalixir)",
        "phoenix_static_buildpack.config": "Phoenix static buildpack configuration (Heroku/Gigalixir)",
    }
    for path in inv.named(*simple):
        if not is_auxiliary(path) and meaningful(inv.text(path) or ""):
            yield Signal(Category.PAAS, path, None, simple[basename(path).lower()])
    for path in inv.named(*CLOUDFLARE_CONFIGS):
        text = inv.text(path) or ""
        match = _CLOUDFLARE_CONFIG_RE.search(text) if "defineConfig" in text else None
        if match is not None and not is_auxiliary(path) and _CLOUDFLARE_RESOURCE_RE.search(text):
            yield Signal(Category.PAAS, path, line_at(text, match.start()), "Cloudflare configuration (Workers)")
    for path in inv.named("_redirects"):
        text = inv.text(path) or ""
        rule = first_line(text, _REDIRECT_RULE_RE)
        if rule is not None and not is_auxiliary(path):
            yield Signal(Category.PAAS, path, rule, "Netlify / Cloudflare Pages redirect rules (`_redirects`)")
    for name in names_starting(inv, "paas", ("fly", "manifest", "deploy", "serverless.")):
        paths = inv.named(name)
        if name.startswith("fly") and re.fullmatch(r"fly(?:\.[\w-]+)?\.toml", name):
            for path in paths:
                if not is_auxiliary(path) and meaningful(inv.text(path) or ""):
                    yield Signal(Category.PAAS, path, None, "Fly.io app configuration")
        elif name.startswith("manifest") and name.endswith((".yml", ".yaml")):
            yield from _cloud_foundry(inv, paths)
        elif name.startswith("deploy"):
            if re.fullmatch(r"deploy(?:\.[\w-]+)?\.yml", name):
                yield from _kamal(inv, paths)
            if name in DEPLOYER_RECIPES:
                yield from _deployer(inv, paths)
        elif name.startswith("serverless.") and name.endswith((".yml", ".yaml", ".json", ".ts", ".js")):
            yield from _serverless(inv, paths)
    yield from _capistrano(inv)
    yield from _yaml_paas(inv)
    yield from _json_paas(inv)
    yield from _platform_json(inv)
    yield from _platform_descriptors(inv)
    yield from _buildpacks(inv)
    yield from _elastic_beanstalk(inv)
    yield from _publish_profiles(inv)
    yield from _kudu(inv)
    yield from _cpanel(inv)
    yield from _replit(inv)
    yield from _key_value_hosts(inv)
    yield from _jvm_platform_plugins(inv)
    yield from _shuttle(inv)
    yield from _pm2_deploy(inv)
    yield from _amplify_backends(inv)
    yield from _azure_functions(inv)
    yield from _vercel_links(inv)


def _vercel_links(inv: Inventory) -> Iterator[Signal]:
    """The Vercel CLI's link of a folder to a Vercel project (``.vercel/project.json`` naming its
    ``projectId``, written by ``vercel link`` or the first ``vercel deploy``), committed."""
    for path in inv.with_ext("json"):
        linked = path == ".vercel/project.json" or path.endswith("/.vercel/project.json")
        if linked and not is_auxiliary(path) and '"projectId"' in (inv.text(path) or ""):
            yield Signal(Category.PAAS, path, None, "Vercel project link (.vercel/project.json)")
            return


#: A Kudu ``.deployment`` file's ``[config]`` section (``project = src/Api/Api.csproj``,
#: ``SCM_DO_BUILD_DURING_DEPLOYMENT = true``): how Azure App Service builds the repository it deploys.
_KUDU_CONFIG_RE = lazy_re(r"^[ \t]*\[config\][ \t]*$", re.MULTILINE | re.IGNORECASE)
_KUDU_SETTING_RE = lazy_re(r"^[ \t]*[\w.-]{1,100}[ \t]*=", re.MULTILINE)


def _kudu(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named(".deployment"):
        text = inv.text(path) or ""
        line = first_line(text, _KUDU_CONFIG_RE)
        if line is not None and _KUDU_SETTING_RE.search(text) is not None and not is_auxiliary(path):
            yield Signal(Category.PAAS, path, line, "Azure App Service deployment settings (Kudu .deployment)")


def _cpanel(inv: Inventory) -> Iterator[Signal]:
    """cPanel's Git Version Control deployment: a ``.cpanel.yml`` whose ``deployment: tasks:`` the
    hosting account runs on every push (copying the checkout into ``public_html``)."""
    for path in inv.named(".cpanel.yml", ".cpanel.yaml"):
        tasks = [as_dict(doc.get("deployment")).get("tasks") for doc in yaml_mappings(inv, path)]
        if any(isinstance(t, list) and t for t in tasks) and not is_auxiliary(path):
            line = line_of_key(inv.text(path) or "", "tasks")
            yield Signal(Category.PAAS, path, line, "cPanel Git deployment (.cpanel.yml tasks)")


#: Keys of a ``.replit`` file's ``[deployment]`` table: how Replit Deployments builds and runs the app.
REPLIT_DEPLOY_KEYS: tuple[str, ...] = ("deploymentTarget", "run", "build")


def _replit(inv: Inventory) -> Iterator[Signal]:
    """Replit Deployments: a ``[deployment]`` table in ``.replit`` (the rest of the file sets up the
    workspace for development)."""
    for path in inv.named(".replit"):
        deployment = as_dict(as_dict(load_toml(inv, path)).get("deployment"))
        key = next((k for k in REPLIT_DEPLOY_KEYS if k in deployment), None)
        if key is not None and not is_auxiliary(path):
            line = first_line(inv.text(path) or "", _REPLIT_DEPLOYMENT_RE)
            yield Signal(Category.PAAS, path, line, f"Replit Deployments ([deployment] {key})")


_REPLIT_DEPLOYMENT_RE = lazy_re(r"^[ \t]*\[deployment\]", re.MULTILINE)

#: Hosts of bots and small apps configured by one ``KEY=value`` file beside the code they run:
#: Discloud (``discloud.config``) and Square Cloud (``squarecloud.app``, ``squarecloud.config``).
KEY_VALUE_HOSTS: dict[str, str] = {
    "discloud.config": "Discloud",
    "squarecloud.app": "Square Cloud",
    "squarecloud.config": "Square Cloud",
}
#: The entry point such a file names (``MAIN=src/bot.py``): what the platform runs.
_HOST_MAIN_RE = lazy_re(r"^[ \t]*MAIN[ \t]*=[ \t]*[^\s#]", re.MULTILINE)


def _key_value_hosts(inv: Inventory) -> Iterator[Signal]:
    """A bot host's configuration that names the entry point it runs (``MAIN=``)."""
    for path in inv.named(*KEY_VALUE_HOSTS):
        line = first_line(inv.text(path) or "", _HOST_MAIN_RE)
        if line is not None and not is_auxiliary(path):
            yield Signal(Category.PAAS, path, line, f"{KEY_VALUE_HOSTS[basename(path).lower()]} app configuration")


#: Elastic Beanstalk's proxy configuration on Amazon Linux 2 and later (``.platform/nginx/conf.d/*.conf``);
#: Platform.sh's ``.platform/`` holds YAML only.
EB_PROXY_FOLDERS = (".platform/nginx/", ".platform/httpd/")


def _elastic_beanstalk(inv: Inventory) -> Iterator[Signal]:
    """Elastic Beanstalk's ``.ebextensions/*.config`` or ``.platform/`` proxy configuration, at the
    root of the source bundle it deploys: the project's root or a folder of it (``backend/``, a
    Django project's own folder)."""
    for path in sorted(inv.with_ext("config"), key=lambda p: (depth(p), p)):
        if ("/" + path).rpartition("/")[0].endswith("/.ebextensions") and not is_auxiliary(path):
            yield Signal(Category.PAAS, path, None, "AWS Elastic Beanstalk extensions")
            return
    for path in sorted(inv.with_ext("conf"), key=lambda p: (depth(p), p)):
        if any(f"/{folder}" in "/" + path for folder in EB_PROXY_FOLDERS) and not is_auxiliary(path):
            yield Signal(Category.PAAS, path, None, "AWS Elastic Beanstalk proxy configuration (.platform/)")
            return


#: Build plugins that deploy the application to a platform (``mvn azure-webapp:deploy``,
#: ``gradle appengineDeploy``): Maven artifact ids and Gradle plugin ids, with the platform.
JVM_PLATFORM_PLUGINS: Mapping[str, str] = MappingProxyType(
    {
        "azure-webapp-maven-plugin": "Azure App Service",
        "azure-functions-maven-plugin": "Azure Functions",
        "azure-spring-apps-maven-plugin": "Azure Spring Apps",
        "appengine-maven-plugin": "Google App Engine",
        "heroku-maven-plugin": "Heroku",
        "com.microsoft.azure.azurewebapp": "Azure App Service",
        "com.microsoft.azure.azurefunctions": "Azure Functions",
        "com.google.cloud.tools.appengine": "Google App Engine",
        "com.heroku.sdk.heroku-gradle": "Heroku",
    }
)


def _jvm_platform_plugins(inv: Inventory) -> Iterator[Signal]:
    """A Maven or Gradle build that deploys to a platform through its plugin (in the build's plugins,
    not only managed for child modules nor commented out)."""
    for path in sorted(inv.named("pom.xml"), key=lambda p: (p.count("/"), p))[:MAX_PLATFORM_BUILD_READS]:
        text = inv.text(path) or ""
        if "-plugin</artifactId>" not in text or is_auxiliary(path):
            continue
        build = pom_build_plugins(text)
        plugin = next((p for p in JVM_PLATFORM_PLUGINS if f"<artifactId>{p}</artifactId>" in build), None)
        if plugin is not None:
            line = line_of_fragment(text, f"<artifactId>{plugin}</artifactId>")
            yield Signal(Category.PAAS, path, line, f"{JVM_PLATFORM_PLUGINS[plugin]} deploy plugin ({plugin})")
            return
    gradle = sorted(inv.named(*GRADLE_SCRIPTS), key=lambda p: (p.count("/"), p))
    for path in gradle[:MAX_PLATFORM_BUILD_READS]:
        text = inv.text(path) or ""
        for match in GRADLE_PLUGIN_ID_RE.finditer(text):
            platform = JVM_PLATFORM_PLUGINS.get(match.group(1))
            if platform is not None and not is_auxiliary(path):
                line = line_at(text, match.start())
                yield Signal(Category.PAAS, path, line, f"{platform} deploy plugin ({match.group(1)})")
                return


#: Most build files (POMs, Gradle scripts, Cargo manifests) read for a platform's plugin or runtime.
MAX_PLATFORM_BUILD_READS = 60


def _shuttle(inv: Inventory) -> Iterator[Signal]:
    """Shuttle (Rust): a crate that runs on ``shuttle-runtime`` is deployed with ``shuttle deploy``."""
    for path in sorted(inv.named("Cargo.toml"), key=lambda p: (p.count("/"), p))[:MAX_PLATFORM_BUILD_READS]:
        if is_auxiliary(path) or "shuttle-runtime" not in (inv.text(path) or ""):
            continue
        if "shuttle-runtime" in as_dict(as_dict(load_toml(inv, path)).get("dependencies")):
            line = line_of_fragment(inv.text(path) or "", "shuttle-runtime")
            yield Signal(Category.PAAS, path, line, "Shuttle deployment (shuttle-runtime)")
            return


#: PM2's ecosystem file (``PM2_ECOSYSTEMS``): its ``deploy`` section sends the app to servers over
#: SSH (``pm2 deploy production``).
#: The ``deploy`` section, and a deploy target's repository (``repo: 'git@github.com:acme/shop.git'``).
_PM2_DEPLOY_RE = lazy_re(r"""(?:^|[\s{,])['"]?deploy['"]?[ \t]*:[ \t]*\{""")
_PM2_REPO_RE = lazy_re(r"""\brepo['"]?[ \t]*:[ \t]*['"]([^'"\n]{1,300})['"]""")
_PM2_HOST_RE = lazy_re(r"""\bhost['"]?[ \t]*:[ \t]*[\['"]""")
#: The placeholders ``pm2 init`` writes (its sample deploy section), and the usual stand-ins.
PM2_PLACEHOLDER_REPOS: tuple[str, ...] = ("git@github.com:repo.git", "your", "example", "GIT_REPOSITORY", "<")


def _pm2_deploy(inv: Inventory) -> Iterator[Signal]:
    """A PM2 ecosystem file whose ``deploy`` section names a host and a real repository (not the
    sample ``pm2 init`` writes, nor a commented-out section)."""
    for path in inv.named(*PM2_ECOSYSTEMS):
        text = inv.text(path) or ""
        if "deploy" not in text or is_auxiliary(path):
            continue
        code = code_lines(without_spans(text, "/*", "*/"), "//")
        section = _PM2_DEPLOY_RE.search(code)
        if section is None:
            continue
        rest = code[section.end() :]
        repos = [m.group(1) for m in _PM2_REPO_RE.finditer(rest)]
        real = [r for r in repos if not any(p in r for p in PM2_PLACEHOLDER_REPOS)]
        if real and _PM2_HOST_RE.search(rest) is not None:
            line = line_of_fragment(text, section.group(0).strip(" \t\n{,")) or None
            yield Signal(Category.PAAS, path, line, "PM2 deploy section (deploys to servers over SSH)")
            return


#: AWS Amplify backends: Gen 2's ``amplify/backend.ts`` (``defineBackend({ auth, data })``) and the
#: Gen 1 CLI's ``amplify/backend/backend-config.json`` (its categories: api, auth, storage, ...).
_AMPLIFY_GEN2_RE = lazy_re(r"\bdefineBackend[ \t]*\(")


def _amplify_backends(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named("backend.ts"):
        if not _below(path, "amplify/backend.ts") or is_auxiliary(path):
            continue
        text = inv.text(path) or ""
        line = first_line(text, _AMPLIFY_GEN2_RE)
        if line is not None:
            yield Signal(Category.PAAS, path, line, "AWS Amplify Gen 2 backend (defineBackend)")
            break
    for path in inv.named("backend-config.json"):
        if _below(path, "amplify/backend/backend-config.json") and not is_auxiliary(path):
            categories = [k for k, v in as_dict(load_json(inv, path)).items() if isinstance(v, dict) and v]
            if categories:
                what = ", ".join(sorted(categories)[:4])
                yield Signal(Category.PAAS, path, None, f"AWS Amplify backend ({what})")
                return
    # the Gen 1 CLI's record of the environments it deployed, each with its CloudFormation stack
    for path in inv.named("team-provider-info.json"):
        if _below(path, "amplify/team-provider-info.json") and not is_auxiliary(path):
            envs = sorted(
                name
                for name, env in as_dict(load_json(inv, path)).items()
                if as_dict(as_dict(env).get("awscloudformation")).get("StackName")
            )
            if envs:
                yield Signal(Category.PAAS, path, None, f"AWS Amplify environments deployed ({', '.join(envs[:4])})")
                return


#: Keys of an Azure Functions ``host.json`` (``"version": "2.0"`` beside them): the Functions host's settings.
AZURE_FUNCTIONS_HOST_KEYS: tuple[str, ...] = (
    "extensionBundle",
    "customHandler",
    "functionTimeout",
    "extensions",
    "managedDependency",
    "logging",
)


def _azure_functions(inv: Inventory) -> Iterator[Signal]:
    """An Azure Functions app: its ``host.json`` (schema ``version`` 2.x and the host's settings)."""
    for path in inv.named("host.json"):
        data = as_dict(load_json(inv, path))
        version = data.get("version")
        if not isinstance(version, str) or not version.startswith("2.") or is_auxiliary(path):
            continue
        key = next((k for k in AZURE_FUNCTIONS_HOST_KEYS if k in data), None)
        if key is not None:
            line = line_of_fragment(inv.text(path) or "", f'"{key}"')
            yield Signal(Category.PAAS, path, line, f"Azure Functions app (host.json {key})")
            return


def _below(path: str, tail: str) -> bool:
    """Whether ``path`` is ``tail`` at the project root or below a folder (``web/amplify/backend.ts``)."""
    return path == tail or path.endswith("/" + tail)


#: Publish profiles read looking for an Azure target.
MAX_PUBLISH_PROFILES = 20
#: A Visual Studio publish profile that deploys to Azure App Service (not one that publishes to a
#: local folder): its provider, or the Kudu (``.scm.azurewebsites.net``) endpoint it deploys through.
_AZURE_PUBLISH_RE = lazy_re(
    r"<PublishProvider>\s*Azure\w*|<MSDeployServiceURL>[^<\n]{0,200}?\.azurewebsites\.net", re.IGNORECASE
)


def _publish_profiles(inv: Inventory) -> Iterator[Signal]:
    """``Properties/PublishProfiles/*.pubxml``: Visual Studio's "Publish" to Azure App Service."""
    for path in sorted(inv.with_ext("pubxml"))[:MAX_PUBLISH_PROFILES]:
        if is_auxiliary(path):
            continue
        text = inv.text(path) or ""
        line = first_line(text, _AZURE_PUBLISH_RE)
        if line is not None:
            yield Signal(Category.PAAS, path, line, "Visual Studio publish profile to Azure App Service")
            return


def _kamal(inv: Inventory, paths: tuple[str, ...]) -> Iterator[Signal]:
    for path in paths:
        if not (path.startswith("config/") or "/config/" in path) or is_auxiliary(path):
            continue
        if any("service" in d and "image" in d and "servers" in d for d in yaml_mappings(inv, path)):
            yield Signal(Category.PAAS, path, None, "Kamal deploy configuration")


#: PHP's Deployer: a ``deploy.php`` recipe (``namespace Deployer;``, ``require 'recipe/laravel.php';``)
#: that names the hosts or repository it deploys, or its YAML form (``import: recipe/laravel.php``).
_DEPLOYER_RE = lazy_re(
    r"""^[ \t]*(?:namespace[ \t]+Deployer[ \t]*;|use[ \t]+function[ \t]+Deployer\\"""
    r"""|require(?:_once)?[ \t(]*['"](?:recipe|contrib)/)""",
    re.MULTILINE,
)
_DEPLOYER_TARGET_RE = lazy_re(
    r"""\b(?:host|localhost|inventory|import)[ \t]*\(|\bset[ \t]*\([ \t]*['"]repository['"]"""
)


DEPLOYER_RECIPES = ("deploy.php", "deploy.yaml", "deploy.yml")


def _deployer(inv: Inventory, paths: tuple[str, ...]) -> Iterator[Signal]:
    for path in paths:
        if is_auxiliary(path):
            continue
        if path.lower().endswith(".php"):
            text = inv.text(path) or ""
            line = first_line(text, _DEPLOYER_RE)
            if line is not None and _DEPLOYER_TARGET_RE.search(text) is not None:
                yield Signal(Category.PAAS, path, line, "Deployer deployment recipe (deploy.php)")
            continue
        for doc in yaml_mappings(inv, path):
            imports = doc.get("import")
            recipes = [imports] if isinstance(imports, str) else imports if isinstance(imports, list) else []
            if "hosts" in doc and any(isinstance(r, str) and r.startswith("recipe/") for r in recipes):
                line = line_of_key(inv.text(path) or "", "import")
                yield Signal(Category.PAAS, path, line, "Deployer deployment recipe (YAML)")
                break


#: Capistrano: the Capfile loads it, ``config/deploy.rb`` configures the application it deploys.
_CAPFILE_RE = lazy_re(r"""^[ \t]*require[ \t(]*["']capistrano/""", re.MULTILINE)
_CAP_DEPLOY_RE = lazy_re(
    r"""^[ \t]*(?:lock[ \t(]+["']|set[ \t(]+:(?:application|repo_url|deploy_to)\b)""", re.MULTILINE
)


def _capistrano(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named("Capfile"):
        text = inv.text(path) or ""
        if not is_auxiliary(path) and _CAPFILE_RE.search(text):
            yield Signal(Category.PAAS, path, first_line(text, _CAPFILE_RE), "Capistrano deployment (Capfile)")
            return
    for path in inv.named("deploy.rb"):
        text = inv.text(path) or ""
        if (
            (path == "config/deploy.rb" or path.endswith("/config/deploy.rb"))
            and not is_auxiliary(path)
            and _CAP_DEPLOY_RE.search(text)
        ):
            yield Signal(Category.PAAS, path, first_line(text, _CAP_DEPLOY_RE), "Capistrano deploy configuration")
            return


def _cloud_foundry(inv: Inventory, paths: tuple[str, ...]) -> Iterator[Signal]:
    for path in paths:
        text = inv.text(path) or ""
        if is_auxiliary(path) or not re.search(r"^applications\s*:", text, re.MULTILINE):
            continue
        if path.startswith("copilot/"):
            continue
        yield Signal(Category.PAAS, path, line_of_key(text, "applications"), "Cloud Foundry manifest")


def _serverless(inv: Inventory, paths: tuple[str, ...]) -> Iterator[Signal]:
    for path in paths:
        text = inv.text(path) or ""
        if not is_auxiliary(path) and re.search(r"\bservice\b", text) and re.search(r"\bprovider\b", text):
            yield Signal(Category.IAC, path, line_of_key(text, "provider"), "Serverless Framework service")


#: App Engine's ``runtime: python312`` (a value on the same line: a ``runtime:`` table is app config).
_GAE_RUNTIME_RE = lazy_re(r"^runtime[ \t]*:[ \t]*[\w\"']", re.MULTILINE)


#: Keys only an App Engine service file has: one must stand beside the runtime in an ``app.yaml``
#: under another name (``app.prod.yaml``, ``app-staging.yaml``, deployed with ``gcloud app deploy``).
_GAE_KEYS_RE = lazy_re(
    r"^(?:entrypoint|handlers|instance_class|automatic_scaling|basic_scaling|manual_scaling|env_variables|"
    r"runtime_config|vpc_access_connector|inbound_services|app_engine_apis)[ \t]*:",
    re.MULTILINE,
)
_GAE_VARIANT_PREFIXES = ("app.", "app-", "app_")


def _app_engine_files(inv: Inventory) -> Iterator[tuple[str, bool]]:
    """App Engine candidates: ``app.yaml`` (its runtime is enough) and files named for an environment
    or a service (``app.prod.yaml``, ``app-staging.yml``), which need an App Engine key too."""
    for path in inv.named("app.yaml", "app.yml"):
        yield path, False
    for path in inv.with_ext("yaml", "yml"):
        name = basename(path).lower()
        if name.startswith(_GAE_VARIANT_PREFIXES) and name not in ("app.yaml", "app.yml"):
            yield path, True


def _vapor(inv: Inventory) -> Iterator[Signal]:
    """Laravel Vapor's ``vapor.yml``: the project ``id`` or ``name`` and its ``environments``."""
    for path in inv.named("vapor.yml", "vapor.yaml"):
        for doc in yaml_mappings(inv, path):
            environments = as_dict(doc.get("environments"))
            if environments and ("id" in doc or "name" in doc) and not is_auxiliary(path):
                line = line_of_key(inv.text(path) or "", "environments")
                yield Signal(Category.PAAS, path, line, "Laravel Vapor environments (vapor.yml)")
                break


def _yaml_paas(inv: Inventory) -> Iterator[Signal]:
    yield from _vapor(inv)
    for path, variant in _app_engine_files(inv):
        text = inv.text(path) or ""
        if is_auxiliary(path) or "apiVersion" in text or (variant and _GAE_KEYS_RE.search(text) is None):
            continue
        line = first_line(text, _GAE_RUNTIME_RE)
        if line is not None:
            yield Signal(Category.PAAS, path, line, f"Google App Engine {basename(path)}")
    for path in inv.named("render.yaml", "render.yml"):
        text = inv.text(path) or ""
        if not is_auxiliary(path) and re.search(r"^(?:services|databases)\s*:", text, re.MULTILINE):
            yield Signal(Category.PAAS, path, line_of_key(text, "services"), "Render Blueprint")
    for path in inv.named("azure.yaml", "azure.yml"):
        text = inv.text(path) or ""
        if not is_auxiliary(path) and re.search(r"^[ \t]+host[ \t]*:", text, re.MULTILINE):
            yield Signal(Category.PAAS, path, line_of_key(text, "services"), "Azure Developer CLI services")
    for path in inv.named("app.yaml", "deploy.template.yaml"):
        if path.startswith(".do/"):
            yield Signal(Category.PAAS, path, None, "DigitalOcean App Platform spec")
    for path in inv.named(".platform.app.yaml", "applications.yaml", "config.yaml"):
        # Platform.sh (.platform.app.yaml, .platform/applications.yaml) and Upsun (.upsun/config.yaml)
        platform = path == ".platform.app.yaml" or path.endswith("/.platform.app.yaml")
        platform = platform or path in (".platform/applications.yaml", ".upsun/config.yaml")
        text = inv.text(path) or ""
        if platform and _PLATFORM_SH_RE.search(text):
            yield Signal(Category.PAAS, path, None, "Platform.sh / Upsun application")
    for path in inv.named("config.yml"):
        text = inv.text(path) or ""
        if path == ".elasticbeanstalk/config.yml" and "application_name" in text:
            yield Signal(Category.PAAS, path, line_of_key(text, "application_name"), "AWS Elastic Beanstalk CLI")


def _json_paas(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named("app.json"):
        data = as_dict(load_json(inv, path))
        if not is_auxiliary(path) and _heroku_app_json(data):
            yield Signal(Category.PAAS, path, None, "Heroku/Dokku app.json")
    hosted: set[str] = set()
    for path in inv.named("firebase.json"):
        data = as_dict(load_json(inv, path))
        if not is_auxiliary(path) and any(k in data for k in ("hosting", "functions")):
            hosted.add(dirname(path))
            yield Signal(Category.PAAS, path, None, "Firebase hosting/functions")
    for path in inv.named(".firebaserc"):
        folder = dirname(path)
        if folder in hosted or is_auxiliary(path) or not as_dict(load_json(inv, path)).get("projects"):
            continue
        cache = next((p for p in inv.under(posixpath.join(folder, ".firebase")) if _HOSTING_CACHE_RE.search(p)), None)
        if cache is not None:
            yield Signal(Category.PAAS, path, None, f"Firebase project deployed to Hosting (deploy cache {cache})")


#: The cache ``firebase deploy`` leaves of each Hosting site it uploaded (``.firebase/hosting.ZGlzdA.cache``).
_HOSTING_CACHE_RE = lazy_re(r"(?:^|/)\.firebase/hosting\.[\w=-]{1,200}\.cache$")


#: Top-level keys only a Heroku (or Dokku) ``app.json`` has: add-ons, dyno formation, Heroku CI and
#: review-app ``environments``, the Heroku Button's ``success_url``, Dokku's ``healthchecks``.
HEROKU_APP_KEYS: tuple[str, ...] = (
    "buildpacks",
    "formation",
    "addons",
    "stack",
    "environments",
    "success_url",
    "healthchecks",
)
#: ``scripts`` keys of a Heroku/Dokku ``app.json`` (Expo and React Native ``app.json`` have none).
HEROKU_SCRIPT_KEYS: tuple[str, ...] = ("postdeploy", "pr-predestroy", "dokku")


def _heroku_app_json(data: dict[str, Any]) -> bool:
    """A Heroku or Dokku ``app.json``: one of its own keys, deploy ``scripts``, Dokku ``cron`` jobs, or
    Heroku Button ``env`` entries (``{"generator": "secret"}``, ``{"description": ..., "required": ...}``)."""
    if any(k in data for k in HEROKU_APP_KEYS):
        return True
    if any(k in as_dict(data.get("scripts")) for k in HEROKU_SCRIPT_KEYS):
        return True
    cron = data.get("cron")
    if isinstance(cron, list) and any("schedule" in as_dict(job) and "command" in as_dict(job) for job in cron):
        return True
    entries = [as_dict(v) for v in as_dict(data.get("env")).values()]
    return any("generator" in e or ("description" in e and ("required" in e or "value" in e)) for e in entries)


#: JSON platform manifests: (file name, keys of which one must be there, what it is).
_JSON_PLATFORMS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("scalingo.json", ("formation", "addons", "stack", "env", "scripts"), "Scalingo app manifest"),
    (
        "zbpack.json",
        ("app_dir", "build_command", "start_command", "install_command", "serverless", "ignore_dockerfile"),
        "Zeabur build plan",
    ),
    (
        "staticwebapp.config.json",
        ("routes", "navigationFallback", "globalHeaders", "platform", "auth"),
        "Azure Static Web Apps configuration",
    ),
)


def _koyeb(data: dict[Any, Any]) -> bool:
    return isinstance(data.get("services"), list) or any(isinstance(data.get(k), dict) for k in ("build", "run"))


def _porter(data: dict[Any, Any]) -> bool:
    """porter.run's app file (``version: v2`` or ``v1stack``), not a Porter CNAB bundle (``schemaVersion``)."""
    version = data.get("version")
    return isinstance(version, str) and version.startswith(("v2", "v1stack")) and "schemaVersion" not in data


def _caprover(data: dict[Any, Any]) -> bool:
    return "schemaVersion" in data and any(
        k in data for k in ("dockerfilePath", "dockerfileLines", "imageName", "templateId")
    )


def _northflank(data: dict[Any, Any]) -> bool:
    schema = data.get("$schema")
    template = isinstance(schema, str) and "northflank" in schema.lower()
    return (template or "apiVersion" in data) and "kind" in as_dict(data.get("spec"))


#: A ``deployctl deploy`` naming its Deno Deploy project (``--project=bitter-dolphin-96``).
_DEPLOYCTL_PROJECT_RE = lazy_re(r"\bdeployctl[ \t]+deploy\b[^\n]*?[ \t]--project[= ]")


def _deno_deploy(data: dict[Any, Any]) -> bool:
    """Deno Deploy's ``deploy`` section (``deployctl --save-config`` writes it), or a task that
    deploys to a named project (a task is a command, or an object with a ``command``)."""
    if any(k in as_dict(data.get("deploy")) for k in ("project", "entrypoint", "org", "app")):
        return True
    tasks = as_dict(data.get("tasks")).values()
    commands = (task if isinstance(task, str) else as_dict(task).get("command") for task in tasks)
    return any(isinstance(c, str) and _DEPLOYCTL_PROJECT_RE.search(c) is not None for c in commands)


def _app_hosting(data: dict[Any, Any]) -> bool:
    """Firebase App Hosting's backend configuration: Cloud Run settings (``runConfig``), build and run
    ``scripts``, ``outputFiles``, or ``env`` entries naming a ``variable``."""
    if isinstance(data.get("runConfig"), dict) or "outputFiles" in data:
        return True
    if any(k in as_dict(data.get("scripts")) for k in ("buildCommand", "runCommand")):
        return True
    env = data.get("env")
    return isinstance(env, list) and any("variable" in as_dict(entry) for entry in env)


def _shelly_cloud(data: dict[Any, Any]) -> bool:
    """Shelly Cloud's ``Cloudfile``: a cloud per top-level key, with the ``servers`` it runs on."""
    return any("servers" in as_dict(cloud) for cloud in data.values())


#: Platform descriptors read whole: (file names, JSON or YAML, what a deployable one holds, what it is).
_PLATFORM_DESCRIPTORS: tuple[tuple[tuple[str, ...], bool, Callable[[dict[Any, Any]], bool], str], ...] = (
    (("koyeb.yaml", "koyeb.yml"), False, _koyeb, "Koyeb service configuration"),
    (("porter.yaml", "porter.yml"), False, _porter, "Porter app configuration"),
    (("captain-definition",), True, _caprover, "CapRover captain-definition"),
    (("northflank.json",), True, _northflank, "Northflank template"),
    (
        ("deno.json", "deno.jsonc"),
        True,
        _deno_deploy,
        "Deno Deploy project (deno.json `deploy`, or a `deployctl deploy --project` task)",
    ),
    (("apphosting.yaml",), False, _app_hosting, "Firebase App Hosting configuration"),
    (("Cloudfile",), False, _shelly_cloud, "Shelly Cloud Cloudfile"),
)


def _platform_descriptors(inv: Inventory) -> Iterator[Signal]:
    for names, is_json, deployable, what in _PLATFORM_DESCRIPTORS:
        for path in inv.named(*names):
            if is_auxiliary(path):
                continue
            docs = [as_dict(load_json(inv, path))] if is_json else list(yaml_mappings(inv, path))
            if any(deployable(doc) for doc in docs):
                yield Signal(Category.PAAS, path, None, what)


def _platform_json(inv: Inventory) -> Iterator[Signal]:
    for name, keys, what in _JSON_PLATFORMS:
        for path in inv.named(name):
            data = as_dict(load_json(inv, path))
            if not is_auxiliary(path) and any(k in data for k in keys):
                yield Signal(Category.PAAS, path, None, what)
    for path in inv.with_ext("json"):
        if path.startswith("clevercloud/") and path.count("/") == 1:
            data = as_dict(load_json(inv, path))
            if any(k in data for k in ("deploy", "build", "hooks")):
                yield Signal(Category.PAAS, path, None, "Clever Cloud application configuration")
                break


def _buildpacks(inv: Inventory) -> Iterator[Signal]:
    for path in inv.named("project.toml"):
        data = load_toml(inv, path)
        if data is None or is_auxiliary(path):
            continue
        if is_buildpacks_descriptor(data):
            text = inv.text(path) or ""
            line = first_line(text, re.compile(r"^\[(?:_|io\.buildpacks)[\].]", re.MULTILINE))
            yield Signal(Category.PAAS, path, line, "Cloud Native Buildpacks project descriptor")


def is_buildpacks_descriptor(data: dict[str, Any]) -> bool:
    """A Buildpacks ``project.toml`` (``[_]`` / ``[io.buildpacks]``), never the linter's own file."""
    return "buildpacks" in as_dict(data.get("io")) or isinstance(data.get("_"), dict)
