"""The user's configuration: one TOML file, checked strictly.

A typo in a key silently ignored is how mail ends up in the wrong place, so
every unknown key, wrong type or missing secret is one readable error that
names the key and the file.

One file may describe several mailboxes (`[[accounts]]` tables); each becomes
its own `Config`, inheriting every top-level section it does not override. A
file without `[[accounts]]` is one account named "default".
"""

from __future__ import annotations

import ipaddress
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from .errors import EXIT_USAGE, TriageError
from .items import VERDICTS
from .mail.providers import AUTH_MODES, PROVIDERS, scope_string, with_preset

APP = "triage"
ENV_CONFIG = "TRIAGE_CONFIG"


class ConfigError(TriageError):
    """A mistake in the configuration; the message is one line for the user."""

    exit_code = EXIT_USAGE


# section -> key -> (accepted types, default). Issues that add knobs add them here.
SCHEMA: dict[str, dict[str, tuple[tuple[type, ...], Any]]] = {
    "imap": {
        "host": ((str,), ""),
        "port": ((int,), 993),
        "username": ((str,), ""),
        "password_env": ((str,), ""),
        "password_file": ((str,), ""),
        "password_command": ((str,), ""),
        "security": ((str,), "tls"),
        "ca_file": ((str,), ""),
        "inbox": ((str,), "INBOX"),
        "timeout": ((int, float), 60),
        "batch_size": ((int,), 500),
        "prefilter": ((bool,), True),
        # Connections triage may hold to this account at once (IDLE, a pass, the summary's APPEND);
        # the provider's limit covers the user's phone and desktop too (Gmail allows 15).
        "max_connections": ((int,), 3),
        # OAuth2 sign-in (issue 9): a provider preset fills host and endpoints; see docs/oauth.md.
        "auth": ((str,), "password"),
        "provider": ((str,), "custom"),
        "client_id": ((str,), ""),
        "client_secret_env": ((str,), ""),
        "auth_url": ((str,), ""),
        "token_url": ((str,), ""),
        "device_code_url": ((str,), ""),
        "scopes": ((str, list), ""),
    },
    "maildir": {
        "path": ((str,), ""),
    },
    "folders": {
        "personal": ((str,), ""),
        "generic": ((str,), "LinkedIn/Generic"),
        "pitch": ((str,), "LinkedIn/Pitch"),
        "unsure": ((str,), "LinkedIn/Review"),
        "suspicious": ((str,), "LinkedIn/Suspicious"),
    },
    "actions": {
        "flag": ((list,), ["personal"]),
        "mark_read": ((list,), []),
    },
    "classifier": {
        "model": ((str,), ""),
        "unsure_below": ((int, float), 0.0),
    },
    "parse": {
        "owner_names": ((list,), []),
        "trusted_authserv_ids": ((list,), []),
        "max_message_bytes": ((int,), 1_000_000),
        "workers": ((str, int), "auto"),
    },
    "state": {
        "path": ((str,), ""),
    },
    "service": {
        "poll_minutes": ((int, float), 5),
        "idle": ((bool,), True),
        "summary_at": ((str,), "07:30"),
        "summary_days": ((str,), "*"),
        "timezone": ((str,), ""),
        "misfire_grace_hours": ((int, float), 6),
        "retrain_after": ((int,), 10),
        # Issue 19: health that proves work.
        "keepalive_seconds": ((int, float), 300),
        "stale_after_minutes": ((int, float), 0),
        "alert_after_hours": ((int, float), 24),
        "metrics": ((str,), ""),
    },
    "summary": {
        "deliver": ((str,), "imap"),
        "send_when_empty": ((bool,), False),
        "send_empty": ((bool,), False),          # the old name of send_when_empty, still read
        "to": ((str,), ""),
        "from": ((str,), ""),
        # Corrections by reply (issue 16): codes and mailto links in the summary, read back from Sent.
        "corrections_by_reply": ((bool,), True),
        "sent_folder": ((str,), ""),
        "accept_inbox_commands": ((bool,), False),
        "code_days": ((int,), 30),
        "combine": ((bool,), False),
    },
    "people": {
        "disconnect_after": ((int,), 3),
        "window_days": ((int,), 730),
    },
    "smtp": {
        "host": ((str,), ""),
        "port": ((int,), 587),
        "security": ((str,), "starttls"),
        "username": ((str,), ""),
        "password_env": ((str,), ""),
        "password_file": ((str,), ""),
        "password_command": ((str,), ""),
        "ca_file": ((str,), ""),
        "timeout": ((int, float), 60),
    },
}

# The sections an [[accounts]] table may hold; the others ([state], [service]) belong to the whole service.
ACCOUNT_SECTIONS = ("imap", "maildir", "folders", "actions", "classifier", "parse", "summary", "smtp")
DEFAULT_ACCOUNT = "default"
SHARED_MODEL = "shared"
_ACCOUNT_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")

# Keys that would put a secret into the config file; refused outright.
FORBIDDEN_KEYS = {"password", "pass", "secret", "token", "client_secret", "refresh_token"}
SECURITY_MODES = ("tls", "starttls", "none")
DELIVERY_MODES = ("imap", "smtp", "none")


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    username: str
    password_env: str
    password_file: str
    password_command: str
    security: str
    ca_file: str
    inbox: str
    timeout: float
    batch_size: int
    prefilter: bool
    auth: str = "password"          # password | oauth2
    provider: str = "custom"
    client_id: str = ""
    client_secret_env: str = ""
    auth_url: str = ""
    token_url: str = ""
    device_code_url: str = ""
    scopes: str = ""                # space-separated
    max_connections: int = 3


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    username: str
    password_env: str
    password_file: str
    password_command: str
    ca_file: str
    timeout: float


@dataclass(frozen=True)
class ServiceSettings:
    poll_minutes: float
    idle: bool
    summary_at: tuple[int, int, int]   # hour, minute, second
    summary_days: str
    timezone: str
    misfire_grace_hours: float
    retrain_after: int
    keepalive_seconds: float = 300.0
    stale_after_minutes: float = 15.0   # resolved: 3x poll_minutes, at least 15, unless set
    alert_after_hours: float = 24.0
    metrics: str = ""                   # "host:port" of the Prometheus endpoint; "" = off


@dataclass(frozen=True)
class SummarySettings:
    deliver: str            # imap | smtp | none
    send_when_empty: bool   # a one-line "nothing new" on a day with nothing to report
    to: str
    sender: str
    corrections_by_reply: bool = True
    sent_folder: str = ""               # "" = the folder marked \Sent (RFC 6154)
    accept_inbox_commands: bool = False
    code_days: int = 30
    combine: bool = False


@dataclass(frozen=True)
class PeopleSettings:
    """When a person counts as "only asks" (Disconnect Day): their last `disconnect_after` labeled
    items, within `window_days` of their latest one, are all pitches and none of them is personal."""

    disconnect_after: int = 3
    window_days: int = 730


@dataclass(frozen=True)
class Config:
    path: Path | None
    imap: ImapSettings | None
    maildir: Path | None
    folders: dict[str, str]
    flag_labels: tuple[str, ...]
    read_labels: tuple[str, ...]
    model_dir: Path | None
    unsure_below: float
    owner_names: tuple[str, ...]
    trusted_authserv_ids: tuple[str, ...]
    max_message_bytes: int
    state_path: Path
    service: ServiceSettings
    summary: SummarySettings
    smtp: SmtpSettings | None
    warnings: list[str] = field(default_factory=list)
    people: PeopleSettings = PeopleSettings()
    account: str = DEFAULT_ACCOUNT
    model_shared: bool = False          # [classifier] model = "shared": one model for the accounts that say so
    # Every account of the file, in file order; the Config load_config returns is the first of them.
    all_accounts: tuple["Config", ...] = ()
    account_names: tuple[str, ...] = (DEFAULT_ACCOUNT,)   # on every account: all names, in file order
    model_group: tuple[str, ...] = ()   # the accounts whose corrections train this account's model
    parse_workers: int | None = None  # worker processes that parse a backlog; None = one per core

    @property
    def accounts(self) -> tuple["Config", ...]:
        """Each account's own Config (just this one for a file without [[accounts]])."""
        return self.all_accounts or (self,)

    def select(self, name: str | None, *, default_all: bool) -> tuple["Config", ...]:
        """The accounts a command's --account NAME means.

        Without a name: all of them when `default_all` (once, status), else the
        only one, else a one-line error listing the choices."""
        if name is None:
            if default_all or len(self.accounts) == 1:
                return self.accounts
            raise ConfigError(f"{self.path or 'config'} has {len(self.accounts)} accounts: "
                              f"give --account {' | '.join(self.account_names)}")
        for account in self.accounts:
            if account.account == name:
                return (account,)
        raise ConfigError(f"{self.path or 'config'}: no account {name!r} (accounts: {', '.join(self.account_names)})")


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP))


def find_config(cli_path: str | None) -> Path:
    """-c/--config, else $TRIAGE_CONFIG, else the platform config dir."""
    if cli_path:
        return Path(cli_path).expanduser()
    if os.environ.get(ENV_CONFIG):
        return Path(os.environ[ENV_CONFIG]).expanduser()
    return default_config_path()


def load_config(path: Path | str) -> Config:
    """Read and validate a config file; raises ConfigError with one line."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"{path}: config file not found (copy config.example.toml there, or pass -c PATH)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    config = parse_config(data, path)
    if _readable_by_others(path):
        config.warnings.append(f"{path} is readable by other users; chmod 600 it")
    return config


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    """Validate an already-decoded TOML document against SCHEMA.

    With [[accounts]], every account is validated on its own (the top-level
    sections filled in where it says nothing) and the first one is returned,
    carrying them all in `all_accounts`."""
    where = str(path) if path else "config"
    data = dict(data)
    tables = data.pop("accounts", None)
    values = _checked_sections(data, where, SCHEMA)
    if tables is None:
        return _account_config(values, path, where, DEFAULT_ACCOUNT)
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(f"{where}: accounts must be [[accounts]] tables, each with a name")
    accounts: list[Config] = []
    for table in tables:
        name = table.get("name")
        if not isinstance(name, str) or not _ACCOUNT_NAME.fullmatch(name):
            raise ConfigError(f"{where}: [[accounts]] name must be 1-32 lower-case letters, digits, - or _, "
                              f"not {name!r}")
        if name in (a.account for a in accounts):
            raise ConfigError(f"{where}: [[accounts]] name {name!r} is used twice")
        body = {k: v for k, v in table.items() if k != "name"}
        for section in body:
            if section.lower() in FORBIDDEN_KEYS:
                raise ConfigError(f"{where}: account {name!r}: {section}: secrets do not belong in the config file; "
                                  f"use password_env, password_file or password_command")
            if section not in ACCOUNT_SECTIONS:
                raise ConfigError(f"{where}: account {name!r}: unknown section [accounts.{section}] "
                                  f"(an account may hold {', '.join(ACCOUNT_SECTIONS)})")
        own = _checked_sections(body, f"{where}: account {name!r}", SCHEMA, prefix="accounts.")
        if "combine" in own.get("summary", {}):
            raise ConfigError(f"{where}: account {name!r}: [summary] combine belongs to the top level")
        account = _account_config(_inherit(values, own), path, f"{where}: account {name!r}", name)
        for other in accounts:
            if _mailbox(other) == _mailbox(account):
                raise ConfigError(f"{where}: accounts {other.account!r} and {name!r} read the same mailbox")
        accounts.append(account)
    names = tuple(a.account for a in accounts)
    shared = tuple(a.account for a in accounts if a.model_shared)
    accounts = [replace(a, account_names=names, model_group=shared if a.model_shared else (a.account,))
                for a in accounts]
    return replace(accounts[0], all_accounts=tuple(accounts))


def _mailbox(config: Config) -> tuple[str, ...]:
    if config.imap is not None:
        return ("imap", config.imap.host.lower(), str(config.imap.port), config.imap.username, config.imap.inbox)
    return ("maildir", str(config.maildir))


def _inherit(defaults: dict[str, dict[str, Any]], own: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """An account's sections over the top-level ones, key by key; its [imap] or [maildir] replaces the other."""
    merged = {section: dict(body) for section, body in defaults.items()}
    if "imap" in own:
        merged.pop("maildir", None)
    if "maildir" in own:
        merged.pop("imap", None)
    for section, body in own.items():
        merged[section] = {**merged.get(section, {}), **body}
    return merged


def _checked_sections(data: dict[str, Any], where: str, schema: dict[str, dict[str, tuple[tuple[type, ...], Any]]],
                      prefix: str = "") -> dict[str, dict[str, Any]]:
    """Every section known, every key known and of its type, no secret anywhere."""
    values: dict[str, dict[str, Any]] = {}
    for section, body in data.items():
        if section not in schema:
            raise ConfigError(f"{where}: unknown section [{prefix}{section}] (known: {', '.join(schema)}, accounts)")
        if not isinstance(body, dict):
            raise ConfigError(f"{where}: [{prefix}{section}] must be a table")
        for key, value in body.items():
            if key.lower() in FORBIDDEN_KEYS:
                instead = ("client_secret_env" if key.lower() == "client_secret"
                           else "password_env, password_file or password_command")
                raise ConfigError(
                    f"{where}: [{section}] {key}: secrets do not belong in the config file; use {instead}")
            if key not in SCHEMA[section]:
                raise ConfigError(f"{where}: unknown key [{section}] {key}")
            types, _ = SCHEMA[section][key]
            # bool is an int in Python; a boolean where a number is wanted is a mistake.
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                wanted = " or ".join(t.__name__ for t in types)
                raise ConfigError(f"{where}: [{section}] {key} must be {wanted}, not {type(value).__name__}")
        values[section] = body
    return values


def _account_config(values: dict[str, dict[str, Any]], path: Path | None, where: str, account: str) -> Config:
    """One account's Config from its (already inherited) sections."""

    def get(section: str, key: str) -> Any:
        return values.get(section, {}).get(key, SCHEMA[section][key][1])

    imap = None
    maildir = None
    if "maildir" in values and "imap" in values:
        raise ConfigError(f"{where}: give either [imap] or [maildir], not both")
    if "maildir" in values:
        if not get("maildir", "path"):
            raise ConfigError(f"{where}: [maildir] path is required")
        maildir = Path(get("maildir", "path")).expanduser()
    else:
        imap = _imap_settings(with_preset(values.get("imap", {}), {k: get("imap", k) for k in SCHEMA["imap"]}), where)

    for key in ("flag", "mark_read"):
        for label in get("actions", key):
            if label not in VERDICTS:
                raise ConfigError(f"{where}: [actions] {key}: unknown label {label!r} (known: {', '.join(VERDICTS)})")
    for key in ("owner_names", "trusted_authserv_ids"):
        if not all(isinstance(v, str) for v in get("parse", key)):
            raise ConfigError(f"{where}: [parse] {key} must be a list of strings")
    workers = get("parse", "workers")
    if workers != "auto" and (isinstance(workers, str) or workers < 0):
        raise ConfigError(f"{where}: [parse] workers must be \"auto\" or a number of processes (0 or more)")
    unsure_below = float(get("classifier", "unsure_below"))
    if not 0.0 <= unsure_below < 1.0:
        raise ConfigError(f"{where}: [classifier] unsure_below must be between 0 and 1")
    model = get("classifier", "model")
    shared = model == SHARED_MODEL
    state = get("state", "path")
    service = _service_settings({k: get("service", k) for k in SCHEMA["service"]}, where)
    summary, summary_warnings = _summary_settings(values.get("summary", {}),
                                                  {k: get("summary", k) for k in SCHEMA["summary"]}, where)
    if summary.accept_inbox_commands and not get("parse", "trusted_authserv_ids"):
        raise ConfigError(f"{where}: [summary] accept_inbox_commands needs [parse] trusted_authserv_ids, "
                          f"so that only mail your own server authenticated as yours counts")
    if summary.deliver not in DELIVERY_MODES:
        raise ConfigError(f"{where}: [summary] deliver must be one of {', '.join(DELIVERY_MODES)}")
    smtp = None
    if summary.deliver == "smtp":
        smtp = _smtp_settings({k: get("smtp", k) for k in SCHEMA["smtp"]}, where)
        if not (summary.to or (imap and "@" in imap.username)):
            raise ConfigError(f"{where}: [summary] to is required with deliver = \"smtp\"")
    people = PeopleSettings(get("people", "disconnect_after"), get("people", "window_days"))
    if people.disconnect_after < 1 or people.window_days < 1:
        raise ConfigError(f"{where}: [people] disconnect_after and window_days must be at least 1")
    return Config(
        path=path,
        imap=imap,
        maildir=maildir,
        folders={k: get("folders", k) for k in SCHEMA["folders"]},
        flag_labels=tuple(get("actions", "flag")),
        read_labels=tuple(get("actions", "mark_read")),
        model_dir=Path(model).expanduser() if model and not shared else None,
        unsure_below=unsure_below,
        owner_names=tuple(get("parse", "owner_names")),
        trusted_authserv_ids=tuple(get("parse", "trusted_authserv_ids")),
        max_message_bytes=get("parse", "max_message_bytes"),
        state_path=Path(state).expanduser() if state else default_data_dir() / "triage.db",
        service=service,
        summary=summary,
        smtp=smtp,
        warnings=summary_warnings,
        people=people,
        account=account,
        model_shared=shared,
        account_names=(account,),
        model_group=(account,),
        parse_workers=None if workers == "auto" else workers,
    )


def _summary_settings(given: dict[str, Any], raw: dict[str, Any], where: str) -> tuple[SummarySettings, list[str]]:
    """[summary], with send_empty read as the old name of send_when_empty."""
    warnings = []
    send_when_empty = raw["send_when_empty"]
    if "send_empty" in given:
        if "send_when_empty" in given and given["send_empty"] != given["send_when_empty"]:
            raise ConfigError(f"{where}: [summary] send_empty is the old name of send_when_empty; "
                              f"they disagree: keep send_when_empty only")
        send_when_empty = given["send_empty"]
        warnings.append(f"{where}: [summary] send_empty is now called send_when_empty; rename it")
    if not 1 <= raw["code_days"] <= 365:
        raise ConfigError(f"{where}: [summary] code_days must be between 1 and 365")
    settings = SummarySettings(raw["deliver"], send_when_empty, raw["to"], raw["from"],
                               corrections_by_reply=raw["corrections_by_reply"], sent_folder=raw["sent_folder"],
                               accept_inbox_commands=raw["accept_inbox_commands"], code_days=raw["code_days"],
                               combine=raw["combine"])
    return settings, warnings


def _service_settings(raw: dict[str, Any], where: str) -> ServiceSettings:
    if not 0 < raw["poll_minutes"] <= 24 * 60:
        raise ConfigError(f"{where}: [service] poll_minutes must be between 0 and 1440")
    try:
        parts = [int(x) for x in raw["summary_at"].split(":")]
        if len(parts) not in (2, 3):
            raise ValueError
        hour, minute, second = (parts + [0])[:3]
        if not (0 <= hour < 24 and 0 <= minute < 60 and 0 <= second < 60):
            raise ValueError
    except ValueError:
        raise ConfigError(f"{where}: [service] summary_at must be HH:MM, not {raw['summary_at']!r}") from None
    if raw["timezone"]:
        try:
            ZoneInfo(raw["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"{where}: [service] timezone {raw['timezone']!r} is not an IANA time zone") from None
    if not re.fullmatch(r"\*|[a-z0-9,\-]+", raw["summary_days"]):
        raise ConfigError(f"{where}: [service] summary_days must be * or days like mon-fri or mon,wed,fri")
    if raw["misfire_grace_hours"] < 0 or raw["retrain_after"] < 0:
        raise ConfigError(f"{where}: [service] misfire_grace_hours and retrain_after must not be negative")
    if not 1 <= raw["keepalive_seconds"] <= 29 * 60:
        raise ConfigError(f"{where}: [service] keepalive_seconds must be between 1 and 1740 (IDLE lasts 29 min)")
    if raw["stale_after_minutes"] < 0 or raw["alert_after_hours"] < 0:
        raise ConfigError(f"{where}: [service] stale_after_minutes and alert_after_hours must not be negative")
    stale = float(raw["stale_after_minutes"]) or max(15.0, 3 * float(raw["poll_minutes"]))
    metrics = raw["metrics"]
    if metrics:
        host, _, port = metrics.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ConfigError(f"{where}: [service] metrics must be host:port such as \"127.0.0.1:9464\", not {metrics!r}")
    return ServiceSettings(float(raw["poll_minutes"]), raw["idle"], (hour, minute, second), raw["summary_days"],
                           raw["timezone"], float(raw["misfire_grace_hours"]), raw["retrain_after"],
                           float(raw["keepalive_seconds"]), stale, float(raw["alert_after_hours"]), metrics)


def _smtp_settings(raw: dict[str, Any], where: str) -> SmtpSettings:
    if not raw["host"]:
        raise ConfigError(f"{where}: [smtp] host is required with deliver = \"smtp\"")
    if raw["security"] not in SECURITY_MODES:
        raise ConfigError(f"{where}: [smtp] security must be one of {', '.join(SECURITY_MODES)}")
    if raw["security"] == "none" and not _is_loopback(raw["host"]):
        raise ConfigError(f"{where}: [smtp] security = \"none\" is allowed for loopback hosts only, not {raw['host']}")
    sources = [k for k in ("password_env", "password_file", "password_command") if raw[k]]
    if raw["username"] and len(sources) != 1:
        raise ConfigError(f"{where}: [smtp] with a username needs exactly one of password_env, password_file, password_command")
    return SmtpSettings(**{**raw, "timeout": float(raw["timeout"])})


def _imap_settings(raw: dict[str, Any], where: str) -> ImapSettings:
    if raw["provider"] not in PROVIDERS:
        raise ConfigError(f"{where}: [imap] provider must be one of {', '.join(PROVIDERS)}")
    if raw["auth"] not in AUTH_MODES:
        raise ConfigError(f"{where}: [imap] auth must be one of {', '.join(AUTH_MODES)}")
    if isinstance(raw["scopes"], list) and not all(isinstance(s, str) for s in raw["scopes"]):
        raise ConfigError(f"{where}: [imap] scopes must be a string or a list of strings")
    raw = {**raw, "scopes": scope_string(raw["scopes"])}
    if not raw["host"]:
        raise ConfigError(f"{where}: [imap] host is required")
    if not raw["username"]:
        raise ConfigError(f"{where}: [imap] username is required")
    if raw["security"] not in SECURITY_MODES:
        raise ConfigError(f"{where}: [imap] security must be one of {', '.join(SECURITY_MODES)}")
    if raw["security"] == "none" and not _is_loopback(raw["host"]):
        raise ConfigError(
            f"{where}: [imap] security = \"none\" sends the password in clear text; "
            f"it is allowed for loopback hosts only, not {raw['host']}")
    if not 0 < raw["port"] < 65536:
        raise ConfigError(f"{where}: [imap] port must be between 1 and 65535")
    if not 1 <= raw["batch_size"] <= 5000:
        raise ConfigError(f"{where}: [imap] batch_size must be between 1 and 5000")
    if not 1 <= raw["max_connections"] <= 100:
        raise ConfigError(f"{where}: [imap] max_connections must be between 1 and 100")
    sources = [k for k in ("password_env", "password_file", "password_command") if raw[k]]
    if raw["auth"] == "oauth2":
        _check_oauth2(raw, sources, where)
    elif len(sources) != 1:
        raise ConfigError(f"{where}: [imap] needs exactly one of password_env, password_file, password_command")
    if raw["ca_file"] and not Path(raw["ca_file"]).expanduser().exists():
        raise ConfigError(f"{where}: [imap] ca_file {raw['ca_file']} does not exist")
    return ImapSettings(**{**raw, "timeout": float(raw["timeout"])})


def _check_oauth2(raw: dict[str, Any], sources: list[str], where: str) -> None:
    if sources:
        raise ConfigError(f"{where}: [imap] {sources[0]} is not used with auth = \"oauth2\"; remove it")
    if not raw["client_id"]:
        raise ConfigError(f"{where}: [imap] client_id is required with auth = \"oauth2\" "
                          f"(register your own OAuth client, see docs/oauth.md)")
    if not raw["token_url"]:
        raise ConfigError(f"{where}: [imap] token_url is required with auth = \"oauth2\" "
                          f"and provider = \"{raw['provider']}\"")
    if not (raw["auth_url"] or raw["device_code_url"]):
        raise ConfigError(f"{where}: [imap] auth = \"oauth2\" needs auth_url or device_code_url")
    for key in ("auth_url", "token_url", "device_code_url"):
        url = raw[key]
        if url and not (url.startswith("https://") or _is_loopback_url(url)):
            raise ConfigError(f"{where}: [imap] {key} must be an https:// URL (http:// only for loopback hosts)")


def _is_loopback_url(url: str) -> bool:
    from urllib.parse import urlsplit
    parts = urlsplit(url)
    return parts.scheme == "http" and _is_loopback(parts.hostname or "")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def state_warnings(config: "Config") -> list[str]:
    """The state database holds what people wrote to the user: warn when others can read it."""
    path = config.state_path
    if path.exists() and _readable_by_others(path):
        return [f"{path} is readable by other users; chmod 600 it"]
    return []


def _readable_by_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH))
    except OSError:
        return False
