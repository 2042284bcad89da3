"""The student locator: statewide, fuzzy, audited, and tight-lipped about other regions."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from campo.audit.models import AuditEvent
from tests.demo_fixtures import demo_fixture  # noqa: F401 - the "demo" fixture
from tests.records import make_child

URL = "/api/v1/locator/search"
OUTSIDE_KEYS = {
    "in_region",
    "score",
    "band",
    "statewide_number",
    "first_name",
    "middle_name",
    "last_name1",
    "last_name2",
    "birth_date",
    "eligibility_end_date",
    "region",
}


def test_a_recruiter_finds_a_child_of_another_region_by_a_misspelt_name(api, demo, db_session):
    ana = demo["Ana Sofía"]
    # Region 23's recruiter, a misspelt first name, no accents, surnames in the other order.
    found = api.post(
        URL,
        as_user="recruiter2",
        json={
            "first_name": "Ana Sofa",
            "last_name_1": "Lopes",
            "last_name_2": "Hernandes",
            "birth_date": ana.birth_date.isoformat(),
        },
    )
    assert found.status_code == 200, found.json
    best = found.json[0]
    assert best["statewide_number"] == ana.statewide_number
    assert best["in_region"] is False
    assert best["band"] in ("likely", "possible")
    assert best["region"]["code"] == "16"
    assert best["region"]["phone"]
    assert best["eligibility_end_date"] is not None
    # Only what is needed to reach the record: no id, no link, no family, no explanation.
    assert set(best) == OUTSIDE_KEYS
    assert "Principal" not in found.get_data(as_text=True)  # the family's street


def test_in_region_hits_link_to_the_record_and_explain_the_match(api, demo):
    ana = demo["Ana Sofía"]
    found = api.get(
        URL,
        as_user="recruiter1",
        query_string={
            "first_name": "Ana",
            "last_name_1": "Hernandez",
            "limit": "3",
            "birth_date": ana.birth_date.isoformat(),
        },
    )
    assert found.status_code == 200, found.json
    best = found.json[0]
    assert best["in_region"] is True
    assert best["child_id"] == str(ana.id)
    assert api.get(best["record_url"], as_user="recruiter1").status_code == 200
    assert best["comparisons"]
    assert all(c["note"] for c in best["comparisons"])


def test_state_admin_sees_every_region_in_full(api, demo):
    found = api.post(
        URL, as_user="stateadmin", json={"first_name": "Jesus", "last_name_1": "Hernandez"}
    )
    assert found.status_code == 200
    assert found.json[0]["in_region"] is True
    assert found.json[0]["child_id"] == str(demo["Jesús"].id)


def test_search_by_statewide_number_parent_name_and_birth_date(api, demo):
    jesus = demo["Jesús"]
    number = jesus.statewide_number
    spaced = f"{number[:2]}-{number[2:7]} {number[7:]}"
    by_number = api.get(URL, as_user="regional2", query_string={"statewide_number": spaced})
    assert by_number.status_code == 200, by_number.json
    assert [hit["statewide_number"] for hit in by_number.json] == [number]
    assert by_number.json[0]["band"] == "exact"

    by_parent = api.post(
        URL, as_user="recruiter2", json={"parent1_last": "Hernandez", "parent1_first": "Jose Luis"}
    )
    assert by_parent.status_code == 200
    assert {hit["first_name"] for hit in by_parent.json} == {"Ana Sofía", "Jesús"}

    by_birth = api.post(
        URL,
        as_user="recruiter2",
        json={"birth_date": jesus.birth_date.isoformat(), "birth_country": "MEX"},
    )
    assert [hit["statewide_number"] for hit in by_birth.json] == [number]


def test_a_child_with_no_family_row_is_found_by_its_own_parents_names(api, demo, db_session):
    # As `campo import children` and MSIX imports leave a child: parents on the child itself.
    child = make_child(db_session, birth_date=date(2013, 4, 9), region="23", first_name="Mai")
    child.parent1_first_name, child.parent1_last_name = "Tou", "Vang"
    child.parent2_first_name, child.parent2_last_name = "Yer", "Xióng"
    db_session.flush()
    assert child.family_id is None
    assert child.parent_name_key == "tou vang yer xiong"

    found = api.post(
        URL, as_user="recruiter1", json={"parent2_first": "yer", "parent2_last": "Xiong"}
    )
    assert found.status_code == 200, found.json
    assert [hit["statewide_number"] for hit in found.json] == [child.statewide_number]
    # Every word must be the child's parents': another name makes it someone else.
    assert api.post(URL, as_user="recruiter1", json={"parent1_last": "Vang Moua"}).json == []

    # A correction to the parents keeps the key current.
    child.parent2_last_name = "Lee"
    db_session.flush()
    assert child.parent_name_key == "tou vang yer lee"


def test_a_search_needs_a_criterion_and_a_valid_number(api, demo):
    empty = api.post(URL, as_user="recruiter1", json={}, language="es")
    assert empty.status_code == 422
    assert empty.json["error"]["code"] == "locator.query_empty"
    assert empty.json["error"]["message"].startswith("Escriba")
    broad = api.post(URL, as_user="recruiter1", json={"birth_country": "MEX"})
    assert broad.json["error"]["code"] == "locator.query_too_broad"
    mistyped = api.get(
        URL, as_user="recruiter1", query_string={"statewide_number": "CA00000000012"}
    )
    assert mistyped.status_code == 422
    assert mistyped.json["error"]["code"] == "student_number.invalid"
    assert api.post(URL, json={"first_name": "Ana"}).status_code == 401


def test_every_search_is_audited_with_the_fields_never_the_values(api, demo, db_session):
    api.post(
        URL, as_user="recruiter2", json={"first_name": "Ana Sofia", "last_name_1": "Hernandez"}
    )
    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "locator.searched")
    ).one()
    assert event.details["fields"] == ["first_name", "last_name_1"]
    assert event.details["other_regions"] == event.details["results"] >= 1
    assert "Sofia" not in str(event.details)
    assert "Hernandez" not in str(event.details)
