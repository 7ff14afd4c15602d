"""Running the service: demo data, server, rebuilding the views."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import socket
import sys
import tempfile

import click

from ..limits import MAX_WEBSOCKET_MESSAGE_BYTES
from ..settings import ENV_PREFIX, Settings, SettingsError, parse_origins
from .base import main, planning_app


@main.command()
@click.pass_obj
def demo(settings: Settings) -> None:
    """Load the demo data from council paper FB 50/0098/WP16 into an empty store."""
    from ..demo import load_demo

    app = planning_app(settings)
    try:
        click.echo(load_demo(app))
    finally:
        app.close()


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
@click.option(
    "--allowed-origins",
    envvar=ENV_PREFIX + "ALLOWED_ORIGINS",
    show_envvar=True,
    default=None,
    help="Comma-separated web origins whose pages may call the API from a browser "
    "(e.g. https://intranet.example.de); default none.",
)
@click.option(
    "--dev",
    is_flag=True,
    envvar=ENV_PREFIX + "DEV",
    show_envvar=True,
    help="Development mode: GraphiQL, introspection and suggestions. Without it the "
    "service runs in production mode.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes; the views still run once, in one of them.",
)
@click.option(
    "--check-port",
    is_flag=True,
    help="Only check that HOST:PORT is free and exit (1 when it is not); writes nothing. "
    "`make run` checks before it loads the demo or creates a token.",
)
@click.pass_obj
def serve(
    settings: Settings,
    host: str | None,
    port: int | None,
    allowed_origins: str | None,
    dev: bool,
    workers: int,
    check_port: bool,
) -> None:
    """Serve the API at http://HOST:PORT/graphql."""
    try:
        origins = parse_origins(allowed_origins) if allowed_origins is not None else None
    except SettingsError as error:
        raise click.BadParameter(str(error), param_hint="--allowed-origins") from None
    settings = settings.with_overrides(
        host=host, port=port, allowed_origins=origins, production=not dev
    )
    # Before anything starts: a busy port is named with the way to choose another.
    problem = port_problem(settings.host, settings.port)
    if problem:
        click.echo(
            f"Cannot listen on {settings.host}:{settings.port}: {problem}. Choose another "
            f"port with --port or {ENV_PREFIX}PORT (e.g. {ENV_PREFIX}PORT=8001 make run), "
            "or stop the process that uses it.",
            err=True,
        )
        sys.exit(1)
    if check_port:
        click.echo(f"{settings.host}:{settings.port} is free.", err=True)
        return
    import uvicorn

    mode = "development mode: GraphiQL and introspection on" if dev else "production mode"
    click.echo(
        f"sozialplanung on http://{settings.host}:{settings.port}/graphql "
        f"({settings.backend} store, {workers} worker(s), {mode})",
        err=True,
    )
    # Worker processes build their app from the environment: hand the settings over.
    os.environ.update(settings.to_env())
    shared_metrics = None
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # The workers add up their metrics in files here (prometheus_client multiprocess).
        shared_metrics = tempfile.mkdtemp(prefix="sozialplanung-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = shared_metrics
    try:
        uvicorn.run(
            "sozialplanung.server:app_from_env",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_level="info",
            # Defence in depth beside the app's own check (limits.py): uvicorn closes a
            # websocket whose message is larger, before reading it whole.
            ws_max_size=MAX_WEBSOCKET_MESSAGE_BYTES + 1024,
        )
    finally:
        if shared_metrics:
            shutil.rmtree(shared_metrics, ignore_errors=True)


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, or None when it can (tried by binding,
    with SO_REUSEADDR as the server itself does, and released at once)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET  # as uvicorn decides
    try:
        with socket.create_server((host, port), family=family):
            return None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return "another process listens there"
        return error.strerror or str(error)


@main.command()
@click.pass_obj
def rebuild(settings: Settings) -> None:
    """Drop every view and replay the whole event log into it."""
    from tqdm import tqdm

    from ..application.ledger import IdOfNoAggregate
    from ..projections import ReadModel

    app = planning_app(settings, existing=True)
    read_model = ReadModel(settings, app)
    try:
        total = app.recorder.max_notification_id() or 0
        with tqdm(total=total, unit="event", desc="rebuild", file=sys.stderr) as bar:
            read_model.rebuild(progress=bar.update)
    except (RuntimeError, IdOfNoAggregate) as error:
        raise click.ClickException(str(error)) from None
    finally:
        read_model.close()
        app.close()
    # Peak memory, for operators sizing a machine (and bench.rebuild): a long rebuild runs
    # in two processes (projections/partition.py), both at once.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    other = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    both = f", {other} MB in the process that loaded the other part" if other else ""
    click.echo(f"Rebuilt the views from {total} events (peak memory: {own} MB here{both}).")
