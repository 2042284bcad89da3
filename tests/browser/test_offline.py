"""The recruiter's day, in a real browser: offline interview, queued, closed, reopened, synced.

Also: the service worker serves the app with the network off, and a server that answers 500
for the first tries still ends with exactly one COE.
"""

from __future__ import annotations

import json

from tests.factories import state_today

from .conftest import (
    days_ago,
    queued_entry,
    shoot,
    sign_in,
    unlock,
    wait_for_service_worker,
    watch,
)

SIZE = "1024x768"


def fill(page, values: dict[str, str]) -> None:
    for selector, value in values.items():
        page.fill(selector, value)


def sign_on(page, canvas: str) -> None:
    """Draw a wavy signature on a canvas with the mouse, as a finger would."""
    page.locator(canvas).evaluate("(element) => element.scrollIntoView({ block: 'center' })")
    box = page.locator(canvas).bounding_box()
    x0, y0 = box["x"] + 40, box["y"] + box["height"] / 2
    page.mouse.move(x0, y0)
    page.mouse.down()
    for step in range(1, 30):
        page.mouse.move(x0 + step * 14, y0 + (30 if step % 4 < 2 else -30), steps=2)
    page.mouse.up()


def next_step(page) -> None:
    page.click("#next")
    page.wait_for_selector("#step-title")


def fill_child(page, index: int, child: dict[str, str]) -> None:
    prefix = f"#f-children-{index}-"
    fill(
        page,
        {
            prefix + "last_name1": child["last_name1"],
            prefix + "last_name2": child["last_name2"],
            prefix + "first_name": child["first_name"],
            prefix + "birth_date": child["birth_date"],
            prefix + "residency_date": child["residency_date"],
        },
    )
    page.check(prefix + ("sex-0" if child["sex"] == "female" else "sex-1"))
    page.select_option(prefix + "grade", child["grade"])


def outbox_count(page) -> int:
    return int(page.locator("#outbox-title .count").inner_text())


def test_offline_interview_in_spanish_with_two_children(live_server, new_context):
    before = {str(coe.id) for coe in live_server.coes()}
    qad = days_ago(60)
    context = new_context(SIZE, locale="es-MX")
    page = context.new_page()
    errors = watch(page)
    page.goto(live_server.url + "/")
    page.wait_for_selector("#username")
    assert page.locator("html").get_attribute("lang") == "es"  # the browser's language first
    shoot(page, SIZE, "01-login")
    sign_in(page, live_server.url)
    wait_for_service_worker(page)
    shoot(page, SIZE, "02-home")

    context.set_offline(True)
    page.click("#new-coe")
    page.wait_for_selector("#f-family-parent1_last_name")
    fill(
        page,
        {
            "#f-family-parent1_last_name": "Núñez",
            "#f-family-parent1_first_name": "Ignacio",
            "#f-family-address": "18 Camino del Campo",
            "#f-family-city": "Salinas",
            "#f-family-zip_code": "93905",
        },
    )
    page.select_option("#f-family-state", "CA")
    shoot(page, SIZE, "03-family")
    next_step(page)

    fill_child(
        page,
        0,
        {
            "last_name1": "Núñez",
            "last_name2": "Peña",
            "first_name": "María José",
            "sex": "female",
            "birth_date": "2018-03-14",
            "residency_date": qad,
            "grade": "03",
        },
    )
    shoot(page, SIZE, "04-child")
    page.click("#add-child")
    page.wait_for_selector("#f-children-1-first_name")
    fill_child(
        page,
        1,
        {
            "last_name1": "Núñez",
            "last_name2": "Peña",
            "first_name": "Jesús",
            "sex": "male",
            "birth_date": "2012-07-31",
            "residency_date": qad,
            "grade": "08",
        },
    )
    next_step(page)

    fill(
        page,
        {
            "#f-move-from_city": "Yuma",
            "#f-move-from_district": "Yuma Elementary",
            "#f-move-to_city": "Salinas",
            "#f-move-to_district": "Alisal Union",
            "#f-move-worker_first_name": "Ignacio",
            "#f-move-worker_last_name": "Núñez",
            "#f-move-qualifying_arrival_date": qad,
            "#f-move-work_description": "cortar lechuga",
        },
    )
    page.select_option("#f-move-from_state", "AZ")
    page.select_option("#f-move-to_state", "CA")
    page.check("#f-move-moved_how-1")  # with the worker
    page.check("#f-move-worker_relationship-1")  # the child's parent
    page.check("#f-move-economic_necessity-0")  # yes
    page.check("#f-move-work_outcome-0")  # engaged in the work
    page.check("#f-move-employment-0")  # seasonal
    page.check("#f-move-work_type-0")  # agricultural
    shoot(page, SIZE, "05-move")
    next_step(page)
    shoot(page, SIZE, "06-comments")
    next_step(page)

    page.fill("#f-interview-interviewee_name", "Ignacio Núñez")
    page.select_option("#f-interview-interviewee_relationship", "parent")
    assert page.input_value("#f-interview-interview_date") == state_today().isoformat()
    sign_on(page, "#signature-interviewee")
    sign_on(page, "#signature-recruiter")
    page.wait_for_selector("#signature-recruiter ~ * .signature-status.ok, .signature-status.ok")
    shoot(page, SIZE, "07-signatures")

    # Editing an answer after signing clears the signatures and says why.
    page.fill("#f-interview-interviewee_name", "Ignacio Núñez Peña")
    page.wait_for_selector(".toast-warning")
    next_step(page)
    assert page.locator("#verdict").get_attribute("class").endswith("verdict-todo")
    page.click("#back")
    page.wait_for_selector("#signature-interviewee")
    assert page.locator(".banner.inline").count() == 1
    sign_on(page, "#signature-interviewee")
    sign_on(page, "#signature-recruiter")
    next_step(page)

    page.wait_for_selector("#verdict.verdict-ok")
    # The check is asked in the background; with no network it says the server will run it.
    page.wait_for_selector("#duplicates .notice")
    assert "No hay conexión" in page.inner_text("#duplicates")
    shoot(page, SIZE, "08-review")
    page.click("#queue")
    page.wait_for_selector("#outbox-list .record")
    assert outbox_count(page) == 1
    coe_id = page.locator("#outbox-list .record").get_attribute("data-id")
    shoot(page, SIZE, "09-outbox-offline")
    page.close()

    # The tab was closed; the tablet is still offline when the app is opened again.
    page = context.new_page()
    errors += watch(page)
    page.goto(live_server.url + "/")
    unlock(page)  # a reopened app is locked; the PIN opens it without a connection
    page.wait_for_selector("#outbox-list .record")
    assert outbox_count(page) == 1
    assert live_server.coe(coe_id) is None  # nothing reached the server yet

    context.set_offline(False)
    page.wait_for_selector("#outbox .empty", timeout=20000)
    page.wait_for_selector(f'#sent-list [data-id="{coe_id}"]')
    shoot(page, SIZE, "10-home-synced")

    after = {str(coe.id) for coe in live_server.coes()}
    assert after - before == {coe_id}
    coe = live_server.coe(coe_id)
    assert coe.status.value == "submitted"
    assert coe.language == "es"
    assert [child.first_name for child in sorted(coe.children, key=lambda c: c.position)] == [
        "María José",
        "Jesús",
    ]
    assert coe.answers["interview"]["interviewee_name"] == "Ignacio Núñez Peña"
    assert not errors, errors


def test_the_service_worker_serves_the_app_with_the_network_off(live_server, new_context):
    context = new_context(SIZE)
    page = context.new_page()
    errors = watch(page)
    page.goto(live_server.url + "/")
    page.wait_for_selector("#username")
    wait_for_service_worker(page)
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("#username")
    assert page.evaluate("fetch('/api/health').then(() => 'answered', () => 'offline')") == (
        "offline"
    )
    styles = page.evaluate("getComputedStyle(document.querySelector('.topbar')).position")
    assert styles == "sticky"  # the stylesheet came from the cache too
    # The precached form definition is there for the wizard.
    version = page.evaluate(
        "fetch('/api/v1/forms/coe').then((r) => r.json()).then((b) => b.version)"
    )
    assert version == "1.1"
    assert not errors, errors


SEED = """
async ({ entry }) => {
  const { putOutbox } = await import("/src/db/index.js");
  await putOutbox(entry);
}
"""


def test_server_errors_then_success_make_exactly_one_coe(live_server, new_context):
    page = new_context(SIZE).new_page()
    errors = watch(page)
    sign_in(page, live_server.url)
    session = page.evaluate("import('/src/api.js').then((m) => m.getSession())")
    coe_id = page.evaluate("crypto.randomUUID()")
    entry = queued_entry(session["user"]["id"], coe_id)
    before = len(live_server.coes())
    # The first PUT is handled and committed but its answer is lost; three more fail outright;
    # the first submission is handled but its answer is lost too.
    puts = live_server.faults.fail("PUT", f"/api/v1/coes/{coe_id}$", 1, after_app=True)
    more = live_server.faults.fail("PUT", f"/api/v1/coes/{coe_id}$", 3)
    submits = live_server.faults.fail("POST", f"/api/v1/coes/{coe_id}/submit$", 1, after_app=True)
    try:
        page.evaluate(SEED, {"entry": json.loads(json.dumps(entry))})
        page.click("#send-now")
        # Three quick tries fail in the first run; the record waits and is retried by itself.
        page.wait_for_selector(f'#outbox-list [data-id="{coe_id}"][data-state="retry"]')
        shoot(page, SIZE, "11-outbox-retry")
        page.wait_for_selector(f'#sent-list [data-id="{coe_id}"]', timeout=30000)
    finally:
        live_server.faults.reset()
    assert puts.remaining == more.remaining == submits.remaining == 0
    assert submits.seen >= 2
    coes = live_server.coes()
    assert len(coes) == before + 1
    assert [str(c.id) for c in coes].count(coe_id) == 1
    coe = live_server.coe(coe_id)
    assert coe.status.value == "submitted"
    assert len(coe.children) == 1
    assert outbox_count(page) == 0
    assert not errors, errors


def test_a_dropped_request_does_not_cost_the_tablet_its_offline_app(live_server, new_context):
    # Installing precaches the shell file by file; one that fails twice is fetched again, so the
    # install still completes and the app works offline.
    dropped = live_server.faults.fail("GET", r"^/icons/icon-maskable-512\.png$", 2)
    try:
        page = new_context(SIZE).new_page()
        errors = watch(page)
        page.goto(live_server.url + "/")
        page.wait_for_selector("#username")
        wait_for_service_worker(page)
        assert dropped.remaining == 0
        assert dropped.seen >= 3  # two 500s, then the file
        cached = page.evaluate(
            """async () => {
                for (const name of await caches.keys()) {
                    const cache = await caches.open(name);
                    if (await cache.match("/icons/icon-maskable-512.png")) return true;
                }
                return false;
            }"""
        )
        assert cached
    finally:
        live_server.faults.reset()
    assert errors == []
