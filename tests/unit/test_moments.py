"""A moment in the views (``recorded_at``, ``updated_at``) is UTC text of one fixed width, so
that its text order is its time order — whatever the microseconds and the zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from sozialplanung.projections.view import moment

CET = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime(2026, 11, 2, 9, 30, 5, 123456, UTC), "2026-11-02T09:30:05.123456+00:00"),
        (datetime(2026, 11, 2, 9, 30, 5, 0, UTC), "2026-11-02T09:30:05.000000+00:00"),
        (datetime(2026, 11, 2, 9, 30, 5, 7, UTC), "2026-11-02T09:30:05.000007+00:00"),
        (datetime(2026, 11, 2, 10, 30, 5, 0, CET), "2026-11-02T09:30:05.000000+00:00"),
    ],
)
def test_a_moment_is_utc_text_of_one_width(value: datetime, text: str) -> None:
    assert moment(value) == text


def test_the_text_order_of_moments_is_their_time_order() -> None:
    start = datetime(2026, 11, 2, 9, 30, 5, 999_990, UTC)
    values = [start + timedelta(microseconds=n) for n in range(20)]
    assert sorted(values, key=moment) == values
