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
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse, urlsplit

ENV_PREFIX = "SOZIALPLANUNG_"
MAX_SELECTIONS = 500
RESPONSE_CACHE_MB = 64
# The event store's recorders: the hash chain and the data keys beside the events.
LEDGER = "sozialplanung.application.ledger:"
DEFAULT_PORTS = {"http": 80, "https": 443}


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
        }
        if self.database_url:
            env[ENV_PREFIX + "DATABASE_URL"] = self.database_url
        return env

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
