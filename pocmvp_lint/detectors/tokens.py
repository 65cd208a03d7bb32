"""``secrets`` in every tracked text file: high-confidence token formats (docs/secrets.md).

Every file of the inventory is read once, bounded (``MAX_FILE_BYTES`` each, ``MAX_TOTAL_BYTES``
per run), except binaries (by extension, or a NUL byte in the first KiB), minified bundles, source
maps and lock files. A cheap pre-filter (a handful of lower-case literals searched with ``in``)
keeps the token patterns for the few files that may hold one. A hit is reported with its file,
line and kind, and never with its value: at most the format's known prefix (4 characters).

With the scan cache (``pocmvp_lint.scancache``), a file whose staged blob is known clean is not
read, and each whole file read and found clean (at a path that does not change the verdict: not
CI configuration, not skipped as minified) is recorded as known clean for the next run.
"""

from __future__ import annotations

import binascii
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pocmvp_lint import __version__
from pocmvp_lint.detectors import _placement, secrets
from pocmvp_lint.detectors._placement import (
    CI_NAMES,
    CI_PREFIXES,
    WHERE,
    Place,
    category_for,
    is_ci_config,
    looks_fake,
    looks_generated,
    place_of,
)
from pocmvp_lint.detectors._util import line_at
from pocmvp_lint.detectors.secrets import (
    FIREBASE_CONFIG_NAMES,
    credential_assignments,
    detect_secrets,
    firebase_client_config,
    is_placeholder,
    remote_url_password,
)
from pocmvp_lint.detectors.signal import Signal
from pocmvp_lint.digest import blake2b
from pocmvp_lint.inventory import Inventory
from pocmvp_lint.inventory.reader import SNIFF_BYTES, utf8
from pocmvp_lint.lazyre import LazyPattern, lazy_re
from pocmvp_lint.model import Category
from pocmvp_lint.regexstore import compile_pattern
from pocmvp_lint.scancache import ScanCache

#: Bytes scanned in one file (its head when larger).
MAX_FILE_BYTES = 256 * 1024
#: Bytes scanned in one run; files past it are not read, and hits say so.
MAX_TOTAL_BYTES = 64 * 1024 * 1024
#: Most signals one run reports (the first ones are enough to act on).
MAX_HITS = 50
#: Characters of a token a message may show: only its format's known prefix, cut to this.
SHOWN = 4


@dataclass(frozen=True)
class TokenFormat:
    """A credential format: its name, how much of a token messages show, and its pattern.

    ``shown`` characters (at most ``SHOWN``) of a match are its format's public prefix (``ghp_``,
    ``AKIA``): the only part of a value a message ever shows; 0 for formats without one.
    ``needles`` are literals one of which every match contains: the pattern runs only on texts
    holding one. Patterns start with a literal (so the
    regex engine skips ahead to it) and ``boundary`` asks that no word character precede it.
    ``third_party`` formats open a service account wherever they sit (see ``category_for``).
    A needle with an upper-case letter is searched in the original text, the others in lower case.
    """

    name: str
    shown: int
    needles: tuple[str, ...]
    pattern: LazyPattern
    third_party: bool = True
    boundary: bool = True
    #: Match only where a needle occurs (for case-insensitive patterns, which cannot skip ahead).
    at_needles: bool = False
    #: Report the line of the value (group 1), not of the match's start: the needle names a
    #: section some lines above the key (``jwt: {`` over ``secret: '...'``).
    value_line: bool = False


#: An environment lookup whose literal fallback follows (``process.env.JWT_SECRET || '...'``,
#: ``os.getenv("API_KEY", "...")``): the literal is what runs wherever the variable is unset.
_ENV_FALLBACK = (
    r"(?:process\.env\.[\w$]{1,80}[ \t]{0,5}(?:\|\||\?\?)[ \t]{0,5}"
    r"|os\.(?:getenv|environ\.get)\([ \t]{0,5}[\"'][\w.-]{1,80}[\"'][ \t]{0,5},[ \t]{0,5})?"
)
_DATABASE_URL = "database URL with a password"
#: The generic formats: a credential-named key set to a literal that must look generated.
_API_KEY = "hard-coded API key"
_URL_API_KEY = "API key in a request URL"
_SIGNING_SECRET = "hard-coded signing secret"
_IMAGEKIT = "ImageKit private API key"
_DISCORD = "Discord bot token"
_JWT = "issued JSON Web Token"
_HEX_PRIVATE_KEY = "hex private key"
_BASIC_AUTH = "HTTP Basic credentials"
#: The generic formats' shared place in a scan's record of what each line reported.
_GENERIC = "credential-named key"
_SESSION_COOKIE = "logged-in session cookie (Netscape cookie file)"
#: Cookies that hold a logged-in account's session, by site: Instagram's, TikTok's and Django's
#: ``sessionid``, Google's and YouTube's, X's ``auth_token``, LinkedIn's ``li_at``, Reddit's,
#: Bilibili's ``SESSDATA``, Spotify's ``sp_dc``. A downloader bot's ``cookies.txt`` (yt-dlp,
#: gallery-dl, instaloader) logs in as that account.
_SESSION_COOKIES = (
    "sessionid",
    "__secure-1psid",
    "__secure-3psid",
    "sapisid",
    "login_info",
    "auth_token",
    "li_at",
    "reddit_session",
    "sessdata",
    "sp_dc",
)
#: What comes before a cookie's name on a line of a Netscape cookie file: domain, subdomains flag,
#: path, secure flag, expiry (the name and value follow, all separated by tabs).
_COOKIE_LINE_START_RE = lazy_re(r"[^\t\n]{1,253}\t(?:TRUE|FALSE)\t[^\t\n]{1,200}\t(?:TRUE|FALSE)\t\d{1,12}")
#: Schemes of database URLs that carry a password (``mongodb+srv://user:pass@host``), and the
#: start of SQLAlchemy's with a driver (``postgresql+psycopg2://``, ``mysql+pymysql://``).
DATABASE_URL_SCHEMES = (
    "mongodb://",
    "mongodb+srv://",
    "postgres://",
    "postgresql://",
    "mysql://",
    "mariadb://",
    "postgres+",
    "postgresql+",
    "mysql+",
    "mariadb+",
)
#: Token formats (after gitleaks and vendors' documentation), anchored on a literal, with bounded
#: repeats: each runs in linear time (tests/security/test_regex_linear.py). The first non-empty
#: group is the token's body, checked for placeholders.
TOKEN_FORMATS: tuple[TokenFormat, ...] = (
    TokenFormat(
        "AWS access key id",
        4,
        ("akia", "asia", "a3t", "abia", "acca"),
        lazy_re(r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)([A-Z2-7]{16})(?![A-Za-z0-9])"),
    ),
    TokenFormat(
        "AWS secret access key",
        0,
        ("secret_access", "secretaccess"),
        lazy_re(
            r"(?i:secret_?access_?key)[\"']?[ \t]{0,5}(?:=|:|=>)[ \t]{0,5}[\"']?"
            r"([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"
        ),
        boundary=False,
        at_needles=True,
    ),
    TokenFormat(
        "GitHub token",
        4,
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        lazy_re(r"(?:gh[pousr]_([0-9A-Za-z]{36})|github_pat_([0-9A-Za-z_]{82}))(?!\w)"),
    ),
    TokenFormat("GitLab token", 4, ("glpat-",), lazy_re(r"glpat-([0-9A-Za-z_-]{20,64})(?![\w-])")),
    TokenFormat("Slack token", 4, ("xox",), lazy_re(r"xox[abposr]-([0-9]{10,13}-[0-9A-Za-z-]{10,80})")),
    TokenFormat(
        "Slack webhook",
        0,
        ("hooks.slack.com",),
        lazy_re(r"hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/]{43,56})"),
        boundary=False,
    ),
    # A chat's incoming webhook whose URL is its credential: anyone holding it posts to the team's
    # channel or starts its flow (Discord, Feishu and Lark bots and flows, DingTalk, WeCom, Teams).
    TokenFormat(
        "chat webhook",
        0,
        ("discord", "feishu.cn", "larksuite.com", "dingtalk.com", "qyapi.weixin.qq.com", "webhook.office.com"),
        lazy_re(
            r"(?:discord(?:app)?\.com/api/webhooks/\d{17,20}/([A-Za-z0-9_-]{60,80})"
            r"|open\.(?:feishu\.cn|larksuite\.com)/open-apis/bot/v2/hook/([0-9a-f-]{36})"
            r"|feishu\.cn/flow/api/trigger-webhook/([0-9a-f]{32})"
            r"|oapi\.dingtalk\.com/robot/send\?access_token=([0-9a-f]{64})"
            r"|qyapi\.weixin\.qq\.com/cgi-bin/webhook/send\?key=([0-9a-f-]{36})"
            r"|webhook\.office\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/([0-9a-f]{32}))(?![\w-])"
        ),
        boundary=False,
    ),
    TokenFormat("Stripe live key", 4, ("_live_",), lazy_re(r"[rs]k_live_([0-9A-Za-z]{20,99})(?!\w)")),
    TokenFormat("Google API key", 4, ("aiza",), lazy_re(r"AIza([0-9A-Za-z_-]{35})(?![\w-])")),
    # A Pusher Channels app's secret (20 hex digits) handed to its server client: Python's
    # ``pusher.Pusher(app_id=..., key=..., secret=u'...')``, Node's ``new Pusher({ ..., secret: '...' })``.
    TokenFormat(
        "Pusher app secret",
        0,
        ("pusher",),
        lazy_re(
            r"(?i:pusher)[ \t]{0,5}\([^()]{0,300}?\bsecret[\"']?[ \t]{0,5}[=:][ \t]{0,5}u?[\"'`]([0-9a-f]{20})[\"'`]"
        ),
        at_needles=True,
        value_line=True,
    ),
    # ImageKit's private API key: ``private_`` and 20 random bytes in base64 (its public key,
    # ``public_``, ships in web pages; a class field ``private_itemsByCategoryAndProductId=`` is no key)
    TokenFormat(_IMAGEKIT, 8, ("private_",), lazy_re(r"private_([A-Za-z0-9+/]{27}=)(?![A-Za-z0-9+/=])")),
    TokenFormat(
        "private key",
        0,
        ("private key",),
        lazy_re(r"-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----"),
        third_party=False,
        boundary=False,
    ),
    TokenFormat("npm token", 4, ("npm_",), lazy_re(r"npm_([A-Za-z0-9]{36})(?!\w)")),
    TokenFormat("Bitbucket app password", 4, ("ATBB",), lazy_re(r"ATBB([A-Za-z0-9]{32})(?![\w-])")),
    TokenFormat("Facebook access token", 3, ("EAA",), lazy_re(r"EAA([A-Za-z0-9]{100,400})(?![A-Za-z0-9+/=_-])")),
    # Pusher's ``PUSHER_URL`` (``https://<key>:<secret>@api.pusherapp.com/apps/<id>``), as its
    # libraries take it: the app's secret in a URL
    TokenFormat(
        "Pusher URL with its secret",
        0,
        ("pusher",),
        lazy_re(r"https?://[0-9a-f]{20}:([0-9a-f]{20})@api(?:-[\w-]{1,30})?\.pusher(?:app)?\.com\b"),
        boundary=False,
        at_needles=False,
    ),
    TokenFormat("Atlassian API token", 6, ("ATATT3",), lazy_re(r"ATATT3([A-Za-z0-9_=-]{180,200})(?![\w=-])")),
    # a user and password written into an ``Authorization: Basic`` header (base64 of ``user:secret``):
    # counted when the secret decoded from it looks generated (``_real``)
    TokenFormat(
        _BASIC_AUTH,
        0,
        ("basic ",),
        lazy_re(r"(?i:basic)[ \t]{1,5}([A-Za-z0-9+/]{12,400}={0,2})(?![A-Za-z0-9+/=])"),
        at_needles=True,
    ),
    TokenFormat(
        _SESSION_COOKIE,
        0,
        tuple(f"\t{name}\t" for name in _SESSION_COOKIES),
        lazy_re(r"\t(?i:" + "|".join(re.escape(n) for n in _SESSION_COOKIES) + r")\t([^\t\n]{16,4096})"),
        boundary=False,
        at_needles=True,
    ),
    TokenFormat("Docker Hub token", 9, ("dckr_pat_",), lazy_re(r"dckr_pat_([A-Za-z0-9_-]{27})(?![\w-])")),
    TokenFormat("Hugging Face token", 3, ("hf_",), lazy_re(r"hf_([A-Za-z]{34})(?![\w-])")),
    TokenFormat("PyPI token", 4, ("pypi-ageichlwas5vcmc",), lazy_re(r"pypi-AgEIcHlwaS5vcmc([A-Za-z0-9_-]{50,250})")),
    TokenFormat(
        "OpenAI key",
        3,
        ("t3blbkfj",),
        lazy_re(r"sk-(?:(?:proj|svcacct|admin)-)?([A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200})"),
    ),
    TokenFormat("Anthropic key", 4, ("sk-ant-",), lazy_re(r"sk-ant-(?:api|admin)0[0-9]-([\w-]{80,120})")),
    TokenFormat("SendGrid key", 3, ("sg.",), lazy_re(r"SG\.([\w-]{22}\.[\w-]{43})(?![\w-])")),
    TokenFormat("Twilio API key", 2, ("SK",), lazy_re(r"SK([0-9a-f]{32})(?!\w)")),
    TokenFormat("DigitalOcean token", 4, ("_v1_",), lazy_re(r"do[por]_v1_([a-f0-9]{64})(?!\w)")),
    TokenFormat(
        "Sentry DSN with its secret key", 0, ("sentry",), lazy_re(r"://[0-9a-f]{32}:([0-9a-f]{32})@"), boundary=False
    ),
    # A Discord bot token: the bot's id (a snowflake, in base64), a timestamp, an HMAC; it has no
    # prefix, so a file is looked at when it names Discord or a token, and a match counts only
    # when its first part decodes to an id (``_real``).
    TokenFormat(
        _DISCORD,
        0,
        ("discord", "token"),
        lazy_re(r"[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.([A-Za-z0-9_-]{27,38})(?![\w-])"),
    ),
    # A Telegram bot token from BotFather: the bot's id, a colon, ``AA`` and 33 characters; the file
    # must name Telegram, pyTelegramBotAPI's ``telebot`` or a token.
    TokenFormat(
        "Telegram bot token",
        0,
        ("telegram", "telebot", "token"),
        lazy_re(r"(?<![\w:])[0-9]{8,10}:(AA[0-9A-Za-z_-]{33})(?![\w-])"),
        boundary=False,
    ),
    # A token a service issued (a session's or an API client's bearer token): anyone holding it acts
    # as that account until it expires. Its payload must decode to a token's claims; a client key
    # that is public by design (Supabase's ``anon`` role) and jwt.io's example are no credential.
    TokenFormat(
        _JWT,
        0,
        ("eyJ",),
        lazy_re(r"eyJ[A-Za-z0-9_-]{8,1000}\.(eyJ[A-Za-z0-9_-]{8,4000})\.[A-Za-z0-9_-]{16,1500}(?![\w-])"),
    ),
    TokenFormat(
        _DATABASE_URL,
        0,
        DATABASE_URL_SCHEMES,
        lazy_re(
            r"(?i:mongodb(?:\+srv)?|(?:postgres(?:ql)?|mysql|mariadb)(?:\+[a-z0-9_]{1,30})?)://"
            r"([^/\s:@\"'`]{1,100}):([^@\s/\"'`]{6,200})@([\w.-]{1,200})"
        ),
        at_needles=True,
    ),
    TokenFormat(
        "Azure Storage account key",
        0,
        ("accountkey=",),
        lazy_re(r"(?i:AccountKey)=([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])"),
        boundary=False,
        at_needles=True,
    ),
    # A wallet's or signing service's private key as 64 hex digits (``0x``-prefixed in the Ethereum
    # tools), assigned to a key named for one: a secp256k1 key moves funds or signs as the owner.
    TokenFormat(
        _HEX_PRIVATE_KEY,
        0,
        ("private_key", "privatekey", "private-key", "privkey", "priv_key"),
        lazy_re(
            r"(?i:private[-_]?key|priv[-_]?key)[\w-]{0,10}[\"']?[ \t]{0,40}(?::|=|=>|:=)[ \t]{0,5}"
            r"(?:\r?\n[ \t]{0,40})?[\"'`](?:0x)?([0-9a-fA-F]{64})[\"'`]"
        ),
        boundary=False,
        at_needles=True,
    ),
    TokenFormat(
        "Azure shared access key",
        0,
        ("sharedaccesskey=",),
        lazy_re(r"(?i:SharedAccessKey)=([A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])"),
        boundary=False,
        at_needles=True,
    ),
    TokenFormat(
        _SIGNING_SECRET,
        0,
        (
            "jwt_secret",
            "jwt-secret",
            "jwtsecret",
            "session_secret",
            "session-secret",
            "sessionsecret",
            "cookie_secret",
            "cookie-secret",
            "cookiesecret",
            # a JWT's access and refresh token secrets (``ACCESS_TOKEN_SECRET``, ``refreshSecret``)
            "access_secret",
            "accesssecret",
            "access_token_secret",
            "accesstokensecret",
            "refresh_secret",
            "refreshsecret",
            "refresh_token_secret",
            "refreshtokensecret",
        ),
        lazy_re(
            r"(?i:jwt[-_]?secret|session[-_]?secret|cookie[-_]?secret|(?:access|refresh)[-_]?(?:token[-_]?)?secret)"
            r"[\w-]{0,10}[\"']?[ \t]{0,40}(?::|=|=>|:=)[ \t]{0,5}(?:\r?\n[ \t]{0,40})?"
            + _ENV_FALLBACK
            + r"[\"'`]([A-Za-z0-9+/=_.~!@#$%^&*-]{16,128})[\"'`]"
        ),
        boundary=False,
        at_needles=True,
    ),
    # The signing secret of an application's auth configuration object, as a member of its ``jwt``
    # section (``export default { jwt: { secret: process.env.APP_SECRET || '...', expiresIn: '1d' } }``,
    # a ``"jwt": {"secret": "..."}`` settings file), other members before it allowed.
    TokenFormat(
        _SIGNING_SECRET,
        0,
        ("jwt",),
        lazy_re(
            r"(?i:jwt)[\"']?[ \t]{0,5}:[ \t]{0,5}\{[ \t]{0,40}(?:\r?\n[ \t]{0,40})?"
            r"(?:[\w\"']{1,40}[ \t]{0,5}:[^\n]{0,120}\n[ \t]{0,40}){0,3}"
            r"[\"']?(?i:secret(?:[-_]?key)?)[\"']?[ \t]{0,5}:[ \t]{0,5}"
            + _ENV_FALLBACK
            + r"[\"'`]([A-Za-z0-9+/=_.~!@#$%^&*-]{16,128})[\"'`]"
        ),
        boundary=False,
        at_needles=True,
        value_line=True,
    ),
    # Flask's secret key set on the application (``app.secret_key = '...'``,
    # ``app.config["SECRET_KEY"] = '...'``) in any module: it signs every session cookie. (A bare
    # ``SECRET_KEY = '...'`` is a settings module's, judged by ``secrets``.)
    TokenFormat(
        _SIGNING_SECRET,
        0,
        ("secret_key",),
        lazy_re(
            r"(?:(?:(?<=app\.)|(?<=application\.))secret_key|(?:(?<=config\[\")|(?<=config\['))SECRET_KEY[\"']\])"
            r"[ \t]{0,5}=(?!=)[ \t]{0,5}" + _ENV_FALLBACK + r"[\"']([A-Za-z0-9+/=_.~!@#$%^&*-]{16,128})[\"']"
        ),
        boundary=False,
        at_needles=True,
    ),
    # A Web Push (VAPID) private key, 32 bytes in unpadded base64url: it signs the pushes a site
    # sends its subscribers.
    TokenFormat(
        "Web Push VAPID private key",
        0,
        ("vapid",),
        lazy_re(
            r"(?i:vapid)[\w-]{0,20}?(?i:private)[\w-]{0,10}[\"']?[ \t]{0,5}(?::|=|=>)[ \t]{0,5}[\"'`]?"
            r"([A-Za-z0-9_-]{43})(?![A-Za-z0-9_=-])"
        ),
        boundary=False,
        at_needles=True,
    ),
    # A token named just that, set to 32 to 64 hex digits (``TOKEN = 'bdf6...'`` handed to an
    # ``Authorization: Token`` header, Django REST framework's 40-digit tokens): a credential's
    # shape, where a longer name (``csrf_token``, ``token_type``) is someone else's.
    TokenFormat(
        _API_KEY,
        0,
        ("token",),
        lazy_re(
            r"(?i:token)[\"']?[ \t]{0,5}(?::|=|=>|:=)[ \t]{0,5}" + _ENV_FALLBACK + r"[\"'`]([0-9a-fA-F]{32,64})[\"'`]"
        ),
        at_needles=True,
    ),
    # A web API's key passed in its request URL's query string: OpenWeatherMap's ``&appid=``,
    # TMDB's ``?api_key=``, NewsAPI's ``&apiKey=``, 32 hex digits, written into the code that calls it.
    TokenFormat(
        _URL_API_KEY,
        0,
        ("appid=", "api_key=", "apikey=", "api-key=", "access_key="),
        lazy_re(r"(?<=[?&])(?i:appid|api[-_]?key|access_key)=([0-9a-fA-F]{32})(?![0-9A-Za-z_-])"),
        boundary=False,
        at_needles=True,
    ),
    TokenFormat(
        _API_KEY,
        0,
        (
            "api_key",
            "apikey",
            "api-key",
            "api_secret",
            "api-secret",
            "apisecret",
            "access_token",
            "access-token",
            "accesstoken",
            "auth_token",
            "auth-token",
            "authtoken",
            "client_secret",
            "client-secret",
            "clientsecret",
        ),
        lazy_re(
            r"(?i:api[-_]?key|api[-_]?secret|access[-_]?token|auth[-_]?token|client[-_]?secret)"
            # the value on the key's line, or on the next one (a formatter wraps a long property)
            r"[\w-]{0,10}[\"']?[ \t]{0,40}(?::|=|=>|:=)[ \t]{0,5}(?:\r?\n[ \t]{0,40})?"
            + _ENV_FALLBACK
            + r"[\"'`]([A-Za-z0-9+/=_.~-]{20,64})[\"'`]"
        ),
        boundary=False,
        at_needles=True,
    ),
)

#: Keys every installation shares, published by their vendors: the Azure Storage emulator's
#: (Azurite, ``devstoreaccount1``) and the Azure Cosmos DB emulator's account keys.
PUBLISHED_KEYS = frozenset(
    {
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
        # the first accounts of Hardhat's and Anvil's default test mnemonic, on every local chain
        "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
    }
)

#: Every format's needles: the pre-filter a file must pass to be looked at (lower-case needles
#: in its lower-cased bytes, the others as they are).
#: What a mail client's setup names (``secrets.mail_client_credentials``): its server, ``smtp.*``;
#: and what signs tokens or messages (``secrets.SIGNING_CALLS``).
MAIL_NEEDLE = "smtp"
#: What code connecting to a database calls (``secrets.database_client_credentials``), lower case.
DB_CLIENT_NEEDLES = (
    "new pdo",
    "mysqli",
    ".connect(",
    "createconnection",
    "createpool",
    "getconnection",
    "sequelize",
    "new pool",
    "new client",
)
PREFILTER: tuple[bytes, ...] = tuple(
    sorted(
        {
            MAIL_NEEDLE.encode(),
            *(needle.encode() for needle in DB_CLIENT_NEEDLES),
            *(needle.encode() for needle, _, _ in secrets.SIGNING_CALLS),
            *(n.encode() for f in TOKEN_FORMATS for n in f.needles if n.islower()),
        }
    )
)
PREFILTER_EXACT: tuple[bytes, ...] = tuple(
    sorted({n.encode() for f in TOKEN_FORMATS for n in f.needles if not n.islower()})
)
#: The pre-filter as one search each (one call per file, not one per needle: most files are small).
#: (bytes patterns: compiled here, the one place a pattern is not lazy, since it runs on raw file heads)


@cache
def _prefilters() -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """The pre-filter's two searches (lower-cased text, exact text), compiled when first needed:
    a repeat run that reads no file compiles no pattern of the scan."""
    return (
        compile_pattern(needle_trie(PREFILTER)),
        compile_pattern(needle_trie(PREFILTER_EXACT)),
    )


def needle_trie(needles: Iterable[bytes]) -> bytes:
    """A pattern matching any of ``needles`` (literals), written as a trie (``di(?:ngtalk|scord)``)
    so the engine tries one branch per first byte, not every needle at every offset."""
    return b"|".join(_trie_branches(needles))


def _trie_branches(needles: Iterable[bytes]) -> list[bytes]:
    """The alternatives of ``needle_trie``: one per first byte, a group only where they fork."""
    branches: dict[bytes, list[bytes]] = {}
    for needle in needles:
        branches.setdefault(needle[:1], []).append(needle[1:])
    parts: list[bytes] = []
    for first, rests in sorted(branches.items()):
        head = re.escape(first)
        if b"" in rests:  # a needle ends here: finding it is enough, the longer ones add nothing
            parts.append(head)
            continue
        below = _trie_branches(rests)
        parts.append(head + (below[0] if len(below) == 1 else b"(?:" + b"|".join(below) + b")"))
    return parts


#: Extensions never read: binaries, media, fonts, archives, compiled code, images in text form.
SKIPPED_EXTS = frozenset(
    {
        "png",
        "jpg",
        "jpeg",
        "gif",
        "bmp",
        "ico",
        "icns",
        "webp",
        "tif",
        "tiff",
        "psd",
        "svg",
        "avif",
        "pdf",
        "zip",
        "gz",
        "tgz",
        "bz2",
        "xz",
        "7z",
        "rar",
        "tar",
        "jar",
        "war",
        "ear",
        "whl",
        "egg",
        "woff",
        "woff2",
        "ttf",
        "otf",
        "eot",
        "mp3",
        "mp4",
        "wav",
        "ogg",
        "webm",
        "mov",
        "avi",
        "flac",
        "so",
        "dll",
        "dylib",
        "exe",
        "bin",
        "o",
        "a",
        "class",
        "pyc",
        "pyo",
        "wasm",
        "dat",
        "db",
        "sqlite",
        "sqlite3",
        "parquet",
        "pkl",
        "npy",
        "npz",
        "h5",
        "onnx",
        "pt",
        "map",
        "lock",
        "sum",
    }
)
#: Lock files: hashes and URLs, never a credential someone typed.
LOCK_NAMES = frozenset(
    {
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "composer.lock",
        "poetry.lock",
        "pipfile.lock",
        "gemfile.lock",
        "cargo.lock",
        "go.sum",
        "uv.lock",
        "mix.lock",
        "pubspec.lock",
        "packages.lock.json",
    }
)
_MINIFIED_SUFFIXES = (".min.js", "-min.js", ".min.css", "-min.css", ".min.mjs", ".bundle.js", ".chunk.js")
#: A line longer than this in a script's first KiB marks generated, minified code.
_MINIFIED_LINE = SNIFF_BYTES
_KEY_BODY_RE = lazy_re(r"[A-Za-z0-9+/=]{40,}")
_KEY_END_RE = lazy_re(r"-----END[ A-Z0-9]{0,30}PRIVATE KEY")


def scanner_version() -> str:
    """A hash of everything a file's verdict depends on (formats, pre-filter, caps, the code of
    the scan and its placeholder checks, the package version): the scan cache's stamp, so a
    changed scanner never trusts an older one's answers."""
    digest = blake2b(digest_size=32)
    state = (
        __version__,
        [
            (f.name, f.shown, f.needles, f.pattern.pattern, f.pattern.flags, f.third_party, f.boundary, f.at_needles)
            for f in TOKEN_FORMATS  # (``value_line`` changes where a finding shows, not which files are clean)
        ],
        PREFILTER,
        PREFILTER_EXACT,
        MAX_FILE_BYTES,
        SNIFF_BYTES,
        _MINIFIED_LINE,
        _MINIFIED_SUFFIXES,
        sorted(SKIPPED_EXTS),
        sorted(LOCK_NAMES),
        sorted(CI_NAMES),
        CI_PREFIXES,
    )
    digest.update(repr(state).encode())
    for module in (__file__, _placement.__file__, secrets.__file__):
        try:
            digest.update(Path(module or "").read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


def detect_credentials(inv: Inventory) -> Iterator[Signal]:
    """The ``secrets`` detector: tokens in every file, and credential files and env values
    (``secrets.py``). A token format is not also a generated example value on its line, and a line
    an env or configuration file's check already reported (a database URL, a settings module's SMTP
    password) is not reported twice."""
    tokens = tuple(detect_tokens(inv))
    judged = tuple(detect_secrets(inv, {(s.path, s.line) for s in tokens if s.category == Category.SECRETS}))
    yield from judged
    lines = {(s.path, s.line) for s in judged}
    places = {(s.category, s.path, s.line) for s in judged}
    for signal in tokens:
        if (signal.category, signal.path, signal.line) in places:
            continue
        if not (signal.detail.startswith(_DATABASE_URL) and (signal.path, signal.line) in lines):
            yield signal


def detect_tokens(inv: Inventory) -> Iterator[Signal]:
    """Signals for every credential format found in the inventory's text files.

    Each file's outcome (bytes counted, signals) is kept on the inventory, keyed by path: the
    inventory at the base of a change (``inv.today``) reuses today's for every file its reader
    sees as today, and reads only the files the change touches (as the base's blobs).
    """
    known = inv.today.memo(_SCANNED, _Scanned) if inv.today else None
    reader = inv.reader
    if known is not None and known.complete:
        quick = _from_today(inv, known)
        if quick is not None:
            yield from quick
            return
    cache = inv.cache
    scanned = inv.memo(_SCANNED, _Scanned)
    paths = _unsettled(inv, cache) if cache is not None and cache.unknown is not None else list(inv.files)
    paths = [p for p in paths if _readable(p)]
    paths.sort()
    ci = {p for p in paths if p.startswith(CI_PREFIXES)}.union(inv.named(*CI_NAMES))
    if cache is not None and cache.unknown is not None:
        scanned.settled = _Settled(inv.prefix, cache, frozenset(ci))
    settled = known.settled if known else None
    reuse = (
        {p for p in paths if (p in known.sizes or (settled is not None and settled(p))) and reader.as_today(p)}
        if known and (known.sizes or settled)
        else set()
    )
    prove = cache.prove if cache is not None else None
    fresh = _scans(reader.heads([p for p in paths if p not in reuse] if reuse else paths, MAX_FILE_BYTES), ci, prove)
    total = 0
    stopped = ""
    hits: list[Signal] = []
    for path, size, found in _merged(paths, reuse, known, fresh) if known and reuse else fresh:
        scanned.sizes[path] = size
        if found:
            scanned.found[path] = found
        total += size
        if total > MAX_TOTAL_BYTES:
            stopped = f" (scan stopped at {MAX_TOTAL_BYTES // (1024 * 1024)} MiB: {path} and later files unread)"
            break
        hits.extend(found)
        if len(hits) >= MAX_HITS:
            break
    else:
        scanned.total = total
        scanned.complete = True
    for signal in hits[:MAX_HITS]:
        yield Signal(signal.category, signal.path, signal.line, signal.detail + stopped) if stopped else signal


#: The inventory memo holding each scanned file's outcome.
_SCANNED = "token-scan"
#: Files whose pre-filter runs as one search over their joined heads (most files hold nothing).
_BATCH = 256
#: ... and at most about this many bytes of them (a batch's heads are held at once).
_BATCH_BYTES = 1024 * 1024


@dataclass(frozen=True)
class _Settled:
    """The files a scan did not read because their staged blob is known clean (no bytes, no
    signals): a predicate over project-relative paths, so no set of them is built."""

    prefix: str
    cache: ScanCache
    ci: frozenset[str]

    def __call__(self, path: str) -> bool:
        if path in self.ci or is_ci_config(path) or not _readable(path):
            return False
        return self.cache.is_clean(f"{self.prefix}/{path}" if self.prefix else path)


@dataclass
class _Scanned:
    """The outcome of each file scanned: bytes counted, and signals (only files that have some);
    ``complete`` when the scan read every file (``total`` bytes), stopped by no cap. ``settled``
    says which files were not read, known clean by the scan cache (0 bytes, no signals)."""

    sizes: dict[str, int] = field(default_factory=dict)
    found: dict[str, tuple[Signal, ...]] = field(default_factory=dict)
    total: int = 0
    complete: bool = False
    settled: Callable[[str], bool] | None = None


def _unsettled(inv: Inventory, cache: ScanCache) -> list[str]:
    """The inventory's files the scan must read: those whose staged blob is not known clean,
    plus CI configuration (its verdict depends on the path, so it is never taken from the cache).
    One set lookup per path, and a prefix test for the known-clean ones."""
    unknown = cache.unknown or frozenset()
    head = inv.prefix + "/" if inv.prefix else ""
    below = cache.unknown_below(head) if inv.ordered else None
    if below is not None and len(below) < len(inv.files):
        todo = _few_unsettled(inv, below)
    elif inv.prefix:
        head = inv.prefix + "/"
        todo = [p for p in inv.files if head + p in unknown or p.startswith(CI_PREFIXES)]
    else:
        todo = [p for p in inv.files if p in unknown or p.startswith(CI_PREFIXES)]
    listed = set(todo)
    return todo + [p for p in inv.named(*CI_NAMES) if p not in listed]


def _few_unsettled(inv: Inventory, below: list[str]) -> list[str]:
    """``_unsettled``'s files below the CI prefixes or not known clean, in listing order, for an
    inventory in sorted order with fewer unknown paths (``below`` its folder, repository paths)
    than files (a repeat run): each unknown path is looked up by bisection and each CI folder is
    one range, not a pass over every path."""
    cut = len(inv.prefix) + 1 if inv.prefix else 0
    # a file the scan never reads (an image, a lock file) is never proved clean: left out by name
    # first, before a lookup in the listing
    todo = {p for p in (p[cut:] for p in below) if _readable(p) and inv.exists(p)}
    files = inv.files
    for prefix in CI_PREFIXES:  # folders: every path below one sorts between "a/" and "a0"
        todo.update(files[bisect_left(files, prefix) : bisect_left(files, prefix[:-1] + "0")])
    return sorted(todo)


def _from_today(inv: Inventory, known: _Scanned) -> list[Signal] | None:
    """The base's signals from today's complete scan: today's minus those of the files the
    change touches, plus a scan of those files as the base holds them. None when a cap would
    be reached (then the base is scanned in full, as a scan of its own would stop)."""
    touched = inv.reader.touched()
    redo = sorted(p for p in touched if inv.exists(p) and _readable(p))
    ci = {p for p in redo if p.startswith(CI_PREFIXES)}.union(p for p in inv.named(*CI_NAMES) if p in touched)
    total = known.total - sum(known.sizes.get(p, 0) for p in touched)
    hits = [s for path, found in known.found.items() if path not in touched for s in found]
    for _path, size, found in _scans(inv.reader.heads(redo, MAX_FILE_BYTES), ci):
        total += size
        hits.extend(found)
    if total > MAX_TOTAL_BYTES or len(hits) >= MAX_HITS:
        return None
    hits.sort(key=lambda s: s.path)  # stable: each file's signals stay in their order
    return hits


def _merged(
    paths: list[str], reuse: set[str], known: _Scanned, fresh: Iterator[tuple[str, int, tuple[Signal, ...]]]
) -> Iterator[tuple[str, int, tuple[Signal, ...]]]:
    """(path, bytes counted, signals) in the order of ``paths``: reused outcomes merged with the
    scans of the files read (``fresh`` yields a subsequence of the others, in order)."""
    upcoming = next(fresh, None)
    for path in paths:
        if path in reuse:
            yield path, known.sizes.get(path, 0), known.found.get(path, ())
        elif upcoming is not None and upcoming[0] == path:
            yield upcoming
            upcoming = next(fresh, None)


#: Records a whole file found clean as known clean (``ScanCache.prove``).
Prove = Callable[[bytes], None]


def _scans(
    heads: Iterator[tuple[str, bytes]], ci: set[str], prove: Prove | None = None
) -> Iterator[tuple[str, int, tuple[Signal, ...]]]:
    """(path, bytes counted, signals) for each head read. The pre-filter runs once per batch of
    heads joined by NUL bytes (no needle holds one, so none matches across two files); only the
    files of a batch where it matches are looked at one by one. ``prove`` is given each whole
    file (not cut by the cap) found clean whatever its path."""
    batch: list[tuple[str, bytes]] = []
    size = 0
    for item in heads:
        batch.append(item)
        size += len(item[1])
        if len(batch) == _BATCH or size > _BATCH_BYTES:
            yield from _scan_batch(batch, ci, prove)
            batch = []
            size = 0
    yield from _scan_batch(batch, ci, prove)


def _scan_batch(
    batch: list[tuple[str, bytes]], ci: set[str], prove: Prove | None
) -> Iterator[tuple[str, int, tuple[Signal, ...]]]:
    texts = [utf8(data[:MAX_FILE_BYTES]) for _path, data in batch]  # UTF-16 text as UTF-8
    joined = b"\0".join(texts)
    if not _worth_a_look(joined) and not any(path in ci for path, _data in batch):
        for path, data in batch:
            if prove is not None and len(data) <= MAX_FILE_BYTES:
                prove(data)  # the pre-filter rules it out: clean at any path
            yield path, min(len(data), MAX_FILE_BYTES), ()
        return
    for (path, data), text in zip(batch, texts):
        found, anywhere = _verdict(path, text, path in ci)
        if prove is not None and anywhere and not found and len(data) <= MAX_FILE_BYTES:
            prove(data)
        yield path, min(len(data), MAX_FILE_BYTES), found


def scan_head(path: str, data: bytes, ci: bool) -> tuple[Signal, ...]:
    """The credentials in one file's head (``data``, cut to ``MAX_FILE_BYTES``); none for a
    binary, a minified bundle or a file the pre-filter rules out (CI files are always scanned)."""
    return _verdict(path, utf8(data[:MAX_FILE_BYTES]), ci)[0]


def _verdict(path: str, data: bytes, ci: bool) -> tuple[tuple[Signal, ...], bool]:
    """``scan_head``'s signals, and whether having none holds at any path: not for CI files
    (scanned past the pre-filter, with rules of their own), minified bundles (skipped by name) nor
    Firebase client configuration (whose API key counts elsewhere)."""
    data = data[:MAX_FILE_BYTES]
    if b"\0" in data[:SNIFF_BYTES]:
        return (), not ci
    if not (ci or _worth_a_look(data)):
        return (), True
    if _minified(path, data):
        return (), False
    found = tuple(scan_text(path, data.decode("utf-8", "replace")))
    return found, not (ci or is_ci_config(path) or path.rsplit("/", 1)[-1].lower() in FIREBASE_CONFIG_NAMES)


def _readable(path: str) -> bool:
    name = path[path.rfind("/") + 1 :].lower()
    dot = name.rfind(".")
    if dot > 0 and name[dot + 1 :] in SKIPPED_EXTS:
        return False
    return name not in LOCK_NAMES and not name.endswith(_MINIFIED_SUFFIXES)


def _worth_a_look(data: bytes) -> bool:
    lower, exact = _prefilters()
    return exact.search(data) is not None or lower.search(data.lower()) is not None


def _minified(path: str, data: bytes) -> bool:
    if not path.endswith((".js", ".mjs", ".cjs", ".css")):
        return False
    head = data[: _MINIFIED_LINE * 4]
    return len(head) > _MINIFIED_LINE and max(len(line) for line in head.split(b"\n")) > _MINIFIED_LINE


def scan_text(path: str, text: str) -> list[Signal]:
    """The credentials in one file's text: one signal per format and line (one for both generic
    formats)."""
    place = place_of(path)
    found: list[Signal] = []
    seen: set[tuple[str, int]] = set()
    low = text.lower()
    for fmt in TOKEN_FORMATS:
        if not any(needle in (low if needle.islower() else text) for needle in fmt.needles):
            continue
        for match in _matches(fmt, text, low):
            start = match.start()
            if fmt.boundary and start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
                continue
            if not _real(fmt, text, match) or _firebase_client_key(path, text, match):
                continue
            line = line_at(text, match.start(1) if fmt.value_line else start)
            # a generic format's key may name both kinds (``ACCESS_TOKEN_SECRET``): one of them, the
            # signing secret, tried first
            kind = _GENERIC if fmt.name in (_SIGNING_SECRET, _API_KEY) else fmt.name
            if (kind, line) in seen:
                continue
            seen.add((kind, line))
            found.append(_signal(fmt, path, line, place, text[start : start + min(fmt.shown, SHOWN)]))
    if is_ci_config(path):
        found.extend(_ci_credentials(path, text))
    if MAIL_NEEDLE in low:
        found.extend(secrets.mail_client_credentials(path, text, place))
    if any(needle in low for needle in DB_CLIENT_NEEDLES):
        found.extend(secrets.database_client_credentials(path, text, place))
    if any(needle in low for needle, _, _ in secrets.SIGNING_CALLS):
        found.extend(secrets.signing_key_literals(path, text, place))
    return found


def _matches(fmt: TokenFormat, text: str, low: str) -> Iterator[re.Match[str]]:
    if not fmt.at_needles:
        yield from fmt.pattern.finditer(text)
        return
    for needle in fmt.needles:
        at = low.find(needle)
        while at >= 0:
            match = fmt.pattern.match(text, at)
            if match is not None:
                yield match
            at = low.find(needle, at + 1)


def _real(fmt: TokenFormat, text: str, match: re.Match[str]) -> bool:
    """Whether a match is a credential rather than a placeholder, an example or a bare header."""
    if fmt.name == "private key":
        return _has_key_body(text, match.end())
    body = next((g for g in match.groups() if g), match.group(0))
    if "EXAMPLE" in match.group(0) or looks_fake(body) or body in PUBLISHED_KEYS or body.lower() in PUBLISHED_KEYS:
        return False
    if fmt.name == _DATABASE_URL:
        return remote_url_password(match.group(0))
    if fmt.name == _DISCORD:
        return discord_id(match.group(0).split(".", 1)[0])
    if fmt.name == _JWT:
        return issued_token(body)
    if fmt.name == _SESSION_COOKIE:
        start = text.rfind("\n", 0, match.start()) + 1
        return _COOKIE_LINE_START_RE.fullmatch(text, start, match.start()) is not None
    if fmt.name == _BASIC_AUTH:
        return basic_secret(body)
    if fmt.name in (_API_KEY, _SIGNING_SECRET, _URL_API_KEY, _IMAGEKIT):
        return (
            looks_generated(body)
            and not is_placeholder(body)
            and any(c.isdigit() for c in body)
            and any(c.isalpha() for c in body)
            and not _search_only_key(text, match)
        )
    return True


def basic_secret(encoded: str) -> bool:
    """Whether ``encoded`` (an HTTP Basic header's value) is base64 of ``user:secret`` whose secret
    looks generated (an API token, not ``user:password`` from a guide)."""
    try:
        raw = binascii.a2b_base64(encoded)
    except (binascii.Error, ValueError):
        return False
    if not raw or not all(32 < b < 127 for b in raw):
        return False
    user, colon, secret = raw.decode("ascii").partition(":")
    return bool(user and colon) and looks_generated(secret) and not is_placeholder(secret)


#: Claims of a token a service issued: its subject, audience, issuer, times or id.
_ISSUED_CLAIMS = frozenset({"sub", "aud", "iss", "iat", "exp", "nbf", "jti"})
#: Roles of tokens meant to be public (Supabase's ``anon`` key ships in every web client).
_PUBLIC_ROLES = frozenset({"anon", "public"})


def issued_token(payload: str) -> bool:
    """Whether ``payload`` (a JWT's middle part) decodes to the claims of a token a service issued:
    a JSON object with a registered claim, not a public client key (``"role": "anon"``), jwt.io's
    example (subject ``1234567890``) nor a vendor's published demo key (``"iss": "supabase-demo"``)."""
    claims = secrets.jwt_claims(payload)
    return (
        claims is not None
        and not _ISSUED_CLAIMS.isdisjoint(claims)
        and claims.get("role") not in _PUBLIC_ROLES
        and claims.get("sub") != "1234567890"
        and claims.get("iss") not in secrets.PUBLISHED_JWT_ISSUERS
    )


def discord_id(part: str) -> bool:
    """Whether ``part`` (a Discord token's first part) is a user id in URL-safe base64: 17 to 20
    decimal digits once decoded."""
    try:
        raw = binascii.a2b_base64((part + "=" * (-len(part) % 4)).replace("-", "+").replace("_", "/"))
    except (binascii.Error, ValueError):
        return False
    return raw.isdigit() and 17 <= len(raw) <= 20


#: Characters around a key read for the search index it serves (a DocSearch or Algolia block).
_SEARCH_WINDOW = 300
#: What a key's name starts with when it may only search (``searchApiKey``, ``search_only_api_key``).
_SEARCH_KEY_PREFIXES = ("search", "search_", "search-", "searchonly", "search_only_", "search-only-")


def _search_only_key(text: str, match: re.Match[str]) -> bool:
    """A search-only key that a site's front end publishes by design: named so
    (``searchApiKey``), or the ``apiKey`` of an Algolia or DocSearch block beside its
    ``indexName`` (Docusaurus, Hugo and VitePress themes)."""
    start = match.start()
    before = text[max(0, start - 13) : start].lower()
    if before.endswith(_SEARCH_KEY_PREFIXES):
        return True
    window = text[max(0, start - _SEARCH_WINDOW) : match.end() + _SEARCH_WINDOW].lower()
    return ("algolia" in window or "docsearch" in window) and ("indexname" in window or "index_name" in window)


def _firebase_client_key(path: str, text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` is a Google API key (``AIza...``) of a Firebase app's client configuration
    (``secrets.firebase_client_config``)."""
    if "AIza" not in match.group(0):
        return False
    start = match.start()
    return firebase_client_config(path, text[max(0, start - _FIREBASE_WINDOW) : start + _FIREBASE_WINDOW])


#: Characters around an API key searched for the rest of its Firebase configuration.
_FIREBASE_WINDOW = 600


def _has_key_body(text: str, start: int) -> bool:
    """A private key header followed, before its END line, by base64 (not ``...`` or a comment)."""
    window = text[start : start + 8192]
    end = _KEY_END_RE.search(window)
    body = window[: end.start()] if end is not None else window[:4096]
    found = _KEY_BODY_RE.search(body)
    return found is not None and not looks_fake(found.group(0))


def _signal(fmt: TokenFormat, path: str, line: int, place: Place, prefix: str) -> Signal:
    category = category_for(place, third_party=fmt.third_party)
    shown = f" ({prefix}…)" if prefix else ""
    where = WHERE[place] if category is not Category.SECRETS else ""
    return Signal(category, path, line, f"{fmt.name}{shown}" + (f", {where}" if where else ""))


def _ci_credentials(path: str, text: str) -> Iterator[Signal]:
    """Generated-looking literal values of credential-named keys in a CI file (dev/test-only)."""
    for line, key, value in credential_assignments(text):
        # ``key:`` names cache keys in CI; ``${{ ... }}``/``$VAR`` values are references.
        if key.lower() != "key" and not any(c in value for c in "${") and looks_generated(value):
            yield Signal(
                Category.SECRETS_DEV_ONLY, path, line, f"hard-coded value for {key} in CI configuration, dev/test-only"
            )
