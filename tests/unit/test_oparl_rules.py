"""The OParl interface's rules without a server: list queries read strictly and written
canonically, the time filters' bounds, dates and times in the spec's form, the settings."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs

import pytest

from sozialplanung.oparl.errors import OparlError
from sozialplanung.oparl.filters import PAGE_SIZE, ListQuery
from sozialplanung.oparl.values import last_day, moment_shown, shown
from sozialplanung.projections.oparl import Stamp, Window
from sozialplanung.settings import Settings, SettingsError


def parsed(**params: str) -> ListQuery:
    return ListQuery.parse({name: [value] for name, value in params.items()})


def test_a_query_is_written_back_in_one_spelling_in_alphabetical_order() -> None:
    query = parsed(
        omit_internal="true", limit="20", modified_since="2014-01-01T00:00:00Z", foo="bar"
    )
    assert query.query_string() == (
        "limit=20&modified_since=2014-01-01T00%3A00%3A00%2B00%3A00&omit_internal=true"
    )
    cursor = query.page_after(["2026-11-25T14:33:59.315015+00:00", "a-key", 3])
    again = ListQuery.parse(parse_qs(cursor.query_string()))
    assert again == cursor
    assert parsed(limit="100000").limit == PAGE_SIZE  # a cap the client asks for


@pytest.mark.parametrize(
    "params",
    [
        {"created_since": "2014-01-01"},
        {"created_since": "2014-01-01T00:00:00"},  # no offset
        {"created_since": "2014-01-01T00:00:00.5+01:00"},
        {"created_since": "2014-02-30T00:00:00+01:00"},
        {"modified_until": "0001-01-01T00:00:00+01:00"},
        {"modified_until": "9999-12-31T23:59:59+00:00"},
        {"limit": "0"},
        {"limit": "-1"},
        {"limit": "²"},
        {"after": "!!!"},
        {"after": "WyJhIiwiYiJd"},  # ["a","b"]: not a cursor of ours
        {"omit_internal": "1"},
    ],
)
def test_a_malformed_query_is_a_400(params: dict[str, str]) -> None:
    with pytest.raises(OparlError) as raised:
        parsed(**params)
    assert raised.value.status == 400 and raised.value.message


def test_a_parameter_given_twice_is_a_400() -> None:
    with pytest.raises(OparlError):
        ListQuery.parse({"limit": ["5", "6"]})


def stamp(created: str, modified: str, deleted: bool = False) -> Stamp:
    return Stamp("paper", "k", 0, None, created, modified, deleted)


def test_the_bounds_compare_to_the_second_a_client_was_shown() -> None:
    at = "2014-01-01T10:00:00.700000+00:00"  # shown as 11:00:00+01:00
    seen = datetime(2014, 1, 1, 10, 0, 0, tzinfo=UTC)
    assert shown(at) == "2014-01-01T11:00:00+01:00"
    assert Window(modified_until=seen).admits(stamp(at, at))
    assert Window(modified_since=seen).admits(stamp(at, at))
    assert not Window(created_since=seen.replace(second=1)).admits(stamp(at, at))
    assert not Window(created_until=seen.replace(minute=0, hour=9)).admits(stamp(at, at))


def test_deleted_objects_only_with_modified_since() -> None:
    gone = stamp("2014-01-01T10:00:00+00:00", "2015-01-01T10:00:00+00:00", deleted=True)
    assert not Window().admits(gone)
    assert not Window(created_since=datetime(2000, 1, 1, tzinfo=UTC)).admits(gone)
    assert Window(modified_since=datetime(2000, 1, 1, tzinfo=UTC)).admits(gone)


def test_dates_and_times_in_the_spec_form() -> None:
    assert moment_shown("2011-02-24T17:00:00.250000+01:00") == "2011-02-24T17:00:00+01:00"
    assert moment_shown("2011-07-24T15:00:00+00:00") == "2011-07-24T15:00:00+00:00"
    assert shown("2011-07-24T15:00:00.000001+00:00") == "2011-07-24T17:00:00+02:00"
    assert last_day("2013-01-01", "2012-01-15") == "2012-12-31"  # the last day in it
    assert last_day("2012-01-15", "2012-01-15") == "2012-01-15"  # ended the day it began
    assert last_day(None, "2012-01-15") is None


def test_the_public_address_and_the_city_come_from_the_environment() -> None:
    default = Settings.from_env({})
    assert default.public_base == "http://127.0.0.1:8000"
    assert (default.city_name, default.city_website) == ("Stadt Aachen", "https://www.aachen.de")
    assert Settings(host="::1").public_base == "http://[::1]:8000"
    custom = Settings.from_env(
        {
            "SOZIALPLANUNG_PUBLIC_URL": "https://sozialplanung.aachen.de/",
            "SOZIALPLANUNG_CITY_LICENSE": "",
            "SOZIALPLANUNG_CITY_CONTACT_EMAIL": "sozialplanung@mail.aachen.de",
        }
    )
    assert custom.public_base == "https://sozialplanung.aachen.de"
    assert custom.city_license is None
    assert Settings.from_env(custom.to_env()) == custom  # what `serve --workers` hands on
    for wrong in ("sozialplanung.aachen.de", "ftp://x.de", "https://x.de/?a=1"):
        with pytest.raises(SettingsError, match="PUBLIC_URL"):
            Settings.from_env({"SOZIALPLANUNG_PUBLIC_URL": wrong})
