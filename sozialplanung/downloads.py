"""Plain-HTTP downloads beside the API — the calendar feed, the cycle comparison as a chart
and as a spreadsheet — built in a worker thread by server.py."""

from __future__ import annotations

import hashlib
import re

from starlette.responses import PlainTextResponse, Response

from .domain.base import DomainError
from .domain.cycle import MAX_NUMBER as MAX_CYCLE
from .feeds.calendar import calendar_of
from .graphql.ids import uuid_of
from .projections.queries import ReadQueries
from .reports.chart import chart
from .reports.cycles import UnknownCycle, cycle_report, spreadsheet

MAX_AGE = 300  # seconds a calendar program may keep the feed without asking again
# ASCII digits only: str.isdigit() also admits "²" and fullwidth digits, which int() refuses
# or reads as numbers no cycle has.
CYCLE_SPAN = re.compile(r"([0-9]{1,6})-([0-9]{1,6})")


def calendar_response(queries: ReadQueries, body_id: str, if_none_match: str | None) -> Response:
    """GET /calendar/{bodyId}.ics: the body's meetings as iCalendar."""
    try:
        key = str(uuid_of(body_id, "bodyId", "Body"))
    except DomainError as error:
        return PlainTextResponse(error.message, 400)
    body = queries.bodies.by_ids([key]).get(key)
    if body is None:
        return PlainTextResponse("There is no body with that id.", 404)
    meetings = queries.meetings.of_body(key)
    return cacheable(
        calendar_of(body, meetings).to_ical(), "text/calendar; charset=utf-8", if_none_match
    )


def cycles_report_response(
    queries: ReadQueries, span: str, suffix: str, if_none_match: str | None
) -> Response:
    """GET /reports/cycles/{from}-{to}.svg (the chart) or .csv (the figures, for
    spreadsheets; UTF-8 with a byte-order mark so that Excel keeps the Umlaute)."""
    found = CYCLE_SPAN.fullmatch(span)
    if found is None:
        return PlainTextResponse(
            f"Name two cycle numbers (1 to {MAX_CYCLE}), e.g. /reports/cycles/1-2.{suffix}.", 400
        )
    first, second = int(found.group(1)), int(found.group(2))
    if not (1 <= first <= MAX_CYCLE and 1 <= second <= MAX_CYCLE):
        return PlainTextResponse(f"Cycle numbers lie between 1 and {MAX_CYCLE}.", 400)
    try:
        report = cycle_report(queries, first, second)
    except UnknownCycle as error:
        return PlainTextResponse(str(error), 404)
    if suffix == "svg":
        return cacheable(chart(report, "svg"), "image/svg+xml", if_none_match)
    response = cacheable(
        spreadsheet(report).encode("utf-8-sig"), "text/csv; charset=utf-8", if_none_match
    )
    response.headers["Content-Disposition"] = f'attachment; filename="cycles-{span}.csv"'
    return response


def cacheable(content: bytes, media_type: str, if_none_match: str | None) -> Response:
    """The content with an ETag; 304 when the client already holds this version."""
    etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={MAX_AGE}"}
    if if_none_match == etag:
        return Response(status_code=304, headers=headers)
    return Response(content, media_type=media_type, headers=headers)
