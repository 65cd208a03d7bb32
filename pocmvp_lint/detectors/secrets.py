"""``secrets``: committed credentials, private keys and secret-bearing files (signals.md §10.5).

Only candidate files are read: dotenv files, key/certificate-like names, configuration formats and
a few well-known secret files. Anything under ``tests/``/``test/``/``spec/`` is skipped, as are
documentation example keys and placeholders. Token formats and private key blocks in every text
file are ``tokens.py``'s; generated development and test keys are ``secrets-dev-only``
(docs/secrets.md).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from itertools import chain

from pocmvp_lint.catalogue import BY_CATEGORY
from pocmvp_lint.detectors._placement import (
    DEV_WORDS,
    WHERE,
    Place,
    category_for,
    encoded_phrase,
    is_ci_config,
    looks_generated,
    place_of,
    typed_phrase,
)
from pocmvp_lint.detectors._util import (
    GRADLE_SCRIPTS,
    SPRING_SETTINGS_RE,
    basename,
    in_test_dir,
    is_auxiliary,
    line_at,
    line_of_fragment,
    lines_of,
    load_json,
    names_containing,
    on_comment_line,
    paths_of,
)
from pocmvp_lint.detectors.deploy import (
    app_service,
    compose_dev_use,
    compose_files,
    compose_services,
    dev_dockerfiles,
    dockerfile_name,
    dockerfiles,
)
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.lazyre import LazyPattern, lazy_re
from pocmvp_lint.model import Category

#: A private key header (enough in key-named files).
PRIVATE_KEY_RE = lazy_re(
    r"^-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d|"
    r"BEGIN SSH2 ENCRYPTED PRIVATE KEY|BEGIN OpenVPN Static key V1",
    re.MULTILINE,
)
#: Keys whose values are credentials.
CREDENTIAL_KEY_RE = lazy_re(
    r"(?i)(?:^|[_.-])(?:secret|secret_key_base|password|passwd|pwd|token|api_?key|apikey|access_?key|private_?key"
    r"|app_key|auth_?key|client_secret|credentials?|master_key|signing_?key|encryption_?key|jwt_?secret"
    r"|service_?(?:role_?)?key)(?:$|[_.-])"
    r"|^(?:secret|password|token|key)$"
    r"|[_.-]pass$"  # the last word only: ``EMAIL_PASS``, ``DB_PASS`` (not ``PASS_THROUGH``)
)
#: A JSON string member (a Terraform state's attributes and outputs).
_STATE_VALUE_RE = lazy_re(r'"([\w.-]{1,100})"[ \t]*:[ \t]*"([^"\\\n]{1,500})"')
#: Credential-like attribute names that hold an identifier, a name or a setting, not a secret.
_NOT_SECRET_KEY_RE = lazy_re(r"(?i)[_-](?:id|ids|arn|name|names|version|length|type|policy|count|enabled|file|path)$")
#: Values that are placeholders, references, encrypted (Jasypt's ``ENC(...)``) or obviously not secret.
PLACEHOLDER_RE = lazy_re(
    r"""(?isx)^(?:
       | null | none | nil | true | false | undefined | empty | \d{1,6}
     | \$\{[^}]*\}.* | \$\w+ | %\w+% | \{\{.*\}\} | <%=?.*%> | <[^>]*> | \[[^\]]*\] | \$\{\{.*\}\}
     | \{[A-Za-z_][\w.-]{0,100}\}
     | env\(\s{0,5}["']?[\w.-]{1,100}["']?\s{0,5}\)
     | ENC\([A-Za-z0-9+/=_-]{1,4000}\)
     | .*(?:change[-_ ]?me|changeit|replace[-_ ]?me|your?[-_ ]|su[ae][-_ ]|seu[-_ ]|votre[-_ ]|example|placeholder|
          dummy|fake|sample|
          xxxx|xxx[-_.]|\.\.\.|todo|insert|put[-_ ]|enter[-_ ]|not[-_ ]for[-_ ]production|redacted[-_ ]by|
          change[-_ ]?this|random[-_ ]?string|string[-_ ]?with\d|do[-_ ]?n[o']?t[-_ ]?use|insecure|unsafe|
          secret[-_]here|password[-_]here|key[-_]here|test[-_]?only|ci[-_]only|local[-_]only|dev[-_]only).*
     | (?:secret|password|passwd|token|key|test|testing|admin|root|user|guest|demo|local|dev|development|
          masterkey|mysecret|mypassword|mysecretpassword|supersecret|pass|default|postgres|mysql|redis|sa|qwerty
          |senha|contrase(?:n|ñ)a|passwort|motdepasse|wachtwoord
          |(?:password|secret|admin|pass)\d{1,4}!?)
     | (?:sk|pk|rk)_test_\w+ | pk_live_\w+
    )$"""
)
#: Config-ish extensions read for token formats and hard-coded credentials.
_CONFIG_EXTS = (
    "yml",
    "yaml",
    "json",
    "toml",
    "ini",
    "cfg",
    "conf",
    "properties",
    "xml",
    "tfvars",
    "tf",
    "config",
    "env",
    "npmrc",
    "pypirc",
    "netrc",
)
_KEY_EXTS = ("pem", "key", "p12", "pfx", "jks", "keystore", "ppk", "asc", "p8")
_KEY_NAMES = (
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    ".npmrc",
    ".pypirc",
    ".netrc",
    ".htpasswd",
    "credentials.json",
    "credentials",
    "service-account.json",
    "kubeconfig",
    "secrets.yml",
    "secrets.yaml",
    "master.key",
    "terraform.tfstate",
    "terraform.tfstate.backup",
    ".git-credentials",
)
_ENV_SAFE_SUFFIXES = (
    ".example",
    ".sample",
    ".template",
    ".dist",
    ".defaults",
    ".default",
    ".tpl",
    ".schema",
    ".local.example",
    ".md",
)
#: Most config files read looking for token formats.
MAX_CONFIG_READS = 300
_ASSIGNMENT_RE = lazy_re(
    # the value greedy (its trailing blanks are stripped): a lazy one beside ``[ \t]*`` would try
    # every split of a long run of blanks
    # a quoted value keeps a ``#`` (``PASSWORD='#s3cret'``); an unquoted one ends at it
    r"""^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*[:=][ \t]*"""
    r"""(?:"([^"\n]*)"|'([^'\n]*)'|["']?([^"'\n#]*)["']?)[ \t]*(?:#.*)?$""",
    re.MULTILINE,
)
#: An HCL attribute set to a quoted literal (no interpolation), then at most a comment.
_HCL_ASSIGNMENT_RE = lazy_re(r'^[ \t]*([\w-]+)[ \t]*=[ \t]*"([^"\n$\\]*)"[ \t]*(?:(?:#|//)[^\n]*)?$', re.MULTILINE)
#: Java applications' JDBC connection settings (``jdbc.url=jdbc:mysql://...``, ``jdbc.password=...``),
#: as MyBatis, Spring XML and Alibaba Druid projects keep them beside their code.
_JDBC_PROPERTIES = frozenset(
    {"jdbc.properties", "db.properties", "database.properties", "datasource.properties", "druid.properties"}
)
#: Java properties bundled with an application that are no settings: message bundles, logging.
_NOT_SETTINGS_PROPERTIES_RE = lazy_re(
    r"^(?:messages|validationmessages|i18n|labels|log4j2?|logging|logback|git|banner)\b|_[a-z]{2}(?:_[a-z]{2})?\.properties$"
)


def _valued_credentials(text: str) -> Iterator[tuple[int, str, str]]:
    """``credential_assignments`` but those whose value names itself (``param.user.password=
    param_user_password``: a key mapped to a form field's or a message's name, not a password)."""
    for line, key, value in credential_assignments(text):
        if looks_generated(value) or not _SELF_NAMED_RE.search(value):
            yield line, key, value


def _resource_properties(path: str, name: str) -> bool:
    """A properties file among a JVM application's resources (``src/main/resources/configs.properties``,
    loaded with ``@PropertySource``): settings the build packages with the application, whatever
    their name; message bundles and logging configuration aside."""
    return (
        name.endswith(".properties")
        and "src/main/resources/" in path
        and _NOT_SETTINGS_PROPERTIES_RE.search(name) is None
    )


#: A Spring property placeholder with a default (``${DB_PASSWORD:s3cret}``): the value the
#: application runs with whenever the variable is unset, written into the file.
_SPRING_DEFAULT_RE = lazy_re(r"\$\{[A-Za-z_][\w.-]{0,100}:([^}\n]{0,300})\}")


def _spring_fallback(match: re.Match[str]) -> str:
    """The value a Spring placeholder falls back to (``${DB_PASSWORD:s3cret}``: ``s3cret``), or
    nothing for one that names itself, typed by hand for a developer's machine
    (``${DB_PASSWORD:auth_password}``, ``${DB_PASSWORD:shop-db}``): the variable is there because the
    real value is set elsewhere."""
    value = match.group(1)
    return "" if _SELF_NAMED_RE.search(value) and not looks_generated(value) else value


#: Values of keys naming a user, a login or a database (a password equal to one is a toy default).
_NAME_VALUES_RE = lazy_re(
    r"(?im)^[ \t]*[\w.-]*(?:user(?:name)?|login|db|database|db_name|database_name|name)[ \t]*[:=][ \t]*"
    r"[\"']?([\w.-]{1,64})[\"']?[ \t]*$"
)
#: Hosts and URL or JDBC addresses a configuration names.
_ADDRESS_RE = lazy_re(
    r"(?im)(?:^[ \t]*[\w.-]*(?:host|server)[ \t]*[:=][ \t]*[\"']?([\w.-]{1,253})"
    r"|(?:jdbc:\w+:|[a-z][\w+.-]{0,20}://)(?:[^@/\s\"']{0,200}@)?([\w.-]{1,253}))"
)
_LOCAL_HOST_RE = lazy_re(
    r"(?i)^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|::1|\(localdb\)\\?[\w.]*|\.|host\.docker\.internal)?$"
)
#: Domains of no deployed server: reserved for examples and tests (RFC 2606, 6761), or this
#: network's own.
_NOT_REMOTE_DOMAINS = (
    ".local",
    ".localhost",
    ".internal",
    ".test",
    ".example",
    ".invalid",
    ".example.com",
    ".example.org",
    ".example.net",
)


def remote_host(host: str) -> bool:
    """A named server elsewhere (``db.acme.io``, ``.vercel.app``, a public address), the one test of
    every credential check: not this machine, not a Compose service or development mail catcher
    (``mailhog``: a name without a dot), not a reserved example or local domain, not a private
    address, not a name cut short in an example (``....filess.io``)."""
    bare = host.strip().lstrip(".").lower()
    if _LOCAL_HOST_RE.match(bare) or "." not in bare or bare.endswith(_NOT_REMOTE_DOMAINS):
        return False
    if host.strip().startswith("..") or ".." in bare:  # an ellipsis in an example (``....filess.io``)
        return False
    parts = bare.split(".")
    if len(parts) == 4 and all(part.isdigit() for part in parts):
        return not _private_ipv4(int(parts[0]), int(parts[1]))
    return True


def _private_ipv4(first: int, second: int) -> bool:
    """An IPv4 address no one reaches from the internet: private (10/8, 172.16/12, 192.168/16),
    loopback, link-local, shared (100.64/10) or unspecified."""
    return (
        first in (0, 10, 127)
        or (first == 172 and 16 <= second <= 31)
        or (first, second) in ((192, 168), (169, 254))
        or (first == 100 and 64 <= second <= 127)
    )


#: A .NET connection string's server and password (``Server=db.example.com;...;Password=...``).
_CONNECTION_RE = lazy_re(
    r"(?i)(?:(?:Server|Data Source|Host)[ \t]*=[ \t]*([^;\"']{0,253});[^\"\n]{0,500}?)?"
    r"\b(?:Password|Pwd)[ \t]*=[ \t]*([^;\"'\n]{1,200})"
)
#: The next option of a StackExchange.Redis configuration string, which commas separate
#: (``localhost:6379,password=devpass,defaultDatabase=0``): it ends the password before it.
_REDIS_OPTION_RE = lazy_re(r",[ \t]*[A-Za-z]\w{0,40}[ \t]*=")
#: Module names of a Django settings package.
_SETTINGS_MODULES = (
    "base.py",
    "common.py",
    "local.py",
    "dev.py",
    "development.py",
    "prod.py",
    "production.py",
    "staging.py",
    "test.py",
)
#: Django's ``SECRET_KEY`` set to a literal (or a literal default of an environment lookup).
_DJANGO_KEY_RE = lazy_re(
    r"^[ \t]*SECRET_KEY[ \t]*=[ \t]*(?:[\w.]{1,60}\([^)]{0,300}?)?['\"]([^'\"\s]{20,200})['\"]", re.MULTILINE
)
#: The instruction word of a Dockerfile ``ENV``/``ARG`` line (removed: the rest is an assignment).
_DOCKER_ENV_RE = lazy_re(r"^[ \t]*(?:ENV|ARG)[ \t]+", re.MULTILINE | re.IGNORECASE)
#: Lock files hold hashes, not credentials (the catalogue's lock file names).
_LOCKFILE_NAMES = BY_CATEGORY[Category.LOCKFILE].names


def detect_secrets(inv: Inventory, reported: Collection[tuple[str, int | None]] = frozenset()) -> Iterator[Signal]:
    """Credential files and hard-coded values in configuration; ``reported`` holds the places
    (path, line) the token scan already reports as committed secrets."""
    seen: set[str] = set()
    for path in _candidates(inv):
        example = _is_example_name(basename(path)) and not _node_config(path)  # node-config's base: default.json
        if path in seen or in_test_dir(path) or _aux_secret_path(inv, path) or example:
            continue
        seen.add(path)
        yield from _check(inv, path)
    yield from _compose_credentials(inv)
    yield from detect_example_keys(inv, reported)


#: A YAML list item's dash (``- KEY=value`` in a Compose ``environment:`` list).
_LIST_DASH_RE = lazy_re(r"^([ \t]*)-[ \t]+", re.MULTILINE)


def _compose_credentials(inv: Inventory) -> Iterator[Signal]:
    """A generated-looking value of a credential-named variable in a Compose file's environment
    (``SMTP_PASSWORD: ...``, ``- SECRET_KEY=...``): hand-typed ones there (``POSTGRES_PASSWORD:
    postgres``) are toy defaults for local stacks. A Compose file for development or tests, or one
    that runs backing services alone, makes it dev/test-only."""
    for path in compose_files(inv):
        text = inv.text(path)
        if text is None or in_test_dir(path) or _aux_secret_path(inv, path):
            continue
        names = _NAME_VALUES_RE.findall(text)
        remote = _remote_database(text)
        for line, key, value in credential_assignments(_LIST_DASH_RE.sub(r"\1  ", text)):
            if value in names or not (looks_generated(value) or remote):
                continue
            services = compose_services(inv, path)
            # a stack of backing services alone (a local database) runs no deployed application
            if _dev_named(path) or app_service(services) is None or compose_dev_use(inv, path, services):
                yield Signal(Category.SECRETS_DEV_ONLY, path, line, f"generated value for {key}, dev/test-only")
            else:
                yield Signal(Category.SECRETS, path, line, f"hard-coded value for {key}")
            break


#: The host of a database a Compose file's environment names: in a connection URL, JDBC's too
#: (``jdbc:mysql://db.x.rds.amazonaws.com:3306/app``), or as a ``DB_HOST``-style variable.
_DATABASE_HOST_RE = lazy_re(
    r"""(?:\b(?:jdbc:)?(?:postgres(?:ql)?|mysql|mariadb|sqlserver|mongodb(?:\+srv)?)://(?:[^@\s/"']{1,200}@)?"""
    r"""|(?<![a-z0-9])(?:DB|DATABASE|MYSQL|POSTGRES|PG|MONGO)_?HOST(?:NAME)?["']?[ \t]*[:=][ \t]*["']?)"""
    r"""([\w.-]{1,200})""",
    re.IGNORECASE,
)


def _remote_database(text: str) -> bool:
    """Whether a Compose file's services connect to a database on a named server elsewhere (a
    managed database, ``x.rds.amazonaws.com``): a password typed by hand there opens it, however
    simple; one for a database the stack runs itself is a local default."""
    return any(remote_host(m.group(1)) for m in _DATABASE_HOST_RE.finditer(text))


def _aux_secret_path(inv: Inventory, path: str) -> bool:
    """A path under a test, example, docs or template folder, but not ``config/``, ``deploy/`` or
    ``templates/`` at the root, nor a Helm chart's ``templates/`` (beside its ``Chart.yaml``): the
    manifests the chart installs."""
    if not is_auxiliary(path) or path.startswith(("config/", "deploy/", "templates/")):
        return False
    chart, found, rest = path.partition("/templates/")
    return not (found and not is_auxiliary(f"{chart}/{rest}") and inv.exists(f"{chart}/Chart.yaml"))


def _candidates(inv: Inventory) -> list[str]:
    paths: list[str] = []
    paths.extend(paths_of(inv, names_containing(inv, "env", ".env")))
    paths.extend(inv.named(*_KEY_NAMES))
    paths.extend(inv.with_ext("tfstate", "backup"))
    paths.extend(inv.with_ext(*_KEY_EXTS))
    paths.extend(dockerfiles(inv) + dev_dockerfiles(inv))
    settings = [n for n in names_containing(inv, "settings", "settings") if n.endswith(".py")]
    paths.extend(p for p in paths_of(inv, settings) if p.count("/") <= 4)
    # a settings package (cookiecutter-django's config/settings/local.py, production.py)
    paths.extend(p for p in inv.named(*_SETTINGS_MODULES) if "settings/" in p and p.count("/") <= 4)
    # Flask's and other Python applications' configuration module (``config.py``, ``app/config.py``)
    paths.extend(p for p in inv.named("config.py") if p.count("/") <= 2)
    paths.extend(p for p in inv.named(*_ELIXIR_CONFIGS) if p.startswith("config/") or "/config/" in p)
    paths.extend(p for p in inv.named(*_ENVS_FILES) if _in_envs_folder(p))
    paths.extend(inv.named(*_WORDPRESS_CONFIGS))
    paths.extend(p for p in inv.named("database.yml") if p.endswith("config/database.yml"))
    paths.extend(inv.named(*_JS_DATABASE_CONFIGS))
    paths.extend(p for p in inv.named(*_SEQUELIZE_CONFIGS) if p.endswith(_SEQUELIZE_PATHS))
    paths.extend(p for p in inv.named(*_RAILS_INITIALIZERS) if p.endswith(_RAILS_INITIALIZER_PATHS))
    paths.extend(inv.named(*_SIGNING_FILES))
    paths.extend(p for p in inv.named(*GRADLE_SCRIPTS) if p.count("/") <= 3)
    paths.extend(p for p in inv.named("database.php") if p.lower().endswith("config/database.php"))
    config = [p for p in inv.with_ext(*_CONFIG_EXTS) if basename(p).lower() not in _LOCKFILE_NAMES]
    config.sort(key=lambda p: (p.count("/"), p))
    paths.extend(config[:MAX_CONFIG_READS])
    return paths


def _check(inv: Inventory, path: str) -> Iterator[Signal]:
    name = basename(path).lower()
    rails_key = (name == "master.key" and path.endswith("config/master.key")) or (
        name.endswith(".key") and "config/credentials/" in path
    )
    if rails_key and (inv.text(path) or "").strip():
        yield Signal(Category.SECRETS, path, 1, "Rails master key committed")
        return
    text = inv.text(path)
    if name.endswith((".tfstate", ".tfstate.backup")):
        yield from _terraform_state(path, text)
        return
    if text is None:
        if name.endswith(("p12", "pfx", "jks", "keystore")):
            yield Signal(Category.SECRETS, path, None, "binary keystore committed")
        return
    key_named = name.endswith(_KEY_EXTS) or name.startswith("id_")
    key = PRIVATE_KEY_RE.search(text) if key_named else None  # blocks elsewhere: tokens.py
    if key is not None and not name.endswith(".pub"):
        place = place_of(path)
        where = WHERE[place] if place is Place.DEV else ""
        yield Signal(
            category_for(place, third_party=False),
            path,
            line_at(text, key.start()),
            "private key" + (f", {where}" if where else ""),
        )
        return
    if _is_kubeconfig(text):
        yield Signal(Category.SECRETS, path, None, "kubeconfig with cluster credentials")
        return
    if name in ("secrets.yml", "secrets.yaml"):
        yield from _rails_secrets(path, text)
    elif name == "database.yml" and path.endswith("config/database.yml"):
        yield from _rails_database(path, text)
    elif path.endswith(_RAILS_INITIALIZER_PATHS):
        yield from _rails_initializer_secret(path, text)
    elif name == "credentials.json":
        yield from _eas_credentials(path, load_json(inv, path), text)
    elif name in _SIGNING_FILES:
        yield from _signing_credentials(path, name, text)
    elif name in GRADLE_SCRIPTS:
        yield from _gradle_signing(path, text)
    elif name == "database.php" and path.lower().endswith("config/database.php"):
        yield from _php_database(path, text)
    elif name.endswith(".exs") and _is_dotenv(name):
        yield from _env_credentials(path, name, text, lambda t: credential_assignments(t, _PUT_ENV_RE))
    elif name == ".npmrc":
        yield from _env_credentials(path, name, text, npmrc_credentials)
    elif _is_dotenv(name) or name in (".pypirc", ".netrc") or name.endswith(".tfvars") or _in_envs_folder(path):
        yield from _env_credentials(path, name, text, toys_if_local=True)
    elif name in _WORDPRESS_CONFIGS:
        yield from _env_credentials(path, name, text, wordpress_credentials, local=_wordpress_local(text))
    elif name.endswith(".tf"):
        yield from _env_credentials(path, name, text, hcl_credentials)
    elif name in _JS_DATABASE_CONFIGS or (path.endswith(_SEQUELIZE_PATHS) and _SEQUELIZE_MARK in text):
        yield from _js_database_config(path, text)
    elif SPRING_SETTINGS_RE.match(name) or name in _JDBC_PROPERTIES:
        defaults = _SPRING_DEFAULT_RE.sub(_spring_fallback, text)  # ``${DB_PASSWORD:s3cret}`` falls back to s3cret
        local = _points_at_localhost(defaults)
        if name.endswith((".yml", ".yaml")) and not local and not _dev_named(path):
            found = list(_sectioned_credentials(path, defaults, development_lines(defaults)))
        else:
            found = list(_env_credentials(path, name, defaults, local=local))
        yield from found or _commented_out_credential(path, defaults)
    elif _resource_properties(path, name):
        yield from _env_credentials(path, name, text, _valued_credentials, local=_points_at_localhost(text))
    elif name.startswith("appsettings") and name.endswith(".json"):
        found = list(_connection_strings(path, text)) or list(_appsettings_smtp(path, text))
        yield from found or _appsettings_keys(path, text)
    elif name.endswith(".py"):
        yield from _django_key(path, text)
        yield from _python_settings_credentials(path, text)
    elif name in _ELIXIR_CONFIGS:
        yield from _phoenix_key(inv, path, name, text)
    elif name.endswith((".yaml", ".yml")) and {"group_vars", "host_vars"} & {*path.split("/")[:-1]}:
        yield from _env_credentials(path, name, text, ansible_generated)
    elif name.endswith((".yaml", ".yml")) and _K8S_SECRET_RE.search(text):
        docs = inv.yaml(path) or ()
        yield from _env_credentials(path, name, text, lambda t: kubernetes_secret_values(docs, t))
    elif dockerfile_name(name):  # ``ENV API_TOKEN=...`` bakes the value into every image layer
        yield from _env_credentials(path, name, _DOCKER_ENV_RE.sub("", text))
    elif name == "rocket.toml":
        yield from _sectioned_credentials(path, text, _toml_development_lines(text))
    elif _service_config(path, name) and _configures_a_service(text):
        yield from _service_config_credentials(path, text)
    elif _node_config(path):
        yield from _node_config_credentials(path, text)


#: The env files cookiecutter-django writes, one per service, in ``.envs/.local/`` and
#: ``.envs/.production/`` (``.envs/.production/.django``, ``.envs/.local/.postgres``): dotenv files
#: without ``.env`` in their names.
_ENVS_FILES = (".django", ".postgres", ".mysql", ".redis", ".celery", ".flower", ".traefik")


def _in_envs_folder(path: str) -> bool:
    """A file of an ``.envs/<environment>/`` folder (``.envs/.production/.django``)."""
    parts = path.split("/")
    return len(parts) >= 3 and parts[-3] == ".envs" and basename(path) in _ENVS_FILES


#: WordPress's configuration: its database password and its authentication keys and salts, set by
#: ``define('AUTH_KEY', '...')``.
_WORDPRESS_CONFIGS = ("wp-config.php",)
_WP_DEFINE_RE = lazy_re(
    r"""^[ \t]*define[ \t]*\([ \t]*['"]([A-Z_]{1,40})['"][ \t]*,[ \t]*['"]([^'"\n]{0,300})['"][ \t]*\)""",
    re.MULTILINE,
)
#: WordPress's secret constants: the database password and the keys and salts signing its cookies.
_WP_SECRETS = frozenset(
    {"DB_PASSWORD"}
    | {f"{kind}_{what}" for kind in ("AUTH", "SECURE_AUTH", "LOGGED_IN", "NONCE") for what in ("KEY", "SALT")}
)


def wordpress_credentials(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, constant, value) of WordPress's secret constants set to a literal (not a placeholder
    such as ``put your unique phrase here``), in the order of the text."""
    found = (
        (m.start(), (m.group(1), m.group(2).strip()))
        for m in _WP_DEFINE_RE.finditer(text)
        if m.group(1) in _WP_SECRETS and not is_placeholder(m.group(2).strip())
    )
    for line, (key, value) in lines_of(text, found):
        yield line, key, value


def _wordpress_local(text: str) -> bool:
    """Whether a WordPress configuration's database is on this machine (``DB_HOST`` ``localhost``,
    ``127.0.0.1:3306``): a local install, whose generated keys are development ones."""
    hosts = [m.group(2).strip() for m in _WP_DEFINE_RE.finditer(text) if m.group(1) == "DB_HOST"]
    return bool(hosts) and all(_LOCAL_HOST_RE.match(host.split(":")[0]) for host in hosts)


#: An Elixir env script's ``System.put_env("SECRET_KEY_BASE", "...")`` (``.env.exs``).
_PUT_ENV_RE = lazy_re(r'^[ \t]*System\.put_env\([ \t]*"([\w.-]{1,100})"[ \t]*,[ \t]*"([^"\n]{0,300})"', re.MULTILINE)
#: ``.npmrc`` settings holding a registry credential (``//registry.npmjs.org/:_authToken=...``).
_NPMRC_AUTH_KEYS = ("_authtoken", "_auth", "_password")


def npmrc_credentials(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, setting, value) of each registry credential an ``.npmrc`` holds as a literal: the
    setting is scoped to a registry (``//host/:_authToken``) or global (``_auth``)."""
    for number, line in enumerate(text.splitlines(), 1):
        key, equals, value = line.partition("=")
        setting = key.strip().rsplit(":", 1)[-1]
        value = value.strip().strip("\"'")
        if equals and setting.lower() in _NPMRC_AUTH_KEYS and not is_placeholder(value):
            yield number, setting, value


def ansible_generated(text: str) -> Iterator[tuple[int, str, str]]:
    """Generated-looking literal values of credential-named Ansible variables (``group_vars/``,
    ``host_vars/``): ``!vault`` values are encrypted and ``{{ vault_x }}`` references, and a
    hand-typed password there is a lab's toy default."""
    return ((line, key, value) for line, key, value in credential_assignments(text) if looks_generated(value))


#: A Kubernetes ``Secret`` manifest (not a ``SealedSecret`` or an ``ExternalSecret``: encrypted or
#: references).
_K8S_SECRET_RE = lazy_re(r"^kind:[ \t]*[\"']?Secret[\"']?[ \t]*$", re.MULTILINE)
#: Keys of a Secret's entries holding a private key, besides credential-named ones.
_K8S_KEY_ENTRIES = frozenset({"tls.key", "ssh-privatekey", ".dockerconfigjson", ".dockercfg"})


def kubernetes_secret_values(docs: Iterable[object], text: str) -> Iterator[tuple[int, str, str]]:
    """(line, key, value) of each credential in a Kubernetes ``Secret``: its ``stringData`` as
    written, its ``data`` decoded from base64 (a value that does not decode is skipped), each
    checked for placeholders as decoded (``YWRtaW4=`` is ``admin``)."""
    for doc in docs:
        if not isinstance(doc, dict) or doc.get("kind") != "Secret":
            continue
        for section, encoded in (("data", True), ("stringData", False)):
            entries = doc.get(section)
            if not isinstance(entries, dict):
                continue
            for key, raw in entries.items():
                value = _base64_text(raw) if encoded else raw
                if not isinstance(key, str) or not isinstance(value, str) or not _k8s_credential(key, value):
                    continue
                at = text.find(f"{key}:")
                yield (text.count("\n", 0, at) + 1 if at >= 0 else 1), key, value


def _k8s_credential(key: str, value: str) -> bool:
    named = bool(CREDENTIAL_KEY_RE.search(key)) and not _NOT_SECRET_KEY_RE.search(key)
    return (named or key in _K8S_KEY_ENTRIES) and not is_placeholder(value.strip())


def _base64_text(raw: object) -> str | None:
    """``raw`` decoded from base64 as text, or None when it is not base64 of text."""
    if not isinstance(raw, str) or len(raw) > 65536:
        return None
    try:
        return base64.b64decode(raw.strip(), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def _terraform_state(path: str, text: str | None) -> Iterator[Signal]:
    """A committed Terraform state that holds a credential in plain text (a database password, an
    access key's secret, a private key); one too large to read is assumed to. A state holding
    only resource IDs and names holds no secret."""
    if text is None:
        yield Signal(
            Category.SECRETS, path, None, "Terraform state committed, too large to check (states hold secrets)"
        )
        return
    for match in _STATE_VALUE_RE.finditer(text):
        key, value = match.group(1), match.group(2)
        if CREDENTIAL_KEY_RE.search(key) and not _NOT_SECRET_KEY_RE.search(key) and not is_placeholder(value):
            yield Signal(
                Category.SECRETS, path, line_at(text, match.start()), f"Terraform state holds a value for {key}"
            )
            return


#: A commented-out setting of a properties or YAML file (``# spring.datasource.password=...``).
_COMMENTED_SETTING_RE = lazy_re(r"^[ \t]*[#!][ \t]*([\w.-]{1,200}[ \t]*[=:][^\n]*)")


def _commented_out_credential(path: str, text: str) -> Iterator[Signal]:
    """A generated-looking credential in the commented-out settings of a Spring configuration
    that name a host other than this machine: an alternate (often the hosted) database, switched
    off but still in the repository."""
    settings = [  # the commented-out settings, at their own line numbers
        match.group(1) if (match := _COMMENTED_SETTING_RE.fullmatch(line)) else "" for line in text.split("\n")
    ]
    commented = "\n".join(settings)
    if not any(remote_host(named or addressed) for named, addressed in _ADDRESS_RE.findall(commented)):
        return
    for line, key, value in credential_assignments(commented):
        if looks_generated(value):
            yield Signal(Category.SECRETS, path, line, f"commented-out value for {key}, beside a remote host")
            return


def _points_at_localhost(text: str) -> bool:
    """Whether every host or JDBC/URL address a configuration names is this machine."""
    hosts = _hosts(text)
    return bool(hosts) and all(_LOCAL_HOST_RE.match(host) for host in hosts)


#: A commented-out line of a YAML, properties or env file.
_COMMENT_LINE_RE = lazy_re(r"(?m)^[ \t]*[#!][^\n]*")
#: An embedded database's JDBC URL, which names no host (``jdbc:h2:mem:testdb``, ``jdbc:sqlite:app.db``).
_EMBEDDED_JDBC_RE = lazy_re(r"(?i)jdbc:(?:h2:(?:mem|file|~|\.)|hsqldb:(?:mem|file)|sqlite:|derby:memory)[^\s\"']*")


def _hosts(text: str) -> list[str]:
    """The hosts and URL or JDBC addresses a configuration names, in lines that are not commented
    out (``#     url: jdbc:h2:mem:testdb`` names none); an embedded database's URL names none."""
    live = _EMBEDDED_JDBC_RE.sub("", _COMMENT_LINE_RE.sub("", text))
    return [named or addressed for named, addressed in _ADDRESS_RE.findall(live)]


def _django_key(path: str, text: str) -> Iterator[Signal]:
    """Django's ``SECRET_KEY`` written into settings (or a Flask application's, in ``config.py``):
    ``startproject`` writes a ``django-insecure-`` key for development; any other generated-looking
    literal signs the deployed site's sessions."""
    match = _DJANGO_KEY_RE.search(text)
    if match is None:
        return
    value, line = match.group(1), line_at(text, match.start(1))
    generated = value.startswith("django-insecure-")  # the word "insecure" would read as a placeholder
    if not generated and is_placeholder(value):
        return
    if generated and not _dev_named(path) and (host := _deployed_host(text)) is not None:
        rest = value.removeprefix("django-insecure-")
        if not is_placeholder(rest) and looks_generated(rest):
            yield Signal(Category.SECRETS, path, line, f"Django SECRET_KEY of settings deployed to {host}")
    elif generated or _dev_named(path):
        rest = value.removeprefix("django-insecure-")  # after it, "change-this" still says placeholder
        if not is_placeholder(rest) and looks_generated(rest):
            yield Signal(Category.SECRETS_DEV_ONLY, path, line, "Django development SECRET_KEY, dev/test-only")
    elif looks_generated(value):
        framework = "" if basename(path) == "config.py" else "Django "
        yield Signal(Category.SECRETS, path, line, f"hard-coded {framework}SECRET_KEY")


#: A quoted string of a settings line (one host of ``ALLOWED_HOSTS``).
_QUOTED_HOST_RE = lazy_re(r"""['"]([^'"\s]{1,253})['"]""")


def _deployed_host(text: str) -> str | None:
    """The public host a Django settings module serves (a named host of its ``ALLOWED_HOSTS``,
    ``'.vercel.app'``, ``'shop.herokuapp.com'``): ``startproject``'s development key in such a
    module signs the deployed site's sessions."""
    for line in text.splitlines():
        name, equals, value = line.partition("=")
        if not equals or name.strip() != "ALLOWED_HOSTS":
            continue
        for host in map(str, _QUOTED_HOST_RE.findall(value)):
            if remote_host(host):
                return host
    return None


#: A Python settings constant set to a string literal (``EMAIL_HOST_PASSWORD = "..."``).
_PY_CONSTANT_RE = lazy_re(
    r"""^[ \t]*([A-Z][A-Z0-9_]{1,60})[ \t]*=[ \t]*(?:[rbu]|[fF][rR]?)?["']([^"'\n]{1,300})["']""", re.MULTILINE
)
#: SMTP passwords of Django (``EMAIL_HOST_PASSWORD``) and Flask-Mail (``MAIL_PASSWORD``), and the
#: constants naming their server.
_MAIL_PASSWORDS = frozenset({"EMAIL_HOST_PASSWORD", "MAIL_PASSWORD", "SMTP_PASSWORD"})
_MAIL_HOSTS = frozenset({"EMAIL_HOST", "MAIL_SERVER", "SMTP_HOST", "SMTP_SERVER"})
#: A Django ``DATABASES`` entry's password and host (``'PASSWORD': '...'``, ``"HOST": "..."``).
_DB_ENTRY_RE = lazy_re(r"""["'](PASSWORD|HOST)["'][ \t]*:[ \t]*["']([^"'\n]{0,300})["']""")


def _python_settings_credentials(path: str, text: str) -> Iterator[Signal]:
    """Passwords written into a Python application's settings: an SMTP password (Django's
    ``EMAIL_HOST_PASSWORD``, Flask-Mail's ``MAIL_PASSWORD``) for a mail server that is not this
    machine or a development mail catcher, a Django ``DATABASES`` password for a named remote
    host, a database URL with a password for one (``SQLALCHEMY_DATABASE_URI``). In settings for
    development or tests only a generated-looking one counts, as dev/test-only."""
    constants = {m.group(1): (m.start(2), m.group(2).strip()) for m in _PY_CONSTANT_RE.finditer(text)}
    literals = {key: value for key, (_, value) in constants.items()}
    constants = {key: (at, _interpolated(value, literals)) for key, (at, value) in constants.items()}
    mail_host = next((constants[k][1] for k in _MAIL_HOSTS if k in constants), "localhost")
    entries = [(m.start(2), m.group(1), m.group(2).strip()) for m in _DB_ENTRY_RE.finditer(text)]
    found: list[tuple[int, str, str]] = [
        (at, key, value)
        for key, (at, value) in constants.items()
        if (key in _MAIL_PASSWORDS and not _local_host(mail_host.split(":")[0])) or remote_url_password(value)
    ]
    if any(key == "HOST" and not _local_host(value.split(":")[0]) for _, key, value in entries):
        found.extend((at, "DATABASES PASSWORD", value) for at, key, value in entries if key == "PASSWORD")
    kept = (
        (line_at(text, at), key, value)
        for at, key, value in sorted(found)
        if not is_placeholder(value) and not on_comment_line(text, at)
    )
    yield from _first_credential(path, kept, dev=_dev_named(path))


#: A name interpolated into an f-string (``f"mysql://app:{DATABASE_PASSWORD}@db.acme.io/shop"``).
_FIELD_RE = lazy_re(r"\{([A-Z][A-Z0-9_]{1,60})\}")


def _interpolated(value: str, literals: Mapping[str, str]) -> str:
    """``value`` with each ``{NAME}`` of a constant the settings module sets to a literal replaced
    by that literal: the URL an f-string builds from the module's own password constant."""
    if "{" not in value:
        return value
    return _FIELD_RE.sub(lambda m: literals.get(m.group(1), m.group(0)), value)


def _local_host(host: str) -> bool:
    """Not a remote server (``remote_host``): this machine, a Compose service, a mail catcher."""
    return not remote_host(host)


#: A PHP database setting set to a literal: CodeIgniter 3's ``$db['default']['password'] = '...'``,
#: and the ``'password' => '...'`` arrays of CodeIgniter 3 and 4 (and Laravel, whose values are
#: ``env()`` lookups, no literal).
_PHP_DB_SETTING_RE = lazy_re(
    r"""["'](password|hostname|host)["'][ \t]*\]?[ \t]*(?:=>|=)[ \t]*["']([^"'\n]{0,300})["']""", re.IGNORECASE
)
#: Lines of PHP that are comments.
_PHP_COMMENTS = ("//", "#", "/*", "*")


def _php_database(path: str, text: str) -> Iterator[Signal]:
    """A literal database password in a PHP framework's ``config/database.php`` (CodeIgniter's
    ``application/config/database.php``, ``app/Config/Database.php``) when a host it names is
    remote (a dotted name or address, a Cloud SQL socket); on this machine or a Compose service,
    only a generated-looking one counts, as dev/test-only. Commented-out lines set nothing."""
    settings = [
        (m.start(2), m.group(1).lower(), m.group(2).strip())
        for m in _PHP_DB_SETTING_RE.finditer(text)
        if not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].lstrip().startswith(_PHP_COMMENTS)
    ]
    remote = any(
        key != "password" and (value.startswith("/cloudsql/") or not _local_host(value.split(":")[0]))
        for _, key, value in settings
    )
    dev = _dev_named(path) or not remote
    for at, key, value in settings:
        if key != "password" or is_placeholder(value):
            continue
        if not dev:
            yield Signal(Category.SECRETS, path, line_at(text, at), "hard-coded database password")
            return
        if looks_generated(value):
            detail = "generated database password, dev/test-only"
            yield Signal(Category.SECRETS_DEV_ONLY, path, line_at(text, at), detail)
            return


#: Names of a service's own configuration file (viper's ``config.yaml``, ``settings.toml``), and
#: folders whose YAML and TOML files configure the service (go-zero's ``etc/``, ``configs/``).
_SERVICE_CONFIG_STEMS = frozenset({"config", "settings", "conf"})
_SERVICE_CONFIG_FOLDERS = frozenset({"etc", "configs", "config", "conf"})
_SERVICE_CONFIG_EXTS = ("yaml", "yml", "toml")
#: Sections of a configuration that connect a service to its stores (``mysql:``, ``[database]``):
#: what makes a ``config.yaml`` a service's, not a static site's or a tool's.
_STORE_SECTIONS = ("mysql", "postgres", "postgresql", "redis", "database", "db", "datasource", "mongo", "mongodb")


#: node-config's per-deployment JSON files (``config/default.json``, ``config/production.json``);
#: not ``custom-environment-variables.json``, which maps settings to variable names.
_NODE_CONFIG_NAMES = frozenset(
    {"default.json", "production.json", "staging.json", "development.json", "test.json", "local.json"}
)


def _node_config(path: str) -> bool:
    """A node-config JSON file (``config/default.json``, ``config/production.json``)."""
    return basename(path).lower() in _NODE_CONFIG_NAMES and path.split("/")[-2:-1] == ["config"]


def _node_config_credentials(path: str, text: str) -> Iterator[Signal]:
    """A Node application's ``config/*.json`` (node-config): a database URL with a password for a
    remote host (``"mongoURI": "mongodb+srv://app:...@cluster0.x1y2z.mongodb.net/shop"``), or a
    generated-looking value of a credential-named setting (``"jwtSecret"``); in a file for
    development or tests only the generated ones count, as dev/test-only."""
    dev = _dev_named(path)
    for at, (key, value) in lines_of(text, ((m.start(), m.groups()) for m in _STATE_VALUE_RE.finditer(text))):
        remote = remote_url_password(value) and not dev
        generated = (
            _credential_name(_words(key))
            and not is_placeholder(value)
            and looks_generated(value)
            and not (value.startswith("AIza") and firebase_client_config(path, text))
        )
        if remote or (generated and not dev):
            yield Signal(Category.SECRETS, path, at, f"hard-coded value for {key}")
            return
        if generated:
            yield Signal(Category.SECRETS_DEV_ONLY, path, at, f"generated value for {key}, dev/test-only")
            return


def _service_config(path: str, name: str) -> bool:
    """A YAML or TOML configuration file of a service (``configs/config.yaml``, ``etc/api.yaml``),
    not CI configuration or a file typed elsewhere."""
    stem, _, ext = name.rpartition(".")
    folder = path.split("/")[-2].lower() if "/" in path else ""
    return (
        ext in _SERVICE_CONFIG_EXTS
        and (stem in _SERVICE_CONFIG_STEMS or folder in _SERVICE_CONFIG_FOLDERS)
        and path.count("/") <= 4
        and not is_ci_config(path)
    )


def _configures_a_service(text: str) -> bool:
    """A configuration holding a store's section (``mysql:``, ``Redis:  # cache``, ``[database]``)."""
    return any(
        (line[:1].isalpha() or line.startswith("["))
        and line.split("#", 1)[0].strip().lower().strip("[]").rstrip(":").strip() in _STORE_SECTIONS
        for line in text.splitlines()
    )


def _service_config_credentials(path: str, text: str) -> Iterator[Signal]:
    """Credentials in a service's YAML or TOML configuration (keys in any case: ``password``,
    ``AccessSecret``, ``signing-key``): a generated-looking value (a signing key, a token) counts,
    as dev/test-only when every host the file names is this machine or a Compose service; a
    hand-typed password counts only when the file names a remote host. A generated one in a group
    of secrets for other services (``clientSecrets: github: ...``) is theirs, wherever the file's
    own stores run."""
    hosts = _hosts(text)
    remote = any(not _local_host(host) for host in hosts)
    local = bool(hosts) and not remote
    dev = _dev_named(path)
    names = _NAME_VALUES_RE.findall(text)
    grouped = list(_grouped_credentials(text))
    elsewhere = {line for line, key, _ in grouped if key.rpartition(".")[2].lower() not in _STORE_SECTIONS}
    for line, key, value in sorted([*credential_assignments(text, camel=True), *grouped]):
        if value in names:
            continue
        if remote and not dev:
            yield Signal(Category.SECRETS, path, line, f"hard-coded value for {key}")
            return
        if looks_generated(value):
            if dev or (local and line not in elsewhere):
                yield Signal(Category.SECRETS_DEV_ONLY, path, line, f"generated value for {key}, dev/test-only")
            else:
                yield Signal(Category.SECRETS, path, line, f"hard-coded value for {key}")
            return


#: Elixir configuration files (``config/dev.exs``...): Phoenix writes a ``secret_key_base`` into
#: the development and test ones, generators before Phoenix 1.6 into ``prod.secret.exs`` (meant
#: to stay out of version control), and those before 1.4 into ``config.exs``, the default of every
#: environment that does not set its own.
_ELIXIR_CONFIGS = ("config.exs", "dev.exs", "test.exs", "prod.exs", "runtime.exs", "prod.secret.exs")
_ELIXIR_DEV_CONFIGS = ("dev.exs", "test.exs")
_PHOENIX_KEY_RE = lazy_re(r"""\bsecret_key_base:[ \t]*["']([^"'\n]{32,200})["']""")
#: What a production config does to set its own key: import the untracked ``prod.secret.exs``,
#: read ``SECRET_KEY_BASE`` from the environment, or write a ``secret_key_base`` of its own.
_PRODUCTION_KEY_RE = lazy_re(r"""import_config[ \t(]*["']prod\.secret\.exs|SECRET_KEY_BASE|\bsecret_key_base:""")


def _phoenix_key(inv: Inventory, path: str, name: str, text: str) -> Iterator[Signal]:
    """Phoenix's ``secret_key_base`` written into an Elixir config: ``mix phx.new`` writes a generated
    one into ``dev.exs`` and ``test.exs`` (dev/test-only); one in ``prod.exs`` or ``runtime.exs``
    signs the deployed site's sessions. One in ``config.exs`` is dev/test-only when the production
    config beside it sets its own (``_PRODUCTION_KEY_RE``), else it is production's too."""
    match = _PHOENIX_KEY_RE.search(text)
    if match is None or is_placeholder(match.group(1)) or not looks_generated(match.group(1)):
        return
    line = line_at(text, match.start(1))
    if name == "config.exs":
        folder = path[: path.rfind("/") + 1]
        overridden = any(
            _PRODUCTION_KEY_RE.search(inv.text(folder + other) or "")
            for other in _PRODUCTION_CONFIGS
            if inv.exists(folder + other)
        )
        if overridden:
            yield Signal(Category.SECRETS_DEV_ONLY, path, line, "Phoenix secret_key_base, overridden in production")
        else:
            yield Signal(Category.SECRETS, path, line, "hard-coded Phoenix secret_key_base, production's too")
    elif name in _ELIXIR_DEV_CONFIGS or _dev_named(path):
        yield Signal(Category.SECRETS_DEV_ONLY, path, line, "Phoenix secret_key_base, dev/test-only")
    else:
        yield Signal(Category.SECRETS, path, line, "hard-coded Phoenix secret_key_base")


_PRODUCTION_CONFIGS = ("prod.exs", "runtime.exs")


def _connection_strings(path: str, text: str) -> Iterator[Signal]:
    """A password written into a .NET connection string (``Server=...;Password=...``): a server
    on this machine makes it a development one (only a generated-looking value counts)."""
    for at, (server, password) in lines_of(text, ((m.start(2), m.groups()) for m in _CONNECTION_RE.finditer(text))):
        password = _REDIS_OPTION_RE.split(password, 1)[0].strip()
        if is_placeholder(password):
            continue
        if server and not _LOCAL_HOST_RE.match(_sql_server_host(server)) and not _dev_named(path):
            yield Signal(Category.SECRETS, path, at, "password in a connection string")
            return
        if looks_generated(password):
            yield Signal(Category.SECRETS_DEV_ONLY, path, at, "password in a local connection string, dev/test-only")
            return


def _sql_server_host(server: str) -> str:
    """The host of a connection string's server: without SQL Server's protocol prefix, port after
    a comma or instance name (``tcp:localhost,1433``, ``localhost\\SQLEXPRESS``, in JSON with the
    backslash escaped); any LocalDB instance (``(localdb)\\MSSQLLocalDB``) is this machine's."""
    host = server.strip()
    if host.lower().startswith("(localdb)"):
        return "(localdb)"
    host = host.split(":", 1)[1] if host.lower().startswith(("tcp:", "np:", "lpc:")) else host
    return host.split(",", 1)[0].split("\\", 1)[0].strip()


#: A camelCase or PascalCase word boundary (``ClientSecret`` -> ``Client_Secret``).
_CAMEL_RE = lazy_re(r"([a-z0-9])([A-Z])")


#: Characters between an SMTP server's member and its password's in an ``appsettings*.json`` section.
_SMTP_SECTION_CHARS = 600
#: Words in a settings key that name mail settings (``SmtpPassword``, ``EmailSettings``).
_MAIL_WORDS = ("smtp", "mail")


def _appsettings_smtp(path: str, text: str) -> Iterator[Signal]:
    """An SMTP password in a .NET ``appsettings*.json``: a password member (``"Password"``,
    ``"SmtpPassword"``) near a member naming a remote mail server (``"Host": "smtp.gmail.com"``,
    ``"SmtpServer": "smtp.sendgrid.net"``). In settings for development only a generated-looking
    one counts, as dev/test-only."""
    members = [(m.start(), m.group(1), m.group(2).strip()) for m in _STATE_VALUE_RE.finditer(text)]
    servers = [
        at
        for at, key, value in members
        if key.lower().endswith(("host", "server"))
        and (value.lower().startswith(_MAIL_WORDS) or any(w in key.lower() for w in _MAIL_WORDS))
        and not _local_host(value.split(":")[0])
    ]
    passwords = (
        (line_at(text, at), key, value)
        for at, key, value in members
        if "password" in key.lower()
        and not is_placeholder(value)
        and any(abs(at - server) <= _SMTP_SECTION_CHARS for server in servers)
    )
    yield from _first_credential(path, passwords, dev=_dev_named(path))


#: A dotted name written as a string (a host name); one with ``smtp`` in it names a mail server
#: (``"smtp.gmail.com"``, ``'smtp-relay.brevo.com'``, ``"email-smtp.eu-west-1.amazonaws.com:587"``).
_DOTTED_LITERAL_RE = lazy_re(r"""["'`]([\w-]+(?:\.[\w-]+)+)(?::\d{1,5})?["'`]""")
#: A password written as a literal in a mail client's setup: PHPMailer's ``$mail->Password = '...'``,
#: nodemailer's ``auth: {user: ..., pass: '...'}``, a ``password:`` of ActionMailer's ``smtp_settings``
#: (``_SMTP_SETTINGS_RE`` before it), smtplib's ``server.login("me@x.com", "...")``, the settings
#: key of Flask-Mail and Django (``app.config['MAIL_PASSWORD'] = '...'``,
#: ``app.config.update(MAIL_PASSWORD='...')``, ``EMAIL_HOST_PASSWORD = '...'`` in any module).
_MAIL_PASSWORD_RE = lazy_re(
    r"""->[ \t]*Password[ \t]*=[ \t]*(["'])([^"'\n]{1,200})\1"""
    r"""|(?<![\w$.-])pass[ \t]*:[ \t]*(["'`])([^"'`\n]{1,200})\3"""
    r"""|(?<![\w-]):?password[ \t]*(?:=>|:)[ \t]*(["'])([^"'\n]{1,200})\5"""
    r"""|\.login\([ \t]*(["'])[^"'\n]{1,200}\7[ \t]*,[ \t]*(["'])([^"'\n]{1,200})\8"""
    r"""|(?<!\w)(?:MAIL|EMAIL_HOST|SMTP)_PASSWORD["']?[ \t]*\]?[ \t]*[=:][ \t]*(["'])([^"'\n]{1,200})\10"""
)
#: ActionMailer's SMTP settings (``config.action_mailer.smtp_settings = {``).
_SMTP_SETTINGS_RE = lazy_re(r"\bsmtp_settings\b")
#: Google's app passwords as Gmail shows them: four groups of four lower-case letters.
GMAIL_APP_PASSWORD_RE = lazy_re(r"[a-z]{4}(?: [a-z]{4}){3}")
#: Extensions of the files a string may name instead of a host (``"smtp.php"``, ``'./smtp.js'``).
_FILE_EXTENSIONS = frozenset(
    {
        *("php", "js", "mjs", "cjs", "ts", "jsx", "tsx", "vue", "svelte", "py", "rb", "java", "kt", "go", "cs"),
        *("swift", "json", "yml", "yaml", "toml", "ini", "cfg", "conf", "env", "xml", "html", "txt", "md", "log"),
    }
)
#: Mail services for tests, whose inboxes only their owner sees (nothing is delivered).
_TEST_MAIL_SERVICES = ("mailtrap.io", "ethereal.email")
#: Characters between a mail server's name and the password given with it, either way.
_MAIL_CLIENT_CHARS = 600


def mail_client_credentials(path: str, text: str, place: Place) -> Iterator[Signal]:
    """The first SMTP password written into code beside the remote mail server it logs in to
    (PHPMailer, ActionMailer, nodemailer, smtplib, Flask-Mail): a mailbox anyone reading the code can send
    from. Placeholders, and servers on this machine or of a test mail service that delivers
    nothing (Mailtrap's sandbox, Ethereal), are left out."""
    servers = [
        (m.start(), m.group(1))
        for m in _DOTTED_LITERAL_RE.finditer(text)
        if "smtp" in m.group(1).lower()
        and remote_host(m.group(1))
        and not m.group(1).lower().endswith(_TEST_MAIL_SERVICES)
        and m.group(1).rsplit(".", 1)[1].lower() not in _FILE_EXTENSIONS
    ]
    if not servers:
        return
    for match in _MAIL_PASSWORD_RE.finditer(text):
        value = match.group(2) or match.group(4) or match.group(6) or match.group(9) or match.group(11) or ""
        if match.group(6) is not None and not _SMTP_SETTINGS_RE.search(
            text, max(0, match.start() - _MAIL_CLIENT_CHARS), match.start()
        ):
            continue  # a ``password:`` of something other than the mailer
        if match.group(11) is not None and (
            on_comment_line(text, match.start()) or _dev_named(path) or _env_named(basename(path).lower())
        ):
            continue  # switched off, or a development module's or an env file's (judged by their checks)
        near = [host for at, host in servers if abs(at - match.start()) <= _MAIL_CLIENT_CHARS]
        if not near or (is_placeholder(value) and not GMAIL_APP_PASSWORD_RE.fullmatch(value)):
            continue
        category = category_for(place, third_party=True)
        yield Signal(category, path, line_at(text, match.start()), f"SMTP password hard-coded for {near[0]}")
        return


#: Code connecting to a database with the credentials it is given: PHP's PDO and mysqli, Python's
#: DB-API drivers (``mysql.connector.connect``, ``psycopg2.connect``, ``pymysql.connect``),
#: Node's ``mysql.createConnection``/``createPool``, ``new Pool``/``new Client`` (pg), Sequelize, and
#: JDBC's ``DriverManager.getConnection``.
_DB_CONNECT_RE = lazy_re(
    r"\bnew[ \t]+(?:PDO|mysqli|Sequelize|Pool|Client)[ \t]*\(|\bmysqli_connect[ \t]*\("
    r"|\b(?:connector|psycopg2?|pymysql|MySQLdb|mariadb|pg8000)\.connect[ \t]*\("
    r"|\.create(?:Connection|Pool)[ \t]*\(|\bDriverManager\.getConnection[ \t]*\("
)
#: A literal given a password-named variable, key or argument: PHP's ``$dbpassword = "..."``,
#: ``password="..."``, ``password: '...'``, ``'pass' => '...'``.
_CODE_PASSWORD_RE = lazy_re(
    r"""(?<![\w])\$?\w{0,20}(?i:password|passwd|pass|pwd)["']?[ \t]*(?:=>|[:=](?!=))[ \t]*(["'`])([^"'`\n]{1,200})\1"""
)
#: A server named as a literal given a host-named variable, key or argument (``$host = "..."``,
#: ``host: '...'``, ``'hostname' => '...'``), or in a connection string (``host=db.acme.io;``,
#: ``Server=...``): group 1 or 2.
_DB_HOST_LITERAL_RE = lazy_re(
    r"""(?<![\w])\$?\w{0,20}(?i:host(?:name)?|server)["']?[ \t]*(?:=>|[:=](?!=))[ \t]*["'`]([\w-]+(?:\.[\w-]+)+)"""
    r"""(?::\d{1,5})?["'`]|(?<![\w])(?i:host|server)=([\w-]+(?:\.[\w-]+)+)"""
)
#: Characters between a remote database host and the password written for it.
_DB_CLIENT_CHARS = 600


def database_client_credentials(path: str, text: str, place: Place) -> Iterator[Signal]:
    """The first database password written into code that connects to a database on a named
    server elsewhere (``$host = "x.rds.amazonaws.com"`` beside ``$dbpassword = "..."`` and ``new
    PDO(...)``): the database itself, open to anyone who reads the code. A database on this
    machine or a Compose service keeps a toy default; placeholders are left out."""
    if _DB_CONNECT_RE.search(text) is None:
        return
    named = ((m.start(), m.group(1) or m.group(2)) for m in _DB_HOST_LITERAL_RE.finditer(text))
    hosts = [(at, host) for at, host in named if remote_host(host) and host.rsplit(".", 1)[1].isalpha()]
    if not hosts:
        return
    for match in _CODE_PASSWORD_RE.finditer(text):
        value = match.group(2)
        near = [host for at, host in hosts if abs(at - match.start()) <= _DB_CLIENT_CHARS]
        if not near or is_placeholder(value) or on_comment_line(text, match.start()):
            continue
        category = category_for(place, third_party=True)
        yield Signal(category, path, line_at(text, match.start()), f"database password hard-coded for {near[0]}")
        return


#: The call that signs or checks JWTs with its key: jsonwebtoken's ``jwt.sign(payload, KEY)`` and
#: ``jwt.verify(token, KEY)``, PyJWT's ``jwt.encode(payload, KEY)`` and ``jwt.decode(token, KEY)``
#: (the payload a name or an object literal); KEY a string (groups 1, 2) or a name (group 3).
_JWT_CALL_RE = lazy_re(
    r"""\b(?:jwt|jsonwebtoken|JWT)\.(?:sign|verify|encode|decode)\([ \t\r\n]*(?:[\w.$]{1,100}|\{[^{}]{0,300}\})"""
    r"""[ \t\r\n]*,[ \t\r\n]*(?:(["'`])([^"'`\n]{8,200})\1|([A-Za-z_$][\w$]{0,60})[ \t\r\n]*[,)])"""
)
#: Node's ``crypto.createHmac("sha256", KEY)``, the call that signs or checks a webhook's or an
#: API's messages with a shared key; KEY as in ``_JWT_CALL_RE``.
_HMAC_CALL_RE = lazy_re(
    r"""\bcreateHmac\([ \t\r\n]*["'`][\w-]{1,20}["'`][ \t\r\n]*,[ \t\r\n]*"""
    r"""(?:(["'`])([^"'`\n]{8,200})\1|([A-Za-z_$][\w$]{0,60})[ \t\r\n]*[,)])"""
)
#: The calls whose key a literal must not be: the lower-case word a file must hold for the call's
#: pattern to run, the pattern, and what a hit is called.
SIGNING_CALLS = (
    ("jwt", _JWT_CALL_RE, "JWT signing key hard-coded"),
    ("createhmac", _HMAC_CALL_RE, "HMAC signing key hard-coded"),
)
#: A name given a string in the same file: ``const secret = '...'`` (JavaScript) or, at the start of
#: a line, ``SECRET_KEY = "..."`` (Python); in JavaScript also as an environment lookup's fallback
#: (``const SECRET = process.env.SECRET || '...'``), the key wherever the variable is unset.
_STRING_NAME_RE = lazy_re(
    r"""(?:\b(?:const|let|var)[ \t]+|^)([A-Za-z_$][\w$]{0,60})[ \t]*=[ \t]*"""
    r"""(?:process\.env\.[\w$]{1,80}[ \t]*(?:\|\||\?\?)[ \t]*)?(["'`])([^"'`\n]{8,200})\2""",
    re.MULTILINE,
)


def signing_key_literals(path: str, text: str, place: Place) -> Iterator[Signal]:
    """The first generated-looking key written into the code that signs or checks JWTs or HMACs
    (``SIGNING_CALLS``), in the call or in a name the file gives it: anyone who reads it can forge
    a login or a signed message. Typed ones (``"secretkey123"``) are toy defaults; a development or
    test file makes it dev/test-only."""
    names: dict[str, tuple[int, str]] | None = None
    low = text.lower()
    for needle, pattern, detail in SIGNING_CALLS:
        for match in pattern.finditer(text) if needle in low else ():
            if match.group(3) is not None:
                if names is None:
                    names = {m.group(1): (m.start(3), m.group(3)) for m in _STRING_NAME_RE.finditer(text)}
                at, value = names.get(match.group(3), (0, ""))
            else:
                at, value = match.start(2), match.group(2)
            if not value or is_placeholder(value) or not looks_generated(value):
                continue
            yield Signal(category_for(place, third_party=False), path, line_at(text, at), detail)
            return


def _appsettings_keys(path: str, text: str) -> Iterator[Signal]:
    """A generated-looking value of a credential-named member of a .NET ``appsettings*.json``
    (``"Jwt": {"Key": "..."}``, ``"ClientSecret"``, ``"ApiKey"``): the application's own signing key
    or a service's credential. Hand-typed values there are toy defaults; a file named for
    development makes it dev/test-only."""
    dev = _dev_named(path)
    for at, (key, value) in lines_of(text, ((m.start(), m.groups()) for m in _STATE_VALUE_RE.finditer(text))):
        snake = _CAMEL_RE.sub(r"\1_\2", key)
        credential = CREDENTIAL_KEY_RE.search(snake) and not _NOT_SECRET_KEY_RE.search(snake)
        if not credential or is_placeholder(value) or not looks_generated(value):
            continue
        if dev:
            yield Signal(Category.SECRETS_DEV_ONLY, path, at, f"generated value for {key}, dev/test-only")
        else:
            yield Signal(Category.SECRETS, path, at, f"hard-coded value for {key}")
        return


def _dev_named(path: str) -> bool:
    """A file named or filed for a development, test or CI environment (``.env.ci``, ``local_dev.env``)."""
    return place_of(path) is Place.DEV or any(word in DEV_WORDS for word in re.split(r"[-_.]", basename(path).lower()))


def _env_credentials(
    path: str,
    name: str,
    text: str,
    found: Callable[[str], Iterable[tuple[int, str, str]]] | None = None,
    *,
    local: bool = False,
    toys_if_local: bool = False,
) -> Iterator[Signal]:
    """The first hard-coded credential of an env-like file (``found`` reads the assignments,
    ``credential_assignments`` by default); in a dev/test/CI env file, or one whose services are all
    on this machine (``local``), only a generated-looking one counts (hand-typed values there are
    toy defaults), as dev/test-only. A password that repeats the file's user or database name
    (``DB_USER=shop`` / ``DB_PASSWORD=shop``) is a toy default too, and so, with ``toys_if_local``,
    is one typed by hand (``_SELF_NAMED_RE``) in a file whose every host is this machine
    (``DB_HOST=127.0.0.1`` with ``DB_PASSWORD=weez_password``)."""
    names = _NAME_VALUES_RE.findall(text)
    dev = local or _dev_named(path)
    toys = toys_if_local and _points_at_localhost(text)
    assignments: Iterable[tuple[int, str, str]] = (
        (line, key, value)
        for line, key, value in (found or credential_assignments)(text)
        if value not in names
        and not (value.startswith("AIza") and firebase_client_config(path, text))
        and not (toys and _SELF_NAMED_RE.search(value) and not looks_generated(value))
    )
    if dev and found is None:  # a local database's URL there carries its password too
        assignments = sorted(chain(assignments, _local_url_passwords(text)))
    servers = _servers(text) if dev and found is None else {}
    yield from _first_credential(path, assignments, dev=dev, servers=servers)


#: A value typed by hand: it says it is a password or a secret (``weez_password``, ``MinioSecret1``),
#: or is lower-case words joined by ``_`` or ``-`` (``weez_minio``, ``app-user``).
_SELF_NAMED_RE = lazy_re(r"(?i:passw(?:or)?d|secret)|^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+$")


def _local_url_passwords(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, key, password) of each connection URL of an env file whose password reaches this
    machine or a compose service (``DATABASE_URL=postgres://app:...@localhost/app``): in a file for
    development, a generated one is a dev/test-only credential, as a ``DB_PASSWORD`` is."""
    urls = ((m.start(), (m.group(1), _assigned_value(m).strip())) for m in _ASSIGNMENT_RE.finditer(text))
    for line, (key, value) in lines_of(text, urls):
        match = _DB_URL_RE.match(value)
        if match is None:
            continue
        user, password, host = match.groups()
        if not remote_host(host) and password != user and not is_placeholder(password):
            yield line, key, password


def _first_credential(
    path: str, found: Iterable[tuple[int, str, str]], *, dev: bool, servers: Mapping[str, str] | None = None
) -> Iterator[Signal]:
    """The first of ``found`` (line, key, value) as a hard-coded credential; in a file for
    development or tests, the first generated-looking one, or the first password for a remote
    server (``servers``: ``_servers``), as dev/test-only (other hand-typed values there are toy
    defaults of a database on this machine)."""
    for line, key, value in found:
        if not dev:
            yield Signal(Category.SECRETS, path, line, f"hard-coded value for {key}")
            return
        if looks_generated(value):
            yield Signal(Category.SECRETS_DEV_ONLY, path, line, f"generated value for {key}, dev/test-only")
            return
        server = _server_of(key, servers or {})
        if server is not None:
            yield Signal(
                Category.SECRETS_DEV_ONLY, path, line, f"password for the remote server {server} ({key}), dev/test-only"
            )
            return


#: A password's key, and the prefix it shares with its server's (``DB_`` of ``DB_PASSWORD`` and
#: ``DB_HOST``, ``PG`` of ``PGPASSWORD`` and ``PGHOST``, ``spring.mail.`` of Spring's
#: ``spring.mail.password`` and ``spring.mail.host``).
_PASSWORD_KEY_RE = lazy_re(r"(?i)^([\w.-]*?)(?:PASSWORD|PASSWD|PASS|PWD)$")
#: A server's key: the prefix, then one of these (a URL's host too: ``DB_URL``, Spring's
#: ``spring.datasource.url=jdbc:mysql://db.team.net:3306/shop``).
_SERVER_SUFFIXES = ("HOST", "HOSTNAME", "SERVER", "URL")


def _servers(text: str) -> dict[str, str]:
    """The remote servers an env file names, by key in upper case (``DB_HOST`` ->
    ``pg.cfx.us-east-1.rds.amazonaws.com``): not this machine, a Compose service or a reserved domain."""
    found: dict[str, str] = {}
    for match in _ASSIGNMENT_RE.finditer(text):
        key = match.group(1).upper()
        if key.endswith(_SERVER_SUFFIXES):
            # the host of a URL or ``host:port`` value (``HOST=https://db.acme.io:5432``,
            # ``DB_URL=postgres://app:pw@db.acme.io/shop``)
            authority = _assigned_value(match).strip().split("://", 1)[-1].split("/", 1)[0]
            host = authority.rpartition("@")[2].split(":", 1)[0]
            if remote_host(host):
                found.setdefault(key, host)
    return found


def _server_of(key: str, servers: Mapping[str, str]) -> str | None:
    """The remote server a password's own server key names (``DB_HOST`` for ``DB_PASSWORD``)."""
    match = _PASSWORD_KEY_RE.match(key)
    if match is None or not servers:
        return None
    prefix = match.group(1).upper()
    return next((servers[prefix + s] for s in _SERVER_SUFFIXES if prefix + s in servers), None)


def _sectioned_credentials(path: str, text: str, development: frozenset[int]) -> Iterator[Signal]:
    """The first hard-coded credential of a configuration with sections per environment: one
    outside the ``development`` lines is real; in them, only a generated-looking one counts, as
    dev/test-only (as in a development file)."""
    names = _NAME_VALUES_RE.findall(text)
    found = [(line, key, value) for line, key, value in credential_assignments(text) if value not in names]
    real = [item for item in found if item[0] not in development]
    yield from _first_credential(path, real[:1], dev=False)
    if not real:
        yield from _first_credential(path, found, dev=True)


#: A YAML mapping key starting a line (after its indentation, and a list item's dash).
_YAML_KEY_RE = lazy_re(r"^([ ]*)(?:-[ ]+)?([A-Za-z_][\w.-]{0,80})[ \t]*:(?:[ \t]+([^#\n]*))?")
#: Keys naming the profile a Spring YAML document is for (``spring.config.activate.on-profile: dev``,
#: the older ``spring.profiles: dev``).
_PROFILE_KEYS = frozenset({"on-profile", "profiles"})


def _grouped_credentials(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, key, value) of each generated-looking literal in a YAML mapping whose own key names
    credentials in the plural (``clientSecrets:`` then ``github: 6558...``, ``apiKeys:``,
    ``passwords:``): its members name what each one is for, not what it is (a member holding a
    word, ``provider: vault``, is a setting of the group)."""
    group: tuple[int, str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        match = _YAML_KEY_RE.match(line)
        if match is None:
            continue
        indent, key, value = len(match.group(1)), match.group(2), (match.group(3) or "").strip()
        if group is not None and indent <= group[0]:
            group = None
        if group is None:
            if not value and key.endswith("s") and _credential_name(_words(key[:-1])):
                group = (indent, key)
            continue
        value = value.strip("'\"")
        if looks_generated(value) and not is_placeholder(value):
            yield number, f"{group[1]}.{key}", value


def development_lines(text: str) -> frozenset[int]:
    """The lines of a YAML configuration that only development and tests read: below a key named
    for such an environment (Grails' and Micronaut's ``environments: development:``, a top-level
    ``test:``), or in a document for such a Spring profile (``on-profile: dev``)."""
    development: set[int] = set()
    for document in _yaml_documents(text):
        stack: list[tuple[int, str]] = []
        lines: list[int] = []
        profile = False
        for number, line in document:
            match = _YAML_KEY_RE.match(line)
            if match is None:
                if any(k in _DEV_SECTIONS for _, k in stack):
                    development.add(number)
                lines.append(number)
                continue
            indent, key, value = len(match.group(1)), match.group(2).lower(), (match.group(3) or "").strip()
            while stack and stack[-1][0] >= indent:
                stack.pop()
            stack.append((indent, key))
            if key.rsplit(".", 1)[-1] in _PROFILE_KEYS and value.strip("'\"").lower() in _DEV_SECTIONS:
                profile = True
            if any(k in _DEV_SECTIONS for _, k in stack[:-1]):
                development.add(number)
            lines.append(number)
        if profile:
            development.update(lines)
    return frozenset(development)


#: A TOML table header (``[production]``, ``[debug.databases]``): its first name.
_TOML_TABLE_RE = lazy_re(r"^[ \t]*\[{1,2}[ \t]*[\"']?([\w-]+)")


def _toml_development_lines(text: str) -> frozenset[int]:
    """The lines of a TOML configuration in tables for development or tests (Rocket's
    ``[development]`` and ``[debug]``, ``[test]``), header included."""
    development: set[int] = set()
    current = False
    for number, line in enumerate(text.splitlines(), 1):
        match = _TOML_TABLE_RE.match(line)
        if match is not None:
            current = match.group(1).lower() in _DEV_SECTIONS or match.group(1).lower() == "debug"
        if current:
            development.add(number)
    return frozenset(development)


def _yaml_documents(text: str) -> Iterator[list[tuple[int, str]]]:
    """The documents of a YAML stream as (line number, line) lists, ``---`` lines left out."""
    document: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("---"):
            yield document
            document = []
        elif line.strip() and not line.lstrip().startswith("#"):
            document.append((number, line))
    yield document


#: Top-level sections of Rails ``secrets.yml`` that only development and tests read.
_DEV_SECTIONS = frozenset({"development", "test", "dev", "testing", "ci", "local", "shared_test"})
_SECTION_RE = lazy_re(r"^([A-Za-z_][\w-]{0,40}):", re.MULTILINE)


def _rails_secrets(path: str, text: str) -> Iterator[Signal]:
    """Literal secrets by section: development/test ones are dev/test-only, others are real."""
    sections = lines_of(text, ((m.start(), m.group(1).lower()) for m in _SECTION_RE.finditer(text)))
    upcoming = next(sections, None)
    section = ""
    reported: set[Category] = set()
    for line, key, _value in credential_assignments(text):  # in order: the sections are walked beside
        while upcoming is not None and upcoming[0] < line:
            section = upcoming[1]
            upcoming = next(sections, None)
        category = Category.SECRETS_DEV_ONLY if section in _DEV_SECTIONS else Category.SECRETS
        if category in reported:
            continue
        reported.add(category)
        suffix = f" ({section}), dev/test-only" if category is Category.SECRETS_DEV_ONLY else ""
        yield Signal(category, path, line, f"hard-coded value for {key}{suffix}")


#: Sections of Rails ``database.yml`` whose passwords are development ones: the shared ``default``
#: section feeds development and tests.
_DEV_DATABASE_SECTIONS = _DEV_SECTIONS | {"default"}


def _rails_database(path: str, text: str) -> Iterator[Signal]:
    """Rails ``config/database.yml``: a literal password outside the development, test and shared
    sections is the deployed database's (unless every host it names is this machine); in those
    sections, or on this machine, only a generated-looking one counts, as dev/test-only. An ERB
    lookup (``<%= ENV["DB_PASSWORD"] %>``) is no literal."""
    sections = lines_of(text, ((m.start(), m.group(1).lower()) for m in _SECTION_RE.finditer(text)))
    upcoming = next(sections, None)
    section = ""
    local = _points_at_localhost(text)
    names = _NAME_VALUES_RE.findall(text)
    for line, key, value in credential_assignments(text):
        while upcoming is not None and upcoming[0] < line:
            section = upcoming[1]
            upcoming = next(sections, None)
        if value in names:
            continue
        if section not in _DEV_DATABASE_SECTIONS and not local:
            yield Signal(Category.SECRETS, path, line, f"hard-coded value for {key} ({section or 'database'})")
            return
        if looks_generated(value):
            yield Signal(Category.SECRETS_DEV_ONLY, path, line, f"generated value for {key} ({section}), dev/test-only")
            return


#: JavaScript and TypeScript ORM configuration files that name a database connection (Knex,
#: TypeORM's ``ormconfig`` and data source, MikroORM, Drizzle Kit).
_JS_DATABASE_CONFIGS = (
    "knexfile.js",
    "knexfile.ts",
    "knexfile.cjs",
    "knexfile.mjs",
    "ormconfig.js",
    "ormconfig.ts",
    "ormconfig.json",
    "data-source.ts",
    "data-source.js",
    "datasource.ts",
    "datasource.js",
    "typeorm.config.ts",
    "typeorm.config.js",
    "mikro-orm.config.ts",
    "mikro-orm.config.js",
    "drizzle.config.ts",
    "drizzle.config.js",
)
#: Sequelize's ``config/config.json`` (``sequelize init``), known by its ``dialect``.
_SEQUELIZE_CONFIGS = ("config.json", "config.js")
_SEQUELIZE_PATHS = ("config/config.json", "config/config.js")
_SEQUELIZE_MARK = "dialect"
#: A member of a JavaScript object or JSON document set to a string literal (``password: 'x'``,
#: ``"password": "x"``), or to an environment lookup's literal fallback
#: (``process.env.DB_PASSWORD || 'x'``).
_JS_MEMBER_RE = lazy_re(
    r"""(?:^|[{,])[ \t]*["']?([A-Za-z_$][\w$-]{0,60})["']?[ \t]*:[ \t]*"""
    r"""(?:process\.env\.[\w$]{1,80}[ \t]*(?:\|\||\?\?)[ \t]*)?["'`]([^"'`\n\\]{0,300})["'`]""",
    re.MULTILINE,
)
#: An environment's object in a configuration keyed by environment (Knex, Sequelize).
_JS_SECTION_RE = lazy_re(
    r"""(?:^|[{,])[ \t]*["']?(development|dev|test|testing|ci|local|production|prod|staging|default)["']?[ \t]*:""",
    re.MULTILINE,
)
#: Members naming the database server, and the user or database (a password equal to one is a toy).
_JS_HOST_KEYS = frozenset({"host", "hostname", "server"})
_JS_NAME_KEYS = frozenset({"user", "username", "database", "db", "name"})


def _js_database_config(path: str, text: str) -> Iterator[Signal]:
    """A password written into a JavaScript or TypeScript ORM configuration (a knexfile, a TypeORM
    data source, Sequelize's ``config/config.json``), judged like Rails' ``database.yml``: one for
    a database on another host, or in a production section, is real; in a development or test
    section, or for a database on this machine, only a generated-looking one counts (dev/test-only).
    An environment lookup (``process.env.DB_PASSWORD``) is no literal; its literal fallback is."""
    members = [(m.start(), m.group(1), m.group(2).strip()) for m in _JS_MEMBER_RE.finditer(text)]
    sections = [(m.start(), m.group(1).lower()) for m in _JS_SECTION_RE.finditer(text)]
    names = {value for _, key, value in members if key.lower() in _JS_NAME_KEYS}
    hosts: dict[str, list[str]] = {}
    for at, key, value in members:
        if key.lower() in _JS_HOST_KEYS:
            hosts.setdefault(_section_at(sections, at), []).append(value)
    dev_file = _dev_named(path)
    for at, key, value in members:
        credential = CREDENTIAL_KEY_RE.search(key) and not _NOT_SECRET_KEY_RE.search(key)
        if remote_url_password(value):
            yield Signal(Category.SECRETS, path, line_at(text, at), f"database URL with a password in {key}")
            return
        if not credential or is_placeholder(value) or value in names or _documented_default(text, at, value):
            continue
        section = _section_at(sections, at)
        where = section or "connection"
        named = hosts.get(section, [])
        if any(remote_host(host) for host in named):
            yield Signal(Category.SECRETS, path, line_at(text, at), f"hard-coded value for {key} ({where})")
            return
        local = bool(named) and all(_LOCAL_HOST_RE.match(host) for host in named)
        if dev_file or local or section in _DEV_DATABASE_SECTIONS:
            if looks_generated(value):
                detail = f"generated value for {key} ({where}), dev/test-only"
                yield Signal(Category.SECRETS_DEV_ONLY, path, line_at(text, at), detail)
                return
            continue
        yield Signal(Category.SECRETS, path, line_at(text, at), f"hard-coded value for {key} ({where})")
        return


def _section_at(sections: list[tuple[int, str]], at: int) -> str:
    """The environment section holding offset ``at`` ("" before the first, or without sections)."""
    current = ""
    for start, name in sections:
        if start > at:
            break
        current = name
    return current


#: Rails initializers that older generators wrote a generated secret into: ``secret_token.rb``
#: (Rails 3 and 4.0, ``App::Application.config.secret_token = '...'``) and Devise's ``devise.rb``
#: (``config.secret_key``, ``config.pepper``), each signing or hashing for the deployed site.
_RAILS_INITIALIZERS = ("secret_token.rb", "devise.rb")
_RAILS_INITIALIZER_PATHS = tuple(f"config/initializers/{name}" for name in _RAILS_INITIALIZERS)
_RAILS_SECRET_SETTINGS = frozenset({"secret_token", "secret_key_base", "secret_key", "pepper"})
#: Devise's OmniAuth providers, given their application id and secret as arguments.
_OMNIAUTH_SETTING = "config.omniauth "


def _rails_initializer_secret(path: str, text: str) -> Iterator[Signal]:
    """A generated literal assigned to a Rails or Devise secret setting in an initializer
    (``Blog::Application.config.secret_token = '3f9a...'``) or given to a Devise OmniAuth provider
    (``config.omniauth :github, '<id>', '<secret>'``), not in a commented-out line."""
    for number, line in enumerate(text.splitlines(), 1):
        code = line.strip()
        if code.startswith(_OMNIAUTH_SETTING):
            setting, rest = "OmniAuth provider secret", code
        else:
            target, equals, rest = code.partition("=")
            owner, _, setting = target.strip().rpartition(".")
            assigned = bool(equals) and not rest.startswith(("=", "~")) and owner.endswith("config")
            if code.startswith("#") or not assigned or setting not in _RAILS_SECRET_SETTINGS:
                continue
        value = next((v for v in _literals(rest) if not is_placeholder(v) and looks_generated(v)), None)
        if value is None:
            continue
        dev = _dev_named(path)
        category = Category.SECRETS_DEV_ONLY if dev else Category.SECRETS
        yield Signal(category, path, number, f"hard-coded {setting}" + (", dev/test-only" if dev else ""))
        return


def _literals(code: str) -> Iterator[str]:
    """The quoted literals of a line of code, in order (``ENV.fetch("KEY", "default")`` gives
    ``KEY`` and ``default``)."""
    at = 0
    while True:
        starts = [i for i in (code.find("'", at), code.find('"', at)) if i >= 0]
        if not starts:
            return
        start = min(starts)
        end = code.find(code[start], start + 1)
        if end < 0:
            return
        yield code[start + 1 : end]
        at = end + 1


#: Android release signing configuration: ``key.properties`` (Flutter), ``keystore.properties``,
#: ``signing.properties`` (``storePassword=...``, ``keyPassword=...``), and ``gradle.properties``,
#: where React Native's guide puts ``MYAPP_UPLOAD_STORE_PASSWORD`` and publishing plugins read
#: ``signing.password`` and repository credentials.
_SIGNING_FILES = ("key.properties", "keystore.properties", "signing.properties", "gradle.properties")


#: The passwords of Expo's EAS local credentials (``credentials.json``, which ``eas credentials``
#: writes to sign builds locally and its docs keep out of version control): (where, key, what).
_EAS_PASSWORDS = (
    (("android", "keystore"), "keystorePassword", "Android keystore"),
    (("android", "keystore"), "keyPassword", "Android signing key"),
    (("ios", "distributionCertificate"), "password", "iOS distribution certificate"),
)


def _eas_credentials(path: str, data: object, text: str) -> Iterator[Signal]:
    """The first literal password of EAS local credentials: it unlocks the key that signs the app
    as its publisher (with the keystore, wherever that is kept)."""
    for where, key, what in _EAS_PASSWORDS:
        section = data
        for part in where:
            section = section.get(part) if isinstance(section, dict) else None
        value = section.get(key) if isinstance(section, dict) else None
        if isinstance(value, str) and not is_placeholder(value):
            yield Signal(
                Category.SECRETS, path, line_of_fragment(text, f'"{key}"'), f"EAS credentials: {what} password"
            )
            return


def _signing_credentials(path: str, name: str, text: str) -> Iterator[Signal]:
    """Passwords of an Android signing configuration (camelCase keys: ``storePassword``); a debug
    keystore's are development ones (only a generated-looking value counts, as dev/test-only)."""
    yield from _env_credentials(path, name, text, camel_credentials, local=_debug_keystore(text))


#: A password of a signing configuration in a Gradle script: ``storePassword "..."`` (Groovy),
#: ``storePassword = "..."`` (Kotlin), a literal (``System.getenv("...")`` is none).
_GRADLE_PASSWORD_RE = lazy_re(
    r"""^[ \t]*(storePassword|keyPassword)[ \t]{0,20}(?:=[ \t]{0,20})?(?:\([ \t]{0,20})?["']([^"'\n$]{1,200})["']"""
    r"""[ \t]{0,20}\)?[ \t]*$""",
    re.MULTILINE,
)
#: A block opening in a Gradle script: ``release {``, ``create("release") {``, ``getByName("debug") {``.
_GRADLE_BLOCK_RE = lazy_re(
    r"""^[ \t]*(?:(?:create|getByName|register|maybeCreate)[ \t]*\([ \t]*["'](\w+)["'][ \t]*\)|(\w+))[ \t]*\{""",
    re.MULTILINE,
)


def _gradle_signing(path: str, text: str) -> Iterator[Signal]:
    """Passwords written into a Gradle script's ``signingConfigs``: a release configuration's are
    real; a debug one's are development ones (only a generated-looking value counts)."""
    if "signingConfigs" not in text:
        return
    release: list[tuple[int, str, str]] = []
    debug: list[tuple[int, str, str]] = []
    for match in _GRADLE_PASSWORD_RE.finditer(text):
        value = match.group(2).strip()
        if is_placeholder(value):
            continue
        blocks = list(_GRADLE_BLOCK_RE.finditer(text, 0, match.start()))
        block = (blocks[-1].group(1) or blocks[-1].group(2)) if blocks else ""
        (debug if "debug" in block.lower() else release).append((line_at(text, match.start()), match.group(1), value))
    yield from _first_credential(path, release[:1], dev=False)
    if not release:
        yield from _first_credential(path, debug, dev=True)


def _debug_keystore(text: str) -> bool:
    """A ``storeFile`` naming the debug keystore (``debug.keystore``, ``debug_key.jks``): its
    passwords are development ones."""
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip().lower().replace("_", "").endswith("storefile") and "debug" in value.lower():
            return True
    return False


def camel_credentials(text: str) -> Iterator[tuple[int, str, str]]:
    """``credential_assignments`` of a Java properties file's ``key=value`` lines whose keys are
    camelCase (``storePassword``, ``ossrhPassword``): their words are read apart, and a value
    ``$Khindri`` is a password (Java expands no ``$NAME``)."""
    return credential_assignments(text, camel=True, literal_dollar=True)


#: A Laravel ``APP_KEY`` as ``php artisan key:generate`` writes it.
LARAVEL_KEY_RE = lazy_re(r"^APP_KEY[ \t]{0,3}=[ \t]{0,3}[\"']?base64:[A-Za-z0-9+/]{43}=", re.MULTILINE)


def detect_example_keys(inv: Inventory, reported: Collection[tuple[str, int | None]] = frozenset()) -> Iterator[Signal]:
    """Generated keys in example env files (a Laravel ``APP_KEY``, a generated-looking value of a
    credential-named key): every copy of the file shares the key. Paths (``storage/creds.json``)
    and placeholders are no keys, and a line in ``reported`` (a live Stripe key the token scan
    found) is a committed secret, not also a dev-only one."""
    for path in paths_of(inv, names_containing(inv, "env", ".env")):
        name = basename(path).lower()
        if not (name.startswith(".env") and _is_example_name(name)) or in_test_dir(path):
            continue
        text = inv.text(path) or ""
        found = LARAVEL_KEY_RE.search(text)
        if found is not None:
            yield Signal(
                Category.SECRETS_DEV_ONLY,
                path,
                line_at(text, found.start()),
                "generated Laravel APP_KEY in an example env file, dev/test-only",
            )
            continue
        generated = (
            (line, key)
            for line, key, value in credential_assignments(text)
            if (path, line) not in reported and _example_key(value)
        )
        for line, key in generated:
            detail = f"generated value for {key} in an example env file, dev/test-only"
            yield Signal(Category.SECRETS_DEV_ONLY, path, line, detail)
            break


def _example_key(value: str) -> bool:
    """A generated-looking value that is not a file path or a URL (``storage/firebase-creds.json``)."""
    path_like = value.startswith(("/", "./", "~")) or ("/" in value and _FILE_SUFFIX_RE.search(value) is not None)
    return not path_like and "://" not in value and looks_generated(value)


#: A file name's extension at the end of a value (``.json``, ``.pem``).
_FILE_SUFFIX_RE = lazy_re(r"\.[A-Za-z]{1,5}$")


def _is_example_name(name: str) -> bool:
    """Documentation copies: ``.env.example``, ``config.sample.yml``, ``secrets.template.json``..."""
    return (
        re.search(r"(?:^|[._-])(?:example|sample|template|tmpl|tpl|dist|defaults?)(?:[._-]|$)", name, re.IGNORECASE)
        is not None
    )


def _env_named(name: str) -> bool:
    """An env file of any kind, examples and templates too (``.env.example``, ``prod.env``)."""
    return name.startswith(".env") or name.endswith(".env")


def _is_dotenv(name: str) -> bool:
    if not _env_named(name):
        return False
    return (
        not name.endswith(_ENV_SAFE_SUFFIXES)
        and ".example" not in name
        and ".sample" not in name
        and ".template" not in name
    )


def _is_kubeconfig(text: str) -> bool:
    return (
        re.search(r"^kind:\s*Config\s*$", text, re.MULTILINE) is not None
        and "users:" in text
        and re.search(r"(?:client-key-data|token|password)\s*:\s*\S{8,}", text) is not None
    )


def credential_assignments(
    text: str, pattern: LazyPattern | None = None, *, camel: bool = False, literal_dollar: bool = False
) -> Iterator[tuple[int, str, str]]:
    """(line, key, value) of each credential-named key holding a literal, non-placeholder value,
    in the order of the text; ``pattern`` finds (key, value) pairs (``KEY=value`` lines by default).
    A credential-like name for an identifier, a name or a setting (``ACCESS_KEY_ID``,
    ``SECRET_NAME``, ``PASSWORD_FILE``) holds no secret. ``camel`` reads a camelCase or kebab-case
    key's words apart (``storePassword``, ``signing-key``); ``literal_dollar`` reads ``$Name`` as the
    text it is (a Java properties file expands no ``$NAME``)."""
    found = ((m.start(), (m.group(1), _assigned_value(m).strip())) for m in (pattern or _ASSIGNMENT_RE).finditer(text))
    credentials = (
        (at, (key, value))
        for at, (key, value) in found
        if (
            (_credential_name(_words(key) if camel else key) and _literal_credential(value, literal_dollar))
            or remote_url_password(value)
        )
        and not _documented_default(text, at, value)
    )
    for line, (key, value) in lines_of(text, credentials):
        yield line, key, value


def _literal_credential(value: str, literal_dollar: bool = False) -> bool:
    """A value that is no placeholder, or a Google app password as Gmail shows it (four groups of
    four letters, ``nvsn zcxt qvcf dfbg``: words of no language, though they read as a phrase)."""
    placeholder = is_placeholder(value, literal_dollar=literal_dollar)
    return not placeholder or GMAIL_APP_PASSWORD_RE.fullmatch(value) is not None


def _assigned_value(match: re.Match[str]) -> str:
    """The value an assignment pattern found: its first value group that took part in the match."""
    return next((v for v in match.groups()[1:] if v is not None), "")


def _words(key: str) -> str:
    """A camelCase or kebab-case key with its words joined by underscores (``storePassword`` as
    ``store_Password``, ``signing-key`` as ``signing_key``)."""
    return _CAMEL_RE.sub(r"\1_\2", key).replace("-", "_")


def _credential_name(key: str) -> bool:
    """A key naming a credential, not an identifier, a name or a setting of one: in a dotted key,
    its last part says what the value is (``spring.datasource.password``; not the ``scope`` of a
    token client, ``quarkus.rest-client.ghcr-token-api.scope``)."""
    leaf = key.rsplit(".", 1)[-1]
    return bool(CREDENTIAL_KEY_RE.search(leaf)) and not _NOT_SECRET_KEY_RE.search(leaf)


#: A database or broker URL with a password in it: its user, password and host.
_DB_URL_RE = lazy_re(
    r"^(?:(?:postgres(?:ql)?|mysql|mariadb)(?:\+\w{1,30})?|mongodb(?:\+srv)?|rediss?|amqps?)://"
    r"([^/\s:@]{1,100}):([^@\s/]{6,200})@([^/\s:?]{1,200})",
    re.IGNORECASE,
)


def remote_url_password(value: str) -> bool:
    """A connection URL (``DATABASE_URL=postgres://app:...@db.acme.io/app``) whose password reaches a
    named or public host: not this machine, not a compose service (a name without a dot), not a
    placeholder or the user's own name."""
    match = _DB_URL_RE.match(value)
    if match is None:
        return False
    user, password, host = match.groups()
    return remote_host(host) and password != user and not is_placeholder(password)


def _documented_default(text: str, at: int, value: str) -> bool:
    """True when a comment in the two lines above ``at`` gives ``value`` as the default: the
    application's published default (``# Default value: m1cr0b1n``), a toy default, not a secret."""
    end = text.rfind("\n", 0, at)
    for _ in range(2):
        if end < 0:
            return False
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line.startswith(("#", "//", ";")) and "default" in line.lower() and value in line:
            return True
        end = start - 1
    return False


def hcl_credentials(text: str) -> Iterator[tuple[int, str, str]]:
    """``credential_assignments`` of HCL attributes set to a literal string: in Terraform,
    ``token = var.vault_token`` is a reference and ``"${...}"`` an interpolation. A bare ``key``
    naming an object in a store (a backend's ``key = "prod/terraform.tfstate"``, an S3 object's
    ``key = "assets/index.html"``) is a path, not a credential; nor is one beside a ``value`` in
    its block, which names what the value is for (an app platform's ``env { key = "PGDATABASE"
    value = ... }``)."""
    lines: list[str] | None = None  # split once, and only for a bare ``key``
    for line, key, value in credential_assignments(text, _HCL_ASSIGNMENT_RE):
        if key.lower() == "key":
            if _object_path(value):
                continue
            lines = text.split("\n") if lines is None else lines
            if _beside_value(lines, line):
                continue
        yield line, key, value


#: A ``value`` attribute of an HCL block.
_HCL_VALUE_RE = lazy_re(r"^[ \t]*value[ \t]*=", re.MULTILINE)
#: Lines on either side of a ``key`` attribute searched for its block's ``value``.
_PAIR_LINES = 3


def _beside_value(lines: list[str], line: int) -> bool:
    """Whether a ``value`` attribute sits within ``_PAIR_LINES`` of ``lines`` around (1-based)
    ``line``, with no block opening or closing between."""
    low, high = max(0, line - 1 - _PAIR_LINES), min(len(lines), line + _PAIR_LINES)
    for step in (range(line - 2, low - 1, -1), range(line, high)):
        for at in step:
            if _HCL_VALUE_RE.match(lines[at]):
                return True
            if "{" in lines[at] or "}" in lines[at]:
                break
    return False


#: A folder or file name in an object's path.
_PATH_SEGMENT_RE = lazy_re(r"[\w.-]{1,100}")


def _object_path(value: str) -> bool:
    """A path of names that ends in a file name, or of lower-case names only (``env/app/state``):
    what a store's object key looks like, where a secret is one run of mixed characters."""
    parts = value.split("/")
    if not all(_PATH_SEGMENT_RE.fullmatch(part) for part in parts):
        return False
    return _file_name(parts[-1]) or (len(parts) > 1 and value == value.lower())


def _file_name(name: str) -> bool:
    """A file name with a letters-only extension (``terraform.tfstate``, ``index.html``)."""
    stem, dot, extension = name.rpartition(".")
    return bool(dot and stem) and 0 < len(extension) <= 10 and extension.isascii() and extension.isalpha()


#: Firebase client configuration files: the API key they hold identifies the Firebase project to
#: the app that ships it (Google documents it as safe to include), it grants nothing by itself.
FIREBASE_CONFIG_NAMES = frozenset({"google-services.json", "googleservice-info.plist", "firebase_options.dart"})
#: Keys of a Firebase web configuration (``const firebaseConfig = {apiKey, authDomain, ...}``,
#: ``VITE_FIREBASE_AUTH_DOMAIN=...``), read in lower case without underscores.
_FIREBASE_WEB_KEYS = ("authdomain", "messagingsenderid")


def firebase_client_config(path: str, text: str) -> bool:
    """Whether a Google API key in ``text`` (the key's surroundings) belongs to a Firebase app's client
    configuration: in ``google-services.json``, ``GoogleService-Info.plist`` or FlutterFire's
    ``firebase_options.dart``, or beside the ``authDomain`` and ``messagingSenderId`` of a web
    app's ``firebaseConfig`` (or their environment variables, ``VITE_FIREBASE_AUTH_DOMAIN``...)."""
    if basename(path).lower() in FIREBASE_CONFIG_NAMES:
        return True
    around = text.lower().replace("_", "")
    return all(key in around for key in _FIREBASE_WEB_KEYS)


def _variable_name(value: str) -> bool:
    """An environment variable's name standing for its value (``secret_key = "AWS_SECRET_KEY"``,
    ``DB_PASSWORD=DB_PASSWORD``): upper-case words joined by underscores."""
    words = value.split("_")
    return (
        len(words) >= 2 and value[0].isalpha() and all(w.isalnum() and not any(c.islower() for c in w) for w in words)
    )


def _your_camel(value: str) -> bool:
    """A camelCase placeholder addressed to the reader (``YourPassword``, ``yourApiKeyHere``)."""
    return value[:4].lower() == "your" and value[4:5].isupper()


def is_placeholder(value: str, *, literal_dollar: bool = False) -> bool:
    """True for values that are placeholders, references or obviously not secret; with
    ``literal_dollar``, a ``$Name`` is no shell reference but the text it is (a password)."""
    matched = value[1:] if literal_dollar and value.startswith("$") and not value.startswith("${") else value
    if len(value) < 8 or PLACEHOLDER_RE.match(matched) or _variable_name(value) or _your_camel(value):
        return True
    if value in PUBLISHED_VALUES or (value.startswith("eyJ") and published_demo_jwt(value)):
        return True
    if re.fullmatch(r"(.)\1+", value) or counting(value):
        return True
    if re.match(r"^(?:https?|(?:postgres(?:ql)?|mysql)(?:\+\w{1,30})?|redis|mongodb)://", value):
        return re.search(r"://[^/\s:@]+:[^@\s]{6,}@", value) is None
    if typed_phrase(value) or encoded_phrase(value):
        return True
    return bool(re.search(r"\s", value) and not re.search(r"[A-Za-z0-9+/=_-]{24,}", value) and not _salt(value))


def counting(value: str) -> bool:
    """True for a value typed by counting: each character the one after the last, digits from 9
    back to 0 or on to ``a``, hex digits from ``f`` back to 0 (``1234567890123456``,
    ``0123456789abcdef0123``, ``abcdefghijklmnop``)."""
    return all(_follows(a, b) for a, b in zip(value, value[1:]))


def _follows(before: str, after: str) -> bool:
    if before == "9":
        return after in "0aA"
    if before in "fF" and after == "0":
        return True
    if before in "zZ":
        return after == chr(ord(before) - 25)
    return (before.isdigit() or before.isalpha()) and before.isascii() and ord(after) == ord(before) + 1


#: Values a vendor's template ships to everyone who copies it: Supabase's self-hosting
#: ``SECRET_KEY_BASE`` (its ``.env.example`` and Compose file).
PUBLISHED_VALUES = frozenset({"UpNVntn3cDxHJpq99YMc1T1AQgQpc8kfYTuRgBiYa15BLrx8etQoXz3gZv1/u2oq"})
#: Issuers of JSON Web Tokens their vendor publishes for everyone's use: Supabase's self-hosting
#: guide ships its demo ``ANON_KEY`` and ``SERVICE_ROLE_KEY``, signed with the guide's own secret.
PUBLISHED_JWT_ISSUERS = frozenset({"supabase-demo"})


def jwt_claims(payload: str) -> dict[str, object] | None:
    """The claims a JWT's middle part (unpadded base64url JSON) decodes to, or None."""
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, binascii.Error):
        return None
    return claims if isinstance(claims, dict) else None


def published_demo_jwt(token: str) -> bool:
    """Whether ``token`` is a JWT whose claims name a published demo issuer (``"iss":
    "supabase-demo"``): every copy of the vendor's template holds it, so it opens nothing."""
    parts = token.split(".")
    claims = jwt_claims(parts[1]) if len(parts) == 3 else None
    return claims is not None and claims.get("iss") in PUBLISHED_JWT_ISSUERS


def _salt(value: str) -> bool:
    """A generated salt whose alphabet holds punctuation and blanks (WordPress's generator): a
    fifth or more of it punctuation, and random-looking; a phrase typed with blanks has little."""
    marks = sum(1 for c in value if not c.isalnum() and not c.isspace())
    return marks * 5 >= len(value) and looks_generated(value)
