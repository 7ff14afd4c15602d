"""Bearer tokens for the API: create, list, revoke (stored as hashes beside the events)."""

from __future__ import annotations

import click

from ..settings import Settings
from .base import main, planning_app


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
    for info in tokens:
        click.echo(
            f"{info.fingerprint}  {info.role:<11}  {info.name}  "
            f"{info.organization_id or '-'}  {info.created_at[:19]}"
        )
    if not tokens:
        click.echo("No tokens.", err=True)


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
