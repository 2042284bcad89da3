"""Roles and regions: who may see and do what."""

from __future__ import annotations

import uuid

import pytest

from tests.factories import approval, coe_body, signatures


@pytest.fixture
def submitted_coe(api, new_id) -> str:
    assert (
        api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body()).status_code == 201
    )
    response = api.post(
        f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )
    assert response.status_code == 200
    return new_id


@pytest.mark.parametrize("username", ["recruiter2", "supervisor2", "regional2"])
def test_other_regions_get_404_for_a_coe(api, submitted_coe, username):
    for response in (
        api.get(f"/api/v1/coes/{submitted_coe}", as_user=username),
        api.post(f"/api/v1/coes/{submitted_coe}/review", as_user=username, json=approval()),
        api.post(f"/api/v1/coes/{submitted_coe}/submit", as_user=username, json={}),
    ):
        if response.status_code == 403:
            # A role that may never review is refused before the COE is even looked up.
            assert response.json["error"]["code"] == "auth.forbidden"
        else:
            assert response.status_code == 404
            assert response.json["error"]["code"] == "coe.not_found"


def test_other_region_cannot_overwrite_a_coe_by_its_id(api, submitted_coe):
    response = api.put(
        f"/api/v1/coes/{submitted_coe}", as_user="recruiter2", json=coe_body(language="en")
    )
    assert response.status_code == 404
    assert api.get(f"/api/v1/coes/{submitted_coe}", as_user="recruiter1").json["language"] == "es"


def test_lists_show_only_the_callers_region(api, submitted_coe):
    assert submitted_coe in [c["id"] for c in api.get("/api/v1/coes", as_user="regional1").json]
    assert api.get("/api/v1/coes", as_user="regional2").json == []
    assert submitted_coe in [c["id"] for c in api.get("/api/v1/coes", as_user="stateadmin").json]
    # A region filter cannot widen what a regional user sees.
    region_a = api.get("/api/v1/me", as_user="recruiter1").json["region"]["id"]
    assert api.get(f"/api/v1/coes?region_id={region_a}", as_user="regional2").json == []


@pytest.mark.parametrize("username", ["recruiter1", "recruiter2", "regional1"])
def test_recruiters_and_regional_staff_cannot_review(api, submitted_coe, username):
    response = api.post(f"/api/v1/coes/{submitted_coe}/review", as_user=username, json=approval())
    assert response.status_code == 403
    assert response.json["error"]["code"] == "auth.forbidden"


def test_nobody_reviews_their_own_coe(api, new_id):
    api.put(f"/api/v1/coes/{new_id}", as_user="supervisor1", json=coe_body())
    api.post(
        f"/api/v1/coes/{new_id}/submit", as_user="supervisor1", json={"signatures": signatures()}
    )
    response = api.post(f"/api/v1/coes/{new_id}/review", as_user="supervisor1", json=approval())
    assert response.status_code == 403
    assert response.json["error"]["code"] == "coe.own_review"


def test_state_admin_may_review_any_region(api, submitted_coe):
    response = api.post(
        f"/api/v1/coes/{submitted_coe}/review", as_user="stateadmin", json=approval()
    )
    assert response.status_code == 200
    assert response.json["status"] == "approved"


@pytest.mark.parametrize("username", ["regional1", "stateadmin"])
def test_only_recruiters_and_supervisors_write_coes(api, new_id, username):
    response = api.put(f"/api/v1/coes/{new_id}", as_user=username, json=coe_body())
    assert response.status_code == 403
    assert response.json["error"]["code"] == "auth.forbidden"


def test_only_the_author_changes_or_submits_a_draft(api, new_id):
    body = coe_body()
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=body)
    body["answers"]["comments"]["other"] = "someone else's edit"
    changed = api.put(f"/api/v1/coes/{new_id}", as_user="supervisor1", json=body)
    assert changed.status_code == 403
    assert changed.json["error"]["code"] == "coe.not_owner"
    submitted = api.post(
        f"/api/v1/coes/{new_id}/submit", as_user="supervisor1", json={"signatures": signatures()}
    )
    assert submitted.status_code == 403


def test_children_of_other_regions_are_not_found(api, submitted_coe):
    approved = api.post(
        f"/api/v1/coes/{submitted_coe}/review", as_user="supervisor1", json=approval()
    ).json
    child = approved["children"][0]
    assert api.get(f"/api/v1/children/{child['child_id']}", as_user="regional2").status_code == 404
    by_number = api.get(
        f"/api/v1/children/by-number/{child['statewide_number']}", as_user="regional2"
    )
    assert by_number.status_code == 404
    assert by_number.json["error"]["code"] == "child.not_found"
    found = api.get(f"/api/v1/children/by-number/{child['statewide_number']}", as_user="regional1")
    assert found.status_code == 200
    assert found.json["id"] == child["child_id"]


def test_list_filters_and_pagination(api):
    ids = [str(uuid.uuid4()) for _index in range(3)]
    for coe_id in ids:
        api.put(f"/api/v1/coes/{coe_id}", as_user="recruiter1", json=coe_body())
    api.post(
        f"/api/v1/coes/{ids[0]}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )

    page = api.get("/api/v1/coes?page=1&page_size=2", as_user="recruiter1")
    assert page.status_code == 200
    assert len(page.json) == 2
    assert '"total": 3' in page.headers["X-Pagination"]
    submitted = api.get("/api/v1/coes?status=submitted", as_user="supervisor1").json
    assert [c["id"] for c in submitted] == [ids[0]]
    by_name = api.get("/api/v1/coes?q=nuñez", as_user="recruiter1").json
    assert {c["id"] for c in by_name} == set(ids)
    assert all(c["family_name"] == "Núñez" for c in by_name)
    assert api.get("/api/v1/coes?q=nobody-has-this-name", as_user="recruiter1").json == []
    assert len(api.get("/api/v1/coes?mine=true", as_user="supervisor1").json) == 0


def test_listing_costs_the_same_number_of_queries_for_more_coes(api, count_queries):
    def list_cost() -> int:
        before = count_queries.count
        assert api.get("/api/v1/coes?page_size=50", as_user="recruiter1").status_code == 200
        return count_queries.count - before

    api.put(f"/api/v1/coes/{uuid.uuid4()}", as_user="recruiter1", json=coe_body())
    few = list_cost()
    for _extra in range(5):
        api.put(f"/api/v1/coes/{uuid.uuid4()}", as_user="recruiter1", json=coe_body())
    assert list_cost() == few


def test_a_resent_submission_still_checks_the_author(api, submitted_coe):
    for username in ("regional1", "supervisor1"):
        response = api.post(f"/api/v1/coes/{submitted_coe}/submit", as_user=username, json={})
        assert response.status_code == 403
        assert response.json["error"]["code"] == "coe.not_owner"
