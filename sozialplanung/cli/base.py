"""The console script ``sozialplanung``: the command group, its settings and shared helpers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..settings import ENV_PREFIX, Settings, SettingsError

if TYPE_CHECKING:
    from ..application import PlanningApp
    from ..projections.queries import ReadQueries

SETTINGS_HELP = f"""
\b
Settings (a flag wins over its environment variable):
  --data-dir      {ENV_PREFIX}DATA_DIR      embedded SQLite store (default ./data)
  --database-url  {ENV_PREFIX}DATABASE_URL  postgresql://user@host:port/db[?schema=s]
                                              selects PostgreSQL instead of SQLite
  --host          {ENV_PREFIX}HOST          serve: interface (default 127.0.0.1)
  --port          {ENV_PREFIX}PORT          serve: port (default 8000)
"""


@click.group(epilog=SETTINGS_HELP)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=ENV_PREFIX + "DATA_DIR",
    show_envvar=True,
    help="Data directory of the embedded SQLite store.",
)
@click.option(
    "--database-url",
    envvar=ENV_PREFIX + "DATABASE_URL",
    show_envvar=True,
    help="PostgreSQL URL; when set, PostgreSQL is used instead of SQLite.",
)
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, database_url: str | None) -> None:
    """sozialplanung: event-sourced collaboration service for municipal social planning."""
    # Every file this process creates (stores, locks, exports, reports) is owner-only.
    os.umask(0o077)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        raise click.UsageError(str(error)) from None
    ctx.obj = settings.with_overrides(data_dir=data_dir, database_url=database_url)


def planning_app(settings: Settings, *, existing: bool = False) -> PlanningApp:
    """The application on the configured store. ``existing``: a command that only reads
    refuses a data directory that holds no store (a typo must not create an empty one)."""
    # Imported here so that --help answers without loading the store's libraries.
    from ..application import PlanningApp

    if existing and not settings.uses_postgres:
        store = settings.data_dir / "events.sqlite"
        if not store.is_file():
            raise click.ClickException(
                f"There is no store in {settings.data_dir} (no events.sqlite): check "
                "--data-dir / SOZIALPLANUNG_DATA_DIR. Nothing was created."
            )
    try:
        return PlanningApp.from_settings(settings)
    except SettingsError as error:
        raise click.UsageError(str(error)) from None


@contextmanager
def current_views(settings: Settings) -> Iterator[ReadQueries]:
    """The read model, current with the event log, for a one-off read."""
    from ..projections import ReadModel

    app = planning_app(settings, existing=True)
    read_model = ReadModel(settings, app)
    try:
        read_model.bring_current()
        yield read_model.queries
    except RuntimeError as error:
        raise click.ClickException(str(error)) from None
    finally:
        read_model.close()
        app.close()
