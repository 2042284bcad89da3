"""Who gets what, for every route of the API: the authorization matrix.

Each ``/api/v1`` route and method has one row in ``MATRIX``, a request that would succeed for a
caller allowed to make it, and the status each caller gets:

    own region      R S G A   recruiter1, supervisor1, regional1 (region 16) and stateadmin
    other region    R S G     recruiter2, supervisor2, regional2 (region 23), same request
    bad tokens      N E T F   no token, an expired token, a tampered signature, and a refresh
                              token sent as an access token (all as recruiter1)

Every record a request names belongs to region 16 (recruiter1's COEs, their child, its history,
a sample of them, a notice about them), so the region 23 callers ask for another region's records.
A route without a row fails ``test_every_route_has_a_row``; a row whose route is gone fails too.
Requests that change a record get a fresh record for each caller, so one caller's success does
not change what the next one gets.
"""

from __future__ import annotations

import base64
import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from flask_jwt_extended import create_access_token, create_refresh_token

from campo.accounts.models import Region, User
from campo.handover.sealing import seal_file
from tests.conftest import PASSWORD
from tests.factories import approval, coe_body, signatures, state_today

OWN = ("recruiter1", "supervisor1", "regional1", "stateadmin")
OTHER = ("recruiter2", "supervisor2", "regional2")
TOKEN_CASES = ("none", "expired", "tampered", "refresh")

COE = "/api/v1/coes/<uuid:coe_id>"
CHILD = COE + "/children/<int:position>"
KID = "/api/v1/children/<uuid:child_id>"
ITEM = "/api/v1/reinterviews/items/<uuid:item_id>"
SAMPLE = "/api/v1/reinterviews/samples/<uuid:sample_id>"
NOTICES = "/api/v1/move-notices"
HISTORY_KINDS = ("enrollments", "services", "academic-indicators", "courses", "assessments")


class Records:
    """The records requests name, made on first use (region 16 unless said otherwise)."""

    def __init__(self, api, db_session) -> None:
        self.api = api
        self.db = db_session

    def _ok(self, response, status: int = 200) -> Any:
        assert response.status_code == status, response.json
        return response.json

    def user_id(self, username: str) -> int:
        return self.db.scalar(sa.select(User.id).where(User.username == username))

    def region_id(self, code: str) -> int:
        return self.db.scalar(sa.select(Region.id).where(Region.code == code))

    def draft(self) -> str:
        coe_id = str(uuid.uuid4())
        self._ok(self.api.put(f"/api/v1/coes/{coe_id}", as_user="recruiter1", json=coe_body()), 201)
        return coe_id

    def submitted(self) -> str:
        coe_id = self.draft()
        self._ok(
            self.api.post(
                f"/api/v1/coes/{coe_id}/submit",
                as_user="recruiter1",
                json={"signatures": signatures()},
            )
        )
        return coe_id

    def reviewable(self) -> str:
        """A submitted COE whose child is confirmed new (each COE names the same child)."""
        coe_id = self.submitted()
        self._ok(
            self.api.post(
                f"/api/v1/coes/{coe_id}/children/0/confirm-new", as_user="regional1", json={}
            )
        )
        return coe_id

    def approved(self) -> dict[str, Any]:
        coe_id = self.reviewable()
        return self._ok(
            self.api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval())
        )

    @functools.cached_property
    def coe(self) -> dict[str, Any]:
        return self.approved()

    @functools.cached_property
    def child(self) -> dict[str, Any]:
        return self.coe["children"][0]

    def history_record(self, kind: str) -> str:
        record = self._ok(
            self.api.post(
                f"/api/v1/children/{self.child['child_id']}/{kind}",
                as_user="regional1",
                json=HISTORY_SAMPLES[kind],
            ),
            201,
        )
        return record["id"]

    @functools.cached_property
    def sample(self) -> dict[str, Any]:
        return self.draw()

    def draw(self) -> dict[str, Any]:
        assert self.coe
        today = state_today()
        return self._ok(
            self.api.post(
                "/api/v1/reinterviews/samples",
                as_user="stateadmin",
                json={
                    "period_start": str(today - timedelta(days=1)),
                    "period_end": str(today + timedelta(days=1)),
                    "rate": 1,
                },
            ),
            201,
        )

    def item(self) -> str:
        """A child of a new sample, assigned to regional1, waiting for an outcome."""
        item_id = self.draw()["items"][0]["id"]
        self._ok(
            self.api.post(
                f"/api/v1/reinterviews/items/{item_id}/assign",
                as_user="stateadmin",
                json={"reinterviewer_id": self.user_id("regional1")},
            )
        )
        return item_id

    def notice(self) -> str:
        """A move notice of another state about the child, addressed to region 16."""
        child = self.api.get(
            f"/api/v1/children/{self.child['child_id']}", as_user="stateadmin"
        ).json
        body = {
            "from_state": "AZ",
            "first_name": child["first_name"],
            "last_name1": child["last_name1"],
            "birth_date": child["birth_date"],
            "destination_city": "Salinas",
        }
        received = self._ok(
            self.api.post(f"{NOTICES}/incoming", as_user="stateadmin", json=body), 201
        )
        assert received["to_region"]["code"] == "16", received
        return received["id"]

    def sealed_handover(self) -> dict[str, Any]:
        key = self.api.get("/api/v1/handover/key").json
        return seal_file(
            base64.b64decode(key["public_key"]),
            {"owner": {"id": self.user_id("recruiter1"), "username": "recruiter1"}, "records": []},
        )


HISTORY_SAMPLES = {
    "enrollments": {
        "enrollment_type": "01",
        "school_name": "Alisal Elementary",
        "grade": "03",
        "enrollment_date": "2025-09-03",
    },
    "services": {"service_type": "reading", "term": "summer", "start_date": "2026-07-01"},
    "academic-indicators": {"kind": "grade_retention", "observed_date": "2025-06-10"},
    "courses": {
        "course_title": "Algebra I",
        "school_year": "2025-2026",
        "term": "full_year",
        "credits_earned": 5.0,
        "passed": True,
    },
    "assessments": {
        "title": "CAASPP Mathematics",
        "administered_on": "2026-04-20",
        "proficiency": "not_met",
    },
}


@dataclass(frozen=True)
class Request:
    """How to call a route, given the records: its URL, and a JSON or a CSV body."""

    url: Callable[[Records], str]
    body: Callable[[Records], Any] | None = None
    csv: Callable[[Records], str] | None = None


def row(method: str, rule: str, url, body=None, csv=None) -> None:
    REQUESTS[(method, rule)] = Request(url, body, csv)


REQUESTS: dict[tuple[str, str], Request] = {}

# -- accounts, auth, reference data --------------------------------------------------------------
row("GET", "/api/v1/me", lambda r: "/api/v1/me")
row("GET", "/api/v1/regions", lambda r: "/api/v1/regions")
row("GET", "/api/v1/review-reasons", lambda r: "/api/v1/review-reasons")
row("GET", "/api/v1/reinterview-reasons", lambda r: "/api/v1/reinterview-reasons")
row("GET", "/api/v1/forms/<string:form_id>", lambda r: "/api/v1/forms/coe")
row(
    "GET",
    "/api/v1/forms/<string:form_id>/<string:version>",
    lambda r: "/api/v1/forms/coe/1.1",
)
row("GET", "/api/v1/i18n/<string:language>", lambda r: "/api/v1/i18n/es")
row("GET", "/api/v1/settings", lambda r: "/api/v1/settings")
row("GET", "/api/v1/statements", lambda r: "/api/v1/statements")
row("GET", "/api/v1/history/codes", lambda r: "/api/v1/history/codes")
row("GET", "/api/v1/handover/key", lambda r: "/api/v1/handover/key")
row(
    "POST",
    "/api/v1/auth/login",
    lambda r: "/api/v1/auth/login",
    lambda r: {"username": "recruiter1", "password": PASSWORD},
)
row("POST", "/api/v1/auth/refresh", lambda r: "/api/v1/auth/refresh", lambda r: {})
row("POST", "/api/v1/auth/logout", lambda r: "/api/v1/auth/logout", lambda r: {})
row(
    "POST",
    "/api/v1/auth/password",
    lambda r: "/api/v1/auth/password",
    lambda r: {"current_password": PASSWORD, "new_password": "four calm orchard paths"},
)
row("GET", "/api/v1/auth/device-key", lambda r: "/api/v1/auth/device-key")

# -- COEs ----------------------------------------------------------------------------------------
row("GET", "/api/v1/coes", lambda r: "/api/v1/coes")
row("GET", COE, lambda r: f"/api/v1/coes/{r.coe['id']}")
row("PUT", COE, lambda r: f"/api/v1/coes/{r.draft()}", lambda r: coe_body())
row(
    "POST",
    COE + "/submit",
    lambda r: f"/api/v1/coes/{r.draft()}/submit",
    lambda r: {"signatures": signatures()},
)
row(
    "POST",
    COE + "/review",
    lambda r: f"/api/v1/coes/{r.reviewable()}/review",
    lambda r: approval(),
)
row(
    "POST",
    COE + "/reopen",
    lambda r: f"/api/v1/coes/{r.approved()['id']}/reopen",
    lambda r: {"reason": "The interview date was misread."},
)
row(
    "GET",
    COE + "/documents/<string:kind>.pdf",
    lambda r: f"/api/v1/coes/{r.coe['id']}/documents/letter.pdf",
)
row("GET", "/api/v1/review/queue", lambda r: "/api/v1/review/queue")
row("GET", "/api/v1/review/coes/<uuid:coe_id>", lambda r: f"/api/v1/review/coes/{r.coe['id']}")
row("GET", "/api/v1/regional/coes", lambda r: "/api/v1/regional/coes")
row("GET", "/api/v1/regional/coes.csv", lambda r: "/api/v1/regional/coes.csv")
row("GET", "/api/v1/regional/summary", lambda r: "/api/v1/regional/summary")

# -- duplicates ----------------------------------------------------------------------------------
row(
    "POST",
    "/api/v1/duplicates/check",
    lambda r: "/api/v1/duplicates/check",
    lambda r: {"first_name": "María José", "last_name_1": "Núñez", "birth_date": "2018-03-14"},
)
row(
    "GET",
    CHILD + "/comparison",
    lambda r: f"/api/v1/coes/{r.coe['id']}/children/0/comparison",
)
row(
    "POST",
    CHILD + "/confirm-new",
    lambda r: f"/api/v1/coes/{r.submitted()}/children/0/confirm-new",
    lambda r: {},
)
row(
    "DELETE",
    CHILD + "/decision",
    lambda r: decided(r),
)
row(
    "POST",
    CHILD + "/link",
    lambda r: f"/api/v1/coes/{r.draft()}/children/0/link",
    lambda r: {"child_id": r.child["child_id"]},
)


def decided(r: Records) -> str:
    coe_id = r.submitted()
    r._ok(r.api.post(f"/api/v1/coes/{coe_id}/children/0/confirm-new", as_user="regional1", json={}))
    return f"/api/v1/coes/{coe_id}/children/0/decision"


# -- children and their history ------------------------------------------------------------------
row("GET", KID, lambda r: f"/api/v1/children/{r.child['child_id']}")
row(
    "GET",
    "/api/v1/children/by-number/<string:number>",
    lambda r: f"/api/v1/children/by-number/{r.child['statewide_number']}",
)
for _suffix in ("history", "history.pdf", "priority-for-services", "indicators"):
    row(
        "GET",
        f"{KID}/{_suffix}",
        lambda r, s=_suffix: f"/api/v1/children/{r.child['child_id']}/{s}",
    )
row(
    "PATCH",
    f"{KID}/indicators",
    lambda r: f"/api/v1/children/{r.child['child_id']}/indicators",
    lambda r: {"iep": True},
)
_CSV_HEADERS = {
    "enrollments": "statewide_number,enrollment_type,school_name,grade,enrollment_date\n",
}
for _kind in HISTORY_KINDS:
    row(
        "GET",
        f"{KID}/{_kind}",
        lambda r, k=_kind: f"/api/v1/children/{r.child['child_id']}/{k}",
    )
    row(
        "POST",
        f"{KID}/{_kind}",
        lambda r, k=_kind: f"/api/v1/children/{r.child['child_id']}/{k}",
        lambda r, k=_kind: {**HISTORY_SAMPLES[k], "region_id": r.region_id("16")},
    )
    row(
        "PATCH",
        f"/api/v1/history/{_kind}/<uuid:record_id>",
        lambda r, k=_kind: f"/api/v1/history/{k}/{r.history_record(k)}",
        lambda r, k=_kind: {
            next(iter(HISTORY_SAMPLES[k])): next(iter(HISTORY_SAMPLES[k].values()))
        },
    )
    row(
        "DELETE",
        f"/api/v1/history/{_kind}/<uuid:record_id>",
        lambda r, k=_kind: f"/api/v1/history/{k}/{r.history_record(k)}",
    )
    row(
        "POST",
        f"/api/v1/history/{_kind}/import",
        lambda r, k=_kind: f"/api/v1/history/{k}/import?region_id={r.region_id('16')}",
        csv=lambda r, k=_kind: history_csv(r, k),
    )


def history_csv(r: Records, kind: str) -> str:
    sample = HISTORY_SAMPLES[kind]
    header = ",".join(["statewide_number", *sample])
    values = ",".join([r.child["statewide_number"], *(str(v) for v in sample.values())])
    return f"{header}\n{values}\n"


# -- locator, move notices, MSIX -----------------------------------------------------------------
row(
    "GET",
    "/api/v1/locator/search",
    lambda r: "/api/v1/locator/search?first_name=Maria&last_name_1=Nunez",
)
row(
    "POST",
    "/api/v1/locator/search",
    lambda r: "/api/v1/locator/search",
    lambda r: {"first_name": "María José", "last_name_1": "Núñez"},
)
row("GET", NOTICES, lambda r: NOTICES)
row(
    "POST",
    NOTICES,
    lambda r: NOTICES,
    lambda r: {
        "child_id": r.child["child_id"],
        "to_region_id": r.region_id("23"),
        "destination_city": "Stockton",
    },
)
row(
    "POST",
    NOTICES + "/incoming",
    lambda r: NOTICES + "/incoming",
    lambda r: {
        "from_state": "AZ",
        "first_name": "Rosa",
        "last_name1": "Prueba",
        "birth_date": "2015-05-05",
        "destination_city": "Salinas",
        "to_region_id": r.region_id("16"),
    },
)
row(
    "POST",
    NOTICES + "/<uuid:notice_id>/acknowledge",
    lambda r: f"{NOTICES}/{r.notice()}/acknowledge",
    lambda r: {},
)
row("GET", "/api/v1/msix/export", lambda r: f"/api/v1/msix/export?since={state_today()}")
row("POST", "/api/v1/msix/imports", lambda r: "/api/v1/msix/imports", csv=lambda r: "")

# -- reports, reinterviews, audit, hand-over -----------------------------------------------------
for _report in (
    "child-count?period=2025-2026",
    "child-count/children?period=2025-2026",
    "data-quality",
    "students",
    "students/export",
):
    row(
        "GET",
        "/api/v1/reports/" + _report.partition("?")[0],
        lambda r, p=_report: f"/api/v1/reports/{p}",
    )
row("GET", "/api/v1/reinterviews/samples", lambda r: "/api/v1/reinterviews/samples")
row(
    "POST",
    "/api/v1/reinterviews/samples",
    lambda r: "/api/v1/reinterviews/samples",
    lambda r: {
        "period_start": str(state_today() - timedelta(days=1 if r.coe else 0)),
        "period_end": str(state_today() + timedelta(days=1)),
        "rate": 1,
    },
)
row("GET", SAMPLE, lambda r: f"/api/v1/reinterviews/samples/{r.sample['id']}")
row("GET", SAMPLE + "/report", lambda r: f"/api/v1/reinterviews/samples/{r.sample['id']}/report")
row("GET", "/api/v1/reinterviews/items", lambda r: "/api/v1/reinterviews/items")
row(
    "GET",
    ITEM + "/reinterviewers",
    lambda r: f"/api/v1/reinterviews/items/{r.sample['items'][0]['id']}/reinterviewers",
)
row(
    "POST",
    ITEM + "/assign",
    lambda r: f"/api/v1/reinterviews/items/{r.sample['items'][0]['id']}/assign",
    lambda r: {"reinterviewer_id": r.user_id("regional1")},
)
row(
    "POST",
    ITEM + "/outcome",
    lambda r: f"/api/v1/reinterviews/items/{r.item()}/outcome",
    lambda r: {"outcome": "confirmed_eligible", "reinterview_date": str(state_today())},
)
row("GET", "/api/v1/audit/events", lambda r: "/api/v1/audit/events")
row("GET", "/api/v1/audit/events.csv", lambda r: "/api/v1/audit/events.csv")
row(
    "POST",
    "/api/v1/handover/imports",
    lambda r: "/api/v1/handover/imports",
    lambda r: r.sealed_handover(),
)


# The expected statuses, by route (see the module docstring for the columns).
MATRIX: dict[tuple[str, str], str] = {
    #                                               own region      other     bad tokens
    #                                               R   S   G   A | R   S   G | N   E   T   F
    ("GET", "/api/v1/audit/events"): "403 403 403 200 | 403 403 403 | 401 401 401 401",
    ("GET", "/api/v1/audit/events.csv"): "403 403 403 200 | 403 403 403 | 401 401 401 401",
    ("GET", "/api/v1/auth/device-key"): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("POST", "/api/v1/auth/login"): "200 200 200 200 | 200 200 200 | 200 200 200 200",
    ("POST", "/api/v1/auth/logout"): "401 401 401 401 | 401 401 401 | 401 401 401 204",
    ("POST", "/api/v1/auth/password"): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("POST", "/api/v1/auth/refresh"): "401 401 401 401 | 401 401 401 | 401 401 401 200",
    ("GET", KID): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("GET", KID + "/academic-indicators"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("POST", KID + "/academic-indicators"): "403 403 201 201 | 403 403 404 | 401 401 401 401",
    ("GET", KID + "/assessments"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("POST", KID + "/assessments"): "403 403 201 201 | 403 403 404 | 401 401 401 401",
    ("GET", KID + "/courses"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("POST", KID + "/courses"): "403 403 201 201 | 403 403 404 | 401 401 401 401",
    ("GET", KID + "/enrollments"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("POST", KID + "/enrollments"): "403 403 201 201 | 403 403 404 | 401 401 401 401",
    ("GET", KID + "/history"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("GET", KID + "/history.pdf"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("GET", KID + "/indicators"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("PATCH", KID + "/indicators"): "403 403 200 200 | 403 403 404 | 401 401 401 401",
    ("GET", KID + "/priority-for-services"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("GET", KID + "/services"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("POST", KID + "/services"): "403 403 201 201 | 403 403 404 | 401 401 401 401",
    (
        "GET",
        "/api/v1/children/by-number/<string:number>",
    ): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("GET", "/api/v1/coes"): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("GET", COE): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("PUT", COE): "200 403 403 403 | 404 404 403 | 401 401 401 401",
    ("GET", CHILD + "/comparison"): "403 200 200 200 | 403 404 404 | 401 401 401 401",
    ("POST", CHILD + "/confirm-new"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("DELETE", CHILD + "/decision"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("POST", CHILD + "/link"): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    (
        "GET",
        COE + "/documents/<string:kind>.pdf",
    ): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("POST", COE + "/reopen"): "403 403 403 200 | 403 403 403 | 401 401 401 401",
    ("POST", COE + "/review"): "403 200 403 200 | 403 404 403 | 401 401 401 401",
    ("POST", COE + "/submit"): "200 403 403 403 | 404 404 404 | 401 401 401 401",
    ("POST", "/api/v1/duplicates/check"): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("GET", "/api/v1/forms/<string:form_id>"): "200 200 200 200 | 200 200 200 | 200 200 200 200",
    (
        "GET",
        "/api/v1/forms/<string:form_id>/<string:version>",
    ): "200 200 200 200 | 200 200 200 | 200 200 200 200",
    ("POST", "/api/v1/handover/imports"): "403 200 200 200 | 403 422 422 | 401 401 401 401",
    ("GET", "/api/v1/handover/key"): "200 200 200 200 | 200 200 200 | 200 200 200 200",
    (
        "DELETE",
        "/api/v1/history/academic-indicators/<uuid:record_id>",
    ): "403 403 204 204 | 403 403 404 | 401 401 401 401",
    (
        "PATCH",
        "/api/v1/history/academic-indicators/<uuid:record_id>",
    ): "403 403 200 200 | 403 403 404 | 401 401 401 401",
    (
        "POST",
        "/api/v1/history/academic-indicators/import",
    ): "403 403 200 200 | 403 403 422 | 401 401 401 401",
    (
        "DELETE",
        "/api/v1/history/assessments/<uuid:record_id>",
    ): "403 403 204 204 | 403 403 404 | 401 401 401 401",
    (
        "PATCH",
        "/api/v1/history/assessments/<uuid:record_id>",
    ): "403 403 200 200 | 403 403 404 | 401 401 401 401",
    (
        "POST",
        "/api/v1/history/assessments/import",
    ): "403 403 200 200 | 403 403 422 | 401 401 401 401",
    ("GET", "/api/v1/history/codes"): "200 200 200 200 | 200 200 200 | 200 200 200 200",
    (
        "DELETE",
        "/api/v1/history/courses/<uuid:record_id>",
    ): "403 403 204 204 | 403 403 404 | 401 401 401 401",
    (
        "PATCH",
        "/api/v1/history/courses/<uuid:record_id>",
    ): "403 403 200 200 | 403 403 404 | 401 401 401 401",
    ("POST", "/api/v1/history/courses/import"): "403 403 200 200 | 403 403 422 | 401 401 401 401",
    (
        "DELETE",
        "/api/v1/history/enrollments/<uuid:record_id>",
    ): "403 403 204 204 | 403 403 404 | 401 401 401 401",
    (
        "PATCH",
        "/api/v1/history/enrollments/<uuid:record_id>",
    ): "403 403 200 200 | 403 403 404 | 401 401 401 401",
    (
        "POST",
        "/api/v1/history/enrollments/import",
    ): "403 403 200 200 | 403 403 422 | 401 401 401 401",
    (
        "DELETE",
        "/api/v1/history/services/<uuid:record_id>",
    ): "403 403 204 204 | 403 403 404 | 401 401 401 401",
    (
        "PATCH",
        "/api/v1/history/services/<uuid:record_id>",
    ): "403 403 200 200 | 403 403 404 | 401 401 401 401",
    ("POST", "/api/v1/history/services/import"): "403 403 200 200 | 403 403 422 | 401 401 401 401",
    ("GET", "/api/v1/i18n/<string:language>"): "200 200 200 200 | 200 200 200 | 200 200 200 200",
    ("GET", "/api/v1/locator/search"): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("POST", "/api/v1/locator/search"): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("GET", "/api/v1/me"): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("GET", NOTICES): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("POST", NOTICES): "201 201 201 201 | 404 404 404 | 401 401 401 401",
    (
        "POST",
        NOTICES + "/<uuid:notice_id>/acknowledge",
    ): "200 200 200 200 | 404 404 404 | 401 401 401 401",
    ("POST", NOTICES + "/incoming"): "403 403 403 201 | 403 403 403 | 401 401 401 401",
    ("GET", "/api/v1/msix/export"): "403 403 403 200 | 403 403 403 | 401 401 401 401",
    ("POST", "/api/v1/msix/imports"): "403 403 403 422 | 403 403 403 | 401 401 401 401",
    ("GET", "/api/v1/regional/coes"): "403 200 200 200 | 403 200 200 | 401 401 401 401",
    ("GET", "/api/v1/regional/coes.csv"): "403 200 200 200 | 403 200 200 | 401 401 401 401",
    ("GET", "/api/v1/regional/summary"): "403 200 200 200 | 403 200 200 | 401 401 401 401",
    ("GET", "/api/v1/regions"): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("GET", "/api/v1/reinterview-reasons"): "200 200 200 200 | 200 200 200 | 200 200 200 200",
    ("GET", "/api/v1/reinterviews/items"): "403 200 200 200 | 403 200 200 | 401 401 401 401",
    ("POST", ITEM + "/assign"): "403 403 403 200 | 403 403 403 | 401 401 401 401",
    ("GET", ITEM + "/reinterviewers"): "403 403 403 200 | 403 403 403 | 401 401 401 401",
    ("POST", ITEM + "/outcome"): "403 403 200 200 | 403 404 404 | 401 401 401 401",
    ("GET", "/api/v1/reinterviews/samples"): "403 200 200 200 | 403 200 200 | 401 401 401 401",
    ("POST", "/api/v1/reinterviews/samples"): "403 403 403 201 | 403 403 403 | 401 401 401 401",
    ("GET", SAMPLE): "403 200 200 200 | 403 404 404 | 401 401 401 401",
    ("GET", SAMPLE + "/report"): "403 403 403 200 | 403 403 403 | 401 401 401 401",
    ("GET", "/api/v1/reports/child-count"): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    (
        "GET",
        "/api/v1/reports/child-count/children",
    ): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("GET", "/api/v1/reports/data-quality"): "403 200 200 200 | 403 200 200 | 401 401 401 401",
    ("GET", "/api/v1/reports/students"): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("GET", "/api/v1/reports/students/export"): "200 200 200 200 | 200 200 200 | 401 401 401 401",
    ("GET", "/api/v1/review-reasons"): "200 200 200 200 | 200 200 200 | 200 200 200 200",
    ("GET", "/api/v1/review/coes/<uuid:coe_id>"): "403 200 200 200 | 403 404 404 | 401 401 401 401",
    ("GET", "/api/v1/review/queue"): "403 200 200 200 | 403 200 200 | 401 401 401 401",
    ("GET", "/api/v1/settings"): "200 200 200 200 | 200 200 200 | 200 200 200 200",
    ("GET", "/api/v1/statements"): "200 200 200 200 | 200 200 200 | 200 200 200 200",
}


def api_routes(app) -> set[tuple[str, str]]:
    return {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_route_has_a_row(app):
    routes = api_routes(app)
    assert not routes - set(MATRIX), f"say who may call these: {sorted(routes - set(MATRIX))}"
    assert not set(MATRIX) - routes, (
        f"rows for routes that are gone: {sorted(set(MATRIX) - routes)}"
    )


def bad_token(app, user_id: int, case: str) -> str | None:
    identity = str(user_id)
    with app.app_context():
        if case == "none":
            return None
        if case == "expired":
            return create_access_token(identity=identity, expires_delta=timedelta(seconds=-30))
        if case == "refresh":
            return create_refresh_token(identity=identity)
        token = create_access_token(identity=identity)
    header, payload, signature = token.split(".")
    flipped = "A" if signature[0] != "A" else "B"
    return f"{header}.{payload}.{flipped}{signature[1:]}"


def call(api, r: Records, key, *, as_user=None, token=None, use_token=False):
    method, _rule = key
    spec = REQUESTS[key]
    url = spec.url(r)
    kwargs: dict[str, Any] = {}
    if spec.body is not None:
        kwargs["json"] = spec.body(r)
    if spec.csv is not None:
        kwargs["data"] = spec.csv(r).encode()
        kwargs["headers"] = {"Content-Type": "text/csv"}
    if use_token:
        headers = kwargs.setdefault("headers", {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return api.call(method, url, **kwargs)
    return api.call(method, url, as_user=as_user, **kwargs)


@pytest.mark.parametrize("key", sorted(MATRIX), ids=lambda key: f"{key[0]} {key[1]}")
def test_the_matrix(api, db_session, key):
    r = Records(api, db_session)
    observed = []
    for username in (*OWN, *OTHER):
        response = call(api, r, key, as_user=username)
        observed.append(str(response.status_code))
    recruiter = r.user_id("recruiter1")
    for case in TOKEN_CASES:
        response = call(api, r, key, token=bad_token(api.app, recruiter, case), use_token=True)
        observed.append(str(response.status_code))
    got = " ".join(observed[:4]) + " | " + " ".join(observed[4:7]) + " | " + " ".join(observed[7:])
    assert got == MATRIX[key], f"{key}: expected {MATRIX[key]}, got {got}"
