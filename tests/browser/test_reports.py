"""The report screen: the demo's counts, drill-down to the children, the PFS list, in both
languages, with no serious accessibility violation."""

from __future__ import annotations

from .conftest import shoot, sign_in, watch
from .test_accessibility import violations


def test_counts_drill_down_and_lists(live_server, new_context):
    page = new_context("1024x768").new_page()
    errors = watch(page)
    sign_in(page, live_server.url, "stateadmin")
    page.click("#reports-link")
    page.wait_for_selector("#count table tbody tr")
    total = page.locator("#count table").first.locator("tbody tr").first
    # The demo's approved family has two children, one served in a summer/intersession project;
    # other browser tests approve more COEs on the same server, so the numbers are the API's.
    counted = page.evaluate(
        """async () => {
            const { call } = await import("/src/api.js");
            const period = document.querySelector("#period").value;
            return (await call("GET", `/api/v1/reports/child-count?period=${period}`)).body;
        }"""
    )
    assert counted["category1"] >= 2
    assert counted["category2"] >= 1
    assert total.locator("td").nth(0).inner_text() == str(counted["category1"])
    assert total.locator("td").nth(1).inner_text() == str(counted["category2"])
    total.locator("td").nth(0).locator("button").click()
    page.wait_for_selector("#drill-table tbody tr")
    assert page.locator("#drill-table tbody tr").count() == min(counted["category1"], 25)
    page.wait_for_selector("#list-table tbody tr")
    assert page.locator("#list-table tbody tr").count() == 1
    assert "Retained in grade" in page.inner_text("#list-table")
    shoot(page, "1024x768", "20-reports")
    assert not violations(page)
    page.click(".lang-switch button[lang=es]")
    page.wait_for_function("document.documentElement.lang === 'es'")
    # The screen is drawn again in Spanish, its numbers and lists fetched again.
    page.wait_for_function("document.querySelector('main h1').textContent === 'Informes'")
    page.wait_for_selector("#list-table tbody tr")
    assert "Repitió el grado" in page.inner_text("#list-table")
    assert not violations(page)
    assert not errors, errors


def test_recruiters_have_no_report_link(live_server, new_context):
    page = new_context("1024x768").new_page()
    sign_in(page, live_server.url, "recruiter1")
    assert page.locator("#reports-link").count() == 0
