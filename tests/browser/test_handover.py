"""The escape hatch in a real browser: an offline tablet saves its outbox to a sealed file, and
regional staff import it in the app; the COE arrives once, and the tablet keeps its copy."""

from __future__ import annotations

import json

from .conftest import PASSWORD, queued_entry, shoot, sign_in, watch
from .test_accessibility import violations

SIZE = "1024x768"

SEED = """
async ({ entry }) => {
  const { putOutbox } = await import("/src/db/index.js");
  await putOutbox(entry);
}
"""


def test_an_offline_tablets_sealed_file_is_imported_by_regional_staff(
    live_server, new_context, tmp_path
):
    tablet = new_context(SIZE, accept_downloads=True)
    page = tablet.new_page()
    errors = watch(page)
    sign_in(page, live_server.url)
    owner = page.evaluate(
        "import('/src/api.js').then((m) => m.getSession().then((s) => s.user.id))"
    )
    coe_id = page.evaluate("crypto.randomUUID()")
    tablet.set_offline(True)
    page.evaluate(SEED, {"entry": queued_entry(owner, coe_id)})
    page.goto(live_server.url + "/#/coe/none")  # away and back: the home screen reads the outbox
    page.goto(live_server.url + "/#/")
    page.wait_for_selector(f'#outbox-list [data-id="{coe_id}"]')
    with page.expect_download() as download:
        page.click("#export-outbox")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("campo-unsent-recruiter1-")
    text = path.read_text()
    assert "Reyes" not in text  # sealed
    assert "Gonzales" not in text
    assert json.loads(text)["format"] == "campo-outbox-export"
    assert live_server.coe(coe_id) is None
    assert page.locator(f'#outbox-list [data-id="{coe_id}"]').count() == 1  # still on the tablet

    office = new_context(SIZE).new_page()
    errors += watch(office)
    office.goto(live_server.url + "/")
    office.fill("#username", "regional1")
    office.fill("#password", PASSWORD)
    office.click("form.login-form button[type=submit]")
    office.wait_for_selector("#new-pin")
    office.fill("#new-pin", "550719")
    office.fill("#new-pin-again", "550719")
    office.click("#save-pin")
    office.click("#nav-handover")
    office.set_input_files("#handover-file", str(path))
    office.click("#handover-import")
    office.wait_for_selector(f'#handover-report [data-id="{coe_id}"][data-outcome="submitted"]')
    shoot(office, SIZE, "30-handover-imported")
    assert violations(office) == []
    assert live_server.coe(coe_id).status.value == "submitted"

    # The tablet syncs later after all: nothing is doubled.
    tablet.set_offline(False)
    page.click("#send-now")
    page.wait_for_selector(f'#sent-list [data-id="{coe_id}"]', timeout=30000)
    assert [str(c.id) for c in live_server.coes()].count(coe_id) == 1
    assert not errors, errors
