"""Recording and correcting a child's history on the child screen, and the region's CSV import:
regional staff add, correct and delete records of a demo child; a refused save shows the
server's message next to the field and keeps what was typed; a state admin works in Spanish and
names the region; a good file is imported, a file with one bad line is refused whole; recruiters
and supervisors see no edit controls."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from campo.families.models import Child
from campo.history.models import MepService, SchoolEnrollment
from tests.factories import state_today

from .conftest import days_ago, shoot, sign_in, unlock, watch
from .test_review import approved_coe, family_answers


def demo_child(live_server: Any, first_name: str) -> Child:
    with live_server.database.transaction() as session:
        child = session.scalars(
            sa.select(Child)
            .where(Child.first_name == first_name, Child.last_name1 == "Hernández")
            .order_by(Child.statewide_number)
        ).first()
        assert child is not None
        session.expunge(child)
        return child


def fresh_child(live_server: Any, surname: str, first_name: str) -> Child:
    """A child of its own (approved through the API), so no other test's records mix in."""
    approved_coe(live_server.url, family_answers(surname, first_name))
    with live_server.database.transaction() as session:
        child = session.scalars(sa.select(Child).where(Child.last_name1 == surname)).one()
        session.expunge(child)
        return child


def records(live_server: Any, model: Any, child_id: Any) -> list[Any]:
    with live_server.database.transaction() as session:
        rows = list(session.scalars(sa.select(model).where(model.child_id == child_id)))
        session.expunge_all()
        return rows


def open_child(page: Any, url: str, child_id: Any) -> None:
    page.goto(f"{url}/#/child/{child_id}")
    page.wait_for_selector("#history-name")


def row_of(page: Any, kind: str, text: str) -> Any:
    return page.locator(f"#{kind}-records tbody tr", has_text=text)


def test_regional_staff_add_correct_and_delete_records_of_a_demo_child(live_server, new_context):
    url = live_server.url
    jesus = demo_child(live_server, "Jesús")
    page = new_context("1024x768").new_page()
    errors = watch(page)
    sent: list[tuple[str, str, Any]] = []
    page.on(
        "request",
        lambda request: (
            sent.append((request.method, request.url, request.post_data_json))
            if "/api/v1/history/" in request.url and request.method == "PATCH"
            else None
        ),
    )
    sign_in(page, url, "regional1")
    open_child(page, url, jesus.id)
    page.wait_for_selector("#edit-enrollments")
    assert page.locator("#edit-indicators").count() == 1

    # An enrollment.
    enrolled = days_ago(40)
    page.click("#add-enrollments")
    page.select_option("#h-enrollments-enrollment_type", "01")
    page.fill("#h-enrollments-school_name", "Escuela Pájaro Valley")
    page.select_option("#h-enrollments-grade", "KG")
    page.fill("#h-enrollments-enrollment_date", enrolled)
    page.click("#h-enrollments-save")
    row_of(page, "enrollments", "Escuela Pájaro Valley").wait_for()
    assert page.locator("#h-enrollments-form").count() == 0
    # The history above is read again: it shows the new school too.
    page.wait_for_selector("#history-enrollment-list:has-text('Escuela Pájaro Valley')")

    # A summer MEP service.
    page.click("#add-services")
    page.select_option("#h-services-service_type", "mathematics")
    page.select_option("#h-services-term", "summer")
    page.fill("#h-services-start_date", days_ago(30))
    page.fill("#h-services-end_date", days_ago(25))
    page.fill("#h-services-provider", "Campamento de verano 16")
    page.click("#h-services-save")
    row_of(page, "services", "Campamento de verano 16").wait_for()
    assert "Summer" in row_of(page, "services", "Campamento de verano 16").inner_text()

    # Correct the withdrawal date: first a date before the enrollment, refused next to the field.
    row_of(page, "enrollments", "Escuela Pájaro Valley").locator(".record-correct").click()
    page.wait_for_selector("#h-enrollments-form")
    assert page.input_value("#h-enrollments-school_name") == "Escuela Pájaro Valley"
    too_early = (state_today() - timedelta(days=50)).isoformat()
    page.fill("#h-enrollments-withdrawal_date", too_early)
    page.fill("#h-enrollments-comment", "Se dio de baja")
    page.click("#h-enrollments-save")
    page.wait_for_selector("#h-enrollments-withdrawal_date-error:not(:empty)")
    assert "cannot be before the first date" in page.inner_text(
        "#h-enrollments-withdrawal_date-error"
    )
    assert page.get_attribute("#h-enrollments-withdrawal_date", "aria-invalid") == "true"
    assert page.inner_text("#h-enrollments-form-error")  # the summary says the save was refused
    # Nothing typed is lost.
    assert page.input_value("#h-enrollments-withdrawal_date") == too_early
    assert page.input_value("#h-enrollments-comment") == "Se dio de baja"
    shoot(page, "1024x768", "22-history-field-error")
    withdrawn = days_ago(10)
    page.fill("#h-enrollments-withdrawal_date", withdrawn)
    page.click("#h-enrollments-save")
    page.wait_for_selector("#h-enrollments-form", state="detached")
    # Only the fields that changed were sent.
    assert sent[-1][0] == "PATCH"
    assert sent[-1][2] == {"withdrawal_date": withdrawn, "comment": "Se dio de baja"}
    stored = [
        e
        for e in records(live_server, SchoolEnrollment, jesus.id)
        if e.school_name == "Escuela Pájaro Valley"
    ]
    assert len(stored) == 1
    assert stored[0].withdrawal_date.isoformat() == withdrawn
    assert stored[0].enrollment_date.isoformat() == enrolled

    # Delete the service, after a confirmation (cancelled once).
    row_of(page, "services", "Campamento de verano 16").locator(".record-delete").click()
    page.click("dialog .button.secondary")
    assert row_of(page, "services", "Campamento de verano 16").count() == 1
    row_of(page, "services", "Campamento de verano 16").locator(".record-delete").click()
    page.click("dialog .button.danger")
    row_of(page, "services", "Campamento de verano 16").wait_for(state="detached")
    services = records(live_server, MepService, jesus.id)
    assert not [s for s in services if s.provider == "Campamento de verano 16"]

    # After a reload (the vault locks: the PIN opens it) the changes are there.
    page.reload()
    unlock(page)
    page.wait_for_selector("#enrollments-records")
    enrollment = row_of(page, "enrollments", "Escuela Pájaro Valley")
    assert enrollment.count() == 1
    assert enrollment.locator("td").nth(4).inner_text() != "—"
    assert row_of(page, "services", "Campamento de verano 16").count() == 0
    assert row_of(page, "services", "Region 16 MEP").count() == 1  # the demo's own service stays
    assert not errors, errors


def test_a_state_admin_records_in_spanish_for_the_region_chosen(live_server, new_context):
    url = live_server.url
    child = fresh_child(live_server, "Zamudio", "Itzel")
    page = new_context("800x1280").new_page()
    errors = watch(page)
    sign_in(page, url, "stateadmin")
    page.click(".lang-switch button[lang=es]")
    page.wait_for_function("document.documentElement.lang === 'es'")
    open_child(page, url, child.id)
    page.wait_for_selector("#edit-courses")
    assert page.inner_text("#history-editor-title") == "Registrar y corregir"

    # The indicators: English learner yes, IEP no; only those two are sent.
    page.select_option("#ind-english_learner", "true")
    page.select_option("#ind-iep", "false")
    page.click("#ind-save")
    page.wait_for_selector("#history-flags dd:has-text('Sí')")
    stored = page.evaluate(
        f"""async () => {{
            const {{ call }} = await import("/src/api.js");
            return (await call("GET", "/api/v1/children/{child.id}/indicators")).body;
        }}"""
    )
    assert stored["english_learner"] is True
    assert stored["iep"] is False
    # A state student ID that another child has is refused next to its field.
    page.fill("#ind-state_student_id", "4012345678")  # the demo's Ana Sofía's
    page.click("#ind-save")
    page.wait_for_selector("#ind-state_student_id-error:not(:empty)")
    assert "pertenece a otro niño" in page.inner_text("#ind-state_student_id-error")
    page.fill("#ind-state_student_id", "")

    # A course: the region is the child's by default; a missing title is refused in Spanish.
    page.click("#add-courses")
    assert page.input_value("#h-courses-region_id") == str(child.region_id)
    page.fill("#h-courses-school_year", "2025-2026")
    page.select_option("#h-courses-term", "full_year")
    page.fill("#h-courses-credits_earned", "5")
    page.check("#h-courses-algebra1")
    page.click("#h-courses-save")
    page.wait_for_selector("#h-courses-course_title-error:not(:empty)")
    assert page.inner_text("#h-courses-course_title-error") == "Este valor es obligatorio."
    page.fill("#h-courses-course_title", "Álgebra I")
    page.select_option("#h-courses-passed", "true")
    page.click("#h-courses-save")
    row = row_of(page, "courses", "Álgebra I")
    row.wait_for()
    assert "Año completo" in row.inner_text()
    assert "Sí" in row.inner_text()
    page.wait_for_selector("#history-course-list:has-text('Álgebra I')")
    row.locator(".record-correct").click()
    page.wait_for_selector("#h-courses-form")
    page.fill("#h-courses-final_grade", "A-")
    shoot(page, "800x1280", "22-history-correct-es")
    # Opening another form asks before the typed values are dropped; staying keeps them.
    page.click("#add-courses")
    page.wait_for_selector("dialog[open]")
    page.click("dialog .button.secondary")
    assert page.get_attribute("#h-courses-form", "data-record-id")
    assert page.input_value("#h-courses-final_grade") == "A-"
    page.click("#h-courses-cancel")
    page.wait_for_selector("#h-courses-form", state="detached")
    assert not errors, errors


def csv_file(text: str) -> dict[str, Any]:
    return {"name": "enrollments.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")}


def test_the_import_writes_a_good_file_and_refuses_one_bad_line(live_server, new_context):
    url = live_server.url
    first = fresh_child(live_server, "Quintanar", "Rocío")
    second = fresh_child(live_server, "Palomares", "Abigail")
    header = "statewide_number,enrollment_type,school_name,grade,enrollment_date,withdrawal_date"
    page = new_context("1024x768").new_page()
    errors = watch(page)
    sign_in(page, url, "regional1")
    page.click("#nav-history-import")
    page.wait_for_selector("#import-form")
    assert page.get_attribute("#nav-history-import", "aria-current") == "page"
    page.select_option("#import-kind", "enrollments")
    columns = page.inner_text("#import-columns")
    assert "statewide_number" in columns
    assert "withdrawal_date" in columns
    assert page.locator("#import-region").count() == 0  # regional staff import for their region
    assert "16" in page.inner_text("#import-own-region")
    with page.expect_download() as download:
        page.click("#import-template")
    template = download.value.path().read_text()
    assert template.startswith("statewide_number,id,enrollment_type,school_name,")

    good = "\n".join(
        [
            header,
            f"{first.statewide_number},01,Lincoln Elementary,02,{days_ago(20)},",
            f"{second.statewide_number},06,Salinas (residency),,{days_ago(18)},{days_ago(2)}",
        ]
    )
    page.set_input_files("#import-file", files=[csv_file(good)])
    page.click("#import-send")
    page.wait_for_selector("#import-done")
    assert "2 rows, 2 records added, 0 corrected" in page.inner_text("#import-done")
    assert len(records(live_server, SchoolEnrollment, first.id)) == 1
    assert len(records(live_server, SchoolEnrollment, second.id)) == 1

    bad = "\n".join(
        [
            header,
            f"{first.statewide_number},01,Roosevelt Middle,06,{days_ago(15)},",
            f"{second.statewide_number},01,Roosevelt Middle,05,{days_ago(15)},2026-02-30",
        ]
    )
    page.set_input_files("#import-file", files=[csv_file(bad)])
    page.click("#import-send")
    page.wait_for_selector("#import-errors")
    assert "nothing was imported" in page.inner_text("#import-refused")
    lines = page.locator("#import-errors tbody tr")
    assert lines.count() == 1
    assert lines.first.get_attribute("data-line") == "3"
    assert "withdrawal_date" in lines.first.inner_text()
    assert "Not a valid date." in lines.first.inner_text()
    shoot(page, "1024x768", "23-history-import-refused")
    # Nothing of the file was written, not even its good first line.
    assert len(records(live_server, SchoolEnrollment, first.id)) == 1
    assert len(records(live_server, SchoolEnrollment, second.id)) == 1
    assert not errors, errors


def test_the_import_in_spanish_for_a_state_admin_needs_a_region(live_server, new_context):
    url = live_server.url
    child = fresh_child(live_server, "Ocampo", "Yaretzi")
    page = new_context("1024x768").new_page()
    errors = watch(page)
    sign_in(page, url, "stateadmin")
    page.click(".lang-switch button[lang=es]")
    page.wait_for_function("document.documentElement.lang === 'es'")
    page.click("#nav-history-import")
    page.wait_for_selector("#import-form")
    page.select_option("#import-kind", "services")
    page.set_input_files(
        "#import-file",
        files=[
            csv_file(
                "statewide_number,service_type,term,start_date\n"
                f"{child.statewide_number},reading,summer,{days_ago(12)}\n"
            )
        ],
    )
    page.click("#import-send")
    page.wait_for_selector("#import-region-error:not(:empty)")
    assert "región" in page.inner_text("#import-region-error")
    page.select_option("#import-region", str(child.region_id))
    page.click("#import-send")
    page.wait_for_selector("#import-done")
    assert "1 filas, 1 registros agregados" in page.inner_text("#import-done")
    services = records(live_server, MepService, child.id)
    assert [(s.term, s.region_id) for s in services] == [("summer", child.region_id)]
    assert not errors, errors


def test_recruiters_and_supervisors_see_no_edit_controls(live_server, new_context):
    url = live_server.url
    jesus = demo_child(live_server, "Jesús")
    for username in ("recruiter1", "supervisor1"):
        page = new_context("1024x768").new_page()
        errors = watch(page)
        sign_in(page, url, username)
        open_child(page, url, jesus.id)
        page.wait_for_selector("#history-enrollment-list")
        assert page.locator("#history-editor").count() == 0
        assert page.locator(".record-correct, .record-delete, #add-enrollments").count() == 0
        assert page.locator("#nav-history-import").count() == 0
        page.goto(f"{url}/#/history-import")
        page.wait_for_selector("main h1")
        assert page.locator("#import-form").count() == 0
        assert not errors, errors
