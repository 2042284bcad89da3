"""A 409 shows both versions side by side, and only the recruiter's choice decides what goes on."""

from __future__ import annotations

import copy

from .conftest import queued_entry, shoot, sign_in, watch
from .test_accessibility import violations

SIZE = "1024x768"

SEED = """
async ({ entry }) => {
  const { putOutbox } = await import("/src/db/index.js");
  await putOutbox(entry);
}
"""

# The same COE saved on the server first, as from another tab or tablet of the same recruiter.
SAVE_ON_SERVER = """
async ({ id, body }) => {
  const { call } = await import("/src/api.js");
  return (await call("PUT", `/api/v1/coes/${id}`, body)).body.version;
}
"""


def test_a_conflict_is_compared_side_by_side_and_the_tablets_version_kept(live_server, new_context):
    page = new_context(SIZE).new_page()
    errors = watch(page)
    sign_in(page, live_server.url)
    owner = page.evaluate("import('/src/api.js').then((m) => m.getSession())")["user"]["id"]
    coe_id = page.evaluate("crypto.randomUUID()")
    entry = queued_entry(owner, coe_id)
    elsewhere = copy.deepcopy(entry["answers"])
    elsewhere["family"]["city"] = "Soledad"
    elsewhere["family"]["zip_code"] = "93960"
    body = {"language": "en", "form_version": "1.1", "answers": elsewhere}
    assert page.evaluate(SAVE_ON_SERVER, {"id": coe_id, "body": body}) == 1

    page.evaluate(SEED, {"entry": entry})
    page.click("#send-now")
    page.wait_for_selector(f'#outbox-list [data-id="{coe_id}"][data-state="conflict"]')
    page.click(f"#compare-{coe_id}")
    page.wait_for_selector("#conflict-table")
    differing = page.locator("#conflict-table tr.differs")
    assert differing.count() == 2
    rows = " ".join(differing.all_inner_texts())
    assert "Gonzales" in rows
    assert "Soledad" in rows
    assert page.locator("#conflict-table tr.same").first.is_hidden()
    shoot(page, SIZE, "40-conflict")
    assert violations(page) == []
    page.uncheck("#only-differences")
    assert page.locator("#conflict-table tr.same").first.is_visible()

    page.click("#keep-mine")
    page.click("dialog.dialog button.primary")
    page.wait_for_selector(f'#sent-list [data-id="{coe_id}"]', timeout=30000)
    coe = live_server.coe(coe_id)
    assert coe.status.value == "submitted"
    assert coe.answers["family"]["city"] == "Gonzales"  # the tablet's version, chosen
    assert coe.version == 2
    assert not errors, errors
