"""The MSIX screen: a state admin downloads the state's MDE file, imports another state's valid
file and is shown the lines to correct in a broken one (nothing imported); others have no link."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from campo.families.models import Child
from campo.msix.layout import read_file
from campo.msix.models import MsixImport
from tests.api.test_msix import other_state_file
from tests.factories import state_today

from .conftest import shoot, watch
from .test_review import sign_in_as


def demo_child(live_server: Any, first_name: str) -> Child:
    with live_server.database.transaction() as session:
        child = session.scalars(sa.select(Child).where(Child.first_name == first_name)).one()
        session.expunge_all()
        return child


def imports(live_server: Any) -> int:
    with live_server.database.transaction() as session:
        return session.scalar(sa.select(sa.func.count()).select_from(MsixImport)) or 0


def choose_file(page: Any, name: str, text: str) -> None:
    page.set_input_files(
        "#msix-file", files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}]
    )


def test_a_state_admin_exports_and_imports_mde_files(live_server, new_context):
    url = live_server.url
    ana = demo_child(live_server, "Ana Sofía")
    page = new_context("1024x768", accept_downloads=True).new_page()
    errors = watch(page)
    sign_in_as(page, url, "stateadmin", "#queue-list")
    page.click("#nav-msix")
    page.wait_for_selector("#export-form")

    since = (state_today() - timedelta(days=365)).isoformat()
    page.fill("#msix-since", since)
    with page.expect_download() as caught:
        page.click("#msix-export")
    download = caught.value
    assert download.suggested_filename == f"msix-CA-since-{since.replace('-', '')}.csv"
    msix = read_file(Path(download.path()).read_text(encoding="utf-8"))  # raises on a problem
    assert msix.header["submitting_state"] == "CA"
    assert ana.statewide_number in {line["state_student_id"] for line in msix.details}
    page.wait_for_selector("#export-done")
    assert f"{msix.students} children, {len(msix.details)} lines" in page.inner_text("#export-done")

    # A broken file: nothing is imported, and the line and element to correct are listed.
    before = imports(live_server)
    choose_file(page, "arizona-broken.csv", other_state_file(ana, bad_line=True))
    page.click("#msix-import")
    page.wait_for_selector("#import-error")
    assert "nothing was imported" in page.inner_text("#import-error")
    problems = page.locator("#import-error-problems tbody tr")
    assert problems.count() == 1
    cells = problems.first.locator("td").all_inner_texts()
    assert cells[:2] == ["5", "birth_date"]
    assert "YYYYMMDD" in cells[2]
    assert imports(live_server) == before
    shoot(page, "1024x768", "34-msix-errors")

    # The valid file comes in whole; Ana Sofía's lines are matched to her.
    choose_file(page, "arizona.csv", other_state_file(ana))
    page.click("#msix-import")
    page.wait_for_selector("#import-done")
    assert page.get_attribute("#import-done", "data-created") == "true"
    facts = page.inner_text("#import-done")
    assert "AZ" in facts
    assert "The file was imported." in facts
    assert imports(live_server) == before + 1
    # The same file again changes nothing, and says so.
    page.click("#msix-import")
    page.wait_for_selector("#import-done[data-created='false']")
    assert imports(live_server) == before + 1
    assert not errors, errors


def test_the_export_refuses_a_day_to_come_and_others_have_no_msix_link(live_server, new_context):
    url = live_server.url
    page = new_context("1024x768", locale="es-MX").new_page()
    errors = watch(page)
    sign_in_as(page, url, "stateadmin", "#queue-list")
    page.wait_for_function("document.documentElement.lang === 'es'")
    page.click("#nav-msix")
    page.wait_for_selector("#export-form")
    assert page.inner_text("main h1") == "Intercambio con MSIX"
    page.evaluate("document.querySelector('#msix-since').removeAttribute('max')")
    page.fill("#msix-since", (state_today() + timedelta(days=2)).isoformat())
    page.click("#msix-export")
    page.wait_for_selector("#export-error")
    assert page.locator("#export-error [role=alert]").count() == 1
    assert not errors, errors

    staff = new_context("1024x768").new_page()
    sign_in_as(staff, url, "regional1", "#summary")
    assert staff.locator("#nav-quality").count() == 1
    assert staff.locator("#nav-msix").count() == 0
    staff.goto(f"{url}/#/msix")
    staff.wait_for_selector("#msix-refused")
