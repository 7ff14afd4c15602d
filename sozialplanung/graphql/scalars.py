"""DateTime as the schema reads it: ISO 8601, and a moment that exists in UTC.

"9999-12-31T23:59:59-14:00" is valid ISO 8601 but lies after the last moment Python can hold
in UTC; every view compares times in UTC, so such a value is refused where it is read (a
clear error for the argument), not deep in a resolver (INTERNAL).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import dateutil.parser
from strawberry.schema.types.base_scalars import DateDefinition, DateTimeDefinition, wrap_parser
from strawberry.types.scalar import ScalarDefinition


def _moment(value: str) -> datetime:
    moment = dateutil.parser.isoparse(value)
    try:
        moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValueError("It lies outside the years 1 to 9999 in UTC.") from None
    return moment


DATE_TIME = ScalarDefinition(
    name=DateTimeDefinition.name,
    description="Date and time, ISO 8601 with a time zone, e.g. 2011-02-24T17:00:00+01:00.",
    specified_by_url=None,
    serialize=DateTimeDefinition.serialize,
    parse_value=wrap_parser(_moment, "DateTime"),
    parse_literal=None,
    origin=datetime,
)
DATE = replace(
    DateDefinition,
    description="Calendar date, ISO 8601 (YYYY-MM-DD), e.g. 2011-02-24; business dates lie "
    "between 1900-01-01 and 2199-12-31.",
)
SCALARS: dict[object, ScalarDefinition] = {datetime: DATE_TIME, date: DATE}  # scalar_map
