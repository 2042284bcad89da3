"""The wizard online: the duplicate check side by side, and a weak signal never holds a step.

A request that never answers (a tablet at the edge of a field's signal) must not keep the
signature step or the review from showing: they draw from what the tablet holds and let the
server's answers arrive when they come.
"""

from __future__ import annotations

import sqlalchemy as sa

from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.families.models import Child

from .conftest import queued_entry, sign_in, watch

SIZE = "1024x768"

SEED_DRAFT = """
async ({ draft }) => {
  const { putDraft } = await import("/src/db/index.js");
  await putDraft(draft);
}
"""


def known_child(live_server) -> Child:
    """A child the demo approved in recruiter1's region (the check shows only what one may see)."""
    with live_server.database.transaction() as session:
        child = session.scalars(
            sa.select(Child)
            .join(CoeChild, CoeChild.child_id == Child.id)
            .join(Coe, Coe.id == CoeChild.coe_id)
            .where(Coe.status == CoeStatus.APPROVED)
            .order_by(Child.statewide_number)
        ).first()
        assert child is not None
        session.expunge(child)
        return child


def draft_at_review(page, child: Child | None = None) -> str:
    """A complete, signed draft on this tablet, opened at its last step (the review)."""
    owner = page.evaluate("import('/src/api.js').then((m) => m.getSession())")["user"]["id"]
    coe_id = page.evaluate("crypto.randomUUID()")
    draft = queued_entry(owner, coe_id)
    for key in ("state", "stage", "attempts", "queued_at", "family_name"):
        draft.pop(key, None)
    draft["step"] = 99  # the wizard keeps it within its steps: the review
    if child is not None:
        entered = draft["answers"]["children"][0]
        entered.update(
            last_name1=child.last_name1,
            first_name=child.first_name,
            birth_date=child.birth_date.isoformat(),
            sex=child.sex,
        )
        if child.last_name2:
            entered["last_name2"] = child.last_name2
    page.evaluate(SEED_DRAFT, {"draft": draft})
    return coe_id


def test_a_known_child_is_shown_side_by_side_and_linked_on_arrival(live_server, new_context):
    child = known_child(live_server)
    page = new_context(SIZE).new_page()
    errors = watch(page)
    sign_in(page, live_server.url)
    coe_id = draft_at_review(page, child)
    page.goto(f"{live_server.url}/#/coe/{coe_id}")
    page.wait_for_selector("#verdict.verdict-ok")
    table = page.locator("#duplicates .compare-table")
    table.wait_for()
    assert child.statewide_number in table.inner_text()
    assert child.first_name in table.inner_text()

    same = page.locator("#duplicates button", has_text="Same child").first
    same.click()
    page.wait_for_selector('#duplicates button[aria-pressed="true"]:has-text("Same child")')
    page.click("#queue")
    page.wait_for_selector(f'#sent-list [data-id="{coe_id}"]', timeout=30000)

    coe = live_server.coe(coe_id)
    assert coe is not None
    assert coe.status is CoeStatus.SUBMITTED
    assert coe.children[0].child_id == child.id
    assert coe.children[0].match_decision == "linked"
    assert errors == []


def test_a_request_that_never_answers_holds_neither_the_signatures_nor_the_review(
    live_server, new_context
):
    page = new_context(SIZE).new_page()
    errors = watch(page)
    sign_in(page, live_server.url)  # the statements are downloaded here, while online
    coe_id = draft_at_review(page, known_child(live_server))
    # From now on the statements and the duplicate check hang, as on one bar of signal.
    page.route("**/api/v1/statements", lambda route: None)
    page.route("**/api/v1/duplicates/check", lambda route: None)

    page.goto(f"{live_server.url}/#/coe/{coe_id}")
    # Well under the 20 s a request is given before it is abandoned.
    page.wait_for_selector("#verdict.verdict-ok", timeout=5000)
    checking = page.locator("#duplicates .checking")
    assert checking.count() == 1
    assert "checking whether the child is already known" in checking.inner_text()
    assert page.locator("#queue").is_enabled()  # the check never holds the queue

    page.click("#back")
    page.wait_for_selector("#signature-interviewee", timeout=5000)
    # The statement the family signs is the copy kept at sign-in, not an empty box.
    assert page.locator(".signature-block .statement").first.inner_text().strip() != ""
    assert errors == []


def test_a_weak_signal_neither_holds_the_start_nor_a_language_switch(live_server, new_context):
    context = new_context(SIZE)
    page = context.new_page()
    errors = watch(page)
    sign_in(page, live_server.url)
    # Both catalogues are read once the first screen is up.
    page.wait_for_function(
        """async () => {
            const { getReference } = await import("/src/db/index.js");
            return Boolean(await getReference("i18n:es"));
        }"""
    )
    page.wait_for_timeout(1500)
    # Then the public reference data takes 15 s to come, through the service worker too.
    live_server.faults.hold(r"^/api/v1/(i18n/|settings$|statements$|forms/)", 15)
    try:
        page.click("#lang-es")
        page.wait_for_selector('#lang-es[aria-pressed="true"]', timeout=2000)
        assert page.locator("html").get_attribute("lang") == "es"
        assert "Bloquear" in page.inner_text("#lock-now")

        # A new start with the same weak signal: the kept settings and catalogue open the app.
        page.reload()
        page.wait_for_selector("#unlock", timeout=5000)
        assert page.locator("html").get_attribute("lang") == "es"
        assert "Desbloquear" in page.inner_text("#main")
    finally:
        live_server.faults.reset()
    assert errors == []
