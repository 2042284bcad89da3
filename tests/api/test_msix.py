"""MSIX exchange through the API: the demo's MDE file validates; other states' files come in
whole or not at all and reach the child's history; move notices go between regions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from campo.accounts.models import Region
from campo.audit.models import AuditEvent
from campo.eligibility.models import Coe, CoeChild
from campo.families.models import Child
from campo.history.models import ChildIndicators, MepService, SchoolEnrollment
from campo.msix.layout import DETAIL_NAMES, MsixFile, read_file, write_file
from campo.msix.models import MoveNotice, MsixImport, MsixRecord
from tests.demo_fixtures import demo_fixture  # noqa: F401 - the "demo" fixture
from tests.factories import state_today

EXPORT = "/api/v1/msix/export"
IMPORTS = "/api/v1/msix/imports"
NOTICES = "/api/v1/move-notices"


def test_the_demo_childrens_mde_file_validates(api, demo):
    response = api.get(EXPORT, as_user="stateadmin", query_string={"since": "2020-01-01"})
    assert response.status_code == 200, response.json
    assert response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    msix = read_file(response.get_data(as_text=True))  # raises on any problem
    assert msix.header["submitting_state"] == "CA"
    assert msix.students == 2
    by_number = {line["state_student_id"]: line for line in msix.details}
    ana = by_number[demo["Ana Sofía"].statewide_number]
    assert ana["first_name"] == "Ana Sofía"
    assert ana["birth_date"] == demo["Ana Sofía"].birth_date.strftime("%Y%m%d")
    # The demo's school enrollment, with the flags and the state's SSID as the alternate id.
    assert ana["enrollment_type"] == "01"
    assert ana["school_or_project_name"] == "Alisal Elementary"
    assert ana["grade_level"] == "03"
    assert (ana["alternate_id"], ana["alternate_id_type"]) == ("4012345678", "01")
    assert ana["lep_indicator"] == "Yes"
    assert ana["qm_from_state"] == "AZ"
    assert ana["action_code"] == "I"
    assert ana["eligibility_expiration_date"] > ana["qualifying_arrival_date"]
    # Priority for Services (reports.pfs): Ana moved this year and was retained in grade.
    assert ana["pfs_flag"] == "Yes"
    jesus = by_number[demo["Jesús"].statewide_number]
    assert jesus["pfs_flag"] == "No"
    assert jesus["iep_indicator"] == "Yes"
    assert response.headers["X-MSIX-Students"] == "2"


def test_the_export_takes_only_children_changed_since_the_day_and_state_admins_only(
    api, demo, db_session
):
    today = state_today()
    since = {"since": (today - timedelta(days=1)).isoformat()}
    assert (
        api.get(EXPORT, as_user="stateadmin", query_string=since).headers["X-MSIX-Students"] == "2"
    )
    # Everything about Jesús happened long ago; only Ana Sofía changed since yesterday.
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    jesus = demo["Jesús"]
    jesus.created_at = jesus.updated_at = long_ago
    db_session.execute(
        sa.update(Coe)
        .where(Coe.id.in_(sa.select(CoeChild.coe_id).where(CoeChild.child_id == jesus.id)))
        .values(decided_at=long_ago)
    )
    for model in (SchoolEnrollment, MepService, ChildIndicators):
        db_session.execute(
            sa.update(model).where(model.child_id == jesus.id).values(updated_at=long_ago)
        )
    demo["Ana Sofía"].updated_at = datetime.now(UTC)
    db_session.commit()
    db_session.execute(sa.update(Child).where(Child.id == jesus.id).values(updated_at=long_ago))
    db_session.commit()
    response = api.get(EXPORT, as_user="stateadmin", query_string=since)
    numbers = [
        line["state_student_id"] for line in read_file(response.get_data(as_text=True)).details
    ]
    assert numbers == [demo["Ana Sofía"].statewide_number]

    future = api.get(
        EXPORT,
        as_user="stateadmin",
        query_string={"since": (today + timedelta(days=2)).isoformat()},
    )
    assert future.status_code == 422
    assert "since" in future.json["error"]["fields"]
    refused = api.get(EXPORT, as_user="supervisor1", query_string={"since": "2020-01-01"})
    assert refused.status_code == 403
    assert api.get(EXPORT, as_user="stateadmin").status_code == 422  # since is required


def test_a_record_that_does_not_fit_stops_the_export_and_names_the_child(api, demo, db_session):
    jesus = demo["Jesús"]
    jesus.sex = None
    db_session.commit()
    response = api.get(EXPORT, as_user="stateadmin", query_string={"since": "2020-01-01"})
    assert response.status_code == 409
    error = response.json["error"]
    assert error["code"] == "msix.export_invalid"
    assert [(p["statewide_number"], p["code"]) for p in error["problems"]] == [
        (jesus.statewide_number, "msix.required")
    ]


def other_state_file(ana: Child, *, bad_line: bool = False) -> str:
    def line(record_id: str, **values: str) -> dict[str, str]:
        row = dict.fromkeys(DETAIL_NAMES, "")
        row.update(
            record_type="D",
            student_record_id=record_id,
            msix_id="123456789012" if record_id == "0000001" else "",
            reporting_state="AZ",
            state_student_id_type="02",
            action_code="U",
            multiple_birth="No",
            birth_date_verification="1004",
            qm_record_id="001",
            qualifying_arrival_date="20240110",
            qm_to_city="Yuma",
            qm_to_state="AZ",
            eligibility_expiration_date="20270109",
            enrollment_type="01",
            grade_level="03",
            **values,
        )
        return row

    ana_lines = [
        line(
            "0000001",
            state_student_id="AZ-777",
            first_name="Ana Sofia",
            last_name1="Hernandez",
            last_name2="Lopez",
            sex="Female",
            birth_date=ana.birth_date.strftime("%Y%m%d"),
            parent1_first_name="Jose Luis",
            parent1_last_name="Hernandez",
            enrollment_date=date_text,
            school_or_project_name=school,
            algebra1_indicator="No",
        )
        for date_text, school in (("20240115", "Crane Elementary"), ("20240610", "Yuma Summer MEP"))
    ]
    stranger = line(
        "0000002",
        state_student_id="AZ-778",
        first_name="Pedro",
        last_name1="Zamarripa",
        sex="Male",
        birth_date="20120202" if not bad_line else "20120231",
        enrollment_date="20240115",
        school_or_project_name="Crane Middle",
    )
    details = [*ana_lines, stranger]
    header = {
        "record_type": "H",
        "submitting_state": "AZ",
        "submission_date": "20260101120000",
        "total_students": "00000002",
        "total_records": "000000003",
        "begin_effective": "20240101000000",
        "end_effective": "20260101120000",
    }
    if not bad_line:
        return write_file(MsixFile(header=header, details=details))
    good = write_file(
        MsixFile(header=header, details=details[:2] + [{**stranger, "birth_date": "20120202"}])
    )
    return good.replace("20120202", "20120231")


def test_another_states_file_is_imported_whole_and_matched(api, demo, db_session):
    ana = demo["Ana Sofía"]
    text = other_state_file(ana)
    headers = {"Content-Type": "text/csv"}
    created = api.post(IMPORTS, as_user="stateadmin", data=text, headers=headers)
    assert created.status_code == 201, created.json
    assert created.json["students"] == 2
    assert created.json["records"] == 3
    assert created.json["matched_records"] == 2  # Ana's two lines; the stranger is unknown
    records = db_session.scalars(sa.select(MsixRecord).order_by(MsixRecord.line)).all()
    assert [r.child_id for r in records] == [ana.id, ana.id, None]
    assert records[0].data["school_or_project_name"] == "Crane Elementary"

    again = api.post(IMPORTS, as_user="stateadmin", data=text, headers=headers)
    assert again.status_code == 200
    assert again.json["created"] is False
    assert db_session.scalar(sa.select(sa.func.count()).select_from(MsixImport)) == 1
    assert api.post(IMPORTS, as_user="regional1", data=text, headers=headers).status_code == 403


def test_a_file_with_one_bad_line_imports_nothing_and_says_where(api, demo, db_session):
    text = other_state_file(demo["Ana Sofía"], bad_line=True)
    response = api.post(
        IMPORTS,
        as_user="stateadmin",
        data=text,
        headers={"Content-Type": "text/csv"},
        language="es",
    )
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "msix.file_invalid"
    assert [(p["line"], p["path"], p["code"]) for p in error["problems"]] == [
        (5, "line.5.birth_date", "msix.not_date")
    ]
    assert error["problems"][0]["message"].startswith("Esta fecha")
    assert db_session.scalar(sa.select(sa.func.count()).select_from(MsixRecord)) == 0
    empty = api.post(IMPORTS, as_user="stateadmin", data="", headers={"Content-Type": "text/csv"})
    assert empty.json["error"]["problems"][0]["code"] == "msix.empty"


def region_id(db_session, code: str) -> int:
    return db_session.scalar(sa.select(Region.id).where(Region.code == code))


def test_a_move_notice_reaches_the_other_region_which_sees_only_what_it_needs(
    api, demo, db_session
):
    jesus = demo["Jesús"]
    region_23 = region_id(db_session, "23")
    sent = api.post(
        NOTICES,
        as_user="recruiter1",
        json={
            "child_id": str(jesus.id),
            "to_region_id": region_23,
            "destination_city": "Stockton",
            "expected_move_date": "2026-12-01",
            "comment": "Family follows the cherry harvest.",
        },
    )
    assert sent.status_code == 201, sent.json
    assert sent.json["child_id"] == str(jesus.id)
    assert sent.json["to_region"]["code"] == "23"

    incoming = api.get(NOTICES, as_user="recruiter2", query_string={"box": "incoming"})
    assert incoming.status_code == 200
    [notice] = incoming.json
    assert notice["statewide_number"] == jesus.statewide_number
    assert notice["eligibility_end_date"]
    assert notice["from_region"]["code"] == "16"
    assert notice["from_region"]["phone"]
    assert "child_id" not in notice  # another region's record stays closed
    assert api.get(NOTICES, as_user="recruiter1", query_string={"box": "incoming"}).json == []
    assert len(api.get(NOTICES, as_user="recruiter1", query_string={"box": "outgoing"}).json) == 1

    done = api.post(f"{NOTICES}/{notice['id']}/acknowledge", as_user="recruiter2")
    assert done.status_code == 200
    assert done.json["status"] == "acknowledged"
    refused = api.post(f"{NOTICES}/{notice['id']}/acknowledge", as_user="recruiter1")
    assert refused.status_code == 404
    actions = db_session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.entity_type == "move_notice")
    ).all()
    assert sorted(set(actions)) == [
        "move_notice.acknowledged",
        "move_notice.listed",  # reading the lists is audited too
        "move_notice.sent",
    ]


def test_notices_need_a_visible_child_and_a_destination(api, demo, db_session):
    jesus = demo["Jesús"]
    other_region = api.post(
        NOTICES, as_user="recruiter2", json={"child_id": str(jesus.id), "to_state": "TX"}
    )
    assert other_region.status_code == 404
    own = api.post(
        NOTICES,
        as_user="recruiter1",
        json={"child_id": str(jesus.id), "to_region_id": jesus.region_id},
    )
    assert own.json["error"]["code"] == "move_notice.no_destination"
    nowhere = api.post(NOTICES, as_user="recruiter1", json={"child_id": str(jesus.id)})
    assert nowhere.json["error"]["code"] == "move_notice.no_destination"
    unknown = api.post(
        NOTICES, as_user="recruiter1", json={"child_id": str(jesus.id), "to_region_id": 9999}
    )
    assert unknown.json["error"]["code"] == "region.not_found"
    interstate = api.post(
        NOTICES, as_user="recruiter1", json={"child_id": str(jesus.id), "to_state": "TX"}
    )
    assert interstate.status_code == 201
    assert interstate.json["to_state"] == "TX"
    assert interstate.json["to_region"] is None
    bad_state = api.post(
        NOTICES, as_user="recruiter1", json={"child_id": str(jesus.id), "to_state": "ZZ"}
    )
    assert bad_state.status_code == 422


def test_a_notice_from_another_state_goes_to_the_region_of_the_child_it_names(
    api, demo, db_session
):
    ana = demo["Ana Sofía"]
    body = {
        "from_state": "AZ",
        "first_name": "Ana Sofia",
        "last_name1": "Hernandez",
        "last_name2": "Lopez",
        "sex": "F",
        "birth_date": ana.birth_date.isoformat(),
        "msix_id": "123456789012",
        "destination_city": "Salinas",
    }
    assert api.post(f"{NOTICES}/incoming", as_user="regional1", json=body).status_code == 403
    received = api.post(f"{NOTICES}/incoming", as_user="stateadmin", json=body)
    assert received.status_code == 201, received.json
    assert received.json["to_region"]["code"] == "16"
    assert received.json["child_id"] == str(ana.id)
    [notice] = api.get(NOTICES, as_user="regional1", query_string={"box": "incoming"}).json
    assert notice["from_state"] == "AZ"
    assert notice["child_id"] == str(ana.id)
    assert db_session.scalar(sa.select(MoveNotice.child_id)) == ana.id


def test_a_child_with_no_school_enrollment_gets_one_residency_only_line(api, demo, db_session):
    jesus = demo["Jesús"]
    db_session.execute(sa.delete(SchoolEnrollment).where(SchoolEnrollment.child_id == jesus.id))
    db_session.commit()
    response = api.get(EXPORT, as_user="stateadmin", query_string={"since": "2020-01-01"})
    [line] = [
        line
        for line in read_file(response.get_data(as_text=True)).details
        if line["state_student_id"] == jesus.statewide_number
    ]
    assert line["enrollment_type"] == "06"
    assert line["school_or_project_name"].startswith("Region 16")
    assert line["enrollment_date"] == line["residency_date"]
    assert line["grade_level"] == "05"  # the grade the COE gave
