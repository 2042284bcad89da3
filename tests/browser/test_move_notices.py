"""Move notices: regional staff send one from a demo child's history, the other region sees it
incoming and marks it acted on, the sender sees that; a state admin records another state's
notice, in Spanish."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from campo.accounts.models import Region
from campo.families.models import Child
from campo.msix.models import MoveNotice
from tests.factories import state_today

from .conftest import shoot, watch
from .test_review import sign_in_as


def demo_child(live_server: Any, first_name: str) -> Child:
    with live_server.database.transaction() as session:
        child = session.scalars(sa.select(Child).where(Child.first_name == first_name)).one()
        session.expunge_all()
        return child


def region_id(live_server: Any, code: str) -> int:
    with live_server.database.transaction() as session:
        return session.scalar(sa.select(Region.id).where(Region.code == code))


def test_a_notice_goes_from_one_region_to_the_other_which_acts_on_it(live_server, new_context):
    url = live_server.url
    jesus = demo_child(live_server, "Jesús")
    comment = "La familia se va a la cosecha de uva en Delano."
    moving = (state_today() + timedelta(days=14)).isoformat()
    region23 = region_id(live_server, "23")

    page = new_context("1024x768").new_page()
    errors = watch(page)
    sign_in_as(page, url, "regional1", "#summary")
    page.goto(f"{url}/#/child/{jesus.id}")
    page.wait_for_selector("#move-notice-form")
    page.wait_for_selector("#mn-region option:nth-child(2)", state="attached")
    # The child's own region is not a destination.
    assert page.locator("#mn-region option", has_text="Region 16 ").count() == 0
    # No destination: the server says what is missing, in words.
    page.click("#mn-send")
    page.wait_for_selector("#mn-error")
    assert "another state or another region" in page.inner_text("#mn-error")
    # Another state must be a state's two letters.
    page.check("#mn-to-state")
    page.fill("#mn-state", "ZZ")
    page.click("#mn-send")
    page.wait_for_selector("#mn-to_state-error:not(:empty)")
    page.check("#mn-to-region")
    page.select_option("#mn-region", str(region23))
    page.fill("#mn-city", "Delano")
    page.fill("#mn-date", moving)
    page.fill("#mn-comment", comment)
    page.click("#mn-send")
    page.wait_for_selector("#mn-sent")
    assert "Region 23" in page.inner_text("#mn-sent")
    shoot(page, "1024x768", "35-child-move-notice")
    with live_server.database.transaction() as session:
        notice = session.scalars(sa.select(MoveNotice).where(MoveNotice.child_id == jesus.id)).one()
        notice_id = str(notice.id)
        assert notice.to_region_id == region23
        assert notice.comment == comment
    page.click("#mn-sent a")
    page.wait_for_selector("#notices")
    page.click("#box-outgoing")
    sent = page.locator(f"#notice-list [data-id='{notice_id}']")
    sent.wait_for()
    assert sent.get_attribute("data-status") == "open"
    assert sent.locator(".acknowledge").count() == 0  # the sender does not act on it
    assert not errors, errors

    other = new_context("1024x768").new_page()
    other_errors = watch(other)
    sign_in_as(other, url, "regional2", "#summary")
    other.click("#nav-moveNotices")
    incoming = other.locator(f"#notice-list [data-id='{notice_id}']")
    incoming.wait_for()
    text = incoming.inner_text()
    assert "Jesús" in text
    assert jesus.statewide_number in text
    assert "Delano" in text
    assert comment in text
    # The child stays region 16's: no link to the history, but whom to call.
    assert incoming.locator("a[href^='#/child/']").count() == 0
    assert "Region 16" in text
    shoot(other, "1024x768", "32-move-notices")
    incoming.locator(".acknowledge").click()
    # Acted on: it leaves the open list, and shows among the acted-on ones.
    incoming.wait_for(state="detached")
    other.select_option("#notice-status", "acknowledged")
    done = other.locator(f"#notice-list [data-id='{notice_id}']")
    done.wait_for()
    assert done.get_attribute("data-status") == "acknowledged"
    assert not other_errors, other_errors

    # The sender's list, read again: the notice was acted on.
    page.click("#nav-dashboard, #nav-regional")
    page.wait_for_selector("#summary")
    page.click("#nav-moveNotices")
    page.wait_for_selector("#box-outgoing[aria-pressed='true']")
    page.select_option("#notice-status", "")
    page.wait_for_selector(f"#notice-list [data-id='{notice_id}'][data-status='acknowledged']")
    assert not errors, errors


def test_a_state_admin_records_another_states_notice_in_spanish(live_server, new_context):
    url = live_server.url
    ana = demo_child(live_server, "Ana Sofía")
    page = new_context("1024x768", locale="es-MX").new_page()
    errors = watch(page)
    sign_in_as(page, url, "stateadmin", "#queue-list")
    page.wait_for_function("document.documentElement.lang === 'es'")
    page.click("#nav-moveNotices")
    page.wait_for_selector("#incoming-form")
    assert page.inner_text("main h1") == "Avisos de mudanza"
    # Required names and a birth date: the server names each missing one.
    page.click("#in-record")
    page.wait_for_selector("#in-error")
    assert page.inner_text("#in-first_name-error")
    page.fill("#in-from_state", "az")
    page.fill("#in-first_name", "Ana Sofia")
    page.fill("#in-last_name1", "Hernandez")
    page.fill("#in-last_name2", "Lopez")
    page.select_option("#in-sex", "F")
    page.fill("#in-birth_date", ana.birth_date.isoformat())
    page.fill("#in-msix_id", "123456789012")
    page.fill("#in-destination_city", "Salinas")
    page.click("#in-record")
    page.wait_for_selector("#in-recorded")
    # Matched to the demo's Ana Sofía, so it goes to her region; a state admin may open her.
    assert "Región 16" in page.inner_text("#in-recorded")
    row = page.locator("#notice-list .move-notice-row", has_text="123456789012").first
    row.wait_for()
    assert "AZ" in row.inner_text()
    assert row.locator(f"a[href='#/child/{ana.id}']").count() == 1
    assert row.locator(".acknowledge").count() == 1
    shoot(page, "1024x768", "33-move-notices-es")
    assert not errors, errors
