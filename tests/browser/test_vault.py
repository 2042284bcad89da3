"""A lost or shared tablet: family data encrypted at rest, idle lock, offline unlock, lockout.

The IndexedDB contents are read raw (as someone holding the tablet's disk would see them) and
searched for what was typed; the app's own modules are used only to type and to seed records.
"""

from __future__ import annotations

from .conftest import PASSWORD, PIN, shoot, sign_in, unlock, watch

SIZE = "1024x768"

# Everything in the tablet's IndexedDB, as JSON text: binary data (ciphertext) as its length.
RAW_DUMP = """
async () => {
  const database = await new Promise((resolve, reject) => {
    const request = indexedDB.open("campo");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const dump = {};
  for (const store of database.objectStoreNames) {
    dump[store] = await new Promise((resolve, reject) => {
      const request = database.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  database.close();
  return JSON.stringify(dump, (key, value) =>
    value instanceof ArrayBuffer || ArrayBuffer.isView(value)
      ? `<${value.byteLength} bytes>`
      : value,
  );
}
"""

SEED_OUTBOX = """
async ({ id, owner, name }) => {
  const { putOutbox } = await import("/src/db/index.js");
  await putOutbox({
    id, owner, state: "rejected", attempts: 1, queued_at: Date.now(), updated_at: Date.now(),
    family_name: name, language: "es", form_version: "1.1",
    answers: { family: { parent1_last_name: name }, children: [] },
    signatures: { interviewee: { signer_name: name, strokes: { strokes: [] } } },
    last_error: { code: "coe.incomplete" },
  });
}
"""


def start_draft(page, family_name: str) -> None:
    page.click("#new-coe")
    page.wait_for_selector("#f-family-parent1_last_name")
    page.fill("#f-family-parent1_last_name", family_name)
    page.wait_for_selector("#save-state.saved")


def session_tokens(page) -> list[str]:
    session = page.evaluate("import('/src/api.js').then((m) => m.getSession())")
    return [session["access_token"], session["refresh_token"]]


def test_family_data_and_tokens_are_encrypted_at_rest(live_server, new_context):
    page = new_context(SIZE).new_page()
    errors = watch(page)
    sign_in(page, live_server.url)
    tokens = session_tokens(page)
    owner = page.evaluate(
        "import('/src/api.js').then((m) => m.getSession()).then((s) => s.user.id)"
    )
    page.evaluate(
        SEED_OUTBOX,
        {"id": "0b9e3c1e-7d1a-4f0e-9a51-3f7c2d4e5a60", "owner": owner, "name": "Xochitl"},
    )
    start_draft(page, "Quintanilla")
    page.goto(live_server.url + "/")
    unlock(page)
    page.wait_for_selector("#drafts-list .record")
    assert "Quintanilla" in page.inner_text("#drafts-list")  # readable in the app...

    dump = page.evaluate(RAW_DUMP)
    for secret in ["Quintanilla", "Xochitl", "coe.incomplete", *tokens]:
        assert secret not in dump, secret  # ...and not on the disk
    assert '"sealed"' in dump
    assert '"state":"rejected"' in dump  # what sync needs while locked stays readable
    assert not errors, errors


def test_idle_tablet_locks_and_unlocks_offline_where_it_was(live_server, new_context):
    context = new_context(SIZE)
    page = context.new_page()
    errors = watch(page)
    page.clock.install()
    sign_in(page, live_server.url)
    start_draft(page, "Benavides")
    page.fill("#f-family-city", "Salina")  # typed just before the recruiter walked away
    page.clock.fast_forward("11:00")  # the demo server locks after 10 minutes
    page.wait_for_selector("#pin", timeout=20000)
    assert page.locator("#f-family-city").count() == 0  # nothing of the family on display
    shoot(page, SIZE, "20-locked-idle")

    context.set_offline(True)
    unlock(page)
    page.wait_for_selector("#f-family-parent1_last_name")  # back in the same COE
    assert page.input_value("#f-family-parent1_last_name") == "Benavides"
    assert page.input_value("#f-family-city") == "Salina"
    assert not errors, errors


def test_too_many_wrong_pins_need_an_online_sign_in_and_lose_nothing(live_server, new_context):
    context = new_context(SIZE)
    page = context.new_page()
    errors = watch(page)
    sign_in(page, live_server.url)
    start_draft(page, "Villaseñor")
    page.click("#lock-now")
    page.wait_for_selector("#pin")
    context.set_offline(True)
    for remaining in (4, 3, 2, 1):
        page.fill("#pin", "000000")
        page.click("#unlock")
        page.wait_for_function(
            "(n) => document.querySelector('#unlock-error').textContent.includes(String(n))",
            arg=remaining,
        )
    page.fill("#pin", PIN[::-1])
    page.click("#unlock")
    page.wait_for_selector("#locked-out")
    shoot(page, SIZE, "21-locked-out")
    # Even the right PIN no longer opens it: only the password, online, does.
    assert page.locator("#pin").count() == 0

    page.click("#password-instead")
    page.fill("#username", "recruiter1")
    page.fill("#password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_selector("#login-error:has-text('connection')")
    context.set_offline(False)
    page.click("form.login-form button[type=submit]")
    page.wait_for_selector("#new-pin")  # the old PIN was erased: a new one is chosen
    page.fill("#new-pin", "739154")
    page.fill("#new-pin-again", "739154")
    page.click("#save-pin")
    page.wait_for_selector("#drafts-list .record")
    assert "Villaseñor" in page.inner_text("#drafts-list")
    assert not errors, errors


def test_on_a_shared_tablet_nobody_sees_or_removes_another_recruiters_records(
    live_server, new_context
):
    context = new_context(SIZE)
    page = context.new_page()
    errors = watch(page)
    sign_in(page, live_server.url, "recruiter1")
    start_draft(page, "Echeverría")
    page.goto(live_server.url + "/#/")
    page.wait_for_selector("#drafts-list .record")
    page.click("button:has-text('Sign out')")
    page.wait_for_selector("#username")

    sign_in(page, live_server.url, "recruiter2", pin="615283")
    assert "Echeverría" not in page.inner_text("main")
    assert page.locator("#drafts-list .record").count() == 0
    # recruiter2 cannot open recruiter1's records even through the app's own code.
    opened = page.evaluate(
        """async () => {
            const { draftsOf } = await import("/src/db/index.js");
            const { getSession } = await import("/src/api.js");
            const me = (await getSession()).user.id;
            for (const owner of [1, 2, 3, 4, 5, 6, 7, 8]) {
                if (owner === me) continue;
                try { if ((await draftsOf(owner)).length) return "opened"; } catch { }
            }
            return "sealed";
        }"""
    )
    assert opened == "sealed"
    page.click("#lock-now")
    page.click("#switch-user")
    page.wait_for_selector("#username")

    sign_in(page, live_server.url, "recruiter1")
    page.wait_for_selector("#drafts-list .record")
    assert "Echeverría" in page.inner_text("#drafts-list")
    assert not errors, errors
