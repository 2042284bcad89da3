"""The database connection dropped in the middle of a request: a clean 503, then the retry works.

On PostgreSQL the app's own connection is terminated (``pg_terminate_backend``) just before a
chosen statement of the request reaches it, so the statement meets a dead connection, as when
the database restarts or a proxy cuts the link. On SQLite, which has no connection to cut, the
same statement fails with an OperationalError raised where the driver would raise it. Either
way the answer is a 503 with the coded envelope, nothing of the request is kept, and the retry
(on a fresh connection) succeeds.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from campo import config as campo_config
from campo import errors
from campo.app import create_app
from tests.faults.conftest import PASSWORD, FaultDatabase, assert_exactly_once, queued_coe


class ConnectionDrop:
    """Arms a fault on the app's engine: the next statement starting with ``prefix`` (or the
    next COMMIT) meets a dead connection."""

    def __init__(self, engine: sa.Engine, fault_db: FaultDatabase) -> None:
        self.fault_db = fault_db
        self.prefix: str | None = None
        self.at_commit = False
        self.fired = 0
        self.original_execute = engine.dialect.do_execute
        self.original_commit = engine.dialect.do_commit

    def arm(self, prefix: str) -> None:
        self.prefix = prefix
        self.fired = 0

    def arm_commit(self) -> None:
        self.at_commit = True
        self.fired = 0

    def do_execute(self, cursor: Any, statement: str, parameters: Any, context: Any = None) -> None:
        if self.prefix is not None and statement.lstrip().startswith(self.prefix):
            self.prefix = None
            self._drop(cursor.connection)
        self.original_execute(cursor, statement, parameters, context)

    def do_commit(self, dbapi_connection: Any) -> None:
        if self.at_commit:
            self.at_commit = False
            self._drop(dbapi_connection)
        self.original_commit(dbapi_connection)

    def _drop(self, dbapi_connection: Any) -> None:
        self.fired += 1
        if self.fault_db.engine_name == "sqlite":
            raise sqlite3.OperationalError("disk I/O error")
        # do_commit gets the pool's wrapper; the psycopg connection is inside it.
        raw = getattr(dbapi_connection, "dbapi_connection", dbapi_connection)
        pid = raw.info.backend_pid
        with self.fault_db.database.engine.begin() as admin:
            assert admin.scalar(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        deadline = time.monotonic() + 10
        while self.fault_db.scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = :p", p=pid):
            assert time.monotonic() < deadline, "the backend did not go away"
            time.sleep(0.01)


@pytest.fixture
def live_app(fault_db: FaultDatabase) -> Iterator[Flask]:
    """The app on a database that really commits, with its own engine and pool."""
    config = campo_config.TestingConfig()
    config.DATABASE_URL = fault_db.url
    app = create_app(config)
    yield app
    app.extensions["campo.db"].engine.dispose()


@pytest.fixture
def drop(
    live_app: Flask, fault_db: FaultDatabase, monkeypatch: pytest.MonkeyPatch
) -> ConnectionDrop:
    engine = live_app.extensions["campo.db"].engine
    fault = ConnectionDrop(engine, fault_db)
    monkeypatch.setattr(engine.dialect, "do_execute", fault.do_execute)
    monkeypatch.setattr(engine.dialect, "do_commit", fault.do_commit)
    return fault


def _headers(client: FlaskClient, language: str = "en") -> dict[str, str]:
    answer = client.post(
        "/api/v1/auth/login", json={"username": "recruiter1", "password": PASSWORD}
    )
    assert answer.status_code == 200, answer.get_json()
    return {
        "Authorization": f"Bearer {answer.get_json()['access_token']}",
        "Accept-Language": language,
    }


def _assert_unavailable(answer: Any, language: str) -> None:
    assert answer.status_code == 503
    body = answer.get_json()
    assert body["error"]["code"] == errors.SERVICE_UNAVAILABLE.code
    assert body["error"]["fields"] == {}
    expected = "El servicio" if language == "es" else "The service is unavailable"
    assert body["error"]["message"].startswith(expected)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_dropped_connection_is_a_503_and_the_retry_succeeds(
    live_app: Flask, drop: ConnectionDrop, fault_db: FaultDatabase, language: str
) -> None:
    client = live_app.test_client()
    headers = _headers(client, language)
    coe = queued_coe(1)
    url = f"/api/v1/coes/{coe['id']}"
    body = {"language": "es", "form_version": "1.1", "answers": coe["answers"]}

    # The COE and its family are written; the connection dies before the children are.
    drop.arm("INSERT INTO coe_children")
    _assert_unavailable(client.put(url, json=body, headers=headers), language)
    assert drop.fired == 1
    assert fault_db.scalar("SELECT count(*) FROM coes") == 0
    assert fault_db.scalar("SELECT count(*) FROM families") == 0

    created = client.put(url, json=body, headers=headers)
    assert created.status_code == 201, created.get_json()

    # The submission's first signature is written; the connection dies before the second.
    submit = {"base_version": created.get_json()["version"], "signatures": coe["signatures"]}
    drop.arm("INSERT INTO signatures")
    _assert_unavailable(client.post(url + "/submit", json=submit, headers=headers), language)
    assert drop.fired == 1
    assert fault_db.scalar("SELECT status FROM coes") == "draft"
    assert fault_db.scalar("SELECT count(*) FROM signatures") == 0

    submitted = client.post(url + "/submit", json=submit, headers=headers)
    assert submitted.status_code == 200, submitted.get_json()
    assert submitted.get_json()["status"] == "submitted"
    assert_exactly_once(fault_db, [coe])


def test_a_connection_dropped_at_commit_is_a_503_and_the_retry_succeeds(
    live_app: Flask, drop: ConnectionDrop, fault_db: FaultDatabase
) -> None:
    """The last moment: every write is done and the COMMIT itself meets a dead connection."""
    client = live_app.test_client()
    headers = _headers(client)
    coe = queued_coe(2)
    url = f"/api/v1/coes/{coe['id']}"
    body = {"language": "es", "form_version": "1.1", "answers": coe["answers"]}
    created = client.put(url, json=body, headers=headers)
    assert created.status_code == 201
    submit = {"base_version": 1, "signatures": coe["signatures"]}

    drop.arm_commit()
    _assert_unavailable(client.post(url + "/submit", json=submit, headers=headers), "en")
    assert drop.fired == 1
    assert fault_db.scalar("SELECT status FROM coes") == "draft"

    assert client.post(url + "/submit", json=submit, headers=headers).status_code == 200
    assert_exactly_once(fault_db, [coe])


def test_health_says_unavailable_while_the_database_is_gone(
    live_app: Flask, drop: ConnectionDrop
) -> None:
    client = live_app.test_client()
    drop.arm("SELECT 1")
    answer = client.get("/api/health")
    assert answer.status_code == 503
    assert answer.get_json() == {"status": "unavailable", "database": "unreachable"}
    assert client.get("/api/health").get_json() == {"status": "ok", "database": "ok"}
