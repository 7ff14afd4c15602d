"""Shared fixtures: the action context, and a store on each backend.

PostgreSQL tests use SOZIALPLANUNG_TEST_DATABASE_URL (default: the local server's `test`
database), each test in a schema of its own. Without a server they are skipped and the
summary says so; with SOZIALPLANUNG_REQUIRE_POSTGRES=1 (CI) they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest

from sozialplanung.application import PlanningApp
from sozialplanung.domain.base import Meta
from sozialplanung.domain.rights import Principal, administrator
from sozialplanung.settings import Settings, postgres_env

from .demo_store import DemoCopy

TEST_DATABASE_URL = os.environ.get(
    "SOZIALPLANUNG_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("SOZIALPLANUNG_REQUIRE_POSTGRES") == "1"


@cache
def postgres_unavailable() -> str | None:
    """Why PostgreSQL cannot be used, or None when it answers."""
    try:
        with _connect():
            return None
    except psycopg.Error as error:
        return f"no PostgreSQL at {TEST_DATABASE_URL} ({str(error).strip().splitlines()[0]})"


def _connect() -> psycopg.Connection:
    env = postgres_env(TEST_DATABASE_URL)
    return psycopg.connect(
        dbname=env["POSTGRES_DBNAME"],
        host=env["POSTGRES_HOST"],
        port=int(env["POSTGRES_PORT"]),
        user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"] or None,
        connect_timeout=3,
        autocommit=True,
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    reason = postgres_unavailable()
    if reason:
        terminalreporter.write_line(f"PostgreSQL tests SKIPPED: {reason}.", yellow=True, bold=True)
    else:
        terminalreporter.write_line(f"PostgreSQL tests ran against {TEST_DATABASE_URL}.")


def meta_on(
    day: date | None = date(2011, 2, 24), principal: Principal | None = None, **extra: object
) -> Meta:
    """An administrator's command context, unless another principal is given; "today" is
    the real day, as in the running service, unless ``today=`` is given. ``day=None``: the
    client gave no effectiveOn."""
    extra.setdefault("today", date.today())
    return Meta(
        principal=principal or administrator("tester"),
        correlation_id=f"test-{uuid4().hex[:8]}",
        effective_on=day,
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def meta() -> Meta:
    return meta_on()


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def postgres_settings() -> Iterator[Settings]:
    with postgres_store() as settings:
        yield settings


@contextmanager
def postgres_store() -> Iterator[Settings]:
    """A PostgreSQL store of its own; the test is skipped without a server (failed in CI)."""
    reason = postgres_unavailable()
    if reason:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required (SOZIALPLANUNG_REQUIRE_POSTGRES=1): {reason}")
        pytest.skip(reason)
    with postgres_schema() as settings:
        yield settings


@contextmanager
def postgres_schema() -> Iterator[Settings]:
    """A store in a schema of its own, dropped afterwards."""
    schema = f"t_{uuid4().hex[:16]}"
    with _connect() as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield Settings(database_url=f"{TEST_DATABASE_URL}?schema={schema}")
    finally:
        with _connect() as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest) -> Settings:
    """A fresh, empty store on each backend."""
    return request.getfixturevalue(f"{request.param}_settings")


@pytest.fixture
def other_settings(settings: Settings, tmp_path: Path) -> Iterator[Settings]:
    """A second empty store on the same backend as `settings`."""
    if settings.database_url is None:
        yield Settings(data_dir=tmp_path / "other")
        return
    with postgres_schema() as other:
        yield other


@pytest.fixture
def app(settings: Settings) -> Iterator[PlanningApp]:
    planning = PlanningApp.from_settings(settings)
    try:
        yield planning
    finally:
        planning.close()


@pytest.fixture(scope="session")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> DemoCopy:
    """The demo, recorded once for the session; `restore` copies it into a store."""
    return DemoCopy.record(tmp_path_factory.mktemp("demo") / "data")


@contextmanager
def store_on(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """An empty store on a backend for a fixture wider than one test."""
    if backend == "sqlite":
        yield Settings(data_dir=tmp_path_factory.mktemp("store") / "data")
        return
    with postgres_store() as settings:
        yield settings
