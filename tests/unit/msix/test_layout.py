"""The MDE file layout: what it writes it reads back, and every kind of fault is named by line
and field."""

from __future__ import annotations

import pytest

from campo.msix.layout import (
    DETAIL_NAMES,
    LayoutError,
    MsixFile,
    read_file,
    validate_detail,
    write_file,
)


def detail(**changes: str) -> dict[str, str]:
    values = dict.fromkeys(DETAIL_NAMES, "")
    values.update(
        record_type="D",
        student_record_id="0000001",
        reporting_state="AZ",
        state_student_id="AZ12345",
        state_student_id_type="02",
        action_code="I",
        first_name="María José",
        last_name1="Núñez",
        last_name2="Peña",
        sex="Female",
        birth_date="20150314",
        multiple_birth="No",
        birth_date_verification="1004",
        qm_record_id="001",
        qualifying_arrival_date="20250901",
        qm_to_city="Yuma",
        qm_to_state="AZ",
        eligibility_expiration_date="20280831",
        enrollment_date="20250903",
        enrollment_type="01",
        school_or_project_name="Crane Elementary",
        grade_level="05",
    )
    values.update(changes)
    return values


def msix_file(*details: dict[str, str], **header: str) -> MsixFile:
    students = len({d["student_record_id"] for d in details})
    return MsixFile(
        header={
            "record_type": "H",
            "submitting_state": "AZ",
            "submission_date": "20261101120000",
            "total_students": f"{students:08d}",
            "total_records": f"{len(details):09d}",
            "begin_effective": "20260101000000",
            "end_effective": "20261101120000",
            **header,
        },
        details=list(details),
    )


def test_a_file_written_is_read_back_the_same():
    original = msix_file(
        detail(),
        detail(enrollment_date="20260105", enrollment_type="03", school_or_project_name="Summer"),
        detail(student_record_id="0000002", state_student_id="AZ9", first_name="Jesús"),
    )
    text = write_file(original)
    assert text.splitlines()[0].startswith("H,AZ,20261101120000,00000002,000000003")
    again = read_file(text)
    assert again.header == original.header
    assert again.details == original.details
    assert again.students == 2


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"first_name": ""}, "first_name", "msix.required"),
        ({"first_name": "A" * 51}, "first_name", "msix.too_long"),
        ({"birth_date": "20150230"}, "birth_date", "msix.not_date"),
        ({"birth_date": "2015-03-14"}, "birth_date", "msix.not_date"),
        ({"student_record_id": "12"}, "student_record_id", "msix.not_digits"),
        ({"msix_id": "12345678901X"}, "msix_id", "msix.not_digits"),
        ({"sex": "F"}, "sex", "msix.not_in_list"),
        ({"enrollment_type": "07"}, "enrollment_type", "msix.not_in_list"),
        ({"grade_level": "5"}, "grade_level", "msix.not_in_list"),
        ({"qm_to_state": "XX"}, "qm_to_state", "msix.not_in_list"),
        (
            {"eligibility_expiration_date": "20250901"},
            "eligibility_expiration_date",
            "msix.dates_out_of_order",
        ),
        ({"withdrawal_date": "20250801"}, "withdrawal_date", "msix.dates_out_of_order"),
        ({"alternate_id": "SSID1"}, "alternate_id_type", "msix.needs_partner"),
        ({"graduation_hse_indicator": "Yes"}, "graduation_hse_date", "msix.needs_partner"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_each_fault_of_a_line_is_named(changes, field, code):
    problems = validate_detail(detail(**changes), 7)
    assert [(p.line, p.field, p.code) for p in problems] == [(7, field, code)]
    assert problems[0].as_dict()["path"] == f"line.7.{field}"


def test_faults_of_the_whole_file_are_found_and_nothing_is_written():
    wrong = msix_file(
        detail(),
        detail(first_name="Maria"),  # the same student, named differently
        total_records="000000009",
    )
    with pytest.raises(LayoutError) as caught:
        write_file(wrong)
    found = {(p.line, p.field, p.code) for p in caught.value.problems}
    assert found == {(4, "first_name", "msix.student_differs"), (1, "total_records", "msix.totals")}

    backwards = msix_file(detail(), end_effective="20251231000000")
    with pytest.raises(LayoutError) as caught:
        write_file(backwards)
    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("end_effective", "msix.dates_out_of_order")
    ]


def test_reading_reports_every_bad_line_and_a_wrong_layout():
    text = write_file(msix_file(detail(), detail(student_record_id="0000002")))
    lines = text.split("\r\n")
    lines[2] = lines[2].replace("20150314", "20151314")
    lines[3] = lines[3].replace(",Female,", ",Girl,")
    with pytest.raises(LayoutError) as caught:
        read_file("\r\n".join(lines))
    assert [(p.line, p.field, p.code) for p in caught.value.problems] == [
        (3, "birth_date", "msix.not_date"),
        (4, "sex", "msix.not_in_list"),
    ]
    with pytest.raises(LayoutError) as caught:
        read_file(text.replace("first_name,middle_name", "middle_name,first_name"))
    assert caught.value.problems[0].code == "msix.columns"
    with pytest.raises(LayoutError) as caught:
        read_file("")
    assert caught.value.problems[0].code == "msix.empty"
