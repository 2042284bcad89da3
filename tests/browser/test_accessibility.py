"""An accessibility scan of every screen with axe-core: no serious or critical violation."""

from __future__ import annotations

from pathlib import Path

from tests.factories import state_today

from .conftest import PASSWORD, PIN
from .test_review import api, approved_coe, family_answers, sign_in_as, submitted_coe, token_of

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => {
                    const where = v.nodes.slice(0, 3).map(n => n.target.join(" "));
                    return `${v.id} (${v.impact}): ${where.join(", ")}`;
                });
        }"""
    )
    return list(found)


def test_the_scan_finds_a_violation_when_there_is_one(live_server, new_context):
    page = new_context("1024x768").new_page()
    page.goto(live_server.url + "/")
    page.set_content('<html lang="en"><title>x</title><main><input type="text"></main></html>')
    assert any(found.startswith("label ") for found in violations(page))


def test_no_serious_or_critical_accessibility_violation_on_any_screen(live_server, new_context):
    page = new_context("1024x768").new_page()
    page.goto(live_server.url + "/")
    page.wait_for_selector("#username")
    report = {"login": violations(page)}
    page.fill("#username", "recruiter2")
    page.fill("#password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_selector("#new-pin")
    report["choose-pin"] = violations(page)
    page.fill("#new-pin", PIN)
    page.fill("#new-pin-again", PIN)
    page.click("#save-pin")
    page.wait_for_selector("#new-coe")
    report["home"] = violations(page)
    page.click("#new-coe")
    page.wait_for_selector("#f-family-parent1_last_name")
    report["family"] = violations(page)
    for name in ("child", "move", "comments", "signatures", "review"):
        page.click("#next")
        page.wait_for_selector("#step-title")
        report[name] = violations(page)
    page.click(".lang-switch button[lang=es]")
    page.wait_for_function("document.documentElement.lang === 'es'")
    report["review-es"] = violations(page)
    page.click("#lock-now")
    page.wait_for_selector("#pin")
    report["locked-es"] = violations(page)
    problems = {screen: found for screen, found in report.items() if found}
    assert not problems, problems


def test_no_serious_or_critical_violation_on_the_review_and_regional_screens(
    live_server, new_context
):
    url = live_server.url
    known = approved_coe(url, family_answers("Villalobos", "Ximena"))["id"]
    duplicate = submitted_coe(url, family_answers("Villalobos", "Ximena", birth_city="Uruapan"))

    report = {}
    for language in ("en", "es"):
        page = new_context("1024x768").new_page()
        sign_in_as(page, url, "supervisor1", "#new-coe")
        if language == "es":
            page.click(".lang-switch button[lang=es]")
            page.wait_for_function("document.documentElement.lang === 'es'")
        page.goto(f"{url}/#/review")
        page.wait_for_selector("#queue-list")
        report[f"queue-{language}"] = violations(page)
        page.goto(f"{url}/#/review/{duplicate}")
        page.wait_for_selector("#decision")
        report[f"review-{language}"] = violations(page)
        page.click("#decide-approve")
        page.wait_for_selector("#signature-reviewer")
        report[f"review-approve-{language}"] = violations(page)
        page.click("#decide-return")
        page.wait_for_selector("#reason-other")
        report[f"review-return-{language}"] = violations(page)
        page.goto(f"{url}/#/review/{known}")
        page.wait_for_selector("#decision-done")
        report[f"review-decided-{language}"] = violations(page)
        page.goto(f"{url}/#/regional")
        page.wait_for_selector("#summary")
        report[f"regional-{language}"] = violations(page)
        page.goto(f"{url}/#/duplicates/{duplicate}/0")
        page.wait_for_selector(".side-by-side")
        report[f"duplicates-{language}"] = violations(page)
    problems = {screen: found for screen, found in report.items() if found}
    assert not problems, problems


def test_no_serious_or_critical_violation_on_the_history_screens(live_server, new_context):
    """The child screen with its editor (an add form with a refused save, a correction form,
    the delete question) and the import screen with a refused file, in English and Spanish."""
    import sqlalchemy as sa

    from campo.families.models import Child

    url = live_server.url
    with live_server.database.transaction() as session:
        child = session.scalars(
            sa.select(Child).where(Child.first_name == "Ana Sofía").order_by(Child.statewide_number)
        ).first()
        assert child is not None
        child_id, number, region_id = child.id, child.statewide_number, child.region_id
    bad_file = f"statewide_number,enrollment_type,school_name,enrollment_date\n{number},09,,soon\n"

    report = {}
    for language, username in (("en", "regional1"), ("es", "stateadmin")):
        page = new_context("1024x768").new_page()
        sign_in_as(page, url, username, "main.screen-regional, main.screen-review")
        if language == "es":
            page.click(".lang-switch button[lang=es]")
            page.wait_for_function("document.documentElement.lang === 'es'")
        page.goto(f"{url}/#/child/{child_id}")
        page.wait_for_selector("#enrollments-records")
        report[f"child-editor-{language}"] = violations(page)
        page.click("#add-enrollments")
        page.click("#h-enrollments-save")  # nothing filled in: every required field refused
        page.wait_for_selector("#h-enrollments-school_name-error:not(:empty)")
        report[f"child-add-refused-{language}"] = violations(page)
        page.click("#h-enrollments-cancel")
        page.locator("#enrollments-records .record-correct").first.click()
        page.wait_for_selector("#h-enrollments-form")
        report[f"child-correct-{language}"] = violations(page)
        page.locator("#enrollments-records .record-delete").first.click()
        page.wait_for_selector("dialog[open]")
        report[f"child-delete-{language}"] = violations(page)
        page.click("dialog .button.secondary")
        page.click("#nav-history-import")
        page.wait_for_selector("#import-columns")
        report[f"import-{language}"] = violations(page)
        if language == "es":
            page.select_option("#import-region", str(region_id))
        page.set_input_files(
            "#import-file",
            files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": bad_file.encode()}],
        )
        page.click("#import-send")
        page.wait_for_selector("#import-errors")
        report[f"import-refused-{language}"] = violations(page)


def test_no_serious_or_critical_violation_on_the_quality_notice_and_msix_screens(
    live_server, new_context
):
    from tests.api.test_msix import other_state_file

    from .test_move_notices import demo_child, region_id
    from .test_review import api, token_of

    url = live_server.url
    ana = demo_child(live_server, "Ana Sofía")
    # A notice waiting in region 23, so the list has a row to scan.
    api(
        url,
        "POST",
        "/api/v1/move-notices",
        {"child_id": str(ana.id), "to_region_id": region_id(live_server, "23")},
        token_of(url, "regional1"),
    )
    broken = other_state_file(ana, bad_line=True)

    report = {}
    for language in ("en", "es"):
        staff = new_context("1024x768").new_page()
        sign_in_as(staff, url, "regional2", "#summary")
        admin = new_context("1024x768").new_page()
        sign_in_as(admin, url, "stateadmin", "#queue-list")
        for page in (staff, admin):
            if language == "es":
                page.click(".lang-switch button[lang=es]")
                page.wait_for_function("document.documentElement.lang === 'es'")
        staff.goto(f"{url}/#/quality")
        staff.wait_for_selector("#quality-summary")
        report[f"quality-{language}"] = violations(staff)
        staff.goto(f"{url}/#/move-notices")
        staff.wait_for_selector("#notice-list .move-notice-row")
        report[f"move-notices-{language}"] = violations(staff)

        admin.goto(f"{url}/#/quality")
        admin.wait_for_selector("#q-region")
        admin.fill("#q-stale-days", "0")
        admin.click("#q-show")
        admin.wait_for_selector("#quality-error")
        report[f"quality-statewide-error-{language}"] = violations(admin)
        admin.goto(f"{url}/#/child/{ana.id}")
        admin.wait_for_selector("#move-notice-form")
        admin.click("#mn-send")
        admin.wait_for_selector("#mn-error")
        report[f"child-move-notice-{language}"] = violations(admin)
        admin.goto(f"{url}/#/move-notices")
        admin.wait_for_selector("#incoming-form")
        admin.click("#in-record")
        admin.wait_for_selector("#in-error")
        report[f"move-notices-admin-{language}"] = violations(admin)
        admin.goto(f"{url}/#/msix")
        admin.wait_for_selector("#import-form")
        admin.set_input_files(
            "#msix-file",
            files=[{"name": "x.csv", "mimeType": "text/csv", "buffer": broken.encode()}],
        )
        admin.click("#msix-import")
        admin.wait_for_selector("#import-error")
        report[f"msix-{language}"] = violations(admin)


def test_no_serious_or_critical_violation_on_the_audit_and_reinterview_screens(
    live_server, new_context
):
    url = live_server.url
    coe = approved_coe(url, family_answers("Echeverría", "Abril"))["id"]
    admin = token_of(url, "stateadmin")
    today = state_today().isoformat()
    period = {"period_start": today, "period_end": today, "rate": 1, "seed": "axe-scan"}
    sample = api(url, "POST", "/api/v1/reinterviews/samples", period, admin)
    item = next(i for i in sample["items"] if i["coe_id"] == coe)
    regional = api(url, "GET", "/api/v1/me", token=token_of(url, "regional1"))["id"]
    assign = {"reinterviewer_id": regional}
    api(url, "POST", f"/api/v1/reinterviews/items/{item['id']}/assign", assign, admin)

    report = {}
    for language in ("en", "es"):
        page = new_context("1024x768").new_page()
        sign_in_as(page, url, "stateadmin", "#queue-list, #decision, .screen-review")
        if language == "es":
            page.click(".lang-switch button[lang=es]")
            page.wait_for_function("document.documentElement.lang === 'es'")
        page.goto(f"{url}/#/audit")
        page.wait_for_selector("#audit-table")
        report[f"audit-{language}"] = violations(page)
        page.fill("#audit-from", "2001-12-31")
        page.fill("#audit-to", "2001-01-01")
        page.click("#audit-submit")
        page.wait_for_selector("#audit-error")
        report[f"audit-error-{language}"] = violations(page)
        page.goto(f"{url}/#/reinterviews")
        page.wait_for_selector("#samples-table")
        report[f"reinterviews-{language}"] = violations(page)
        page.goto(f"{url}/#/reinterviews/{sample['id']}")
        page.wait_for_selector("#items-table")
        report[f"reinterview-sample-{language}"] = violations(page)

        staff = new_context("1024x768").new_page()
        sign_in_as(staff, url, "regional1", "#summary")
        if language == "es":
            staff.click(".lang-switch button[lang=es]")
            staff.wait_for_function("document.documentElement.lang === 'es'")
        staff.goto(f"{url}/#/reinterviews")
        staff.wait_for_selector(f'.reinterview-item[data-id="{item["id"]}"] form')
        staff.check(f"#outcome-not_eligible-{item['id']}")
        staff.wait_for_selector(f"#reason-{item['id']}", state="visible")
        report[f"reinterviews-mine-{language}"] = violations(staff)
    problems = {screen: found for screen, found in report.items() if found}
    assert not problems, problems
