"""Rows read from a view open their JSON columns, whether one row is decoded or many at once
(a page, a batch of loads): the same values either way."""

from __future__ import annotations

import json

import pytest

from sozialplanung.projections.database import Row
from sozialplanung.projections.measures import MeasuresView


def stored(n: int, **columns: str | None) -> Row:
    """A measures row as the table holds it: JSON columns as text."""
    row: Row = {"id": f"m{n}", "title": f"Maßnahme {n}", "progress": n}
    for column in MeasuresView.json_columns:
        row[column] = json.dumps([{"cycle": n, "text": "Hemmnis \u201e\u00e4\u201c"}] * (n % 3))
    row.update(columns)
    return row


def one_by_one(rows: list[Row]) -> list[Row]:
    return [MeasuresView().decode(dict(row)) for row in rows]


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [stored(1)],
        [stored(n) for n in range(50)],
        [stored(1), stored(2, terms=None, decisions="{}"), stored(3, paper_ids='"x"')],
    ],
    ids=["no row", "one row", "a page", "null, an object and a string among lists"],
)
def test_rows_decoded_together_read_as_rows_decoded_one_by_one(rows: list[Row]) -> None:
    expected = one_by_one(rows)
    assert MeasuresView().decode_all([dict(row) for row in rows]) == expected


def test_a_column_that_is_no_single_document_is_refused_as_alone() -> None:
    # Two documents in one column would shift every value after it if parsed together.
    rows = [stored(1), stored(2, evaluations="[1], [2]"), stored(3)]
    with pytest.raises(json.JSONDecodeError):
        one_by_one(rows)
    with pytest.raises(json.JSONDecodeError):
        MeasuresView().decode_all([dict(row) for row in rows])
