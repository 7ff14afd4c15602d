"""The console script ``sozialplanung``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .settings import ENV_PREFIX, Settings, SettingsError

if TYPE_CHECKING:
    from .application import PlanningApp

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
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        raise click.UsageError(str(error)) from None
    ctx.obj = settings.with_overrides(data_dir=data_dir, database_url=database_url)


def _app(settings: Settings) -> PlanningApp:
    # Imported here so that --help answers without loading the store's libraries.
    from .application import PlanningApp

    try:
        return PlanningApp.from_settings(settings)
    except SettingsError as error:
        raise click.UsageError(str(error)) from None


@main.command()
@click.pass_obj
def demo(settings: Settings) -> None:
    """Load the demo data from council paper FB 50/0098/WP16 into an empty store."""
    from .demo import load_demo

    click.echo(load_demo(_app(settings)))


@main.command()
@click.option(
    "--host",
    envvar=ENV_PREFIX + "HOST",
    show_envvar=True,
    default=None,
    help="Interface to listen on (default 127.0.0.1).",
)
@click.option(
    "--port",
    envvar=ENV_PREFIX + "PORT",
    show_envvar=True,
    type=int,
    default=None,
    help="Port to listen on (default 8000).",
)
@click.pass_obj
def serve(settings: Settings, host: str | None, port: int | None) -> None:
    """Serve the API at http://HOST:PORT."""
    import uvicorn

    from .server import create_app

    settings = settings.with_overrides(host=host, port=port)
    click.echo(
        f"sozialplanung on http://{settings.host}:{settings.port} ({settings.backend} store)",
        err=True,
    )
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
