"""The supervisor approves one COE and returns another; regional staff link a duplicate."""

from __future__ import annotations

import csv
import io
import json
import urllib.request
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.factories import complete_answers, signatures, state_today

from .conftest import PASSWORD, PIN, watch
from .conftest import shoot as shoot_page

# The decision panel follows the reader down the page; a full-page picture pins it at the top.
UNSTICK = ".review-side { position: static !important; }"


def shoot(page: Any, size: str, name: str) -> None:
    style = page.add_style_tag(content=UNSTICK)
    shoot_page(page, size, name)
    style.evaluate("(element) => element.remove()")


def api(url: str, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
    request = urllib.request.Request(  # noqa: S310 - the test server on 127.0.0.1
        url + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"}
        | ({"Authorization": f"Bearer {token}"} if token else {}),
    )
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - the test server
        return json.load(response)


def token_of(url: str, username: str) -> str:
    body = {"username": username, "password": PASSWORD}
    return api(url, "POST", "/api/v1/auth/login", body)["access_token"]


PARENTS = ("Aurelio", "Baltazar", "Cirilo", "Dagoberto", "Eusebio", "Filemón", "Gumersindo")
MOTHERS = ("Amparo", "Brígida", "Consuelo", "Dolores", "Esperanza", "Felícitas", "Gregoria")


def family_answers(surname: str, first_name: str, **child: Any) -> dict[str, Any]:
    """Complete answers for a family of one child, named so no other test's child matches."""
    answers = complete_answers(state_today())
    # Parents and birth date differ from family to family too: the matcher weighs them.
    parent = PARENTS[sum(map(ord, surname)) % len(PARENTS)]
    born = date.fromisoformat(answers["children"][0]["birth_date"])
    born -= timedelta(days=sum(map(ord, surname + first_name)) % 300)
    answers["family"].update(
        parent1_last_name=surname,
        parent1_first_name=parent,
        parent2_last_name="Ruiz",
        parent2_first_name=MOTHERS[sum(map(ord, first_name)) % len(MOTHERS)],
    )
    answers["move"].update(worker_last_name=surname, worker_first_name=parent)
    answers["interview"]["interviewee_name"] = f"{parent} {surname}"
    answers["children"][0].update(
        last_name1=surname,
        last_name2="Ruiz",
        first_name=first_name,
        birth_date=born.isoformat(),
        **child,
    )
    return answers


def submitted_coe(url: str, answers: dict[str, Any], recruiter: str = "recruiter1") -> str:
    token = token_of(url, recruiter)
    coe_id = str(uuid.uuid4())
    body = {"language": "es", "form_version": "1.1", "answers": answers}
    api(url, "PUT", f"/api/v1/coes/{coe_id}", body, token)
    signed = {"signatures": signatures(answers["interview"]["interviewee_name"])}
    api(url, "POST", f"/api/v1/coes/{coe_id}/submit", signed, token)
    return coe_id


def approved_coe(url: str, answers: dict[str, Any]) -> dict[str, Any]:
    """A COE submitted and approved through the API, each possible duplicate confirmed new."""
    recruiter, supervisor = token_of(url, "recruiter1"), token_of(url, "supervisor1")
    coe_id = str(uuid.uuid4())
    body = {"language": "es", "form_version": "1.1", "answers": answers}
    api(url, "PUT", f"/api/v1/coes/{coe_id}", body, recruiter)
    signed = {"signatures": signatures(answers["interview"]["interviewee_name"])}
    coe = api(url, "POST", f"/api/v1/coes/{coe_id}/submit", signed, recruiter)
    for entry in coe["duplicate_check"]["children"]:
        if entry["candidates"]:
            path = f"/api/v1/coes/{coe_id}/children/{entry['position']}/confirm-new"
            api(url, "POST", path, None, supervisor)
    approval = {"decision": "approve", "reviewer_strokes": signatures()[1]["strokes"]}
    return api(url, "POST", f"/api/v1/coes/{coe_id}/review", approval, supervisor)


def sign_on(page: Any, canvas: str) -> None:
    """Draw a wavy signature across the pad, whatever its width, as a finger would."""
    page.locator(canvas).evaluate("(element) => element.scrollIntoView({ block: 'center' })")
    box = page.locator(canvas).bounding_box()
    x0, y0 = box["x"] + 30, box["y"] + box["height"] / 2
    step_x = (box["width"] - 60) / 30
    page.mouse.move(x0, y0)
    page.mouse.down()
    for step in range(1, 31):
        page.mouse.move(x0 + step * step_x, y0 + (30 if step % 4 < 2 else -30), steps=2)
    page.mouse.up()


def sign_in_as(page: Any, url: str, username: str, ready: str) -> None:
    """Sign in (choosing the tablet PIN the first time) and wait for the role's first screen."""
    page.goto(url + "/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_selector(f"{ready}, #new-pin")
    if page.locator("#new-pin").count():
        page.fill("#new-pin", PIN)
        page.fill("#new-pin-again", PIN)
        page.click("#save-pin")
    page.wait_for_selector(ready)


def test_a_supervisor_approves_one_coe_and_returns_another(live_server, new_context):
    url = live_server.url
    first = submitted_coe(url, family_answers("Morales", "Valeria"))
    second = submitted_coe(url, family_answers("Olvera", "Santiago", sex="male"))

    page = new_context("1024x768").new_page()
    errors = watch(page)
    sign_in_as(page, url, "supervisor1", "#new-coe")
    page.click("#nav-review")
    page.wait_for_selector(f'#queue-list [data-id="{first}"]')
    ids = page.eval_on_selector_all("#queue-list > li", "(rows) => rows.map(r => r.dataset.id)")
    assert ids.index(first) < ids.index(second)  # oldest first
    shoot(page, "1024x768", "20-review-queue")

    page.click(f'#queue-list [data-id="{first}"] a.button')
    page.wait_for_selector("#decision")
    assert "Valeria Morales Ruiz" in page.inner_text("#children")
    assert page.locator("#signatures [data-current=true]").count() == 2
    page.click("#decide-approve")
    page.wait_for_selector("#signature-reviewer")
    assert page.is_disabled("#approve")
    sign_on(page, "#signature-reviewer")
    page.wait_for_selector("#approve:not([disabled])")
    shoot(page, "1024x768", "21-review-approve")
    page.click("#approve")
    page.wait_for_selector("#queue-list")
    page.wait_for_function(f"!document.querySelector('#queue-list [data-id=\"{first}\"]')")
    approved = live_server.coe(first)
    assert approved.status.value == "approved"
    assert approved.children[0].child_id is not None

    page.click(f'#queue-list [data-id="{second}"] a.button')
    page.wait_for_selector("#decision")
    page.click("#decide-return")
    page.wait_for_selector("#reason-missing_information")
    page.click("#return")  # no reason yet: refused on the tablet, nothing sent
    page.wait_for_selector("#decision-error:has-text('reason')")
    page.check("#reason-missing_information")
    page.check("#reason-other")
    page.fill("#decision-comment", "Add the family's phone and the grower's name.")
    assert page.inner_text("#decision-error") == ""
    shoot(page, "1024x768", "22-review-return")
    page.click("#return")
    page.wait_for_selector("#queue-list, .screen-review .empty")
    returned = live_server.coe(second)
    assert returned.status.value == "returned"
    assert returned.decision_reasons == ["missing_information", "other"]
    assert returned.decision_comment == "Add the family's phone and the grower's name."

    # The recruiter reads why, in Spanish.
    recruiter = token_of(url, "recruiter1")
    request = urllib.request.Request(  # noqa: S310 - the test server on 127.0.0.1
        f"{url}/api/v1/coes/{second}?lang=es", headers={"Authorization": f"Bearer {recruiter}"}
    )
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
        labels = [r["label"] for r in json.load(response)["decision_reason_labels"]]
    assert labels == ["Falta información obligatoria", "Otro (explicado en el comentario)"]

    # The decided COE reads back with its decision, in Spanish too.
    page.goto(f"{url}/#/review/{second}")
    page.click(".lang-switch button[lang=es]")
    page.wait_for_function("document.documentElement.lang === 'es'")
    page.wait_for_selector("#decision-done:has-text('Falta información obligatoria')")
    shoot(page, "1024x768", "23-review-returned-es")
    assert not errors, errors


def test_regional_staff_link_a_duplicate_side_by_side(live_server, new_context, tmp_path: Path):
    url = live_server.url
    approved = approved_coe(url, family_answers("Ortiz", "Emiliano", sex="male"))
    known_child = approved["children"][0]["child_id"]
    again = family_answers("Ortiz", "Emiliano", sex="male", birth_city="Jacona")
    again["family"]["parent1_last_name"] = "Ortíz"
    duplicate = submitted_coe(url, again)

    page = new_context("1024x768").new_page()
    errors = watch(page)
    sign_in_as(page, url, "regional1", "#summary")
    shoot(page, "1024x768", "30-regional-dashboard")
    page.click("#tile-duplicates-unresolved")
    page.wait_for_function("document.querySelector('#filter-duplicates').value === 'unresolved'")
    page.wait_for_selector(f'#coe-table tr[data-id="{duplicate}"]')
    page.click(f'#coe-table tr[data-id="{duplicate}"] a.resolve')

    page.wait_for_selector(".side-by-side")
    card = page.locator(f'.candidate[data-child-id="{known_child}"]')
    assert card.locator('tr.differs[data-field="birth_city"]').count() == 1
    assert card.locator('tr.same[data-field="first_name"]').count() == 1
    shoot(page, "1024x768", "31-duplicate-compare")
    card.locator("button", has_text="link").click()
    page.click("dialog .button.primary")
    page.wait_for_selector("#linked-badge")
    row = live_server.coe(duplicate).children[0]
    assert row.match_decision == "linked"
    assert str(row.child_id) == known_child
    shoot(page, "1024x768", "32-duplicate-linked")

    # A wrong link is undone, and the history keeps both decisions; then linked again.
    page.click("#undo")
    page.wait_for_selector('#resolution[data-decision="none"]')
    assert live_server.coe(duplicate).children[0].match_decision is None
    assert page.locator("#history li").count() == 2
    card.locator("button", has_text="link").click()
    page.click("dialog .button.primary")
    page.wait_for_selector("#linked-badge")
    assert page.locator("#history li").count() == 3

    # The list, filtered, downloads as CSV.
    page.click("#nav-regional")
    page.wait_for_selector("#summary")
    page.select_option("#filter-duplicates", "")
    page.wait_for_function("document.querySelector('#filter-duplicates').value === ''")
    page.select_option("#filter-status", "submitted")
    page.wait_for_function("document.querySelector('#filter-status').value === 'submitted'")
    page.wait_for_selector(f'#coe-table tr[data-id="{duplicate}"]')
    with page.expect_download() as download:
        page.click("#download-csv")
    path = tmp_path / "list.csv"
    download.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "Certificate id"
    assert duplicate in [r[0] for r in rows[1:]]
    assert {r[1] for r in rows[1:]} == {"submitted"}
    assert not errors, errors


def test_staff_screens_at_tablet_portrait_and_phone_width(live_server, new_context, tmp_path: Path):
    url = live_server.url
    coe_id = submitted_coe(url, family_answers("Quintero", "Renata"))
    own = submitted_coe(url, family_answers("Zavala", "Inés"), recruiter="supervisor1")
    for size in ("800x1280", "phone"):
        page = new_context(size).new_page()
        errors = watch(page)
        sign_in_as(page, url, "supervisor1", "#new-coe")
        page.goto(f"{url}/#/review")
        page.wait_for_selector("#queue-list")
        shoot(page, size, "20-review-queue")
        with page.expect_download() as download:
            page.click("#queue-csv")
        path = tmp_path / f"queue-{size}.csv"
        download.value.save_as(path)
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert coe_id in [r[0] for r in rows[1:]]
        assert {r[1] for r in rows[1:]} == {"submitted"}
        page.goto(f"{url}/#/review/{coe_id}")
        page.wait_for_selector("#decision")
        page.click("#decide-return")
        page.wait_for_selector("#reason-other")
        shoot(page, size, "22-review-return")
        page.goto(f"{url}/#/review/{own}")
        page.wait_for_selector("#decision-own")  # nobody decides their own COE
        assert page.locator("#decide-approve").count() == 0
        page.goto(f"{url}/#/regional")
        page.wait_for_selector("#summary")
        shoot(page, size, "30-regional-dashboard")
        assert not errors, errors
