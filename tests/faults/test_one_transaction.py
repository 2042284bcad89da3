"""A save or a submission is one transaction: a crash between its writes leaves nothing behind.

The tablet writes a record to IndexedDB in steps, and a crash can leave half of them; what the
server must never do is keep half of a request. Here the server itself fails between writes: an
exception is raised after the COE row (and its family) is written but before its audit event,
and after the submission's signatures are written but before the duplicate check and the status
change. The answer is a coded 500, the database holds nothing of the failed request, and the
tablet's retry of the same request completes it once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campo import config as campo_config
from campo import errors
from campo.app import create_app
from campo.eligibility import services
from tests.faults.conftest import PASSWORD, FaultDatabase, assert_exactly_once, queued_coe


class InjectedCrashError(RuntimeError):
    """The injected failure."""


@pytest.fixture
def live_app(fault_db: FaultDatabase) -> Iterator[Flask]:
    config = campo_config.TestingConfig()
    config.DATABASE_URL = fault_db.url
    app = create_app(config)
    yield app
    app.extensions["campo.db"].engine.dispose()


def _headers(client: FlaskClient) -> dict[str, str]:
    answer = client.post(
        "/api/v1/auth/login", json={"username": "recruiter1", "password": PASSWORD}
    )
    assert answer.status_code == 200
    return {"Authorization": f"Bearer {answer.get_json()['access_token']}"}


def _crash_once(monkeypatch: pytest.MonkeyPatch, name: str, when: Any = None) -> list[str]:
    """Make ``services.<name>`` raise once (when ``when(*args, **kwargs)`` says so)."""
    original = getattr(services, name)
    crashed: list[str] = []

    def crashing(*args: Any, **kwargs: Any) -> Any:
        if not crashed and (when is None or when(*args, **kwargs)):
            crashed.append(name)
            raise InjectedCrashError(name)
        return original(*args, **kwargs)

    monkeypatch.setattr(services, name, crashing)
    return crashed


def _assert_server_error(answer: Any) -> None:
    assert answer.status_code == 500
    assert answer.get_json()["error"]["code"] == errors.SERVER_ERROR.code


def test_a_crash_after_the_coe_row_keeps_no_coe(
    live_app: Flask, fault_db: FaultDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = live_app.test_client()
    headers = _headers(client)
    coe = queued_coe(1)
    url = f"/api/v1/coes/{coe['id']}"
    body = {"language": "es", "form_version": "1.1", "answers": coe["answers"]}
    # record_event("coe.created") runs after the family, the COE and its children are flushed.
    crashed = _crash_once(
        monkeypatch, "record_event", lambda *a, **k: k.get("action") == "coe.created"
    )

    _assert_server_error(client.put(url, json=body, headers=headers))
    assert crashed == ["record_event"]
    for table in ("coes", "coe_children", "families"):
        assert fault_db.scalar(f"SELECT count(*) FROM {table}") == 0, table  # noqa: S608
    assert fault_db.scalar("SELECT count(*) FROM audit_events WHERE entity_type = 'coe'") == 0

    created = client.put(url, json=body, headers=headers)
    assert created.status_code == 201
    submit = {"base_version": 1, "signatures": coe["signatures"]}
    assert client.post(url + "/submit", json=submit, headers=headers).status_code == 200
    assert_exactly_once(fault_db, [coe])


def test_a_crash_after_the_signatures_keeps_no_half_submitted_coe(
    live_app: Flask, fault_db: FaultDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = live_app.test_client()
    headers = _headers(client)
    coe = queued_coe(2)
    url = f"/api/v1/coes/{coe['id']}"
    body = {"language": "es", "form_version": "1.1", "answers": coe["answers"]}
    assert client.put(url, json=body, headers=headers).status_code == 201
    submit = {"base_version": 1, "signatures": coe["signatures"]}
    # check_coe (the statewide duplicate check) runs after both signatures are flushed and
    # before the status changes.
    crashed = _crash_once(monkeypatch, "check_coe")

    _assert_server_error(client.post(url + "/submit", json=submit, headers=headers))
    assert crashed == ["check_coe"]
    assert fault_db.scalar("SELECT status FROM coes") == "draft"
    assert fault_db.scalar("SELECT submitted_at FROM coes") is None
    assert fault_db.scalar("SELECT count(*) FROM signatures") == 0
    assert (
        fault_db.scalar(
            "SELECT count(*) FROM audit_events WHERE action IN ('signature.added', 'coe.submitted')"
        )
        == 0
    )

    answer = client.post(url + "/submit", json=submit, headers=headers)
    assert answer.status_code == 200
    assert answer.get_json()["status"] == "submitted"
    assert_exactly_once(fault_db, [coe])


def test_a_crash_between_the_two_signatures_keeps_neither(
    live_app: Flask, fault_db: FaultDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = live_app.test_client()
    headers = _headers(client)
    coe = queued_coe(3)
    url = f"/api/v1/coes/{coe['id']}"
    body = {"language": "es", "form_version": "1.1", "answers": coe["answers"]}
    assert client.put(url, json=body, headers=headers).status_code == 201
    submit = {"base_version": 1, "signatures": coe["signatures"]}
    # The second signature's audit event: the first signature is already in the session.
    crashed = _crash_once(
        monkeypatch,
        "record_event",
        lambda *a, **k: (
            k.get("action") == "signature.added" and k.get("details", {}).get("role") == "recruiter"
        ),
    )

    _assert_server_error(client.post(url + "/submit", json=submit, headers=headers))
    assert crashed == ["record_event"]
    assert fault_db.scalar("SELECT status FROM coes") == "draft"
    assert fault_db.scalar("SELECT count(*) FROM signatures") == 0

    assert client.post(url + "/submit", json=submit, headers=headers).status_code == 200
    assert_exactly_once(fault_db, [coe])
