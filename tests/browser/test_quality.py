"""The data-quality screen: regional staff see their region's problems from the demo data, follow
a line to the screen where it is fixed, change the period and download the CSV; a state admin
reads it statewide or for one region, in Spanish."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path
from typing import Any

from .conftest import shoot, watch
from .test_review import sign_in_as


def demo_coe(seed: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"campo-demo/{seed}"))


def report(page: Any, query: str) -> dict[str, Any]:
    """The API's own answer, for the numbers (other browser tests change the shared server)."""
    return page.evaluate(
        """async (query) => {
            const { call } = await import("/src/api.js");
            return (await call("GET", `/api/v1/reports/data-quality?${query}`)).body;
        }""",
        query,
    )


def group(page: Any, check: str) -> Any:
    return page.locator(f".quality-group[data-check='{check}']")


def test_regional_staff_see_problems_and_follow_a_line_to_the_record(live_server, new_context):
    url = live_server.url
    page = new_context("1024x768", accept_downloads=True).new_page()
    errors = watch(page)
    sign_in_as(page, url, "regional1", "#summary")
    page.click("#nav-quality")
    page.wait_for_selector("#quality-summary")
    assert page.get_attribute("#nav-quality", "aria-current") == "page"
    period = page.input_value("#q-period")
    expected = report(page, f"period={period}&stale_days=30")
    assert expected["region"]["code"] == "16"
    # The demo's draft lacks a birth date and the interview; it stays a draft in every test.
    assert expected["summary"]["coe.missing_required"] >= 1
    for check, count in expected["summary"].items():
        tile = page.locator(f"#quality-summary [data-check='{check}']")
        assert tile.get_attribute("data-count") == str(count)
        assert group(page, check).locator(".quality-line").count() == count
    assert "Region 16" in page.inner_text("#quality-scope")
    draft = group(page, "coe.missing_required").locator(f"[data-entity='{demo_coe('vang')}']")
    assert "Child 1: Birth date" in draft.inner_text()
    assert draft.locator("a.record-title").get_attribute("href") == f"#/review/{demo_coe('vang')}"
    shoot(page, "1024x768", "30-quality")

    # The summary tile takes the reader to its group.
    page.click("#tile-coe-missing_required")
    assert page.evaluate("document.activeElement.id") == "group-coe-missing_required"

    # The CSV is the same report.
    with page.expect_download() as caught:
        page.click("#q-csv")
    download = caught.value
    assert download.suggested_filename == f"data-quality-16-{period}.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert {row["entity_id"] for row in rows} == {i["entity_id"] for i in expected["issues"]}

    # A line opens the certificate where it is fixed.
    draft.locator("a.record-title").click()
    page.wait_for_function(f"location.hash === '#/review/{demo_coe('vang')}'")
    page.wait_for_selector("main.screen-review h1")

    # Next period, the demo's children are still eligible but nothing shows them here yet.
    page.click("#nav-quality")
    page.wait_for_selector("#quality-summary")
    following = page.locator("#q-period option").first.get_attribute("value")
    page.select_option("#q-period", following)
    page.click("#q-show")
    page.wait_for_selector(f"#quality-scope:has-text('{following}')")
    later = report(page, f"period={following}&stale_days=30")
    assert later["summary"]["child.no_evidence"] >= 2
    children = group(page, "child.no_evidence").locator(".quality-line")
    assert children.count() == later["summary"]["child.no_evidence"]
    assert f"Period {following}" in children.first.inner_text()
    child_id = children.first.get_attribute("data-entity")
    children.first.locator(".fix-link").click()
    page.wait_for_function(f"location.hash === '#/child/{child_id}'")
    page.wait_for_selector("#history-name")

    # A number of days the API refuses is said in words, not a broken screen.
    page.click("#nav-quality")
    page.wait_for_selector("#quality-summary")
    page.fill("#q-stale-days", "0")
    page.click("#q-show")
    page.wait_for_selector("#quality-error")
    assert not errors, errors


def test_a_duplicate_line_opens_the_comparison(live_server, new_context):
    page = new_context("1024x768").new_page()
    errors = watch(page)
    sign_in_as(page, live_server.url, "supervisor1", "#new-coe")
    page.goto(f"{live_server.url}/#/quality")
    page.wait_for_selector("#quality-summary")
    expected = report(page, f"period={page.input_value('#q-period')}&stale_days=30")
    lines = [i for i in expected["issues"] if i["check"] == "coe.unresolved_duplicates"]
    if not lines:  # another test resolved the demo's duplicate: nothing to follow here
        assert group(page, "coe.unresolved_duplicates").locator(".empty").count() == 1
        return
    first = lines[0]
    position = int(first["detail"][0].split(".")[1])
    line = group(page, "coe.unresolved_duplicates").locator(f"[data-entity='{first['entity_id']}']")
    assert f"Child {position + 1}" in line.inner_text()
    line.locator(".fix-link").first.click()
    page.wait_for_function(f"location.hash === '#/duplicates/{first['entity_id']}/{position}'")
    page.wait_for_selector(".side-by-side")
    assert not errors, errors


def test_a_state_admin_reads_it_statewide_or_for_one_region_in_spanish(live_server, new_context):
    page = new_context("1024x768", locale="es-MX").new_page()
    errors = watch(page)
    sign_in_as(page, live_server.url, "stateadmin", "#queue-list")
    page.wait_for_function("document.documentElement.lang === 'es'")
    page.click("#nav-quality")
    page.wait_for_selector("#quality-summary")
    assert page.inner_text("main h1") == "Calidad de los datos"
    assert "Todo el estado" in page.inner_text("#quality-scope")
    statewide = report(page, f"period={page.input_value('#q-period')}&stale_days=30")
    assert statewide["region"] is None
    assert page.locator(".quality-line").count() == len(statewide["issues"])
    assert "Certificados a los que les faltan respuestas obligatorias" in page.inner_text(
        "#group-coe-missing_required"
    )
    region = page.locator("#q-region option", has_text="Region 23 —").get_attribute("value")
    page.select_option("#q-region", region)
    page.click("#q-show")
    page.wait_for_selector("#quality-scope:has-text('Region 23')")  # the region's own name
    theirs = report(page, f"period={page.input_value('#q-period')}&region_id={region}")
    assert page.locator(".quality-line").count() == len(theirs["issues"])
    assert all(i["region"]["code"] == "23" for i in theirs["issues"])
    shoot(page, "1024x768", "31-quality-es")
    assert not errors, errors
