"""The pages for people in a browser: the landing page at /, the running schema at
/schema.graphql, GraphiQL's page at /graphql and its vendored files — all from this service."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from starlette.testclient import TestClient

from sozialplanung.graphql.schema import build_schema
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from .client import GraphQLClient
from .conftest import DemoService

ROOT = Path(__file__).resolve().parents[2]
HTML = {"Accept": "text/html"}


class Page(HTMLParser):
    """The links, scripts, stylesheets and table rows of an HTML page."""

    def __init__(self, text: str):
        super().__init__()
        self.urls: list[str] = []
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self.scripts_inline = 0
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]
        if tag == "script" and not found.get("src"):
            self.scripts_inline += 1
        if tag == "tr":
            self.rows.append([])
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture
def dev(settings: Settings) -> Iterator[TestClient]:
    """The service in development mode (`serve --dev`): GraphiQL, its files, the SDL."""
    with TestClient(create_app(replace(settings, production=False))) as http:
        yield http


def absolute(url: str) -> str:
    """A link of a page at the root (/ or /graphql) as the browser resolves it."""
    return "/" + url


# The landing page ---------------------------------------------------------------------------


def test_landing_page_lists_every_body_with_its_calendar(demo: DemoService) -> None:
    http = demo.analyst.http
    response = http.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = Page(response.text)
    # By name, as the API lists them (the store's collation decides, not Python's).
    bodies = demo.analyst.data("{ bodies(first: 200) { nodes { id name } } }")["bodies"]["nodes"]
    assert len(bodies) > 5
    assert [row[0] for row in page.rows[1:]] == [b["name"] for b in bodies]
    calendars = [url for url in page.urls if url.startswith("calendar/")]
    assert calendars == [f"calendar/{b['id']}.ics" for b in bodies]
    for url in calendars[:3]:
        feed = http.get(absolute(url))
        assert feed.status_code == 200
        assert feed.text.startswith("BEGIN:VCALENDAR")


def test_landing_page_links_the_reports_of_each_pair_of_cycles(demo: DemoService) -> None:
    page = Page(demo.analyst.http.get("/").text)
    reports = [url for url in page.urls if url.startswith("reports/")]
    assert reports == [
        f"reports/cycles/{a}-{a + 1}.{suffix}" for a in range(1, 8) for suffix in ("svg", "csv")
    ]
    for url in reports:
        assert demo.analyst.http.get(absolute(url)).status_code == 200


def test_landing_page_links_graphiql_the_schema_and_the_health_checks(dev: TestClient) -> None:
    page = Page(dev.get("/").text)
    for url in ("graphql", "schema.graphql", "healthz", "readyz"):
        assert url in page.urls
        assert dev.get(absolute(url), headers=HTML).status_code == 200
    text = " ".join(page.text)
    assert "FB 50/0098/WP16" in text and "Maßnahmen" in text and "Sozialkonferenz" in text


def establish(admin: GraphQLClient, name: str) -> str:
    result = admin.mutate(
        "establishBody",
        "EstablishBodyInput",
        "body { id }",
        name=name,
        kind="WORKING_GROUP",
        effectiveOn="2011-02-24",
    )
    assert result["userErrors"] == []
    return result["body"]["id"]


def test_landing_page_leaves_out_dissolved_bodies(
    admin: GraphQLClient, service: tuple[TestClient, object]
) -> None:
    establish(admin, "Arbeitskreis Sozialplanung")
    dissolved = establish(admin, "Arbeitskreis Altenhilfe")
    admin.mutate("dissolveBody", "DissolveBodyInput", "body { active }", body=dissolved)
    page = Page(service[0].get("/").text)
    assert [row[0] for row in page.rows[1:]] == ["Arbeitskreis Sozialplanung"]
    assert f"calendar/{dissolved}.ics" not in page.urls


def test_landing_page_shows_a_hostile_body_name_as_text(
    admin: GraphQLClient, service: tuple[TestClient, object]
) -> None:
    hostile = '<script>alert("x")</script> & <b>Kreis</b>'
    establish(admin, hostile)
    response = service[0].get("/")
    assert "<script>" not in response.text and "<b>" not in response.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in response.text
    page = Page(response.text)
    assert page.scripts_inline == 0
    assert page.rows[1][0] == hostile
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp


def test_landing_page_of_an_empty_store_says_so(public: GraphQLClient) -> None:
    response = public.http.get("/")
    assert response.status_code == 200
    assert "Noch sind keine Gremien erfasst." in response.text
    assert "Ein Vergleich braucht mindestens zwei Zyklen." in response.text


# The schema --------------------------------------------------------------------------------


def test_schema_graphql_is_the_running_schema(dev: TestClient) -> None:
    response = dev.get("/schema.graphql")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == build_schema().as_str() + "\n"
    assert response.text == (ROOT / "schema.graphql").read_text()


# GraphiQL ----------------------------------------------------------------------------------


def test_graphiql_page_loads_only_files_of_this_service_under_a_csp(
    dev: TestClient,
) -> None:
    response = dev.get("/graphql", headers=HTML)
    assert response.status_code == 200
    page = Page(response.text)
    assert page.scripts_inline == 0
    assert len(page.urls) == 8  # three stylesheets, five scripts
    for url in page.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc and not url.startswith("//"), url
        assert url.startswith("static/graphiql/"), url
        asset = dev.get(absolute(url))
        assert asset.status_code == 200, url
    csp = {
        directive.split()[0]: directive.split()[1:]
        for directive in response.headers["content-security-policy"].split("; ")
    }
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert not any("http" in source for sources in csp.values() for source in sources)


def test_graphiql_offers_the_explorer_subscriptions_and_the_headers_editor(
    dev: TestClient,
) -> None:
    script = dev.get("/static/graphiql/start.js").text
    assert "explorerPlugin()" in script
    assert "subscriptionUrl" in script and "wss://" in script
    assert "isHeadersEditorEnabled: true" in script
    page = dev.get("/graphql", headers=HTML).text
    assert "cycles {" in page and "statistics {" in page  # the default query


def test_vendored_files_are_served_with_a_year_of_caching(dev: TestClient) -> None:
    response = dev.get("/static/graphiql/vendor/graphiql/graphiql.min.js")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "javascript" in response.headers["content-type"]
    assert dev.get("/static/graphiql/vendor/nothing.js").status_code == 404
    assert dev.get("/static/../server.py").status_code == 404


@pytest.fixture
def production(sqlite_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(replace(sqlite_settings, production=True))) as http:
        yield http


def test_production_mode_serves_no_ide_no_files_for_it_and_no_schema(
    production: TestClient,
) -> None:
    ide = production.get("/graphql", headers=HTML)
    assert ide.status_code == 404 and "GraphiQL" not in ide.text
    assert production.get("/static/graphiql/start.js").status_code == 404
    assert production.get("/schema.graphql").status_code == 404
    landing = production.get("/")
    assert landing.status_code == 200
    urls = Page(landing.text).urls
    assert "graphql" not in urls and "schema.graphql" not in urls
    assert "healthz" in urls
