"""Every screen at tablet portrait and phone width, and the language switch keeping input."""

from __future__ import annotations

import pytest

from .conftest import shoot, sign_in, unlock, watch


@pytest.mark.parametrize("size", ["800x1280", "phone"])
def test_every_screen_and_the_language_switch(live_server, new_context, size):
    page = new_context(size).new_page()
    errors = watch(page)
    page.goto(live_server.url + "/")
    page.wait_for_selector("#username")
    shoot(page, size, "01-login")
    sign_in(page, live_server.url)
    shoot(page, size, "02-home")
    page.click("#new-coe")
    page.wait_for_selector("#f-family-parent1_last_name")

    # Typed in English, then switched to Spanish: the answer stays, and so does the focus.
    page.fill("#f-family-parent1_last_name", "Ramírez")
    page.focus("#f-family-parent1_last_name")
    assert page.inner_text("#step-title") == "Family Data"
    page.click(".lang-switch button[lang=es]")
    page.wait_for_function("document.documentElement.lang === 'es'")
    assert page.inner_text("#step-title") == "Datos de la familia"
    assert page.input_value("#f-family-parent1_last_name") == "Ramírez"
    assert page.evaluate("document.activeElement.id") == "lang-es"
    # A bad ZIP code is explained as soon as the field is left.
    page.fill("#f-family-zip_code", "9390")
    page.focus("#f-family-city")
    page.wait_for_selector(".field.has-error[data-key=zip_code]")
    shoot(page, size, "03-family")
    names = ["04-child", "05-move", "06-comments", "07-signatures", "08-review"]
    for name in names:
        page.click("#next")
        page.wait_for_selector("#step-title")
        shoot(page, size, name)
    page.wait_for_selector("#verdict.verdict-todo")
    assert page.locator("#must-correct .rule").count() > 5

    # Everything typed was saved: a reload (locked: the PIN opens it) finds the draft.
    page.goto(live_server.url + "/")
    page.wait_for_selector("#pin")
    shoot(page, size, "09-locked")
    unlock(page)
    page.wait_for_selector("#drafts-list .record")
    page.click("#drafts-list .record a")
    page.wait_for_selector("#step-title")
    page.click(".stepper li[data-step='0'] button")
    page.wait_for_selector("#f-family-parent1_last_name")
    assert page.input_value("#f-family-parent1_last_name") == "Ramírez"
    assert not errors, errors
