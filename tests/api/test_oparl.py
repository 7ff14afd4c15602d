"""The OParl 1.1 interface on the demo data, read as an OParl client reads it: from the
entry point, following links. Every object is valid by the spec's schemas, served at its
id, in its Body list once, and no person's name appears anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import DemoService
from .oparl_client import ENTRY, OPARL, Crawl, crawl, schema_errors

BODY = ENTRY + "/body/1"
# The Body's list of each type (embedded objects are in them too, since OParl 1.1).
LIST_OF = {
    "Organization": "organizations",
    "Person": "persons",
    "Membership": "memberships",
    "Meeting": "meetings",
    "AgendaItem": "agenda-items",
    "Location": "locations",
    "Paper": "papers",
    "Consultation": "consultations",
    "File": "files",
    "sozialplanung:Measure": "measures",
    "sozialplanung:Cycle": "cycles",
}


@pytest.fixture(scope="module")
def crawled(demo: DemoService) -> Iterator[Crawl]:
    """The whole interface as one client found it (once per store: it reads, never writes)."""
    yield crawl(demo.analyst.as_(None).http)


def get(demo: DemoService, url: str, **headers: str) -> Any:
    return demo.analyst.as_(None).http.get(url, headers=headers, follow_redirects=False)


def test_the_entry_point_is_a_system_object_of_oparl_1_1(demo: DemoService) -> None:
    response = get(demo, ENTRY)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    system = response.json()
    assert system["id"] == ENTRY
    assert system["type"] == OPARL + "System"
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    bodies = get(demo, system["body"]).json()
    assert [b["id"] for b in bodies["data"]] == [BODY]
    body = bodies["data"][0]
    assert (body["name"], body["website"]) == ("Stadt Aachen", "https://www.aachen.de")
    assert body["legislativeTerm"] == []
    assert schema_errors(system) == [] and schema_errors(body) == []


def test_a_crawl_reaches_every_object_once_at_its_id_and_valid(crawled: Crawl) -> None:
    assert crawled.problems == []
    oparl = [found for found in crawled.objects.values() if found["type"].startswith(OPARL)]
    assert [error for found in oparl for error in schema_errors(found)] == []
    for found in crawled.objects.values():
        assert found["id"].startswith(ENTRY + "/") or found["id"] == ENTRY
        for time in ("created", "modified"):  # vendor types too, in the spec's form
            assert found[time][10] == "T" and found[time][-6] in "+-", found
    for type_name, path in LIST_OF.items():
        listed = crawled.lists[f"{BODY}/{path}"]
        assert sorted(listed) == sorted(crawled.of_type(type_name)), type_name
    assert crawled.lists[f"{BODY}/legislative-terms"] == []


def test_the_lists_hold_what_the_api_holds(demo: DemoService, crawled: Crawl) -> None:
    counts = demo.analyst.data(
        "{ papers(first: 1) { totalCount } meetings(first: 1) { totalCount }"
        " bodies(first: 1) { totalCount } organizations(first: 1) { totalCount }"
        " persons(first: 1) { totalCount } cycles { totalCount } }"
    )
    total = {name: found["totalCount"] for name, found in counts.items()}
    assert len(crawled.lists[f"{BODY}/papers"]) == total["papers"]
    assert len(crawled.lists[f"{BODY}/meetings"]) == total["meetings"]
    assert len(crawled.lists[f"{BODY}/organizations"]) == total["bodies"] + total["organizations"]
    assert len(crawled.lists[f"{BODY}/persons"]) == total["persons"]
    assert len(crawled.lists[f"{BODY}/cycles"]) == total["cycles"]
    organizations = crawled.of_type("Organization").values()
    gremien = [o for o in organizations if o["organizationType"] == "Gremium"]
    assert {g["classification"] for g in gremien} >= {
        "Arbeitskreis",
        "Lenkungsgruppe",
        "Sozialkonferenz",
        "Arbeitsgruppe der Sozialkonferenz",
        "Ausschuss",
    }


def test_no_person_is_named_anywhere(demo: DemoService, crawled: Crawl) -> None:
    persons = demo.analyst.data("{ persons(first: 100) { nodes { name } } }")["persons"]
    names = [p["name"] for p in persons["nodes"] if p["name"]]
    assert len(names) >= 3  # the demo registers persons with names: they exist here too
    assert len(crawled.of_type("Person")) == len(persons["nodes"])
    words = {word for name in names for word in [name, *name.split()]}
    named = re.compile("|".join(rf"\b{re.escape(word)}\b" for word in sorted(words)))
    for url, body in crawled.bodies.items():
        assert named.search(body.decode()) is None, url
    for person in crawled.of_type("Person").values():
        assert not {"name", "familyName", "givenName"} & person.keys()


def test_the_council_paper_with_its_consultation_and_the_motion_it_settles(
    crawled: Crawl,
) -> None:
    papers = {p["reference"]: p for p in crawled.of_type("Paper").values()}
    paper = papers["FB 50/0098/WP16"]
    assert paper["paperType"] == "Mitteilung"
    assert paper["relatedPaper"] == [papers["105/16"]["id"]]
    assert papers["105/16"]["paperType"] == "Antrag"
    (consultation,) = paper["consultation"]
    assert consultation["role"] == "Kenntnisnahme" and consultation["authoritative"] is True
    (committee,) = consultation["organization"]
    assert crawled.objects[committee]["name"] == (
        "Ausschuss für Soziales, Integration und Demographie"
    )
    meeting = crawled.objects[consultation["meeting"]]
    assert meeting["start"].startswith("2011-02-24T")
    assert meeting["organization"] == [committee]
    item = crawled.objects[consultation["agendaItem"]]
    assert item["meeting"] == meeting["id"] and item["consultation"] == consultation["id"]
    assert item["result"] == "Zur Kenntnis genommen"
    alone = crawled.objects[consultation["id"]]
    assert alone["paper"] == paper["id"]
    files = paper["auxiliaryFile"]
    assert [f["name"] for f in files] == ["Anlage 1: Ratsantrag 105/16", "Anlage 2: Schaubild"]
    lead = crawled.objects[paper["underDirectionOf"][0]]
    assert (lead["shortName"], lead["organizationType"]) == ("FB 50", "Verwaltungsbereich")
    originator = crawled.objects[papers["105/16"]["originatorOrganization"][0]]
    assert originator["organizationType"] == "Fraktion"


def test_memberships_name_role_period_and_on_whose_behalf(crawled: Crawl) -> None:
    memberships = list(crawled.of_type("Membership").values())
    roles = {m["role"] for m in memberships}
    assert roles >= {"Stellvertretende Leitung", "Hinzugezogenes Mitglied", "Mitglied"}
    # A role change closes one period and opens the next (OParl's endDate: the last day).
    co_opted = next(m for m in memberships if m["role"] == "Hinzugezogenes Mitglied")
    assert (co_opted["startDate"], co_opted["endDate"]) == ("2012-01-15", "2012-12-31")
    assert all("onBehalfOf" in m and m["person"] in crawled.objects for m in memberships)
    person = crawled.objects[co_opted["person"]]
    assert co_opted["id"] in [m["id"] for m in person["membership"]]


def test_measures_and_cycles_are_vendor_objects_linked_by_vendor_properties(
    crawled: Crawl,
) -> None:
    measures = crawled.of_type("sozialplanung:Measure")
    cycles = crawled.of_type("sozialplanung:Cycle")
    assert len(cycles) >= 8 and len(measures) > 100
    assert all(m["cycle"] in cycles for m in measures.values())
    papers = crawled.of_type("Paper").values()
    linked = {url for p in papers for url in p.get("sozialplanung:measure", [])}
    assert linked and linked <= measures.keys()
    assert any(m.get("evaluation") for m in measures.values())
    meetings = crawled.of_type("Meeting").values()
    assert any(m.get("sozialplanung:cycle") in cycles for m in meetings)


def test_every_answer_allows_every_origin_without_being_asked(demo: DemoService) -> None:
    for url in (ENTRY, f"{BODY}/papers", f"{ENTRY}/paper/00000000-0000-4000-8000-000000000000"):
        response = get(demo, url)  # no Origin header
        assert response.headers["access-control-allow-origin"] == "*"
    preflight = demo.analyst.http.options(
        f"{BODY}/papers",
        headers={
            "Origin": "https://ratsinfo.example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "GET" in preflight.headers["access-control-allow-methods"]


def test_errors_are_oparl_error_objects(demo: DemoService) -> None:
    unknown = f"{ENTRY}/paper/00000000-0000-4000-8000-000000000000"
    for url, status in [
        (unknown, 404),
        (f"{ENTRY}/meeting/not-a-key", 404),
        (f"{ENTRY}/nothing/here", 404),
        (f"{ENTRY}/body/2", 404),
        (f"{BODY}/papers?modified_since=2014-01-01", 400),
        (f"{BODY}/papers?modified_since=2014-01-01T00:00:00+01:00", 400),  # '+' not encoded
        (f"{BODY}/papers?created_until=2014-13-01T00%3A00%3A00%2B01%3A00", 400),
        (f"{BODY}/papers?created_since=0001-01-01T00%3A00%3A00%2B01%3A00", 400),
        (f"{BODY}/papers?limit=0", 400),
        (f"{BODY}/papers?limit=many", 400),
        (f"{BODY}/papers?limit=5&limit=6", 400),
        (f"{BODY}/papers?after=bm90IGEgY3Vyc29y", 400),
        (f"{BODY}/papers?omit_internal=yes", 400),
    ]:
        response = get(demo, url)
        assert response.status_code == status, (url, response.text)
        error = response.json()
        assert error["type"] == OPARL + "Error", url
        assert error["message"] and error["debug"]
        assert response.headers["access-control-allow-origin"] == "*"
    posted = demo.analyst.http.post(f"{BODY}/papers", json={})
    assert posted.status_code == 405 and posted.json()["type"] == OPARL + "Error"


def test_another_spelling_of_a_url_is_redirected_to_the_canonical_one(
    demo: DemoService, crawled: Crawl
) -> None:
    paper = next(iter(crawled.of_type("Paper")))
    head, _, key = paper.rpartition("/")
    membership = next(iter(crawled.of_type("Membership")))
    body, _, seq = membership.rpartition("/")
    for spelling, canonical in [
        (f"{head}/{key.upper()}", paper),
        (f"{body}/00{seq}", membership),
        (f"{BODY}/papers/?limit=5", f"{BODY}/papers?limit=5"),
    ]:
        moved = get(demo, spelling)
        assert (moved.status_code, moved.headers["location"]) == (301, canonical)


def test_a_file_names_where_its_content_would_be_and_says_it_is_not_here(
    demo: DemoService, crawled: Crawl
) -> None:
    found = next(iter(crawled.of_type("File").values()))
    response = get(demo, found["accessUrl"])
    assert response.status_code == 404
    assert "Dokumentenmanagement" in response.json()["message"]


def test_pages_follow_each_other_and_keep_the_filters(demo: DemoService) -> None:
    since = "created_since=2000-01-01T00%3A00%3A00%2B01%3A00"
    url: str | None = f"{BODY}/measures?limit=40&{since}"
    canonical = f"{BODY}/measures?{since}&limit=40"  # parameters in alphabetical order
    seen: list[str] = []
    pages = 0
    while url:
        page = get(demo, url).json()
        pages += 1
        assert page["links"]["self"] == (canonical if pages == 1 else url)
        assert page["links"]["first"] == canonical
        assert page["pagination"]["elementsPerPage"] == 40
        assert page["pagination"]["currentPage"] == pages
        seen += [m["id"] for m in page["data"]]
        url = page["links"].get("next")
        if url:
            assert len(page["data"]) == 40 and since in url and "limit=40" in url
    assert len(seen) == len(set(seen)) == page["pagination"]["totalElements"]
    assert pages == page["pagination"]["totalPages"] > 1
    capped = get(demo, f"{BODY}/measures?limit=1000").json()
    assert capped["pagination"]["elementsPerPage"] == len(capped["data"]) == 100


def test_the_time_filters_bound_created_and_modified(demo: DemoService, crawled: Crawl) -> None:
    papers = list(crawled.of_type("Paper").values())
    newest = max(p["modified"] for p in papers)
    encoded = newest.replace(":", "%3A").replace("+", "%2B")
    until = get(demo, f"{BODY}/papers?modified_until={encoded}").json()
    assert until["pagination"]["totalElements"] == len(papers)  # inclusive bound
    since = get(demo, f"{BODY}/papers?modified_since={encoded}").json()
    assert {p["id"] for p in since["data"]} == {p["id"] for p in papers if p["modified"] == newest}
    future = get(demo, f"{BODY}/papers?created_since=2199-01-01T00%3A00%3A00Z").json()
    assert (future["data"], future["pagination"]["totalElements"]) == ([], 0)
    assert "next" not in future["links"]


def test_omit_internal_leaves_out_the_embedded_lists(demo: DemoService) -> None:
    page = get(demo, f"{BODY}/meetings?omit_internal=true&limit=5").json()
    assert all("agendaItem" not in m for m in page["data"])
    assert "omit_internal=true" in page["links"]["next"]
    persons = get(demo, f"{BODY}/persons?omit_internal=true").json()["data"]
    assert persons and all("membership" not in p for p in persons)


def test_an_unchanged_answer_is_304_to_its_etag(demo: DemoService) -> None:
    first = get(demo, f"{BODY}/papers?limit=3")
    second = get(demo, f"{BODY}/papers?limit=3")
    assert first.content == second.content
    etag = first.headers["etag"]
    assert second.headers["etag"] == etag
    again = get(demo, f"{BODY}/papers?limit=3", **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["access-control-allow-origin"] == "*"
    assert get(demo, f"{BODY}/papers?limit=4").headers["etag"] != etag


def test_the_readme_requests_answer(demo: DemoService) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("\n## OParl 1.1\n")[1].split("\n## ")[0]
    urls = re.findall(r"curl -s '?(http://127\.0\.0\.1:8000/oparl/[^'\s]+)", section)
    assert len(urls) >= 4
    for url in urls:
        assert get(demo, url).status_code == 200, url
