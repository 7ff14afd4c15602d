"""Settings read from the environment; the CLI's flags mirror them.

SOZIALPLANUNG_DATA_DIR      data directory of the embedded SQLite store (default ./data)
SOZIALPLANUNG_DATABASE_URL  postgresql://user:password@host:port/dbname[?schema=name]
                            selects the PostgreSQL store instead of SQLite
SOZIALPLANUNG_HOST / _PORT  where `sozialplanung serve` listens (127.0.0.1:8000)
SOZIALPLANUNG_DEV           1 = development mode (`serve --dev`, which `make run` uses):
                            GraphiQL, introspection and "Did you mean" suggestions. Without
                            it the service runs in production mode, with none of them.
SOZIALPLANUNG_MAX_SELECTIONS  field selections one operation may make, fragments expanded
                            (default 500)
SOZIALPLANUNG_RESPONSE_CACHE  megabytes of whole GraphQL answers kept in memory per process
                            (default 64); 0 switches the cache off
SOZIALPLANUNG_ALLOWED_ORIGINS  comma-separated web origins (https://intranet.example.de)
                            whose pages may call the API from a browser (CORS, websockets);
                            default none, "*" allows every origin

The OParl 1.1 interface (/oparl/v1.1, sozialplanung/oparl/):
SOZIALPLANUNG_PUBLIC_URL    the service's address as clients reach it (https://sozialplanung.
                            aachen.de, behind the proxy); every OParl id is a URL under it.
                            Default http://HOST:PORT
SOZIALPLANUNG_CITY_NAME     the OParl Body (default Stadt Aachen), _CITY_WEBSITE (default
                            https://www.aachen.de), _CITY_LICENSE (a licence URL for the
                            published data, default Datenlizenz Deutschland – Namensnennung
                            2.0), _CITY_CONTACT_EMAIL and _CITY_CONTACT_NAME (default none)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, parse_qs, unquote, urlparse, urlsplit

ENV_PREFIX = "SOZIALPLANUNG_"
MAX_SELECTIONS = 500
RESPONSE_CACHE_MB = 64
# The event store's recorders: the hash chain and the data keys beside the events.
LEDGER = "sozialplanung.application.ledger:"
DEFAULT_PORTS = {"http": 80, "https": 443}
CITY_NAME = "Stadt Aachen"
CITY_WEBSITE = "https://www.aachen.de"
CITY_LICENSE = "https://www.govdata.de/dl-de/by-2-0"


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    production: bool = True  # safe by default: development mode is asked for (--dev)
    allowed_origins: tuple[str, ...] = ()
    max_selections: int = MAX_SELECTIONS
    response_cache_mb: int = RESPONSE_CACHE_MB
    # OParl: where clients reach the service (None: http://HOST:PORT), and the city.
    public_url: str | None = None
    city_name: str = CITY_NAME
    city_website: str | None = CITY_WEBSITE
    city_license: str | None = CITY_LICENSE
    city_contact_email: str | None = None
    city_contact_name: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        port = _number(env, "PORT", "8000")
        max_selections = _number(env, "MAX_SELECTIONS", str(MAX_SELECTIONS))
        return cls(
            data_dir=Path(env.get(ENV_PREFIX + "DATA_DIR") or "data"),
            database_url=env.get(ENV_PREFIX + "DATABASE_URL") or None,
            host=env.get(ENV_PREFIX + "HOST") or "127.0.0.1",
            port=port,
            production=env.get(ENV_PREFIX + "DEV", "").lower() not in ("1", "true", "yes"),
            allowed_origins=parse_origins(env.get(ENV_PREFIX + "ALLOWED_ORIGINS", "")),
            max_selections=max_selections,
            response_cache_mb=_megabytes(env, "RESPONSE_CACHE", RESPONSE_CACHE_MB),
            **_oparl_settings(env),
        )

    def with_overrides(self, **overrides: Any) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def to_env(self) -> dict[str, str]:
        env = {
            ENV_PREFIX + "DATA_DIR": str(self.data_dir),
            ENV_PREFIX + "HOST": self.host,
            ENV_PREFIX + "PORT": str(self.port),
            ENV_PREFIX + "DEV": "" if self.production else "1",
            ENV_PREFIX + "ALLOWED_ORIGINS": ",".join(self.allowed_origins),
            ENV_PREFIX + "MAX_SELECTIONS": str(self.max_selections),
            ENV_PREFIX + "RESPONSE_CACHE": str(self.response_cache_mb),
            # Written out even when empty: a worker must not fall back to the default.
            ENV_PREFIX + "PUBLIC_URL": self.public_url or "",
            ENV_PREFIX + "CITY_NAME": self.city_name,
            ENV_PREFIX + "CITY_WEBSITE": self.city_website or "",
            ENV_PREFIX + "CITY_LICENSE": self.city_license or "",
            ENV_PREFIX + "CITY_CONTACT_EMAIL": self.city_contact_email or "",
            ENV_PREFIX + "CITY_CONTACT_NAME": self.city_contact_name or "",
        }
        if self.database_url:
            env[ENV_PREFIX + "DATABASE_URL"] = self.database_url
        return env

    @property
    def public_base(self) -> str:
        """The address every OParl URL begins with, without a trailing slash."""
        if self.public_url:
            return self.public_url
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address
        return f"http://{host}:{self.port}"

    @property
    def uses_postgres(self) -> bool:
        return self.database_url is not None

    @property
    def backend(self) -> str:
        return "postgresql" if self.uses_postgres else "sqlite"

    def event_store_env(self) -> dict[str, str]:
        """The environment eventsourcing's infrastructure factory is built from."""
        if self.database_url is None:
            private_dir(self.data_dir)
            private_file(self.data_dir / "events.sqlite")
            return {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "APPLICATION_RECORDER_TOPIC": LEDGER + "SQLiteLedgerRecorder",
                "SQLITE_DBNAME": str(self.data_dir / "events.sqlite"),
                "SQLITE_LOCK_TIMEOUT": "10",
            }
        return {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "APPLICATION_RECORDER_TOPIC": LEDGER + "PostgresLedgerRecorder",
            **postgres_env(self.database_url),
        }


def private_dir(path: Path) -> None:
    """A directory only the service's own user can enter (0700): it holds the events,
    personal data and tokens' hashes."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)


def private_file(path: Path) -> None:
    """Creates the file owner-only (0600) before SQLite opens it; SQLite gives its -wal and
    -shm files the database file's permissions."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    path.chmod(0o600)


def _oparl_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """The OParl settings. A variable that is set but empty means "none" for the optional
    ones (so that to_env can hand "no licence" on to a worker) and the default otherwise."""

    def optional(name: str, default: str | None) -> str | None:
        value = env.get(ENV_PREFIX + name)
        return default if value is None else (value.strip() or None)

    public = optional("PUBLIC_URL", None)
    website, license_ = (
        optional("CITY_WEBSITE", CITY_WEBSITE),
        optional("CITY_LICENSE", CITY_LICENSE),
    )
    for name, url in (("CITY_WEBSITE", website), ("CITY_LICENSE", license_)):
        if url is not None:
            _web_url(url, name)
    return {
        "public_url": public_url(public) if public else None,
        "city_name": optional("CITY_NAME", CITY_NAME) or CITY_NAME,
        "city_website": website,
        "city_license": license_,
        "city_contact_email": optional("CITY_CONTACT_EMAIL", None),
        "city_contact_name": optional("CITY_CONTACT_NAME", None),
    }


def public_url(value: str) -> str:
    """The public address: http(s), a host, perhaps a path (a proxy's prefix), no query;
    without a trailing slash, so that URLs are joined one way only."""
    parts = _web_url(value, "PUBLIC_URL")
    if parts.query or parts.fragment:
        raise SettingsError(f"{ENV_PREFIX}PUBLIC_URL takes no query or fragment, not {value!r}.")
    return value.rstrip("/")


def _web_url(value: str, name: str) -> SplitResult:
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - a port that is no number raises here
    except ValueError:
        parts = parts._replace(netloc="")
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise SettingsError(
            f"{ENV_PREFIX}{name} must be an http or https URL such as "
            f"https://sozialplanung.aachen.de, not {value!r}."
        )
    return parts


def _megabytes(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(ENV_PREFIX + name, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit() and int(value) <= 65_536):
        raise SettingsError(
            f"{ENV_PREFIX}{name} must be megabytes from 0 (off) to 65536, not {value!r}."
        )
    return int(value)


def _number(env: Mapping[str, str], name: str, default: str) -> int:
    value = env.get(ENV_PREFIX + name) or default
    if not (value.isascii() and value.isdigit() and 0 < int(value) < 1_000_000):
        raise SettingsError(f"{ENV_PREFIX}{name} must be a positive number, not {value!r}.")
    return int(value)


def parse_origins(value: str) -> tuple[str, ...]:
    """Web origins as browsers send them (scheme://host[:port], lower case), or "*"."""
    origins: list[str] = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        if item == "*":
            origins.append(item)
            continue
        parts = urlsplit(item)
        try:
            port = parts.port
        except ValueError:
            port = -1
        if (
            parts.scheme not in DEFAULT_PORTS
            or not parts.hostname
            or parts.path not in ("", "/")
            or port == -1
        ):
            raise SettingsError(
                f"{item!r} is not a web origin; write it as https://intranet.example.de "
                "(scheme, host and port only)."
            )
        origin = f"{parts.scheme}://{parts.hostname}"
        # Browsers leave the default port out of the Origin header.
        origins.append(
            origin if port in (None, DEFAULT_PORTS[parts.scheme]) else f"{origin}:{port}"
        )
    return tuple(origins)


def postgres_env(url: str) -> dict[str, str]:
    parsed = urlparse(url)
    if parsed.scheme not in ("postgresql", "postgres"):
        raise SettingsError(
            f"The database URL must start with postgresql://, not {parsed.scheme or url!r}."
        )
    dbname = unquote(parsed.path.lstrip("/"))
    if not dbname:
        raise SettingsError("The database URL names no database, e.g. postgresql://host/test.")
    query = parse_qs(parsed.query)
    env = {
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": parsed.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(parsed.port or 5432),
        "POSTGRES_USER": unquote(parsed.username or os.environ.get("USER", "postgres")),
        "POSTGRES_PASSWORD": unquote(parsed.password or ""),
        "POSTGRES_CONNECT_TIMEOUT": "5",
        # Misroutes tables and can skip events in 9.5: keep it off.
        "POSTGRES_ENABLE_DB_FUNCTIONS": "n",
    }
    if "schema" in query:
        env["POSTGRES_SCHEMA"] = query["schema"][0]
    return env
