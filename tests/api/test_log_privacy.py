"""No personal data in the application's logs.

Names, a birth date and the statewide number of a planted family go through every path that
logs: a whole COE's life, a name search, a duplicate check, an unexpected error whose message
holds a name, a database error whose statement parameters and driver message hold them, and the
server's request line with a name in the query string. Everything logged, at every level and by
every logger, is then searched for them.
"""

from __future__ import annotations

import logging
import uuid

import pytest
import sqlalchemy.exc

from campo import logs
from campo.eligibility import resources as eligibility_resources
from tests.factories import approval, coe_body, complete_answers, signatures

SURNAME = "Zyxwvutsa"
FIRST_NAME = "Qorvalindo"
BIRTH_DATE = "2017-02-13"


@pytest.fixture
def everything_logged(caplog):
    caplog.set_level(logging.DEBUG)
    logs.install()
    return caplog


def planted_coe() -> dict:
    answers = complete_answers()
    answers["family"]["parent1_last_name"] = SURNAME
    child = answers["children"][0]
    child.update(last_name1=SURNAME, first_name=FIRST_NAME, birth_date=BIRTH_DATE)
    return coe_body(answers)


def assert_clean(caplog, *secrets: str) -> None:
    text = caplog.text + "\n".join(record.getMessage() for record in caplog.records)
    assert caplog.records, "nothing was logged: the test would prove nothing"
    for secret in secrets:
        assert secret not in text, secret


def test_a_coes_whole_life_and_the_searches_log_no_personal_data(api, everything_logged):
    coe_id = str(uuid.uuid4())
    assert (
        api.put(f"/api/v1/coes/{coe_id}", as_user="recruiter1", json=planted_coe()).status_code
        == 201
    )
    submitted = api.post(
        f"/api/v1/coes/{coe_id}/submit",
        as_user="recruiter1",
        json={"base_version": 1, "signatures": signatures(f"{FIRST_NAME} {SURNAME}")},
    )
    assert submitted.status_code == 200
    approved = api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval())
    number = approved.json["children"][0]["statewide_number"]
    api.get(f"/api/v1/coes?q={SURNAME}", as_user="regional1")
    api.post(
        "/api/v1/duplicates/check",
        as_user="recruiter1",
        json={"first_name": FIRST_NAME, "last_name_1": SURNAME, "birth_date": BIRTH_DATE},
    )
    # The server's request line, as the development server and gunicorn log it.
    logging.getLogger("werkzeug").info(
        '%s - - [%s] "%s" %s -', "127.0.0.1", "now", f"GET /api/v1/coes?q={SURNAME} HTTP/1.1", 200
    )
    assert_clean(everything_logged, SURNAME, FIRST_NAME, BIRTH_DATE, number)


def test_failures_log_where_they_happened_but_not_the_values_involved(
    api, everything_logged, monkeypatch
):
    coe_id = str(uuid.uuid4())
    api.put(f"/api/v1/coes/{coe_id}", as_user="recruiter1", json=planted_coe())

    def explode(coe):
        raise ValueError(f"cannot show {FIRST_NAME} {SURNAME} born {BIRTH_DATE}")

    monkeypatch.setattr(eligibility_resources, "coe_view", explode)
    assert api.get(f"/api/v1/coes/{coe_id}", as_user="recruiter1").status_code == 500

    def clash(coe):
        raise sqlalchemy.exc.IntegrityError(
            "INSERT INTO children (first_name) VALUES (%(name)s)",
            {"name": FIRST_NAME},
            Exception(f"Key (first_name)=({FIRST_NAME}) already exists"),
        )

    monkeypatch.setattr(eligibility_resources, "coe_view", clash)
    assert api.get(f"/api/v1/coes/{coe_id}", as_user="recruiter1").status_code == 409

    def unavailable(coe):
        raise sqlalchemy.exc.OperationalError(
            "SELECT * FROM children WHERE last_name_1 = %(name)s",
            {"name": SURNAME},
            Exception(f"server closed the connection during {SURNAME}"),
        )

    monkeypatch.setattr(eligibility_resources, "coe_view", unavailable)
    assert api.get(f"/api/v1/coes/{coe_id}", as_user="recruiter1").status_code == 503

    assert_clean(everything_logged, SURNAME, FIRST_NAME, BIRTH_DATE)
    text = everything_logged.text
    assert "ValueError" in text  # what failed, and where, is still there for the engineer
    assert "explode" in text
