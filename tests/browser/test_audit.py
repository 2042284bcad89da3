"""The state admin searches the audit trail by user, period and child, pages through it and
downloads the same search as CSV; nobody else gets the screen."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.factories import state_today

from .conftest import shoot, watch
from .test_review import approved_coe, family_answers, sign_in_as


def events(page, query: str) -> dict:
    """What the API answers for the same search (itself audited, as the screen's is)."""
    return page.evaluate(
        """async (query) => {
            const { call } = await import("/src/api.js");
            const response = await call("GET", `/api/v1/audit/events?${query}`);
            return { rows: response.body, meta: JSON.parse(response.headers.get("X-Pagination")) };
        }""",
        query,
    )


def mark_stale(page) -> None:
    # The answer replaces the whole screen: mark the old one, so waiting sees only the new one.
    page.evaluate("document.querySelector('#audit-results, #audit-error').dataset.stale = 'yes'")


def wait_fresh(page) -> None:
    page.wait_for_selector("#audit-results:not([data-stale]), #audit-error:not([data-stale])")


def search(page, **fields: str) -> None:
    """Fill the search (every field not given left empty), send it, wait for the new answer."""
    for name in ("child", "user", "from", "to", "action"):
        page.fill(f"#audit-{name}", fields.get(name, ""))
    mark_stale(page)
    page.click("#audit-submit")
    wait_fresh(page)


def test_the_state_admin_searches_the_trail_and_downloads_it(
    live_server, new_context, tmp_path: Path
):
    url = live_server.url
    coe = approved_coe(url, family_answers("Bustamante", "Itzel"))
    number = coe["children"][0]["statewide_number"]
    today = state_today().isoformat()

    page = new_context("1024x768").new_page()
    errors = watch(page)
    sign_in_as(page, url, "stateadmin", "#queue-list, #decision, .screen-review")
    page.click("#nav-audit")
    page.wait_for_selector("#audit-table tbody tr")
    assert page.get_attribute("#nav-audit", "aria-current") == "page"
    # Newest first: the screen starts with the last event before its own search (audited).
    first = page.locator("#audit-table tbody tr").first
    latest = events(page, "page_size=2")["rows"]
    assert latest[0]["action"] == "audit.searched"
    assert latest[0]["actor_username"] == "stateadmin"
    assert int(first.get_attribute("data-seq")) == latest[1]["seq"]
    seqs = page.eval_on_selector_all(
        "#audit-table tbody tr", "(rows) => rows.map(r => +r.dataset.seq)"
    )
    assert seqs == sorted(seqs, reverse=True)
    assert len(seqs) == 25  # a page
    # The next page goes on from there.
    mark_stale(page)
    page.click("#audit-next")
    wait_fresh(page)
    assert page.inner_text("#audit-page-of").startswith("Page 2 of ")
    # Each search is itself an event, yet page 2 starts right where page 1 ended: the pages
    # are held at page 1's newest event.
    second = page.eval_on_selector_all(
        "#audit-table tbody tr", "(rows) => rows.map(r => +r.dataset.seq)"
    )
    assert second == sorted(second, reverse=True)
    held = events(page, f"until_seq={seqs[0]}&page_size=50")["rows"]
    assert [row["seq"] for row in held] == seqs + second
    mark_stale(page)
    page.click("#audit-prev")
    wait_fresh(page)
    again = page.eval_on_selector_all(
        "#audit-table tbody tr", "(rows) => rows.map(r => +r.dataset.seq)"
    )
    assert again == seqs

    # By user: only supervisor1's events, the approval among them, with its fields, no values.
    search(page, user="supervisor1")
    page.wait_for_selector("#audit-table tbody tr")
    actors = page.eval_on_selector_all(
        "#audit-table tbody tr",
        "(rows) => rows.map(r => r.querySelector('.audit-actor').textContent)",
    )
    assert set(actors) == {"supervisor1"}
    expected = events(page, "user=supervisor1&page_size=1")["meta"]["total"]
    assert int(page.inner_text("#audit-total")) == expected
    approved = page.locator(
        f'#audit-table tbody tr[data-action="coe.approved"]:has-text("{coe["id"]}")'
    )
    assert approved.count() == 1
    assert "Supervisor" in approved.inner_text()
    assert "Bustamante" not in page.inner_text("#audit-table")
    shoot(page, "1024x768", "41-audit-trail")

    # By period: today has events; a year long past has none; a period ending before it starts
    # is refused with the server's coded message.
    search(page, **{"from": today, "to": today, "user": "supervisor1"})
    page.wait_for_selector("#audit-table tbody tr")
    assert int(page.inner_text("#audit-total")) == expected
    search(page, **{"from": "2001-01-01", "to": "2001-12-31"})
    page.wait_for_selector("#audit-empty")
    assert page.inner_text("#audit-total") == "0"
    search(page, **{"from": "2001-12-31", "to": "2001-01-01"})
    page.wait_for_selector("#audit-error")
    assert page.get_attribute("#audit-error", "data-code") == "request.period_invalid"
    assert "cannot be before its start" in page.inner_text("#audit-error")

    # By child: the statewide number finds the COE's submission and approval.
    search(page, child=number)
    page.wait_for_selector("#audit-table tbody tr")
    actions = page.eval_on_selector_all(
        "#audit-table tbody tr", "(rows) => rows.map(r => r.dataset.action)"
    )
    assert {"coe.submitted", "coe.approved"} <= set(actions)
    search(page, child="not-a-number")
    page.wait_for_selector("#audit-error")
    assert page.get_attribute("#audit-error", "data-code") == "student_number.invalid"

    # The CSV holds the same search: supervisor1's events today, newest first.
    search(page, **{"from": today, "to": today, "user": "supervisor1", "action": "coe.*"})
    page.wait_for_selector("#audit-table tbody tr")
    shown = int(page.inner_text("#audit-total"))
    with page.expect_download() as download:
        page.click("#audit-csv")
    path = tmp_path / "audit.csv"
    download.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == shown > 0
    assert {row["actor_username"] for row in rows} == {"supervisor1"}
    assert all(row["action"].startswith("coe.") for row in rows)
    assert coe["id"] in {row["entity_id"] for row in rows}
    assert [int(r["seq"]) for r in rows] == sorted((int(r["seq"]) for r in rows), reverse=True)

    # In Spanish, the screen and the server's refusals speak Spanish.
    page.click(".lang-switch button[lang=es]")
    page.wait_for_function(
        "document.querySelector('main h1').textContent === 'Registro de auditoría'"
    )
    search(page, **{"from": "2001-12-31", "to": "2001-01-01"})
    page.wait_for_selector("#audit-error")
    assert "cannot" not in page.inner_text("#audit-error")
    assert not errors, errors


def test_only_state_admins_have_the_audit_screen(live_server, new_context):
    page = new_context("1024x768").new_page()
    sign_in_as(page, live_server.url, "supervisor1", "#new-coe")
    assert page.locator("#nav-audit").count() == 0
    assert page.locator("#nav-reinterviews").count() == 1
    page.goto(f"{live_server.url}/#/audit")
    page.wait_for_selector("main h1")
    assert "Only state administrators" in page.inner_text("main")
    assert page.locator("#audit-search").count() == 0
