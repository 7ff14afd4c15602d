"""History for analysts and administrators: reports, rule checks, audit log, export/import."""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from ..settings import Settings
from .base import current_views, main, planning_app

if TYPE_CHECKING:
    from ..projections.database import Row
    from ..projections.queries import ReadQueries


@main.group()
def report() -> None:
    """Reports for analysts."""


@report.command("cycles")
@click.argument("from_number", metavar="FROM", type=int)
@click.argument("to_number", metavar="TO", type=int)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder for the chart files.",
)
@click.pass_obj
def report_cycles(settings: Settings, from_number: int, to_number: int, out: Path) -> None:
    """Compare cycle FROM with cycle TO: print a table per working group and write the chart
    as cycles-FROM-TO.png and .svg, the figures as cycles-FROM-TO.csv (for spreadsheets)."""
    from ..reports.chart import chart
    from ..reports.cycles import UnknownCycle, cycle_report, spreadsheet, table

    with current_views(settings) as queries:
        try:
            result = cycle_report(queries, from_number, to_number)
        except UnknownCycle as error:
            raise click.ClickException(f"{error} Nothing was written.") from None
    click.echo(table(result))
    out.mkdir(parents=True, exist_ok=True)
    click.echo("")
    for fmt in ("png", "svg"):
        path = out / f"cycles-{from_number}-{to_number}.{fmt}"
        path.write_bytes(chart(result, fmt))
        click.echo(f"Chart: {path}")
    path = out / f"cycles-{from_number}-{to_number}.csv"
    # With a byte-order mark, Excel opens it as UTF-8 (Umlaute intact).
    path.write_text(spreadsheet(result), encoding="utf-8-sig", newline="")
    click.echo(f"Table: {path}")


@main.command()
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Reference date (business date), default today.",
)
@click.option(
    "--months",
    type=click.IntRange(min=0),
    default=6,
    show_default=True,
    help="A measure counts as not discussed this many months after its proposal.",
)
@click.pass_obj
def check(settings: Settings, as_of: datetime | None, months: int) -> None:
    """Check the council paper's rules (Arbeitskreis 1–2 meetings a year, topics in a
    committee at least yearly, Sozialkonferenz every 2 years, measures discussed in time).
    Exits 1 when there are findings, so a cron job can alert."""
    from ..domain.base import DomainError
    from ..domain.compliance import ComplianceRule, check_parameters
    from ..projections.compliance import compliance_report, today

    day = as_of.date() if as_of else today()
    try:
        check_parameters(day, months)
    except DomainError as error:
        option = {"asOf": "--as-of", "undiscussedAfterMonths": "--months"}.get(error.field or "")
        raise click.BadParameter(error.message, param_hint=option) from None
    with current_views(settings) as queries:
        report = compliance_report(queries, day, months)
    findings = report.findings
    click.echo(
        f"Regelprüfung nach Vorlage FB 50/0098/WP16, Stand {day}: {len(findings)} finding(s)"
    )
    for rule in ComplianceRule:
        messages = [message for kind, _, message in findings if kind is rule]
        if messages:
            click.echo(f"\n{rule.value}")
            for message in messages:
                click.echo(f"  - {message}")
    if findings:
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--with-keys",
    is_flag=True,
    help="Add the data keys: a full backup to restore from (keep it like the database). "
    "Without them, names and free text in the file are sealed and unreadable.",
)
@click.pass_obj
def export(settings: Settings, file: str, with_keys: bool) -> None:
    """Write every stored event, with its metadata, in log order to FILE (JSON Lines; - for
    stdout). Names, free text and actors are sealed: without --with-keys the file can go to
    an analyst. API tokens are not events and are not exported."""
    from tqdm import tqdm

    from ..application.transfer import export_lines

    app = planning_app(settings, existing=True)
    try:
        total = app.recorder.max_notification_id() or 0
        with (
            click.open_file(file, "w", encoding="utf-8", atomic=file != "-") as out,
            tqdm(total=total, unit="event", desc="export", file=sys.stderr) as bar,
        ):
            for line in export_lines(app, progress=bar.update, with_keys=with_keys):
                out.write(line + "\n")
    finally:
        app.close()
    if file != "-":
        Path(file).chmod(0o600)  # the log holds the decision trail: owner-only
        click.echo(f"Exported {total} events to {file}.", err=True)


@main.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.pass_obj
def import_(settings: Settings, file: TextIO) -> None:
    """Load an export (JSON Lines) into an EMPTY store, all or nothing, then build the views.
    A malformed line stops the import with its line number and nothing is written."""
    from tqdm import tqdm

    from ..application.transfer import ImportRefused, import_events, read_lines
    from ..projections import ReadModel

    app = planning_app(settings)
    try:
        if app.recorder.max_notification_id():
            raise ImportRefused("The store already holds events; import only into an empty store.")
        with tqdm(unit="line", desc="check", file=sys.stderr) as bar:
            backup = read_lines(app, _counted(file, bar.update))
        count = import_events(app, backup)
        read_model = ReadModel(settings, app)
        try:
            with tqdm(total=count, unit="event", desc="views", file=sys.stderr) as bar:
                read_model.rebuild(progress=bar.update)
        except RuntimeError:
            click.echo("A running server holds the views; it applies the imported events.")
        finally:
            read_model.close()
    except ImportRefused as error:
        raise click.ClickException(f"{error} Nothing was written.") from None
    finally:
        app.close()
    click.echo(f"Imported {count} events.")


def _counted(lines: Iterable[str], tick: Callable[[int], None]) -> Iterator[str]:
    for line in lines:
        tick(1)
        yield line


@main.command()
@click.option("--aggregate", "aggregate_id", help="Only this object's events (id or global id).")
@click.option("--aggregate-type", help="Only events of this kind of object, e.g. Measure.")
@click.option("--type", "types", multiple=True, help="Only this event type (repeatable).")
@click.option("--actor", help="Only events recorded by this actor, e.g. admin:jane.")
@click.option("--correlation-id", help="Only the events of this one request.")
@click.option("--from", "recorded_from", type=click.DateTime(), help="Recorded at or after.")
@click.option("--to", "recorded_to", type=click.DateTime(), help="Recorded before.")
@click.option("--after", "after_position", type=int, help="Only events after this position.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, with payload.")
@click.pass_obj
def audit(
    settings: Settings,
    aggregate_id: str | None,
    aggregate_type: str | None,
    types: tuple[str, ...],
    actor: str | None,
    correlation_id: str | None,
    recorded_from: datetime | None,
    recorded_to: datetime | None,
    after_position: int | None,
    as_json: bool,
) -> None:
    """Print the audit log (Prüfpfad): who recorded what, when, on which business date, to
    which object (by id and title, name or reference), with what outcome, and why.

    Times without a zone are UTC. Bookkeeping (claims, receipts) is not part of it; see
    `export` for the raw log.
    """
    from ..domain.base import DomainError
    from ..graphql.ids import uuid_of
    from ..projections.audit import AuditFilter

    try:
        key = str(uuid_of(aggregate_id, "aggregate")) if aggregate_id else None
    except DomainError as error:
        raise click.UsageError(error.message) from None
    known = recorded_event_types()
    for name in types:
        _require_known(name, [t for ts in known.values() for t in ts], "--type", "event type")
    if aggregate_type is not None:
        _require_known(aggregate_type, list(known), "--aggregate-type", "object type")
    chosen = AuditFilter(
        aggregate_id=key,
        aggregate_type=aggregate_type,
        types=list(types) or None,
        actor=actor,
        correlation_id=correlation_id,
        recorded_from=recorded_from.replace(tzinfo=recorded_from.tzinfo or UTC)
        if recorded_from
        else None,
        recorded_to=recorded_to.replace(tzinfo=recorded_to.tzinfo or UTC) if recorded_to else None,
        after_position=after_position,
    )
    with current_views(settings) as queries:
        if not as_json:
            click.echo(AUDIT_HEADER)
        after = None
        while True:
            page = queries.audit.page(chosen, first=200, after=after)
            if as_json:
                for row in page.rows:
                    click.echo(_audit_json(row))
            else:
                for line in audit_lines(queries, page.rows):
                    click.echo(line)
            if not page.has_next:
                break
            after = page.cursors[-1]


AUDIT_HEADER = (
    f"{'POS':>6}  {'RECORDED (UTC)':<19}  {'EFFECTIVE':<10}  {'ACTOR':<24}  {'EVENT':<28}  "
    "OBJECT (type, id, title) → OUTCOME  „REASON“"
)


def recorded_event_types() -> dict[str, list[str]]:
    """The event types the audit log can hold, by object type: the event classes of every
    registered aggregate (``domain.AGGREGATES``; read from the classes, so a new event is
    known at once), the bookkeeping (claims, receipts) aside."""
    from ..domain import AGGREGATES, event_classes

    return {
        aggregate.__name__: [event.__name__ for event in event_classes(aggregate)]
        for aggregate in sorted(AGGREGATES, key=lambda a: a.__name__)
    }


def _require_known(value: str, known: list[str], option: str, what: str) -> None:
    if value in known:
        return
    close = difflib.get_close_matches(value, known, n=1)
    hint = f" Did you mean {close[0]}?" if close else ""
    raise click.BadParameter(
        f"{value!r} is no {what} of the audit log.{hint} Known: {', '.join(sorted(known))}.",
        param_hint=option,
    )


def _audit_json(row: Row) -> str:
    record = {k: v for k, v in row.items() if k != "notification_id"}
    record["payload"] = json.loads(row["payload"])
    return json.dumps(record, ensure_ascii=False)


def audit_lines(queries: ReadQueries, rows: list[Row]) -> list[str]:
    """One line per event: when, by whom, the object with its title, name or reference,
    the outcome of a decision, and why."""
    payloads = [json.loads(row["payload"]) for row in rows]
    objects = objects_of(queries, [(row["aggregate_type"], row["aggregate_id"]) for row in rows])
    # Second round: the bodies that decided (named in the event, or in the consultation).
    bodies = [p.get("body_id") for p in payloads]
    for row, payload in zip(rows, payloads, strict=True):
        if row["type"] == "ConsultationConcluded":
            bodies.append(_consultation_body(objects.get(row["aggregate_id"]), payload))
    objects.update(objects_of(queries, [("Body", b) for b in bodies if b and b not in objects]))
    lines = []
    for row, payload in zip(rows, payloads, strict=True):
        title = object_label(row["aggregate_type"], objects.get(row["aggregate_id"]))
        named = f" {title}" if title else ""
        outcome = _outcome(row, payload, objects)
        why = f"  „{row['reason']}“" if row["reason"] else ""
        lines.append(
            f"{row['position']:>6}  {row['recorded_at'][:19]}  {row['effective_on'] or '-':<10}  "
            f"{row['actor']:<24}  {row['type']:<28}  "
            f"{row['aggregate_type']} {row['aggregate_id']}{named}{outcome}{why}"
        )
    return lines


def objects_of(queries: ReadQueries, keys: Iterable[tuple[str, str]]) -> dict[str, Row]:
    """The current view rows of these objects (type name, id), each read once, from the view
    of its aggregate type."""
    views = {
        view.aggregate.__name__: view
        for view in vars(queries).values()
        if hasattr(view, "aggregate") and hasattr(view, "by_ids")
    }
    wanted: dict[str, set[str]] = {}
    for kind, key in keys:
        if kind in views:
            wanted.setdefault(kind, set()).add(str(key))
    found: dict[str, Row] = {}
    for kind, ids in wanted.items():
        found.update(views[kind].by_ids(sorted(ids)))
    return found


def object_label(kind: str, row: Row | None) -> str:
    """How a person recognises the object: its title, name or reference, quoted."""
    if row is None:
        return ""
    if kind == "Cycle":
        return f'"cycle {row.get("number")} ({row.get("label")})"'
    if kind == "Person" and row.get("erased"):
        return '"(gelöscht)"'
    for column in ("reference", "title", "name"):
        value = row.get(column)
        if isinstance(value, str) and value:
            return f'"{value}"'
    return ""


def _consultation_body(paper: Row | None, payload: dict[str, Any]) -> str | None:
    if paper is None:
        return None
    for consultation in paper.get("consultations") or []:
        if str(consultation["id"]) == payload.get("consultation_id"):
            return str(consultation["body_id"])
    return None


def _name(objects: dict[str, Row], key: str | None) -> str:
    row = objects.get(key) if key else None
    return str(row.get("name")) if row else (key or "?")


def _outcome(row: Row, payload: dict[str, Any], objects: dict[str, Row]) -> str:
    """What a decision decided, for the events that decide something."""
    kind = row["type"]
    if kind == "MeasureDecided":
        verdict = "adopted" if payload.get("adopted") else "rejected"
        return f" → {verdict} by {_name(objects, payload.get('body_id'))}"
    if kind == "ConsultationConcluded":
        body = _consultation_body(objects.get(row["aggregate_id"]), payload)
        return f" → {payload.get('decision')} in {_name(objects, body)}"
    if kind == "ResolutionRecorded":
        return f" → TOP {payload.get('number')}: {payload.get('decision')}"
    if kind == "MeasureEvaluated":
        return f" → evaluated {payload.get('outcome')}"
    if kind == "MeasureCarriedForward":
        return f" → into cycle {payload.get('to_cycle')} as {payload.get('status_in_new_cycle')}"
    return ""


@main.command()
@click.option(
    "--expect",
    metavar="POSITION:HASH",
    default=None,
    help="A head noted down earlier: the chain must still pass through it.",
)
@click.pass_obj
def verify(settings: Settings, expect: str | None) -> None:
    """Recompute the hash chain over every stored event; exit 0 when intact, 1 naming the
    first position at which an event was altered, removed, inserted or moved."""
    from ..application.ledger import verify as verify_chain

    anchor = None
    if expect is not None:
        position, _, digest = expect.partition(":")
        if not (position.isascii() and position.isdigit() and len(digest) == 64):
            raise click.BadParameter(
                "write it as POSITION:HASH (64 hex digits)", param_hint="--expect"
            )
        anchor = (int(position), digest.lower())
    app = planning_app(settings, existing=True)
    try:
        verdict = verify_chain(app.recorder, expect=anchor)
    finally:
        app.close()
    if not verdict.intact:
        click.echo(
            f"BROKEN at position {verdict.position}: {verdict.problem}. "
            f"{verdict.checked} events before it are intact."
        )
        sys.exit(1)
    click.echo(
        f"Intact: {verdict.checked} events. Head: {verdict.head_position}:{verdict.head_hash} "
        "(note it down; `verify --expect` checks it later)."
    )


@main.group()
def privacy() -> None:
    """Data protection: what is recorded about a person (DSGVO Art. 15)."""


@privacy.command("report")
@click.argument("person")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def privacy_report_command(settings: Settings, person: str, as_json: bool) -> None:
    """Every view and event that refers to PERSON (an id), with dates."""
    from ..domain.base import DomainError
    from ..graphql.ids import uuid_of
    from ..projections.privacy import privacy_report

    try:
        key = str(uuid_of(person, "person", "Person"))
    except DomainError as error:
        raise click.BadParameter(error.message, param_hint="PERSON") from None
    with current_views(settings) as queries:
        report = privacy_report(queries, key)
    if report is None:
        raise click.ClickException(f"No person with id {person} was recorded.")
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        return
    who = report["person"]
    click.echo(f"Person {who['id']}")
    click.echo(f"  Name:        {who['name'] or ('(gelöscht)' if who['erased'] else '-')}")
    click.echo(f"  Registered:  {who['registered_at'][:19]}")
    click.echo(f"  Affiliation: {who['affiliation_id'] or '-'}")
    click.echo("\nMemberships (body, role, since, until):")
    for row in report["memberships"] or [{"body": "none"}]:
        click.echo(
            f"  {row['body']}  {row.get('role', '')}  {row.get('since', '')}  "
            f"{row.get('until') or ''}".rstrip()
        )
    click.echo("\nMeetings attended:")
    for row in report["meetings_attended"] or [{"title": "none", "scheduled_for": ""}]:
        click.echo(f"  {row['scheduled_for'][:10]}  {row['title']}")
    click.echo("\nEvents naming the person (position, recorded, business date, type):")
    for event in report["events"]:
        marker = "  [redacted]" if event["redacted"] else ""
        click.echo(
            f"  {event['position']:>6}  {event['recorded_at'][:19]}  "
            f"{event['effective_on'] or '':<10}  {event['aggregate_type']}.{event['type']}" + marker
        )
