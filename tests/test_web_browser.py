"""The dashboard in headless Chromium (Debian's /usr/bin/chromium): markers appear, brushing the
timeline narrows the map, an event opens with its evidence highlighted, and no request leaves the
machine. Screenshots go to bench/results/ for a person to look at."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from conflictatlas.model import Evidence
from conflictatlas.store import open_store
from store_factories import MOSUL, PALMYRA, RAQQA, SUVA, make_article, make_event

CHROMIUM = Path("/usr/bin/chromium")
RESULTS = Path(__file__).resolve().parents[1] / "bench" / "results"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SENTENCE = "Syrian forces retook Palmyra from Islamic State on Sunday, killing 12 fighters."
EVIDENCE = tuple(
    Evidence(field, span, SENTENCE.index(span), SENTENCE.index(span) + len(span), SENTENCE, 0, "art-b0")
    for field, span in [
        ("sub_event_type", "retook"),
        ("actor1", "Syrian forces"),
        ("location", "Palmyra"),
        ("fatalities", "killing 12"),
    ]
)

SHOWN_JS = "[...document.querySelectorAll('.ev-marker')].reduce((n, e) => n + Number(e.dataset.count), 0)"
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium: run scripts/install-browser"
)


def _build_store(path: Path) -> int:
    """60 events over 60 days in Syria and Iraq, and one in Fiji on its own; returns how many."""
    kinds = [("Battles", "Armed clash"), ("Protests", "Peaceful protest"), ("Riots", "Mob violence")]
    with open_store(str(path)) as store:
        for i in range(60):
            article = make_article(f"b{i}")
            kind = kinds[i % 3]
            event = make_event(
                f"b{i}",
                article.id,
                event_date=date(2016, 2, 1) + timedelta(days=i),
                place=(PALMYRA, RAQQA, MOSUL)[i % 3],
                event_type=kind[0],
                sub_event_type=kind[1],
                fatalities=i % 9,
                evidence=EVIDENCE if i == 0 else (),
            )
            store.ingest(article, [event])
        fiji = make_article("fiji")
        store.ingest(
            fiji, [make_event("fiji", fiji.id, place=SUVA, evidence=EVIDENCE, event_date=date(2016, 3, 1))]
        )
    return 61


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    import uvicorn

    from conflictatlas.web import create_app

    db = tmp_path_factory.mktemp("web") / "atlas.db"
    _build_store(db)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 850})
        outside: list[str] = []

        def only_local(route):
            if route.request.url.startswith(server):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        tab.goto(server + "/")
        yield tab
        assert not outside, f"the page tried to reach outside the server: {outside}"
        assert not errors, f"errors in the page: {errors}"
        browser.close()


def _until(page, expression: str, timeout: float = 10) -> None:
    """Poll `expression` (a JS function) until it returns true. Not page.wait_for_function: that evaluates
    strings inside the page, which our Content-Security-Policy (rightly) forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        time.sleep(0.05)


def _shown(page) -> int:
    """Events on the map: the sum of the markers' counts."""
    return page.eval_on_selector_all(
        ".ev-marker", "els => els.reduce((n, e) => n + Number(e.dataset.count), 0)"
    )


def test_map_shows_every_event(page):
    page.wait_for_selector(".ev-marker")
    _until(page, "() => document.querySelector('#count').textContent.startsWith('61 events')")
    page.wait_for_selector("#timeline rect.bar")
    page.wait_for_selector(".leaflet-overlay-pane path")  # the basemap
    assert _shown(page) == 61
    assert page.locator(".ev-marker.single").count() >= 1  # Fiji, alone


def test_brushing_the_timeline_narrows_the_map(page):
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.05, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    page.mouse.up()
    _until(page, "() => !document.querySelector('#count').textContent.startsWith('61 ')")
    narrowed = int(page.text_content("#count").split()[0])
    assert 5 < narrowed < 30
    _until(page, f"() => {SHOWN_JS} === {narrowed}")
    assert "start=2016-02-0" in page.get_attribute("#export-csv", "href")
    page.click("#brush-clear")
    _until(page, "() => document.querySelector('#count').textContent.startsWith('61 events')")


def test_event_panel_highlights_the_evidence(page):
    page.click(".ev-marker.single")
    page.wait_for_selector("#panel:not([hidden]) .evidence mark")
    marks = page.eval_on_selector_all(
        ".evidence mark", "els => els.map(e => [e.textContent, e.dataset.field])"
    )
    assert marks == [
        ["Syrian forces", "actor1"],
        ["retook", "sub_event_type"],
        ["Palmyra", "location"],
        ["killing 12", "fatalities"],
    ]
    assert page.text_content(".evidence") == SENTENCE  # the marks add no text
    assert "Title fiji" in page.text_content("#panel .sources")
    page.screenshot(path=str(RESULTS / "event-panel.png"))


def test_clicking_a_cluster_zooms_into_it(page):
    page.click("#panel-close")
    page.click(".ev-marker.cluster")
    _until(page, "() => document.querySelector('#count').textContent.startsWith('60 events')")  # no Fiji
    assert _shown(page) == 60 and page.locator(".ev-marker").count() >= 2  # Mosul apart from Syria
    page.screenshot(path=str(RESULTS / "dashboard.png"))
