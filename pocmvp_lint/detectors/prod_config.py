"""``prod-config``: production environment configuration files and production CI environments (§7)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pocmvp_lint.catalogue import DEPLOYMENT_FOLDERS, PRODUCTION_WORDS
from pocmvp_lint.detectors._util import (
    GRADLE_SCRIPTS,
    PM2_ECOSYSTEMS,
    basename,
    dirname,
    in_test_dir,
    is_auxiliary,
    line_at,
    names_containing,
    yaml_mappings,
)
from pocmvp_lint.detectors._workloads import unparsed_resource
from pocmvp_lint.detectors.deploy import (
    INVENTORY_NAMES,
    cloudformation_template,
    compose_files,
    compose_services,
    k8s_kind,
)
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import LazyPattern, lazy_re
from pocmvp_lint.model import Category

#: Production configuration paths (signals.md §7, one alternation).
PROD_PATH_RE = lazy_re(
    r"""(?xi)(?:^|/)(?:
       \.env[-_.](?:prod|production|prd)(?:\.local)?(?:\.encrypted|\.enc)? | (?:prod|production|prd)\.env
     | settings/(?:prod|production|live)\.py | settings_(?:prod|production)\.py
     | (?:prod|production)_settings\.py
     | config/environments/production\.rb | config/credentials/production\.(?:yml\.enc|key)
     | config/(?:puma|unicorn)/(?:prod|production)\.rb
     | config/deploy/(?:prod|production)\.rb | config/deploy\.(?:prod|production)\.ya?ml
     | apphosting\.(?:prod|production)\.ya?ml
     | (?:application|bootstrap)-(?:prod|production|prd)\.(?:ya?ml|properties)
     | src/main/resources/(?:[^/]+/)?[\w.-]*[-_.](?:prod|production|prd)\.(?:properties|ya?ml|conf|xml)
     | appsettings\.(?:Production|Prod|Prd)\.json
     | config/(?:packages|routes)/(?:prod|production)/[^/]+\.(?:ya?ml|php|xml)
     | configs?/(?:prod|production)\.(?:json|ya?ml|js|cjs|mjs|ts|toml|exs|py|properties|ini|cfg|conf)
     | config/(?:(?:prod|production)[-_]?keys|keys[-_.](?:prod|production))\.[cm]?[jt]s
     | config/prod\.secret\.exs
     | config[-_.](?:prod|production|prd)\.(?:json|ya?ml|js|cjs|mjs|ts|toml|py|ini)
     | config/env/(?:prod|production)\.(?:js|cjs|mjs|ts|json)
     | (?:datasources|model-config|middleware|component-config)\.(?:prod|production)\.(?:json|js)
     | docker/(?:prod|production)/(?:[^/]+/){0,3}[^/]+\.(?:conf|ini|ya?ml|json|toml)
     | (?:prod|production)/(?:[^/]+/){0,2}[^/]+\.(?:conf|ini)
     | config/(?:prod|production)/[^/]+\.(?:toml|ya?ml|json)
     | conf/(?:application[.-])?(?:prod|production)\.conf
     | environment\.(?:prod|production)\.[cm]?[jt]s
     | values[-._](?:prod|production|prd|live)\.ya?ml | (?:prod|production)[-._]values\.ya?ml
     | overlays/(?:prod|production|prd|live)/kustomization\.ya?ml | (?:prod|production|prd)/kustomization\.ya?ml
     | (?:envs?|environments?|stages?|live|deploy)/(?:prod|production|prd)/[^/]+\.(?:tf|tfvars|tfbackend|hcl|ya?ml)
     | (?:prod|production)\.(?:tfvars|auto\.tfvars|tfbackend)
     | Pulumi\.(?:prod|production|prd)\.ya?ml
     | (?:fly|app|wrangler|serverless|vercel|netlify|render|railway|apprunner)[.-](?:prod|production)
       \.(?:toml|ya?ml|json|jsonc)
     | (?:\w+[.-]){0,3}(?:parameters|params)[.-](?:prod|production|prd)\.json
     | (?:\w+[.-]){0,3}(?:prod|production|prd)[.-](?:parameters|params)\.json
     | (?:\w+[.-]){0,3}(?:prod|production|prd)\.bicepparam
     | (?:docker-)?(?:compose|stack)[.-](?:prod|production)(?:\.[\w-]+)?\.ya?ml
     | manifest[-._](?:prod|production)\.ya?ml
     | (?:caddyfile|nginx|httpd|apache2?|haproxy|traefik)[-._](?:prod|production|prd)(?:\.(?:conf|cfg|toml|ya?ml))?
     | (?:prod|production)[-._](?:caddyfile|nginx\.conf|haproxy\.cfg|traefik\.ya?ml)
     | (?:nginx|caddy|haproxy|traefik|apache2?|httpd)/(?:[^/]+/)?(?:prod|production)\.(?:conf|cfg|toml|ya?ml)
     | \.sops\.ya?ml
    )$"""
)


#: A production profile inside a shared Spring or Quarkus configuration: a YAML document activated
#: ``on-profile: prod`` (with dotted keys too, ``config.activate.on-profile: prod``;
#: ``spring.profiles: prod`` before Spring Boot 2.4), or ``%prod.`` keys.
_PROFILE_RE = lazy_re(
    r"^[ \t]*(?:(?:config\.)?(?:activate\.)?on-profile|profiles)[ \t]*:[ \t]*[\"']?(?:prod|production)[\"']?[ \t]*$"
    r"|^[ \t]*spring\.config\.activate\.on-profile[ \t]*=[ \t]*(?:prod|production)[ \t]*$"
    r"|^%(?:prod|production)\.",
    re.MULTILINE,
)
_PROFILE_FILES = ("application.yml", "application.yaml", "application.properties")
#: A production environment inside a platform's shared configuration: Cloudflare's
#: ``[env.production]`` in ``wrangler.toml``, Netlify's ``[context.production]`` in ``netlify.toml``.
_PLATFORM_PROFILE_RE = lazy_re(
    r"^[ \t]*\[(?:env\.(?:prod|production)|context\.production(?:\.environment)?)\][ \t]*$", re.MULTILINE
)
_PLATFORM_PROFILE_FILES = ("wrangler.toml", "netlify.toml")
#: The same in a Worker's JSON configuration (``wrangler.jsonc``): a ``production`` entry of its
#: ``"env"`` object.
_WRANGLER_JSON_PROFILE_RE = lazy_re(
    r"\"env\"[ \t]*:[ \t]*\{[\s\S]{0,4000}?^[ \t]*\"(?:production|prod)\"[ \t]*:[ \t]*\{", re.MULTILINE
)
#: Rocket's production settings in ``Rocket.toml``: a ``[production]`` table (Rocket 0.4) or a
#: ``[release]`` one (0.5, the profile release builds run with) that sets something.
_ROCKET_PROFILE_RE = lazy_re(
    r"^[ \t]*\[(?:production|release)\][ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n){0,20}[ \t]*[A-Za-z_]",
    re.MULTILINE,
)
#: PM2's process file (``ecosystem.config.js``): an ``env_production`` block is the environment
#: ``pm2 start ecosystem.config.js --env production`` runs the app with on its servers, and an app
#: whose environment sets ``NODE_ENV: 'production'`` is the production process.
_PM2_PROFILE_RE = lazy_re(
    r"""^[ \t]*["']?(?:env_(?:production|prod)["']?[ \t]*:|NODE_ENV["']?[ \t]*:[ \t]*["']production["'])""",
    re.MULTILINE,
)
#: An Android product flavor for production in a Gradle script (``productFlavors { prod { ... } }``,
#: ``create("production") { ... }``): the build that talks to the production backend. Build types
#: (``release``) are not environments: every app has one.
_FLAVOR_RE = lazy_re(
    r"""^[ \t]*(?:(?:create|register|maybeCreate)[ \t]*\([ \t]*["'](?:prod|production)["'][ \t]*\)"""
    r"""|(?:prod|production))[ \t]*\{""",
    re.MULTILINE,
)
#: A dotenv line whose value is a URL or whose key names a host or URL.
_DOTENV_ADDRESS_RE = lazy_re(r"^[ \t]*(?:export[ \t]+)?(\w+)[ \t]*=[ \t]*['\"]?([^'\"\s#]*)", re.MULTILINE)
_LOCAL_RE = lazy_re(r"^(?:\w+://)?(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?:[:/]|$)", re.IGNORECASE)


def detect_prod_config(inv: Inventory) -> Iterator[Signal]:
    named: set[str] = set()
    for path in _prod_paths(inv):
        named.add(path)
        if _is_dotenv(basename(path)) and _points_at_localhost(inv.text(path) or ""):
            continue  # e.g. an end-to-end suite's "prod" target that is the local app
        if basename(path).endswith(".env") and not _configures_a_service(inv.text(path) or ""):
            continue  # ``production.env`` of a test suite: the accounts it logs in with
        yield Signal(Category.PROD_CONFIG, path, None, _describe(path))
        if _GENERATED_RE.search(path) and not _names_a_host(inv.text(path) or ""):
            yield Signal(
                Category.SCAFFOLD_PROD_CONFIG, path, None, "as a framework generates it: names no production host"
            )
    for path, at, _found in _sections(inv, _PROFILE_FILES, _PROFILE_RE):
        yield Signal(Category.PROD_CONFIG, path, at, f"production profile in {basename(path)}")
    for path, at, found in _sections(inv, _PLATFORM_PROFILE_FILES, _PLATFORM_PROFILE_RE):
        yield Signal(Category.PROD_CONFIG, path, at, f"production environment {found}")
    for path in inv.named("wrangler.json", "wrangler.jsonc"):
        text = inv.text(path) or ""
        env = _WRANGLER_JSON_PROFILE_RE.search(text) if '"env"' in text else None
        if env is not None and not in_test_dir(path) and not _is_example(path):
            at = text.count("\n", 0, env.end()) + 1  # the line of the ``"production"`` key
            yield Signal(Category.PROD_CONFIG, path, at, f"production environment in {basename(path)}")
    for path, at, found in _sections(inv, ("rocket.toml",), _ROCKET_PROFILE_RE):
        table = found.split("]", 1)[0].strip() + "]"
        yield Signal(Category.PROD_CONFIG, path, at, f"Rocket production profile {table} in {basename(path)}")
    for path in inv.named(*PM2_ECOSYSTEMS):
        pm2 = None if in_test_dir(path) or _is_example(path) else _pm2_production(inv.text(path) or "")
        if pm2 is not None:
            yield Signal(Category.PROD_CONFIG, path, pm2, f"PM2 production environment in {basename(path)}")
    yield from _rails_production_database(inv)
    yield from _compose_production_env(inv, named)
    for path, at, _flavor in _sections(inv, GRADLE_SCRIPTS, _FLAVOR_RE):
        text = inv.text(path) or ""
        if "productFlavors" in text and _names_a_host(_block_at(text, at)):
            yield Signal(Category.PROD_CONFIG, path, at, "Android production flavor")


def _compose_production_env(inv: Inventory, named: set[str]) -> Iterator[Signal]:
    """A Compose file, whatever its name, whose services read a production dotenv
    (``env_file: .env.production``, ``prod.env``): the stack the production host runs."""
    for path in compose_files(inv):
        if path in named or in_test_dir(path) or _is_example(path):
            continue
        for service, body in compose_services(inv, path).items():
            found = next((f for f in _env_files(body.get("env_file")) if _production_dotenv(f)), None)
            if found is not None:
                text = inv.text(path) or ""
                at = text.count("\n", 0, max(text.find(found), 0)) + 1
                yield Signal(Category.PROD_CONFIG, path, at, f"Compose service '{service}' reads {found}")
                break


def _env_files(value: object) -> list[str]:
    """The files a Compose ``env_file`` names: one path, a list of paths, or of ``{path: ...}``."""
    items = value if isinstance(value, list) else [value]
    paths = [item.get("path") if isinstance(item, dict) else item for item in items]
    return [p for p in paths if isinstance(p, str)]


def _production_dotenv(path: str) -> bool:
    """A dotenv file named for production (``.env.production``, ``../config/.env.prod``,
    ``prod.env``), not a template of one."""
    name = basename(path).lower()
    return _is_dotenv(name) and not _is_example(name) and _names_production(name.replace(".env", ".", 1))


def _sections(inv: Inventory, names: tuple[str, ...], pattern: LazyPattern) -> Iterator[tuple[str, int, str]]:
    """(path, line, what matched) of the first production section ``pattern`` finds in each file
    named one of ``names`` (a Spring profile, a platform's ``[env.production]``), not in tests or
    examples."""
    for path in inv.named(*names):
        text = inv.text(path) or ""
        found = pattern.search(text)
        if found is not None and not in_test_dir(path) and not _is_example(path):
            yield path, text.count("\n", 0, found.start()) + 1, found.group(0).strip()


def _prod_paths(inv: Inventory) -> Iterator[str]:
    candidates: set[str] = set()
    for name in names_containing(inv, "prod", "prod", "prd", "live", "sops"):
        candidates.update(inv.named(name))
    folder_named = (
        *inv.with_ext(*_TERRAFORM_EXTS, *_YAML_EXTS, *_SETTINGS_EXTS, *_SERVER_CONFIG_EXTS),
        *inv.named(*INVENTORY_NAMES, *_ANSIBLE_VARS_NAMES),
    )
    for path in folder_named:
        if "/prod" in path or "/prd/" in path or path.startswith(_PRODUCTION_ROOTS):
            candidates.add(path)
    folders: set[str] = set()  # a production folder's files stand for it once (``terraform/prod/``)
    manifests = 0
    for path in sorted(candidates):
        if in_test_dir(path) or _in_end_to_end_suite(path) or _is_example(path):
            continue
        if PROD_PATH_RE.search(path) or _prod_terraform_file(path) or _nais_prod_file(path):
            yield path
        elif dirname(path) in folders:
            continue
        elif _prod_deployment_file(path) or _ansible_prod_file(path):
            folders.add(dirname(path))
            yield path
        elif _prod_named_yaml(path) and manifests < MAX_MANIFEST_READS:
            manifests += 1  # a stack template named for production (``aws/template.prod.yaml``)
            if cloudformation_template(inv, path) is not None:
                yield path
                continue
            if _in_production_folder(path) and _kubernetes_manifest(inv, path):
                folders.add(dirname(path))
                yield path
        elif _in_production_folder(path) and path.endswith(_YAML_SUFFIXES) and manifests < MAX_MANIFEST_READS:
            manifests += 1
            if _kubernetes_manifest(inv, path):
                folders.add(dirname(path))
                yield path


#: Most YAML files of production folders outside the deployment folders read for a Kubernetes resource.
MAX_MANIFEST_READS = 40
_YAML_SUFFIXES = (".yaml", ".yml")


def _prod_named_yaml(path: str) -> bool:
    """A YAML file with a production word among the words of its name (``template.prod.yaml``)."""
    name = basename(path).lower()
    return name.endswith(_YAML_SUFFIXES) and _names_production(name.rpartition(".")[0])


def _in_production_folder(path: str) -> bool:
    return not PRODUCTION_WORDS.isdisjoint(path.lower().split("/")[:-1])


def _kubernetes_manifest(inv: Inventory, path: str) -> bool:
    """A Kubernetes resource, wherever its production folder (Flux's ``apps/production/``)."""
    text = inv.text(path) or ""
    if "apiVersion" not in text or "kind" not in text:
        return False
    docs = list(yaml_mappings(inv, path)) if inv.yaml(path) is not None else [unparsed_resource(text)]
    return any(k8s_kind(doc) is not None for doc in docs)


#: Folders of end-to-end test suites: a production "environment" there is the site a test run
#: targets (Cypress' ``cypress/config/production.json``), not the application's settings.
_END_TO_END_FOLDERS = frozenset({"cypress", "playwright", "e2e", "e2e-tests", "e2e_tests"})


def _in_end_to_end_suite(path: str) -> bool:
    return not _END_TO_END_FOLDERS.isdisjoint(path.lower().split("/")[:-1])


#: Terraform (and Terragrunt, Nomad, Packer: HCL) files, and YAML.
_TERRAFORM_EXTS = ("tf", "tfvars", "tfbackend", "hcl")
_YAML_EXTS = ("yaml", "yml")
#: Settings formats of a production folder (Hugo's ``config/production/hugo.toml``).
_SETTINGS_EXTS = ("toml", "json")
#: A web server's or runtime's settings in a production folder (``docker/production/nginx/nginx.conf``,
#: ``laravel/prod/php.ini``).
_SERVER_CONFIG_EXTS = ("conf", "ini")
#: Production folders at the repository's root.
_PRODUCTION_ROOTS = tuple(f"{word}/" for word in sorted(PRODUCTION_WORDS))


def _prod_deployment_file(path: str) -> bool:
    """A Terraform or HCL file in a folder named for production (``terraform/prod/main.tf``,
    ``live/aws/prd/vpc/terragrunt.hcl``), or a YAML file below a deployment folder that is in a
    folder named for production or is named for it itself (``k8s/prod/deployment.yaml``,
    ``helm/app/values/production.yaml``, ``deploy/api/deployment-prod.yml``)."""
    parts = path.lower().split("/")
    folders, (stem, _, ext) = parts[:-1], parts[-1].rpartition(".")
    if ext in _TERRAFORM_EXTS:  # not Terraform's own dependency lock (``.terraform.lock.hcl``)
        return not parts[-1].startswith(".") and not PRODUCTION_WORDS.isdisjoint(folders)
    if ext not in _YAML_EXTS:
        return False
    for index, folder in enumerate(folders):
        if folder in DEPLOYMENT_FOLDERS:
            return not PRODUCTION_WORDS.isdisjoint(folders[index + 1 :]) or _names_production(stem)
    return False


#: Ansible's variable folders and inventory folders: an entry named for production below one
#: (``group_vars/production.yml``, ``group_vars/prod/vault.yml``, ``inventories/production/hosts``,
#: ``inventory/prod.ini``) holds the production hosts or their settings.
_ANSIBLE_VARS_FOLDERS = frozenset({"group_vars", "host_vars"})
_ANSIBLE_INVENTORY_FOLDERS = frozenset({"inventory", "inventories"})
#: Extensions of Ansible variable files and of inventories ("" for ``hosts``, ``production``).
_ANSIBLE_VARS_EXTS = frozenset({"", "yml", "yaml", "json"})
_ANSIBLE_INVENTORY_EXTS = frozenset({"", "yml", "yaml", "ini"})
#: Ansible variable files without an extension (``group_vars/all``).
_ANSIBLE_VARS_NAMES = ("all",)


def _ansible_prod_file(path: str) -> bool:
    """An Ansible inventory or variables file for production: the entry right below a
    ``group_vars``/``host_vars`` or ``inventory``/``inventories`` folder is named for production
    (``group_vars/production.yml``, ``inventories/prod/hosts``), or a folder above it is
    (``environments/prod/group_vars/all``)."""
    parts = path.lower().split("/")
    name = parts[-1]
    ext = name.rpartition(".")[2] if "." in name else ""
    for index, folder in enumerate(parts[:-1]):
        if folder in _ANSIBLE_VARS_FOLDERS or folder in _ANSIBLE_INVENTORY_FOLDERS:
            exts = _ANSIBLE_VARS_EXTS if folder in _ANSIBLE_VARS_FOLDERS else _ANSIBLE_INVENTORY_EXTS
            entry = parts[index + 1]
            stem = entry.rpartition(".")[0] if entry == name and "." in name else entry
            return ext in exts and (_names_production(stem) or not PRODUCTION_WORDS.isdisjoint(parts[:index]))
    return False


def _ansible_folder(path: str) -> str | None:
    """The Ansible folder (``group_vars``, ``inventories``, ...) a path lies below, if any."""
    folders = path.lower().split("/")[:-1]
    return next((f for f in folders if f in _ANSIBLE_VARS_FOLDERS or f in _ANSIBLE_INVENTORY_FOLDERS), None)


#: Folders of NAIS (the Kubernetes application platform) manifests and their per-environment variables.
_NAIS_FOLDERS = frozenset({".nais", "nais"})


def _nais_prod_file(path: str) -> bool:
    """A YAML file of a NAIS folder named for production among other words (``.nais/prod.yaml``,
    ``.nais/prod-gcp.yaml``, ``nais/app-prod-fss.yml``): the manifest or variables a production
    cluster gets."""
    parts = path.split("/")
    name = parts[-1].lower()
    if len(parts) < 2 or parts[-2] not in _NAIS_FOLDERS or not name.endswith((".yaml", ".yml")):
        return False
    return _names_production(name.rsplit(".", 1)[0])


def _names_production(stem: str) -> bool:
    """Whether a production word is one of the ``-``/``_``/``.``-separated words of ``stem``."""
    return not PRODUCTION_WORDS.isdisjoint(stem.replace("-", ".").replace("_", ".").split("."))


#: Terraform variable and partial backend files, named for an environment among other words.
_TERRAFORM_SETTINGS = (".tfvars", ".tfbackend")


def _prod_terraform_file(path: str) -> bool:
    """A Terraform variables or partial backend file whose name has a production word among its
    ``-``/``_``/``.``-separated words (``backend-prod.tfbackend``, ``us_prod.tfvars``)."""
    name = basename(path).lower()
    if not name.endswith(_TERRAFORM_SETTINGS):
        return False
    return _names_production(name.rsplit(".", 1)[0].removesuffix(".auto"))


#: Production environment files that a framework's project generator writes: Rails
#: (``rails new``), Phoenix (``mix phx.new``), Angular CLI, Symfony Flex recipes (and the Symfony
#: Standard Edition's ``app/config/config_prod.yml``), Sails (``sails new``).
_GENERATED_RE = lazy_re(
    r"(?:^|/)(?:config/environments/production\.rb|config/deploy/production\.rb|config/prod\.exs"
    r"|environments/environment\.prod\.ts|config/packages/prod/[^/]+\.ya?ml|config/env/production\.js"
    r"|app/config/config_prod\.yml)$"
)
#: A quoted string: where a host or URL would be written.
_QUOTED_RE = lazy_re(r"""["']([^"'\n]{1,200})["']""")
#: A host name or URL: dotted words ending in letters, with a scheme or without a path.
_HOST_RE = lazy_re(r"^(?:[a-z][a-z0-9+.-]{0,15}://)?[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}(?::\d{1,5})?(?:/\S*)?$", re.I)
#: Hosts a generator writes as placeholders, and file names that read like hosts.
_PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "localhost", "127.0.0.1", "0.0.0.0")
_FILE_SUFFIXES = (".json", ".js", ".css", ".html", ".yml", ".yaml", ".rb", ".exs", ".ex", ".txt", ".log", ".ts")
#: Comment starts of the generated files' languages (Ruby, Elixir, YAML; TypeScript).
_LINE_COMMENTS = ("#", "//", "/*", "*")


#: Most characters of a block ``_block_at`` reads.
_MAX_BLOCK = 20_000


#: The keys of a JavaScript object's members (``NODE_ENV: "production"``, ``"PORT": 3000``).
_MEMBER_KEY_RE = lazy_re(r"""(?:^|[{,])\s*["']?([A-Za-z_$][\w$]*)["']?\s*:""")


def _pm2_production(text: str) -> int | None:
    """The line of a PM2 process file's production environment: an ``env_production`` block that
    sets more than ``NODE_ENV`` (the one setting PM2's own template puts there), or an app whose
    environment runs it with ``NODE_ENV: 'production'`` outside such a template block."""
    template: list[tuple[int, int]] = []  # spans of env_production blocks holding NODE_ENV alone
    for found in _PM2_PROFILE_RE.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        if any(start <= found.start() < end for start, end in template):
            continue
        if "NODE_ENV" in found.group(0):
            return line
        block = _block_at(text, line)
        if {m.group(1) for m in _MEMBER_KEY_RE.finditer(block)} - {"NODE_ENV"}:
            return line
        opening = text.find("{", found.start())
        template.append((found.start(), opening + len(block)))
    return None


def _block_at(text: str, line: int) -> str:
    """The braced block opening on ``line`` (1-based) of ``text``, up to its closing brace."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
    opening = text.find("{", start)
    if opening < 0:
        return ""
    depth = 0
    for at in range(opening, min(len(text), opening + _MAX_BLOCK)):
        depth += {"{": 1, "}": -1}.get(text[at], 0)
        if depth == 0:
            return text[opening : at + 1]
    return text[opening : opening + _MAX_BLOCK]


def _names_a_host(text: str) -> bool:
    """True when a line that is not a comment quotes a host or URL other than a generator's
    placeholder (``example.com``, ``localhost``): the file was written for a real deployment."""
    for line in text.splitlines():
        code = line.strip()
        if not code or code.startswith(_LINE_COMMENTS):
            continue
        for value in _QUOTED_RE.findall(code):
            if _is_real_host(value.strip().lower()):
                return True
    return False


def _is_real_host(value: str) -> bool:
    if not _HOST_RE.match(value) or value.endswith(_FILE_SUFFIXES):
        return False
    if "://" not in value and "/" in value:
        return False  # a file path (priv/static/cache_manifest.json)
    host = value.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    if _ipv4(host):
        return host not in _PLACEHOLDER_HOSTS  # a server by its address (Capistrano ``server "10.0.4.12"``)
    if not any(c.isalpha() for c in host.rsplit(".", 1)[-1]):
        return False  # a version (1.2.3)
    return not any(host == p or host.endswith("." + p) for p in _PLACEHOLDER_HOSTS)


def _ipv4(host: str) -> bool:
    """Four dotted numbers of at most 255: an address, where a version has fewer parts."""
    parts = host.split(".")
    return len(parts) == 4 and all(p.isdigit() and len(p) <= 3 and int(p) <= 255 for p in parts)


def _points_at_localhost(text: str) -> bool:
    """True when a dotenv file's addresses (URL values, ``*_HOST``/``*_URL`` keys) all point at this machine."""
    addresses = [
        value
        for key, value in _DOTENV_ADDRESS_RE.findall(text)
        if value and ("://" in value or key.upper().endswith(("HOST", "URL", "URI")))
    ]
    return bool(addresses) and all(_LOCAL_RE.match(_without_credentials(value)) for value in addresses)


def _without_credentials(url: str) -> str:
    """A URL without the user and password before its host (``postgres://app:pw@localhost/db``)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    authority, slash, path = rest.partition("/")
    return f"{scheme}://{authority.rpartition('@')[2]}{slash}{path}"


#: Words of dotenv keys that configure a deployed service (``DATABASE_URL``, ``POSTGRES_HOST``, ``DEBUG``).
_SERVICE_KEY_WORDS = ("HOST", "URL", "URI", "DSN", "DATABASE", "DEBUG", "PORT", "ENV")


def _configures_a_service(text: str) -> bool:
    """Whether a Compose-style env file (``production.env``) sets a host, address, database, port,
    debug switch or environment name: what a service's settings hold and a test's accounts do not."""
    return any(word in key.upper() for key, _ in _DOTENV_ADDRESS_RE.findall(text) for word in _SERVICE_KEY_WORDS)


def _is_dotenv(name: str) -> bool:
    """A dotenv file: ``.env.production``, or Compose's ``env_file`` style ``production.env``."""
    return name.startswith(".env") or name.endswith(".env")


def _is_example(path: str) -> bool:
    return (is_auxiliary(path) and not path.startswith(("deploy/", "config/"))) or re.search(
        r"\.(?:example|sample|template|dist|defaults)$", basename(path), re.IGNORECASE
    ) is not None


def _describe(path: str) -> str:
    name = basename(path)
    if _nais_prod_file(path):
        return f"NAIS production manifest {name}"
    ansible = _ansible_folder(path) if _ansible_prod_file(path) else None
    if ansible is not None:
        kind = "variables" if ansible in _ANSIBLE_VARS_FOLDERS else "inventory"
        return f"Ansible production {kind} {name}"
    if path.endswith(".rb") and "config/deploy/" in path:
        return f"Capistrano production stage {name}"
    if name.startswith("deploy."):
        return f"Kamal production destination {name}"
    if name.startswith("apphosting."):
        return f"Firebase App Hosting production environment {name}"
    if name.endswith(".rb") and ("/puma/" in path or "/unicorn/" in path):
        return f"production application server settings {name}"
    if name.endswith(".rb"):
        return "Rails production environment settings"
    if _is_dotenv(name):
        return f"production dotenv file {name}"
    if "values" in name:
        return f"production Helm values {name}"
    if name.startswith((".sops",)):
        return "SOPS secrets management configuration"
    if name.endswith(".exs"):
        return f"Elixir production configuration {name}"
    if "src/main/resources/" in path and not name.startswith(("application", "bootstrap")):
        return f"production resources of a JVM build {name}"
    if name.startswith("environment."):
        return f"Angular production environment {name}"
    return f"production configuration {name}"


#: A top-level key of a YAML file (Rails ``database.yml``'s ``production:`` section).
_YAML_TOP_KEY_RE = lazy_re(r"^([A-Za-z_][\w-]{0,60})[ \t]*:", re.MULTILINE)
#: An ``adapter:`` or a literal ``host:`` (not an ERB lookup) inside a section.
_DATABASE_ADAPTER_RE = lazy_re(r"^[ \t]+adapter[ \t]*:[ \t]*[\"']?([\w-]{1,40})", re.MULTILINE)
_DATABASE_HOST_RE = lazy_re(r"^[ \t]+host[ \t]*:[ \t]*[\"']?([^\s\"'#<]{1,200})", re.MULTILINE)


def _rails_production_database(inv: Inventory) -> Iterator[Signal]:
    """Rails ``config/database.yml`` whose ``production`` section was edited for a deployed
    database: it names a host (``host: /cloudsql/shop:europe-west1:db``), or it switches the
    adapter the shared and development sections use (sqlite3 in development, postgresql in
    production). The generator's section (``shop_production`` with the password from the
    environment) is what every new application has, and names no production host."""
    for path in inv.named("database.yml"):
        if not path.endswith("config/database.yml") or in_test_dir(path) or is_auxiliary(path):
            continue
        text = inv.text(path) or ""
        section = _top_level_section(text, "production")
        if section is None:
            continue
        start, end = section
        edit = _deployed_database(text[start:end], text[:start] + text[end:])
        if edit is not None:
            yield Signal(Category.PROD_CONFIG, path, line_at(text, start), f"Rails production database: {edit}")


def _top_level_section(text: str, name: str) -> tuple[int, int] | None:
    """Where the top-level YAML key ``name`` and its block start and end in ``text``, else None."""
    keys = list(_YAML_TOP_KEY_RE.finditer(text))
    for index, key in enumerate(keys):
        if key.group(1) == name:
            return key.start(), keys[index + 1].start() if index + 1 < len(keys) else len(text)
    return None


def _deployed_database(section: str, others: str) -> str | None:
    """What shows a ``database.yml`` section edited for a deployed database (a host other than
    this machine, or an adapter the ``others`` sections do not use), else None."""
    host = _DATABASE_HOST_RE.search(section)
    if host is not None and not _LOCAL_RE.match(host.group(1)):
        return "names its host"
    adapter, shared = _DATABASE_ADAPTER_RE.search(section), _DATABASE_ADAPTER_RE.search(others)
    if adapter is not None and shared is not None and adapter.group(1) != shared.group(1):
        return f"{adapter.group(1)}, where the other sections use {shared.group(1)}"
    return None
