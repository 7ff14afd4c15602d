"""Benchmark: full-text search over 100,000 measures, against a plain LIKE scan of the same
texts in the same run (the reference: what a search without an index does).

    make bench     (or: .venv/bin/python -m bench.search [MEASURES])
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sozialplanung.projections import ReadModel

from .stores import store

QUERIES = ("Wohnungen für Familien", "Spielplatz Preuswald", "Sprachkurs", "Maßnahme 004711")
# The reference: every word (crudely cut towards its stem, so that the scan finds about the
# same) as a substring of the lower-cased texts; the same page and count.
LIKE_PAGE = "SELECT id FROM measures WHERE {where} ORDER BY cycle_number, title, id LIMIT 50"
LIKE_COUNT = "SELECT COUNT(*) AS n FROM measures WHERE {where}"


def median_ms(run: Callable[[], Any], repeat: int = 15) -> float:
    run()
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def main(measures: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings, app = store(Path(folder), measures, events_each=1)
        views = ReadModel(settings, app)
        views.catch_up()
        search = views.queries.search
        print(f"store: the demo and {measures:,} measures; 50 hits and their count per search")
        for text in QUERIES:
            words = [w.casefold().rstrip("en") for w in text.split() if w != "für"]
            where = " AND ".join(
                "lower(title || ' ' || coalesce(description, '')) LIKE ?" for _ in words
            )
            params = [f"%{w}%" for w in words]

            def indexed(text: str = text) -> int:
                page = search.hits(text, ["MEASURE"], 50, None)
                return page.total

            def scanned(where: str = where, params: list[str] = params) -> int:
                views.db.query(LIKE_PAGE.format(where=where), params)
                found = views.db.query_one(LIKE_COUNT.format(where=where), params)
                return int(found["n"]) if found else 0

            hits, like_hits = indexed(), scanned()
            fast, slow = median_ms(indexed), median_ms(scanned)
            print(
                f"  {text!r:26} {hits:6,} hits  index {fast:7.2f} ms   LIKE scan {slow:7.2f} ms"
                f" ({like_hits:,} substring hits)   {slow / fast:5.1f}× faster"
            )
        views.close()
        app.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
