"""The pages for people in a browser, beside the API: the landing page at / and GraphiQL at
/graphql (outside production mode). Both are self-contained: every script, style and font
comes from this service (GraphiQL's from static/graphiql/vendor/, see its README), and a
Content-Security-Policy holds the browser to that.

Links are relative ("graphql", "static/…"), so the pages also work behind a reverse proxy
that serves the service under a path prefix.
"""

from __future__ import annotations

import base64
import hashlib
import os
from datetime import date
from html import escape
from itertools import pairwise
from pathlib import Path
from urllib.parse import quote

from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from .graphql.ids import to_global
from .projections.database import Row
from .projections.queries import ReadQueries

STATIC = Path(__file__).parent / "static"
A_YEAR = 365 * 24 * 3600

# Everything the GraphiQL page loads is a file of this service. The bundle's fonts are data:
# URLs inside its stylesheet, some of its images too; queries go to this host, subscriptions
# to its ws:// or wss:// twin ('self' covers both in CSP Level 3). Styles need
# 'unsafe-inline': GraphiQL's dialogs (settings, short keys) add a <style> element when they
# open, to stop the page scrolling behind them (react-remove-scroll, inside the bundle), and
# its text holds the scrollbar's width, so no hash can pin it (tried: only that is refused
# without it). Scripts stay 'self' only: the page has no inline script.
GRAPHIQL_CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "font-src data:",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)

# The query GraphiQL shows on a first visit (later it keeps the user's own in localStorage).
DEFAULT_QUERY = """\
# The cycles of the Sozialkonferenz and the statistics
# of their measures. Run with Ctrl-Enter (or ▶).
#
# Reading needs no token. To change anything, paste
#   {"Authorization": "Bearer sp_…"}
# under "Headers" below (`sozialplanung token create`).
# The explorer and the docs (left) list every field.
{
  cycles {
    nodes {
      number
      label
      status
      statistics {
        proposed
        adopted
        rejected
        implemented
        partiallyImplemented
        implementationRate
      }
    }
  }
}
"""


class Assets(StaticFiles):
    """The pages' scripts and styles. The pages name every file with its digest (?v=…), so a
    browser may keep each for a year: a new version of a file comes with a new URL."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = f"public, max-age={A_YEAR}, immutable"
        return response


def asset(path: str) -> str:
    """The relative URL of a file under static/, with the digest of its content."""
    digest = hashlib.sha256((STATIC / path).read_bytes()).hexdigest()[:16]
    return f"static/{path}?v={digest}"


def graphiql_page() -> str:
    """GraphiQL with the explorer plugin; static/graphiql/start.js starts it from the
    settings in the page's data attributes (the page carries no inline script)."""
    styles = [
        "graphiql/vendor/graphiql/graphiql.min.css",
        "graphiql/vendor/plugin-explorer/style.css",
        "graphiql/page.css",
    ]
    scripts = [
        "graphiql/vendor/react/react.production.min.js",
        "graphiql/vendor/react-dom/react-dom.production.min.js",
        "graphiql/vendor/graphiql/graphiql.min.js",
        "graphiql/vendor/plugin-explorer/index.umd.js",
        "graphiql/start.js",
    ]
    links = "\n".join(f'<link rel="stylesheet" href="{escape(asset(s))}">' for s in styles)
    tags = "\n".join(f'<script src="{escape(asset(s))}"></script>' for s in scripts)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · sozialplanung</title>
{links}
</head>
<body>
<div id="graphiql" data-default-query="{escape(DEFAULT_QUERY)}">Loading...</div>
<noscript>GraphiQL needs JavaScript. Programs send their queries by POST to this URL.</noscript>
{tags}
</body>
</html>
"""


def graphiql_response(page: str) -> HTMLResponse:
    return HTMLResponse(page, headers={"Content-Security-Policy": GRAPHIQL_CSP})


# The landing page --------------------------------------------------------------------------

KINDS = {
    "INFORMATION_FORUM": "Allgemeine Information",
    "WORKING_GROUP": "Arbeitskreis",
    "STEERING_GROUP": "Lenkungsgruppe",
    "SOCIAL_CONFERENCE": "Sozialkonferenz",
    "CONFERENCE_WORKING_GROUP": "Arbeitsgruppe der Sozialkonferenz",
    "COMMITTEE": "Fachausschuss",
    "COUNCIL": "Rat",
}

LANDING_STYLE = """
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 52rem;
  margin: 0 auto; padding: 1rem 1.25rem 3rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
code { font-family: ui-monospace, monospace; font-size: 0.95em; background: #f2f2f2;
  padding: 0 0.2em; border-radius: 3px; }
a { color: #0b57a4; }
a:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.3rem 0.6rem 0.3rem 0; border-bottom: 1px solid #e4e4e4;
  vertical-align: top; }
.lead { font-size: 1.05rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
"""


def _style_hash(style: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() + "'"


# Nothing to load but the page itself: its one <style> element is allowed by its hash.
LANDING_CSP = "; ".join(
    [
        "default-src 'none'",
        f"style-src {_style_hash(LANDING_STYLE)}",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)


def landing_response(queries: ReadQueries, *, production: bool, today: date) -> HTMLResponse:
    """GET /: what the service is and where its API, feeds and reports are (in German, the
    users' language; the API's names stay English, in code style)."""
    return HTMLResponse(
        landing_page(
            queries.bodies.active(today.isoformat()),
            [(row["number"], row["label"]) for row in queries.cycles.all()],
            production=production,
        ),
        headers={"Content-Security-Policy": LANDING_CSP},
    )


def landing_page(bodies: list[Row], cycles: list[tuple[int, str]], *, production: bool) -> str:
    if production:
        api = (
            "<p>Die API antwortet unter <code>graphql</code> auf GraphQL-Anfragen per "
            "<code>POST</code>. Im Produktionsbetrieb gibt es hier weder GraphiQL noch "
            "Introspektion; das Schema steht als <code>schema.graphql</code> im Quelltext "
            "des Dienstes.</p>"
        )
    else:
        api = (
            '<ul>\n<li><a href="graphql">GraphiQL</a>: die API im Browser ausprobieren — '
            "Abfragen schreiben (mit Vervollständigung, Explorer und Dokumentation), "
            "Ergebnisse und Abonnements (<code>subscription</code>) sehen.</li>\n"
            '<li><a href="schema.graphql">schema.graphql</a>: das Schema der laufenden API '
            "(GraphQL SDL), z. B. für Code-Generatoren.</li>\n</ul>\n"
            "<p>Programme senden ihre Abfragen per <code>POST</code> an "
            "<code>graphql</code>; Abonnements laufen über WebSocket "
            "(<code>graphql-transport-ws</code>).</p>"
        )
    rows = "\n".join(
        # The link names its body for screen readers, which may list links out of the table.
        "<tr><td>{name}</td><td>{kind}</td><td>"
        '<a href="calendar/{id}.ics">iCalendar-Feed<span class="visually-hidden"> von {name}'
        "</span></a></td></tr>".format(
            name=escape(str(body["name"])),
            kind=escape(KINDS.get(str(body["kind"]), str(body["kind"]))),
            id=escape(quote(to_global("Body", body["id"]), safe="")),
        )
        for body in bodies
    )
    calendars = (
        '<table>\n<thead><tr><th scope="col">Gremium</th><th scope="col">Art</th>'
        '<th scope="col">Sitzungstermine</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>"
        if bodies
        else "<p>Noch sind keine Gremien erfasst.</p>"
    )
    pairs = list(pairwise(cycles))
    reports = (
        "<ul>\n"
        + "\n".join(
            f"<li>Zyklus {a} ({escape(a_label)}) und Zyklus {b} ({escape(b_label)}): "
            f'<a href="reports/cycles/{a}-{b}.svg">Diagramm (SVG)</a> · '
            f'<a href="reports/cycles/{a}-{b}.csv">Tabelle (CSV)</a></li>'
            for (a, a_label), (b, b_label) in pairs
        )
        + "\n</ul>"
        if pairs
        else "<p>Ein Vergleich braucht mindestens zwei Zyklen.</p>"
    )
    return f"""<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sozialplanung – Dienst für die kommunale Sozialplanung</title>
<style>{LANDING_STYLE}</style>
</head>
<body>
<header>
<h1>Sozialplanung</h1>
<p class="lead">Ein Dienst für die Zusammenarbeit in der kommunalen Sozialplanung der Stadt,
wie sie die Ratsvorlage <strong>FB 50/0098/WP16</strong> beschreibt.</p>
</header>
<main>
<h2 id="was">Was der Dienst festhält</h2>
<p>Der <strong>Arbeitskreis Sozialplanung</strong>, die themenbezogenen
<strong>Lenkungsgruppen</strong> und die <strong>Sozialkonferenz</strong>, die alle zwei Jahre
tagt: Ihre <strong>Arbeitsgruppen</strong> werten die <strong>Maßnahmen</strong>
(<code>Measure</code>) des letzten Zyklus (<code>Cycle</code>) aus und schlagen neue vor. Die
politischen <strong>Ausschüsse</strong> und der Rat beraten die Vorlagen (<code>Paper</code>)
und entscheiden. Eine Maßnahme durchläuft ihren Lebenszyklus von
<code>PROPOSED</code> über <code>IN_DELIBERATION</code> und <code>ADOPTED</code> bis
<code>IN_IMPLEMENTATION</code> und <code>EVALUATED</code>.</p>
<p>Jede Handlung wird als unveränderliches Ereignis gespeichert (<em>event-sourced</em>):
Wer was wann und warum entschieden hat, bleibt nachvollziehbar, und jeder frühere Stand lässt
sich abfragen.</p>

<h2 id="api">Die API</h2>
{api}
<p>Lesen geht ohne Anmeldung. Wer ändern will oder das Ereignisprotokoll lesen darf, sendet
seinen Token im Header <code>Authorization: Bearer sp_…</code>.</p>

<h2 id="kalender">Sitzungskalender der Gremien</h2>
<p>Die Sitzungen jedes aktiven Gremiums als iCalendar-Feed, zum Abonnieren in Outlook,
Thunderbird oder auf dem Telefon.</p>
{calendars}

<h2 id="berichte">Berichte: Zyklen im Vergleich</h2>
<p>Je Arbeitsgruppe vorgeschlagene, beschlossene und umgesetzte Maßnahmen zweier
aufeinanderfolgender Zyklen, als Diagramm und als Tabelle für die Tabellenkalkulation.</p>
{reports}

<h2 id="betrieb">Betrieb</h2>
<ul>
<li><a href="healthz">healthz</a>: der Prozess läuft.</li>
<li><a href="readyz">readyz</a>: der Speicher antwortet und die Sichten sind aktuell.</li>
<li><code>metrics</code>: Kennzahlen für Prometheus (mit einem <code>ADMIN</code>- oder
<code>ANALYST</code>-Token).</li>
</ul>
</main>
</body>
</html>
"""
