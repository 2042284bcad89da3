"""Fault tests: databases that really commit, a real server process, a client that retries.

Unlike the rest of the suite, nothing here runs inside a rolled-back transaction: a crash or a
dropped connection is only meaningful against work that is really committed. Each test gets a
fresh database: a temporary SQLite file, and when TEST_DATABASE_URL is set, a schema of its own
in that PostgreSQL database (so the shared ``public`` schema of the other tests is untouched),
dropped afterwards.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from campo.accounts.models import Role
from campo.accounts.services import create_user
from campo.db import Database
from campo.demo.data import load_regions
from tests.conftest import TEST_DATABASE_URL
from tests.factories import complete_answers, signatures

PASSWORD = "correct horse battery"
ENGINES = ["sqlite", "postgresql"] if TEST_DATABASE_URL else ["sqlite"]
RETRYABLE = {408, 429, 500, 502, 503, 504}


@dataclass
class FaultDatabase:
    engine_name: str
    url: str
    database: Database

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.database.engine.connect() as connection:
            return connection.execute(sa.text(sql), params).scalar()

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.database.engine.connect() as connection:
            return list(connection.execute(sa.text(sql), params))


def _with_search_path(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(params=ENGINES)
def fault_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FaultDatabase]:
    """A migrated database that commits for real, with the regions and one recruiter."""
    schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'faults.sqlite3'}"
    else:
        assert TEST_DATABASE_URL
        schema = f"faults_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(TEST_DATABASE_URL)
        with admin.begin() as connection:
            connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
        admin.dispose()
        url = _with_search_path(TEST_DATABASE_URL, schema)
    database = Database(url)
    database.upgrade()
    with database.transaction() as session:
        load_regions(session)
        create_user(
            session,
            username="recruiter1",
            full_name="Rosa Medina",
            password=PASSWORD,
            role=Role.RECRUITER,
            region_code="16",
            language="es",
        )
    yield FaultDatabase(request.param, url, database)
    database.engine.dispose()
    if schema is not None:
        assert TEST_DATABASE_URL
        admin = sa.create_engine(TEST_DATABASE_URL)
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ServerProcess:
    """``campo serve`` in a process of its own, which a test may SIGKILL and start again."""

    url: str
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "CAMPO_ENV": "development",
            "PYTHONUNBUFFERED": "1",
        }
        campo = Path(sys.executable).with_name("campo")
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [str(campo), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                env=env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        self.starts += 1
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"campo serve exited: {self.log_path.read_text()[-2000:]}")
            try:
                if requests.get(f"{self.base}/api/health", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise AssertionError("campo serve did not answer within 30 s")

    def kill(self) -> None:
        """SIGKILL: no cleanup, no goodbye, open transactions simply vanish."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def server(fault_db: FaultDatabase, tmp_path: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(fault_db.url, tmp_path / "server.log")
    process.start()
    yield process
    process.stop()


def queued_coe(number: int, children: int = 2) -> dict[str, Any]:
    """A COE as the tablet queues it: a client-made id, the full answers, both signatures."""
    answers = complete_answers(children=children)
    surname = f"Núñez{number:03d}"
    answers["family"]["parent1_last_name"] = surname
    for child in answers["children"]:
        child["last_name1"] = surname
    return {"id": str(uuid.uuid4()), "answers": answers, "signatures": signatures()}


class TabletClient:
    """Sends queued COEs like pwa/src/sync.js: PUT, then submit; retries what may be retried.

    Network errors and 5xx/408/429 are retried with a short backoff; anything else is final.
    ``before_request`` is called with (step, number) before every first attempt, so a test can
    act at an exact point of the batch.
    """

    def __init__(self, base: str, token: str, *, give_up_after: float = 25.0) -> None:
        self.base = base
        self.headers = {"Authorization": f"Bearer {token}"}
        self.give_up_after = give_up_after
        self.http = requests.Session()
        self.attempts: list[tuple[str, int, str]] = []
        self.before_request: Any = None

    def call(self, step: str, number: int, method: str, path: str, body: Any) -> requests.Response:
        deadline = time.monotonic() + self.give_up_after
        delay = 0.05
        if self.before_request is not None:
            self.before_request(step, number)
        while True:
            try:
                answer = self.http.request(
                    method, self.base + path, json=body, headers=self.headers, timeout=10
                )
            except requests.RequestException as error:
                self.attempts.append((step, number, type(error).__name__))
            else:
                self.attempts.append((step, number, str(answer.status_code)))
                if answer.status_code not in RETRYABLE:
                    return answer
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up on {step} of COE {number}: {self.attempts[-5:]}")
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    def send(self, number: int, coe: dict[str, Any]) -> dict[str, Any]:
        path = f"/api/v1/coes/{coe['id']}"
        put = self.call(
            "put",
            number,
            "PUT",
            path,
            {"language": "es", "form_version": "1.1", "answers": coe["answers"]},
        )
        assert put.status_code in (200, 201), put.text
        submit = self.call(
            "submit",
            number,
            "POST",
            path + "/submit",
            {"base_version": put.json()["version"], "signatures": coe["signatures"]},
        )
        assert submit.status_code == 200, submit.text
        return dict(submit.json())


def sign_in(base: str) -> str:
    answer = requests.post(
        f"{base}/api/v1/auth/login",
        json={"username": "recruiter1", "password": PASSWORD},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def _key(value: Any) -> str:
    return str(uuid.UUID(str(value)))


def _counts(fault_db: FaultDatabase, sql: str) -> dict[str, int]:
    return {_key(row[0]): int(row[1]) for row in fault_db.rows(sql)}


def assert_exactly_once(fault_db: FaultDatabase, batch: list[dict[str, Any]]) -> None:
    """Every queued COE is in the database once, submitted, whole; nothing else is."""
    stored = {_key(row[0]): row[1] for row in fault_db.rows("SELECT id, status FROM coes")}
    assert sorted(stored) == sorted(_key(coe["id"]) for coe in batch)
    assert set(stored.values()) == {"submitted"}
    children = _counts(fault_db, "SELECT coe_id, count(*) FROM coe_children GROUP BY coe_id")
    signed = _counts(
        fault_db,
        "SELECT coe_id, count(*) FROM signatures WHERE role IN ('interviewee', 'recruiter') "
        "GROUP BY coe_id",
    )
    submitted = _counts(
        fault_db,
        "SELECT entity_id, count(*) FROM audit_events WHERE action = 'coe.submitted' "
        "GROUP BY entity_id",
    )
    for coe in batch:
        key = _key(coe["id"])
        assert children.get(key) == len(coe["answers"]["children"]), key
        assert signed.get(key) == 2, key
        assert submitted.get(key) == 1, key
    assert fault_db.scalar("SELECT count(*) FROM families") == len(batch)
