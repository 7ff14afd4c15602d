"""The reference of the read benchmark: a bare Starlette JSON endpoint that serves the same
50 rows from the same view database, with nothing of ours in between (no GraphQL, no token,
no cache). Started by ``bench.read_path``:

    python -m bench.bare VIEWS_SQLITE PORT
"""

from __future__ import annotations

import sqlite3
import sys
import threading

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

# The reference is plain SQL on purpose: what a hand-written endpoint would do.
PAGE = """
SELECT m.id, m.title, m.status, m.progress, o.name AS lead_name
FROM measures m LEFT JOIN organizations o ON o.id = m.lead_id
WHERE m.cycle_number = ? ORDER BY m.cycle_number, m.title, m.id LIMIT 50
"""


def app(path: str) -> Starlette:
    local = threading.local()

    # A plain function, as Starlette has blocking database calls written: it runs in the
    # thread pool, one SQLite connection per thread.
    def endpoint(request: Request) -> Response:
        if not hasattr(local, "db"):
            local.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        return page(local.db, int(request.query_params.get("cycle", "3")))

    # For comparison only: blocking the event loop (one connection), no thread hop.
    on_loop = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    async def endpoint_on_loop(request: Request) -> Response:
        return page(on_loop, int(request.query_params.get("cycle", "3")))

    return Starlette(
        routes=[Route("/measures", endpoint), Route("/measures-on-loop", endpoint_on_loop)]
    )


def page(db: sqlite3.Connection, cycle: int) -> Response:
    rows = db.execute(PAGE, (cycle,)).fetchall()
    nodes = [
        {
            "id": row[0],
            "title": row[1],
            "status": row[2],
            "progress": row[3],
            "lead": {"name": row[4]} if row[4] is not None else None,
        }
        for row in rows
    ]
    return Response(
        orjson.dumps({"data": {"measures": {"nodes": nodes}}}), media_type="application/json"
    )


if __name__ == "__main__":
    # Served as `sozialplanung serve` serves: uvicorn with its access log (one line per
    # request), so that both pay the same for what is not their own work.
    uvicorn.run(app(sys.argv[1]), port=int(sys.argv[2]), log_level="info")
