"""Re-interview samples: drawing, independence of re-interviewers, outcomes, report, regions."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from campo.audit.models import AuditEvent
from campo.reinterviews.stats import wilson_interval
from tests.factories import approval, coe_body, complete_answers, signatures, state_today

SURNAMES = ["García", "Hernández", "López", "Martínez", "Ramírez", "Torres", "Vázquez", "Ortiz"]
FIRST_NAMES = ["Ana", "Beto", "Carla", "Diego", "Elena", "Fidel", "Gloria", "Hugo"]


def approve_coe(api, index: int, *, recruiter: str, reviewer: str, children: int = 1) -> str:
    """An approved COE whose family no other test COE resembles (no duplicate to resolve)."""
    answers = complete_answers(children=children)
    surname, first = SURNAMES[index % 8], FIRST_NAMES[index % 8]
    answers["family"].update(
        parent1_last_name=surname,
        parent1_first_name=f"{first}o{index}",
        parent2_last_name=SURNAMES[(index + 3) % 8],
        parent2_first_name=f"Madre{index}",
    )
    answers["move"].update(worker_last_name=surname, worker_first_name=f"{first}o{index}")
    answers["interview"]["interviewee_name"] = f"{first}o{index} {surname}"
    for position, child in enumerate(answers["children"]):
        child.update(
            last_name1=surname,
            last_name2=SURNAMES[(index + 3) % 8],
            first_name=f"{FIRST_NAMES[(index + position) % 8]}{'x' * index}",
        )
        born = date.fromisoformat(child["birth_date"]) - timedelta(days=37 * index + position)
        child["birth_date"] = born.isoformat()
    coe_id = str(uuid.uuid4())
    saved = api.put(f"/api/v1/coes/{coe_id}", as_user=recruiter, json=coe_body(answers))
    assert saved.status_code == 201, saved.json
    submitted = api.post(
        f"/api/v1/coes/{coe_id}/submit",
        as_user=recruiter,
        json={"signatures": signatures(f"{first}o{index} {surname}")},
    )
    assert submitted.status_code == 200, submitted.json
    approved = api.post(f"/api/v1/coes/{coe_id}/review", as_user=reviewer, json=approval())
    assert approved.status_code == 200, approved.json
    return coe_id


@pytest.fixture
def approved_coes(api) -> dict[str, list[str]]:
    """Three COEs in region 16 (4 children), two in region 23 (2 children), approved today."""
    return {
        "16": [
            approve_coe(api, 0, recruiter="recruiter1", reviewer="supervisor1", children=2),
            approve_coe(api, 1, recruiter="recruiter1", reviewer="supervisor1"),
            approve_coe(api, 2, recruiter="recruiter1", reviewer="stateadmin"),
        ],
        "23": [
            approve_coe(api, 3, recruiter="recruiter2", reviewer="supervisor2"),
            approve_coe(api, 4, recruiter="recruiter2", reviewer="supervisor2"),
        ],
    }


TODAY = state_today()


def period(**extra):
    return {
        "period_start": (TODAY - timedelta(days=3)).isoformat(),
        "period_end": (TODAY + timedelta(days=1)).isoformat(),
        **extra,
    }


def draw(api, **extra):
    return api.post("/api/v1/reinterviews/samples", as_user="stateadmin", json=period(**extra))


def user_id(api, username: str) -> int:
    return api.get("/api/v1/me", as_user=username).json["id"]


def item_of_coe(sample: dict, coe_id: str) -> dict:
    return next(item for item in sample["items"] if item["coe_id"] == coe_id)


def test_a_seeded_draw_is_recorded_and_reproducible(api, approved_coes, db_session):
    first = draw(api, size=4, seed="cspr-2026")
    assert first.status_code == 201, first.json
    sample = first.json
    assert sample["population_size"] == 6
    assert sample["sample_size"] == 4
    assert sample["seed"] == "cspr-2026"
    assert sample["method"] == "sha256-rank-v1"
    assert len(sample["population_hash"]) == 64
    assert [i["position"] for i in sample["items"]] == [1, 2, 3, 4]
    assert all(i["statewide_number"].startswith("CA") for i in sample["items"])
    assert all(i["reinterviewer_id"] is None for i in sample["items"])
    again = draw(api, size=4, seed="cspr-2026").json
    assert [i["child_id"] for i in again["items"]] == [i["child_id"] for i in sample["items"]]
    assert again["population_hash"] == sample["population_hash"]
    other_seed = draw(api, size=6, seed="another").json
    assert {i["child_id"] for i in other_seed["items"]} >= {i["child_id"] for i in sample["items"]}

    random_seed = draw(api, rate=0.5).json
    assert random_seed["sample_size"] == 3
    assert len(random_seed["seed"]) == 32
    drawn = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "reinterview.sample_drawn")
    ).all()
    assert len(drawn) == 4
    assert drawn[0].details["seed"] == "cspr-2026"


def test_a_region_sample_draws_only_that_region(api, approved_coes):
    region_23 = api.get("/api/v1/me", as_user="regional2").json["region"]["id"]
    sample = draw(api, rate=1, region_id=region_23).json
    assert sample["population_size"] == 2
    assert {i["coe_id"] for i in sample["items"]} == set(approved_coes["23"])


@pytest.mark.parametrize(
    ("extra", "status", "code"),
    [
        ({"size": 2, "rate": 0.5}, 422, "reinterview.size_invalid"),
        ({}, 422, "reinterview.size_invalid"),
        ({"rate": 0}, 422, "request.invalid"),
        ({"rate": 1.5}, 422, "request.invalid"),
        ({"size": 0}, 422, "request.invalid"),
        ({"size": 2, "seed": "no spaces please"}, 422, "request.invalid"),
        ({"size": 2, "region_id": 99999}, 422, "region.not_found"),
        (
            {"size": 2, "period_start": "2020-01-01", "period_end": "2020-12-31"},
            422,
            "reinterview.population_empty",
        ),
        (
            {"size": 2, "period_start": "2026-11-20", "period_end": "2026-11-01"},
            422,
            "request.period_invalid",
        ),
    ],
)
def test_bad_samples_are_refused_with_codes(api, approved_coes, extra, status, code):
    response = draw(api, **extra)
    assert response.status_code == status, response.json
    assert response.json["error"]["code"] == code


@pytest.mark.parametrize("username", ["recruiter1", "supervisor1", "regional1"])
def test_only_state_admins_draw_assign_and_report(api, approved_coes, username):
    sample = draw(api, rate=1).json
    item = sample["items"][0]
    refused = [
        api.post("/api/v1/reinterviews/samples", as_user=username, json=period(size=1)),
        api.post(
            f"/api/v1/reinterviews/items/{item['id']}/assign",
            as_user=username,
            json={"reinterviewer_id": user_id(api, "regional1")},
        ),
        api.get(f"/api/v1/reinterviews/samples/{sample['id']}/report", as_user=username),
    ]
    for response in refused:
        assert response.status_code == 403, response.json
        assert response.json["error"]["code"] == "auth.forbidden"


def test_reinterviewers_must_not_have_taken_part_in_the_coe(api, approved_coes, db_session):
    sample = draw(api, rate=1).json
    by_supervisor = item_of_coe(sample, approved_coes["16"][1])
    by_admin = item_of_coe(sample, approved_coes["16"][2])
    url = "/api/v1/reinterviews/items/{}/assign"

    def assign(item, username):
        return api.post(
            url.format(item["id"]),
            as_user="stateadmin",
            json={"reinterviewer_id": user_id(api, username)},
        )

    # The recruiter is never a re-interviewer; the reviewer is not independent of the COE.
    assert assign(by_supervisor, "recruiter1").json["error"]["code"] == (
        "reinterview.reinterviewer_not_allowed"
    )
    reviewer = assign(by_supervisor, "supervisor1")
    assert reviewer.status_code == 409
    assert reviewer.json["error"]["code"] == "reinterview.not_independent"
    admin_reviewed = assign(by_admin, "stateadmin")
    assert admin_reviewed.status_code == 409
    assert admin_reviewed.json["error"]["code"] == "reinterview.not_independent"
    # Someone of another region cannot re-interview this region's children.
    other_region = assign(by_supervisor, "supervisor2")
    assert other_region.status_code == 422
    assert other_region.json["error"]["code"] == "reinterview.reinterviewer_not_allowed"
    unknown = api.post(
        url.format(by_supervisor["id"]), as_user="stateadmin", json={"reinterviewer_id": 99999}
    )
    assert unknown.json["error"]["code"] == "reinterview.reinterviewer_not_allowed"

    ok = assign(by_supervisor, "regional1")
    assert ok.status_code == 200, ok.json
    assert ok.json["reinterviewer_id"] == user_id(api, "regional1")
    assert assign(by_admin, "supervisor1").status_code == 200  # did not review that one
    assert assign(by_admin, "stateadmin").status_code == 409
    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "reinterview.assigned")
    ).all()
    assert [e.entity_id for e in event] == [by_supervisor["id"], by_admin["id"]]
    assert event[0].changed_fields == ["reinterviewer_id"]
    missing = api.post(
        url.format(uuid.uuid4()),
        as_user="stateadmin",
        json={"reinterviewer_id": user_id(api, "regional1")},
    )
    assert missing.status_code == 404
    assert missing.json["error"]["code"] == "reinterview.not_found"


def test_the_state_admin_lists_who_may_reinterview_a_child(api, approved_coes):
    sample = draw(api, rate=1).json
    in_16 = item_of_coe(sample, approved_coes["16"][1])
    in_23 = item_of_coe(sample, approved_coes["23"][0])
    url = "/api/v1/reinterviews/items/{}/reinterviewers"

    listed = api.get(url.format(in_16["id"]), as_user="stateadmin")
    assert listed.status_code == 200, listed.json
    names = [user["username"] for user in listed.json]
    # Recruiters never; other regions' staff never; the COE's own reviewer is listed, and
    # assigning them is refused (reinterview.not_independent), as the screen shows.
    assert names == ["regional1", "stateadmin", "supervisor1"]
    assert {user["role"] for user in listed.json} == {"regional_staff", "state_admin", "supervisor"}
    other = api.get(url.format(in_23["id"]), as_user="stateadmin").json
    assert [user["username"] for user in other] == ["regional2", "stateadmin", "supervisor2"]
    for username in ("regional1", "supervisor1", "recruiter1"):
        refused = api.get(url.format(in_16["id"]), as_user=username)
        assert refused.status_code == 403, username
    missing = api.get(url.format(uuid.uuid4()), as_user="stateadmin")
    assert missing.status_code == 404
    assert missing.json["error"]["code"] == "reinterview.not_found"


@pytest.fixture
def assigned(api, approved_coes):
    """A full sample; the first region-16 COE's first child assigned to regional1."""
    sample = draw(api, rate=1).json
    item = item_of_coe(sample, approved_coes["16"][0])
    response = api.post(
        f"/api/v1/reinterviews/items/{item['id']}/assign",
        as_user="stateadmin",
        json={"reinterviewer_id": user_id(api, "regional1")},
    )
    assert response.status_code == 200
    return {"sample": sample, "item": item}


def outcome(api, item_id, username="regional1", **body):
    payload = {"reinterview_date": TODAY.isoformat(), **body}
    return api.post(f"/api/v1/reinterviews/items/{item_id}/outcome", as_user=username, json=payload)


def test_recording_an_outcome(api, assigned, db_session):
    item_id = assigned["item"]["id"]
    no_reason = outcome(api, item_id, outcome="not_eligible")
    assert no_reason.status_code == 422
    assert no_reason.json["error"]["code"] == "reinterview.reason_required"
    other = outcome(api, item_id, outcome="not_eligible", reason="other")
    assert other.json["error"]["code"] == "reinterview.reason_required"
    future = outcome(
        api,
        item_id,
        outcome="confirmed_eligible",
        reinterview_date=(TODAY + timedelta(days=2)).isoformat(),
    )
    assert future.status_code == 422
    assert future.json["error"]["code"] == "reinterview.date_invalid"
    before_approval = outcome(
        api,
        item_id,
        outcome="confirmed_eligible",
        reinterview_date=(TODAY - timedelta(days=2)).isoformat(),
    )
    assert before_approval.json["error"]["code"] == "reinterview.date_invalid"
    unknown_reason = outcome(api, item_id, outcome="not_eligible", reason="made_up")
    assert unknown_reason.status_code == 422
    assert unknown_reason.json["error"]["code"] == "request.invalid"

    # Another person of the region, not assigned, may not record it; other regions do not see it.
    not_yours = outcome(api, item_id, username="supervisor1", outcome="confirmed_eligible")
    assert not_yours.status_code == 403
    assert not_yours.json["error"]["code"] == "reinterview.not_yours"
    hidden = outcome(api, item_id, username="regional2", outcome="confirmed_eligible")
    assert hidden.status_code == 404
    assert hidden.json["error"]["code"] == "reinterview.not_found"
    recruiter = outcome(api, item_id, username="recruiter1", outcome="confirmed_eligible")
    assert recruiter.status_code == 403

    body = {
        "outcome": "not_eligible",
        "reason": "not_temporary_or_seasonal",
        "notes": "Trabaja todo el año en el mismo rancho.",
    }
    recorded = outcome(api, item_id, **body)
    assert recorded.status_code == 200, recorded.json
    assert recorded.json["outcome"] == "not_eligible"
    assert recorded.json["outcome_reason"] == "not_temporary_or_seasonal"
    assert recorded.json["recorded_at"]
    assert outcome(api, item_id, **body).status_code == 200  # the same, sent again
    changed = outcome(api, item_id, outcome="confirmed_eligible")
    assert changed.status_code == 409
    assert changed.json["error"]["code"] == "reinterview.outcome_recorded"
    reassign = api.post(
        f"/api/v1/reinterviews/items/{item_id}/assign",
        as_user="stateadmin",
        json={"reinterviewer_id": user_id(api, "supervisor1")},
    )
    assert reassign.status_code == 409

    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "reinterview.recorded")
    ).one()
    assert event.changed_fields == ["notes", "outcome", "outcome_reason", "reinterview_date"]
    assert "rancho" not in str(event.details)

    unassigned = next(i for i in assigned["sample"]["items"] if i["id"] != item_id)
    not_assigned = outcome(api, unassigned["id"], username="stateadmin", outcome="not_reached")
    assert not_assigned.status_code == 409
    assert not_assigned.json["error"]["code"] == "reinterview.not_assigned"


def test_the_report_counts_outcomes_and_gives_the_wilson_interval(api, assigned, approved_coes):
    sample = assigned["sample"]
    items = sample["items"]
    admin = user_id(api, "stateadmin")
    results = [
        {"outcome": "not_eligible", "reason": "not_qualifying_work"},
        {"outcome": "confirmed_eligible"},
        {"outcome": "confirmed_eligible"},
        {"outcome": "not_reached"},
    ]
    recorded = 0
    for item in items:
        if recorded == len(results):
            break
        assign = api.post(
            f"/api/v1/reinterviews/items/{item['id']}/assign",
            as_user="stateadmin",
            json={"reinterviewer_id": admin},
        )
        if assign.status_code != 200:  # the COE the state admin approved
            continue
        response = outcome(api, item["id"], username="stateadmin", **results[recorded])
        assert response.status_code == 200, response.json
        recorded += 1
    assert recorded == len(results)

    report = api.get(f"/api/v1/reinterviews/samples/{sample['id']}/report", as_user="stateadmin")
    assert report.status_code == 200, report.json
    body = report.json
    assert body["sample_size"] == 6
    assert (body["confirmed_eligible"], body["not_eligible"], body["not_reached"]) == (2, 1, 1)
    assert body["reinterviewed"] == 3
    assert body["pending"] == 2
    assert body["defect_rate"] == pytest.approx(1 / 3)
    low, high = wilson_interval(1, 3)
    assert body["interval"] == {
        "method": "wilson",
        "confidence": 0.95,
        "low": pytest.approx(low),
        "high": pytest.approx(high),
    }
    assert body["reasons"] == {"not_qualifying_work": 1}
    assert body["draw_verified"] is True

    # Another COE approved in the period changes the population: the recorded draw no longer
    # matches what the database gives, and the report says so.
    approve_coe(api, 5, recruiter="recruiter2", reviewer="supervisor2")
    again = api.get(f"/api/v1/reinterviews/samples/{sample['id']}/report", as_user="stateadmin")
    assert again.json["draw_verified"] is False


def test_regional_views_show_only_the_callers_region(api, assigned, approved_coes, db_session):
    sample_id = assigned["sample"]["id"]
    region_16_only = draw(api, rate=1, region_id=assigned["item"]["region_id"]).json

    mine = api.get("/api/v1/reinterviews/items?mine=true", as_user="regional1")
    assert mine.status_code == 200
    assert [i["id"] for i in mine.json] == [assigned["item"]["id"]]
    assert mine.json[0]["child_name"]
    theirs = api.get(f"/api/v1/reinterviews/items?sample_id={sample_id}", as_user="regional2").json
    assert {i["coe_id"] for i in theirs} == set(approved_coes["23"])
    assert api.get("/api/v1/reinterviews/items?mine=true", as_user="regional2").json == []

    seen = api.get(f"/api/v1/reinterviews/samples/{sample_id}", as_user="supervisor2")
    assert seen.status_code == 200
    assert {i["coe_id"] for i in seen.json["items"]} == set(approved_coes["23"])
    assert (
        len(
            api.get(f"/api/v1/reinterviews/samples/{sample_id}", as_user="stateadmin").json["items"]
        )
        == 6
    )
    hidden = api.get(f"/api/v1/reinterviews/samples/{region_16_only['id']}", as_user="regional2")
    assert hidden.status_code == 404
    assert hidden.json["error"]["code"] == "reinterview.sample_not_found"
    listed = [s["id"] for s in api.get("/api/v1/reinterviews/samples", as_user="regional2").json]
    assert listed == [sample_id]
    assert len(api.get("/api/v1/reinterviews/samples", as_user="stateadmin").json) == 2

    for url in (
        "/api/v1/reinterviews/samples",
        f"/api/v1/reinterviews/samples/{sample_id}",
        "/api/v1/reinterviews/items",
    ):
        refused = api.get(url, as_user="recruiter1")
        assert refused.status_code == 403
        assert refused.json["error"]["code"] == "auth.forbidden"

    reads = db_session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.action.in_(["reinterview.listed", "reinterview.sample_read"])
        )
    ).all()
    assert len(reads) == 5
    assert all(e.actor_id and e.actor_role for e in reads)


def test_reasons_are_listed_in_the_callers_language(api):
    english = api.get("/api/v1/reinterview-reasons").json
    spanish = api.get("/api/v1/reinterview-reasons", language="es").json
    assert [r["code"] for r in english] == [r["code"] for r in spanish]
    assert "other" in [r["code"] for r in english]
    assert english != spanish


def test_cli_draws_and_reports(app, approved_coes):
    from campo.cli import cli

    runner = app.test_cli_runner()
    start, end = period()["period_start"], period()["period_end"]
    drawn = runner.invoke(
        cli, ["reinterview", "sample", "--from", start, "--to", end, "--size", "3", "--seed", "s"]
    )
    assert drawn.exit_code == 0, drawn.output
    assert "3 of 6 children" in drawn.output
    assert "seed s," in drawn.output
    sample_id = drawn.output.split()[1].rstrip(":")
    reported = runner.invoke(cli, ["reinterview", "report", sample_id])
    assert reported.exit_code == 0, reported.output
    assert "3 drawn, 0 assigned, 3 pending" in reported.output
    assert "Defect rate: none yet" in reported.output
    assert "the same population and list" in reported.output
    refused = runner.invoke(
        cli, ["reinterview", "sample", "--from", end, "--to", start, "--size", "3"]
    )
    assert refused.exit_code != 0
    assert "request.period_invalid" in refused.output


def test_refusals_speak_the_callers_language(api, approved_coes):
    response = api.post(
        "/api/v1/reinterviews/samples",
        as_user="stateadmin",
        json=period(size=2, rate=0.5),
        language="es",
    )
    assert response.json["error"]["code"] == "reinterview.size_invalid"
    assert response.json["error"]["message"].startswith("Indique una tasa de muestreo")


def test_a_period_to_the_end_of_time_draws_everything_so_far(api, approved_coes):
    response = api.post(
        "/api/v1/reinterviews/samples",
        as_user="stateadmin",
        json={"period_start": "2000-01-01", "period_end": "9999-12-31", "rate": 1},
    )
    assert response.status_code == 201, response.json
    assert response.json["population_size"] == 6
