"""Re-interview quality control on screen: the state admin draws a seeded sample, cannot assign
someone who took part in the COE, assigns regional staff; the re-interviewer records "not
eligible" (in Spanish); the report gives the defect rate and its interval."""

from __future__ import annotations

from tests.factories import state_today

from .conftest import shoot, watch
from .test_review import approved_coe, family_answers, sign_in_as

ADMIN_READY = "#queue-list, #decision, .screen-review"


def user_id(page, username: str) -> int:
    return page.evaluate(
        """async (username) => {
            const { call } = await import("/src/api.js");
            const events = await call("GET", `/api/v1/audit/events?user=${username}&page_size=1`);
            return events.body[0].actor_id;
        }""",
        username,
    )


def test_draw_assign_record_and_report(live_server, new_context):
    url = live_server.url
    coe = approved_coe(url, family_answers("Cisneros", "Jacinto", sex="male"))
    today = state_today().isoformat()

    admin = new_context("1024x768").new_page()
    errors = watch(admin)
    sign_in_as(admin, url, "stateadmin", ADMIN_READY)
    admin.click("#nav-reinterviews")
    admin.wait_for_selector("#draw-form")
    assert admin.get_attribute("#nav-reinterviews", "aria-current") == "page"
    admin.fill("#draw-start", today)
    admin.fill("#draw-end", today)
    admin.fill("#draw-rate", "100")
    admin.fill("#draw-seed", "campo-qc-2026")
    admin.click("#draw-submit")
    admin.wait_for_selector("#items-table")
    assert admin.inner_text("#sample-seed") == "campo-qc-2026"
    sample_id = admin.url.rsplit("/", 1)[1]
    row = admin.locator(f'#items-table tr[data-coe="{coe["id"]}"]')
    assert "Cisneros" in row.inner_text()
    assert row.get_attribute("data-outcome") == "pending"
    assert "No defect rate yet" in admin.inner_text("#defect-rate")
    position = row.get_attribute("data-position")

    # The list offers the region's staff; the COE's own reviewer is refused with the coded error.
    options = row.locator(f"#assign-{position} option").all_inner_texts()
    assert any("regional1" in o for o in options)
    assert not any("recruiter1" in o for o in options)
    assert not any("supervisor2" in o for o in options)
    row.locator(f"#assign-{position}").select_option(
        label=next(o for o in options if "supervisor1" in o)
    )
    row.locator(f"#assign-button-{position}").click()
    refusal = admin.locator(f"#assign-failure-{position}")
    refusal.wait_for()
    assert refusal.get_attribute("data-code") == "reinterview.not_independent"
    assert "took part in the original certificate" in refusal.inner_text()
    regional = user_id(admin, "regional1")
    row.locator(f"#assign-{position}").select_option(str(regional))
    row.locator(f"#assign-button-{position}").click()
    admin.wait_for_selector(f'#items-table tr[data-coe="{coe["id"]}"] .assigned-to')
    assert "regional1" in admin.inner_text(f'#items-table tr[data-coe="{coe["id"]}"] .assigned-to')
    item_id = admin.get_attribute(f'#items-table tr[data-coe="{coe["id"]}"]', "data-id")
    shoot(admin, "1024x768", "40-reinterview-sample")

    # The re-interviewer, in Spanish, records "not eligible" with a reason.
    staff = new_context("1024x768").new_page()
    staff_errors = watch(staff)
    sign_in_as(staff, url, "regional1", "#summary")
    staff.click(".lang-switch button[lang=es]")
    staff.wait_for_function("document.documentElement.lang === 'es'")
    staff.click("#nav-reinterviews")
    item = staff.locator(f'.reinterview-item[data-id="{item_id}"]')
    item.wait_for()
    assert staff.inner_text("main h1") == "Reentrevistas"
    assert "No elegible" in item.inner_text()
    item.locator(f"#outcome-not_eligible-{item_id}").check()
    staff.wait_for_selector(f"#reason-{item_id}", state="visible")
    shoot(staff, "1024x768", "42-reinterview-outcome-es")
    item.locator(f"#record-{item_id}").click()
    missing = staff.locator(f"#outcome-failure-{item_id}")
    missing.wait_for()
    assert missing.get_attribute("data-code") == "reinterview.reason_required"
    item.locator(f"#reason-{item_id}").select_option("no_district_change")
    item.locator(f"#date-{item_id}").fill(today)
    item.locator(f"#record-{item_id}").click()
    staff.wait_for_selector(f'.reinterview-item[data-id="{item_id}"][data-outcome="not_eligible"]')
    done = staff.inner_text(f'.reinterview-item[data-id="{item_id}"]')
    assert "No elegible" in done
    assert "distrito escolar" in done  # the reason, in Spanish
    # The sample, seen by regional staff: their region's children, read-only, no report.
    staff.goto(f"{url}/#/reinterviews/{sample_id}")
    staff.wait_for_selector(f'#items-table tr[data-id="{item_id}"][data-outcome="not_eligible"]')
    assert staff.locator("#items-table .assign-form").count() == 0
    assert staff.locator("#report").count() == 0
    assert not staff_errors, staff_errors

    # The report: one re-interviewed, not eligible: 100% with its 95% Wilson interval.
    # Back to the list of samples (with its seed), and into the sample again.
    admin.click("a.back-link")
    listed = admin.locator(f'#samples-table tr[data-id="{sample_id}"]')
    listed.wait_for()
    assert "campo-qc-2026" in listed.inner_text()
    listed.locator("a").click()
    admin.wait_for_selector("#report .defect-value")
    report = admin.evaluate(
        """async (id) => {
            const { call } = await import("/src/api.js");
            return (await call("GET", `/api/v1/reinterviews/samples/${id}/report`)).body;
        }""",
        sample_id,
    )
    assert report["not_eligible"] == 1
    assert report["reinterviewed"] == 1
    assert admin.inner_text("#defect-rate .defect-value") == "100.0%"
    assert admin.inner_text("#defect-interval") == (
        "95% confidence interval (Wilson): 20.7% to 100.0%"
    )
    counts = admin.eval_on_selector_all(
        "#report-counts dd",
        "(cells) => Object.fromEntries(cells.map(c => [c.dataset.count, c.textContent]))",
    )
    assert counts["not-eligible"] == "1"
    assert counts["confirmed"] == "0"
    assert counts["drawn"] == str(report["sample_size"])
    assert counts["pending"] == str(report["pending"])
    assert "The move did not cross school district lines: 1" in admin.inner_text("#report-reasons")
    assert (
        admin.get_attribute(f'#items-table tr[data-id="{item_id}"]', "data-outcome")
        == "not_eligible"
    )
    # Recorded: no more assigning it.
    assert admin.locator(f'#items-table tr[data-id="{item_id}"] .assign-form').count() == 0
    assert not errors, errors


def test_a_bad_draw_gets_the_servers_coded_refusal(live_server, new_context):
    page = new_context("1024x768").new_page()
    sign_in_as(page, live_server.url, "stateadmin", ADMIN_READY)
    page.goto(f"{live_server.url}/#/reinterviews")
    page.wait_for_selector("#draw-form")
    # Long before any COE: nobody to draw.
    page.fill("#draw-start", "2001-01-01")
    page.fill("#draw-end", "2001-12-31")
    page.click("#draw-submit")
    page.wait_for_selector("#draw-error")
    assert page.get_attribute("#draw-error", "data-code") == "reinterview.population_empty"


def test_recruiters_have_no_reinterview_screen(live_server, new_context):
    page = new_context("1024x768").new_page()
    sign_in_as(page, live_server.url, "recruiter1", "#new-coe")
    assert page.locator("#nav-reinterviews").count() == 0
    page.goto(f"{live_server.url}/#/reinterviews")
    page.wait_for_selector("main h1")
    assert page.locator("#draw-form, #mine").count() == 0
