"""The locator and history screens: a recruiter finds another region's child by a misspelt name
and sees whom to call; a recruiter opens their own region's child's history."""

from __future__ import annotations

from datetime import timedelta

from tests.factories import state_today

from .conftest import shoot, sign_in, watch


def test_a_recruiter_finds_another_regions_child_by_a_misspelt_name(live_server, new_context):
    page = new_context("800x1280").new_page()
    errors = watch(page)
    sign_in(page, live_server.url, "recruiter2")
    page.click("#find-child")
    page.wait_for_selector("#locator-form")
    page.fill("#l-first_name", "Ana Sofa")
    page.fill("#l-last_name_1", "Lopes")
    page.fill("#l-last_name_2", "Hernandes")
    # The demo's birth dates are counted back from the server's today, as here.
    page.fill("#l-birth_date", (state_today() - timedelta(days=365 * 9)).isoformat())
    page.click("#locator-search")
    page.wait_for_selector("#locator-list .record")
    hit = page.locator("#locator-list .record").first
    assert "Ana Sofía" in hit.inner_text()
    assert hit.get_attribute("data-in-region") == "false"
    assert "Region 16" in hit.inner_text()
    assert hit.locator("a[href^='tel:']").count() == 1
    assert hit.locator("a[href^='#/child/']").count() == 0  # another region's record stays closed
    shoot(page, "800x1280", "20-locator")
    assert not errors, errors


def test_a_recruiter_opens_the_history_of_a_child_of_their_region(live_server, new_context):
    page = new_context("800x1280").new_page()
    errors = watch(page)
    sign_in(page, live_server.url, "recruiter1")
    page.click(".lang-switch button[lang=es]")
    page.wait_for_function("document.documentElement.lang === 'es'")
    page.wait_for_selector("#find-child:has-text('Buscar a un niño')")
    page.click("#find-child")
    page.wait_for_selector("#locator-form")
    page.fill("#l-first_name", "Jesus")
    page.fill("#l-last_name_1", "Hernandez")
    page.click("#locator-search")
    page.wait_for_selector("#locator-list .record a[href^='#/child/']")
    page.click("#locator-list .record a[href^='#/child/']")
    page.wait_for_selector("#history-name")
    assert "Jesús" in page.inner_text("#history-name")
    assert page.locator("#history-coes tbody tr").count() == 1
    assert "Yuma, AZ" in page.inner_text("#history-coes")
    assert "Lo que necesita la escuela" in page.inner_text("#history-flags")
    shoot(page, "800x1280", "21-child-history")
    page.click("a[href='#/locator']")
    page.wait_for_selector("#locator-list .record")  # the search is still there
    assert not errors, errors


def test_the_locator_and_history_screens_pass_the_accessibility_scan(live_server, new_context):
    from .test_accessibility import violations

    page = new_context("1024x768").new_page()
    sign_in(page, live_server.url, "regional1")
    page.click("#find-child")
    page.wait_for_selector("#locator-form")
    page.fill("#l-last_name_1", "Hernandez")
    page.fill("#l-first_name", "Ana Sofia")
    page.click("#locator-search")
    page.wait_for_selector("#locator-list .record a[href^='#/child/']")
    report = {"locator": violations(page)}
    page.click("#locator-list .record a[href^='#/child/']")
    page.wait_for_selector("#history-name")
    report["history"] = violations(page)
    problems = {screen: found for screen, found in report.items() if found}
    assert not problems, problems
