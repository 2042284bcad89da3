"""The regional dashboard (counts, lists, CSV) and resolving duplicates side by side."""

from __future__ import annotations

import csv
import io
import json
import uuid

import pytest
import sqlalchemy as sa

from campo.audit.models import AuditEvent
from campo.lib.csvsafe import safe_cell, to_csv
from tests.api.test_review import approve_known_child, backdate, submit
from tests.factories import coe_body, complete_answers


def pagination(response) -> dict:
    return json.loads(response.headers["X-Pagination"])


def returned(api, coe_id: str) -> None:
    answer = api.post(
        f"/api/v1/coes/{coe_id}/review",
        as_user="supervisor1",
        json={"decision": "return", "reasons": ["missing_information"]},
    )
    assert answer.status_code == 200


def test_the_summary_counts_by_status_recruiter_age_and_duplicates(api, db_session, users):
    empty = api.get("/api/v1/regional/summary", as_user="regional1").json
    approve_known_child(api)
    fresh, week, old = submit(api), submit(api), submit(api)
    backdate(db_session, week, 5)
    backdate(db_session, old, 40)
    back = submit(api)
    returned(api, back)
    draft = str(uuid.uuid4())
    api.put(f"/api/v1/coes/{draft}", as_user="supervisor1", json=coe_body())

    response = api.get("/api/v1/regional/summary", as_user="regional1")
    assert response.status_code == 200
    summary = response.json
    by_status = summary["by_status"]
    assert by_status["approved"] == empty["by_status"]["approved"] + 1
    assert by_status["submitted"] == empty["by_status"]["submitted"] + 3
    assert by_status["returned"] == empty["by_status"]["returned"] + 1
    assert by_status["draft"] == empty["by_status"]["draft"] + 1
    assert summary["total"] == empty["total"] + 6
    assert summary["returned_not_resubmitted"] == by_status["returned"]
    # The three new submissions share the approved child: each must be linked or confirmed.
    assert summary["duplicates"]["unresolved"] == empty["duplicates"]["unresolved"] + 3
    ages = {a["bucket"]: a["count"] for a in summary["queue_age"]}
    before = {a["bucket"]: a["count"] for a in empty["queue_age"]}
    assert ages["0-2"] == before["0-2"] + 1
    assert ages["3-7"] == before["3-7"] + 1
    assert ages["31+"] == before["31+"] + 1
    assert sum(ages.values()) == by_status["submitted"]
    assert summary["oldest_waiting_days"] == 40
    recruiters = {r["recruiter_id"]: r for r in summary["by_recruiter"]}
    mine = recruiters[users["recruiter1"].id]
    assert mine["by_status"]["submitted"] == by_status["submitted"]
    assert mine["total"] == sum(mine["by_status"].values())
    assert recruiters[users["supervisor1"].id]["by_status"]["draft"] >= 1
    assert {fresh, week, old} <= {
        r["id"]
        for r in api.get("/api/v1/regional/coes?duplicates=unresolved", as_user="regional1").json
    }


def test_the_summary_is_limited_to_the_region(api):
    other = api.get("/api/v1/regional/summary", as_user="regional2").json
    submit(api)
    assert api.get("/api/v1/regional/summary", as_user="regional2").json == other
    every = api.get("/api/v1/regional/summary", as_user="stateadmin").json
    region_b = api.get("/api/v1/me", as_user="regional2").json["region"]["id"]
    only_b = api.get(f"/api/v1/regional/summary?region_id={region_b}", as_user="stateadmin").json
    assert only_b["by_status"] == other["by_status"]
    assert every["total"] > only_b["total"]
    # A region filter cannot widen what regional staff see.
    region_a = api.get("/api/v1/me", as_user="regional1").json["region"]["id"]
    widened = api.get(f"/api/v1/regional/summary?region_id={region_a}", as_user="regional2").json
    assert widened["total"] == 0


def test_the_list_filters_searches_sorts_and_pages(api, db_session, users):
    first, second, third = submit(api), submit(api), submit(api)
    for coe_id, days in ((first, 20), (second, 10), (third, 4)):
        backdate(db_session, coe_id, days)
    returned(api, third)
    other_family = complete_answers()
    other_family["family"]["parent1_last_name"] = "Zúñiga"
    other_family["children"][0].update(last_name1="Zúñiga", first_name="Evaristo", sex="male")
    zuniga = submit(api, other_family)

    oldest = api.get("/api/v1/regional/coes?status=submitted&sort=submitted", as_user="regional1")
    ids = [r["id"] for r in oldest.json]
    assert ids.index(first) < ids.index(second) < ids.index(zuniga)
    assert third not in ids
    newest = api.get("/api/v1/regional/coes?status=submitted&sort=-submitted", as_user="regional1")
    assert [r["id"] for r in newest.json].index(zuniga) < [r["id"] for r in newest.json].index(
        first
    )

    found = api.get("/api/v1/regional/coes?q=zuniga", as_user="regional1").json
    assert [r["id"] for r in found] == [zuniga]
    assert found[0]["family_name"] == "Zúñiga"

    aged = [r["id"] for r in api.get("/api/v1/regional/coes?age=15-30", as_user="regional1").json]
    assert first in aged
    assert second not in aged
    assert [
        r["id"] for r in api.get("/api/v1/regional/coes?age=8-14", as_user="regional1").json
    ] == [second]

    by_recruiter = api.get(
        f"/api/v1/regional/coes?recruiter_id={users['recruiter1'].id}&status=returned",
        as_user="regional1",
    ).json
    assert [r["id"] for r in by_recruiter if r["id"] == third] == [third]
    assert all(r["status"] == "returned" for r in by_recruiter)

    page1 = api.get("/api/v1/regional/coes?status=submitted&page_size=2", as_user="regional1")
    page2 = api.get(
        "/api/v1/regional/coes?status=submitted&page_size=2&page=2", as_user="regional1"
    )
    total = pagination(page1)["total"]
    assert total >= 3
    assert len(page1.json) == 2
    assert not {r["id"] for r in page1.json} & {r["id"] for r in page2.json}
    beyond = api.get("/api/v1/regional/coes?page=500", as_user="regional1")
    assert beyond.status_code == 200
    assert beyond.json == []

    bad = api.get("/api/v1/regional/coes?age=forever", as_user="regional1", language="es")
    assert bad.status_code == 422
    assert bad.json["error"]["code"] == "request.invalid"
    assert "age" in bad.json["error"]["fields"]


@pytest.mark.parametrize("username", ["regional2", "supervisor2"])
def test_lists_hold_only_the_callers_region(api, username):
    coe_id = submit(api)
    assert coe_id not in [r["id"] for r in api.get("/api/v1/regional/coes", as_user=username).json]
    exported = api.get("/api/v1/regional/coes.csv", as_user=username).get_data(as_text=True)
    assert coe_id not in exported
    assert coe_id in [r["id"] for r in api.get("/api/v1/regional/coes", as_user="stateadmin").json]


def test_csv_export_has_the_same_rows_and_no_formulas(api, db_session):
    answers = complete_answers()
    answers["family"]["parent1_last_name"] = '=HYPERLINK("http://x")'
    answers["children"][0]["first_name"] = "+Ana"
    risky = submit(api, answers)
    plain = submit(api)

    response = api.get("/api/v1/regional/coes.csv?status=submitted", as_user="regional1")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert header[0] == "Certificate id"
    listed = api.get(
        "/api/v1/regional/coes?status=submitted&page_size=100", as_user="regional1"
    ).json
    assert [row[0] for row in body] == [r["id"] for r in listed]
    mine = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert mine[risky]["Family"] == '\'=HYPERLINK("http://x")'
    assert mine[risky]["Children"].startswith("'+Ana")
    assert mine[plain]["Family"] == "Núñez"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)

    spanish = api.get(
        "/api/v1/regional/coes.csv?status=submitted", as_user="regional1", language="es"
    )
    assert spanish.get_data(as_text=True).lstrip("\ufeff").startswith("Id del certificado")
    exports = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "coe.exported")
    ).all()
    assert len(exports) == 2
    assert risky in exports[0].details["ids"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+34 600", "'+34 600"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Núñez", "Núñez"),
        ("a=b", "a=b"),
        (None, ""),
        (3, "3"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_made_text(value, expected):
    assert safe_cell(value) == expected


def test_csv_quotes_commas_and_line_breaks():
    text = to_csv(["a", "b"], [["x, y", "line\nbreak"]])
    assert list(csv.reader(io.StringIO(text))) == [["a", "b"], ["x, y", "line\nbreak"]]


# -- duplicates side by side -----------------------------------------------------------------


def duplicate_case(api) -> tuple[dict, str]:
    known = approve_known_child(api)
    again = complete_answers()
    again["children"][0].update(first_name="Maria Jose", birth_city="Jacona")
    return known, submit(api, again)


def test_the_comparison_shows_each_field_and_what_differs(api, db_session):
    known, coe_id = duplicate_case(api)
    response = api.get(
        f"/api/v1/coes/{coe_id}/children/0/comparison", as_user="regional1", language="es"
    )
    assert response.status_code == 200
    body = response.json
    assert body["submitted"]["first_name"] == "Maria Jose"
    assert body["submitted"]["parent1_last_name"] == "Núñez"
    assert body["match_decision"] is None
    assert body["can_resolve"] is True
    candidate = body["candidates"][0]
    assert candidate["child_id"] == known["children"][0]["child_id"]
    assert candidate["statewide_number"] == known["children"][0]["statewide_number"]
    assert candidate["open"] is True
    fields = {f["field"]: f for f in candidate["fields"]}
    # Accents set aside, the names are the same; the birth city is not.
    assert fields["first_name"]["candidate"] == "María José"
    assert fields["first_name"]["differs"] is False
    assert fields["birth_city"]["differs"] is True
    assert fields["birth_city"]["submitted"] == "Jacona"
    assert fields["birth_city"]["candidate"] == "Zamora"
    assert candidate["differences"] == ["birth_city"]
    assert fields["birth_date"]["label"] == "Fecha de nacimiento"
    assert fields["birth_date"]["outcome"] == "same"
    assert fields["birth_date"]["note"]
    assert {c["field"] for c in candidate["comparisons"]} >= {"first_name", "birth_date"}
    reads = db_session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.action == "child.read",
            AuditEvent.entity_id == candidate["child_id"],
        )
    ).all()
    assert [e.details["view"] for e in reads] == ["comparison"]


def test_regional_staff_link_undo_and_confirm_with_the_history_kept(api, db_session, users):
    known, coe_id = duplicate_case(api)
    child_id = known["children"][0]["child_id"]
    url = f"/api/v1/coes/{coe_id}/children/0"
    linked = api.post(f"{url}/link", as_user="regional1", json={"child_id": child_id})
    assert linked.status_code == 200
    assert linked.json["match_decision"] == "linked"
    after_link = api.get(f"{url}/comparison", as_user="regional1").json
    assert after_link["match_decision"] == "linked"
    assert after_link["child_id"] == child_id
    assert after_link["match_decided_by_name"] == users["regional1"].full_name

    undone = api.call("DELETE", f"{url}/decision", as_user="regional1")
    assert undone.status_code == 200
    assert undone.json["match_decision"] is None
    confirmed = api.post(f"{url}/confirm-new", as_user="supervisor1")
    assert confirmed.json["match_decision"] == "new"

    history = api.get(f"{url}/comparison", as_user="regional1").json["history"]
    assert [e["action"] for e in history] == [
        "coe_child.linked",
        "coe_child.decision_undone",
        "coe_child.confirmed_new",
    ]
    assert history[0]["child_id"] == child_id
    assert history[1]["previous"] == "linked"
    assert history[1]["previous_child_id"] == child_id
    assert history[0]["actor_name"] == users["regional1"].full_name
    assert history[2]["actor_name"] == users["supervisor1"].full_name
    roles = db_session.scalars(
        sa.select(AuditEvent.actor_role)
        .where(AuditEvent.entity_id == coe_id, AuditEvent.action.like("coe_child.%"))
        .order_by(AuditEvent.id)
    ).all()
    assert roles == ["regional_staff", "regional_staff", "supervisor"]


@pytest.mark.parametrize("username", ["regional2", "supervisor2"])
def test_another_region_can_neither_compare_nor_resolve(api, username):
    known, coe_id = duplicate_case(api)
    url = f"/api/v1/coes/{coe_id}/children/0"
    for response in (
        api.get(f"{url}/comparison", as_user=username),
        api.post(
            f"{url}/link", as_user=username, json={"child_id": known["children"][0]["child_id"]}
        ),
        api.post(f"{url}/confirm-new", as_user=username),
        api.call("DELETE", f"{url}/decision", as_user=username),
    ):
        assert response.status_code == 404
        assert response.json["error"]["code"] == "coe.not_found"


def test_a_decided_coe_is_compared_but_not_resolved(api):
    known, coe_id = duplicate_case(api)
    api.post(
        f"/api/v1/coes/{coe_id}/review",
        as_user="supervisor1",
        json={"decision": "reject", "reasons": ["possible_duplicate"]},
    )
    url = f"/api/v1/coes/{coe_id}/children/0"
    assert api.get(f"{url}/comparison", as_user="regional1").json["can_resolve"] is False
    refused = api.post(
        f"{url}/link", as_user="regional1", json={"child_id": known["children"][0]["child_id"]}
    )
    assert refused.status_code == 409
    assert refused.json["error"]["code"] == "coe.not_editable"


def test_a_child_that_is_not_on_the_coe_is_404(api):
    _known, coe_id = duplicate_case(api)
    response = api.get(f"/api/v1/coes/{coe_id}/children/5/comparison", as_user="regional1")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "child.not_found"
