"""Bearer tokens for the API: create, list, revoke (stored as hashes beside the events),
and the local ADMIN token that `make run` shows."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..settings import Settings
from .base import main, planning_app

if TYPE_CHECKING:
    from ..application import PlanningApp

LOCAL_TOKEN_FILE = "local-admin-token"
LOCAL_TOKEN_NAME = "local-demo-admin"


@main.group()
def token() -> None:
    """Bearer tokens for the API."""


@token.command("create")
@click.option(
    "--role", required=True, type=click.Choice(["ADMIN", "COORDINATOR", "MEMBER", "ANALYST"])
)
@click.option("--name", required=True, help="Who or what uses the token.")
@click.option(
    "--organization", default=None, help="Organisation id (COORDINATOR and MEMBER act for it)."
)
@click.pass_obj
def token_create(settings: Settings, role: str, name: str, organization: str | None) -> None:
    """Create a token and print it (only the token, on stdout); it is stored as a hash.
    Its fingerprint, for `token revoke`, goes to stderr."""
    from ..domain.base import DomainError
    from ..graphql.ids import uuid_of

    app = planning_app(settings)
    try:
        org = uuid_of(organization, "organization", "Organization") if organization else None
        created = app.issue_token(role, name, org)
    except DomainError as error:
        raise click.UsageError(error.message) from None
    finally:
        app.close()
    click.echo(created)
    click.echo(f"fingerprint {app.tokens.fingerprint(created)} (for token revoke)", err=True)


@token.command("list")
@click.pass_obj
def token_list(settings: Settings) -> None:
    """List the tokens: fingerprint, role, name, organisation, created (never the token)."""
    app = planning_app(settings, existing=True)
    try:
        tokens = app.tokens.list()
    finally:
        app.close()
    if not tokens:
        click.echo("No tokens.", err=True)
        return
    rows = [
        (i.fingerprint, i.role, i.name, i.organization_id or "-", i.created_at[:19]) for i in tokens
    ]
    header = ("FINGERPRINT", "ROLE", "NAME", "ORGANIZATION", "CREATED (UTC)")
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        click.echo("  ".join([*cells, row[-1]]))


@token.command("local")
@click.pass_obj
def token_local(settings: Settings) -> None:
    """Print the ADMIN token of this machine's local service (for `make run`): created once,
    kept owner-only (0600) in DATA_DIR/local-admin-token and printed again on later runs.
    A stored token that was revoked, or whose file others could read, is replaced."""
    path = settings.data_dir / LOCAL_TOKEN_FILE
    app = planning_app(settings)
    try:
        token, note = _local_token(app, path)
    finally:
        app.close()
    click.echo(token)
    click.echo(f"{note} (fingerprint {app.tokens.fingerprint(token)}; {path})", err=True)


def _local_token(app: PlanningApp, path: Path) -> tuple[str, str]:
    """The stored local ADMIN token if it still works, else a new one written to ``path``."""
    from ..domain.rights import Role

    why = "Created the local ADMIN token"
    if path.is_file():
        stored = path.read_text(encoding="utf-8").strip()
        principal = app.tokens.principal(stored) if stored else None
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            # Others could read it: it may have leaked, so it is revoked, not reused.
            if principal is not None:
                app.tokens.revoke(app.tokens.fingerprint(stored))
            why = "Replaced the local ADMIN token (its file was readable by others)"
        elif principal is not None and principal.role is Role.ADMIN:
            return stored, "The stored local ADMIN token"
        else:
            why = "Replaced the local ADMIN token (the stored one was revoked)"
    token = app.issue_token("ADMIN", LOCAL_TOKEN_NAME)
    _write_owner_only(path, token + "\n")
    return token, why


def _write_owner_only(path: Path, text: str) -> None:
    """Writes ``text`` to a new 0600 file beside ``path`` and moves it into place."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


@token.command("revoke")
@click.argument("fingerprint")
@click.pass_obj
def token_revoke(settings: Settings, fingerprint: str) -> None:
    """Revoke the token with this fingerprint (from `token list`); effective at once, also
    for a running server."""
    from ..domain.base import DomainError

    app = planning_app(settings, existing=True)
    try:
        revoked = app.tokens.revoke(fingerprint)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    finally:
        app.close()
    click.echo(f"Revoked {revoked.fingerprint} ({revoked.role}, {revoked.name}).")


@main.command()
def rights() -> None:
    """Print the rights matrix: which role may send which command for whose objects."""
    from ..domain.rights import rights_matrix

    click.echo("ADMIN may send every command; ANALYST and PUBLIC (no token) none.\n")
    click.echo("\n".join(rights_matrix()))
