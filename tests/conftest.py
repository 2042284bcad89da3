"""Fixtures: a migrated database per engine, one rolled-back transaction per test, an app on it.

Every test that uses ``db_session``, ``app`` or ``client`` runs once on SQLite and, when
TEST_DATABASE_URL is set, once more on PostgreSQL. In CI a missing PostgreSQL is an error.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_jwt_extended import create_access_token
from sqlalchemy.orm import Session, sessionmaker

from campo.accounts.models import User
from campo.accounts.services import create_user
from campo.app import create_app
from campo.config import TestingConfig
from campo.db import Database
from campo.demo.data import DEMO_ACCOUNTS, load_regions

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
ENGINES = ["sqlite", "postgresql"] if TEST_DATABASE_URL else ["sqlite"]
PASSWORD = "correct horse battery"


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("CI") == "true" and not TEST_DATABASE_URL:
        raise pytest.UsageError("CI=true but TEST_DATABASE_URL is not set: PostgreSQL is required")


def _reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", params=ENGINES)
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A database built by running the migrations, with regions and the demo accounts."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'campo-test.sqlite3'}"
    else:
        assert TEST_DATABASE_URL
        url = TEST_DATABASE_URL
        _reset_postgres(url)
    database = Database(url)
    database.upgrade()
    with database.transaction() as session:
        load_regions(session)
        for account in DEMO_ACCOUNTS:
            create_user(
                session,
                username=account.username,
                full_name=account.full_name,
                password=PASSWORD,
                role=account.role,
                region_code=account.region_code,
                language=account.language,
            )
    yield database
    database.engine.dispose()


@pytest.fixture
def connection(database: Database) -> Iterator[sa.Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with database.engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.rollback()


@pytest.fixture
def db_session(connection: sa.Connection) -> Iterator[Session]:
    """A session whose commits are savepoints inside the test's transaction."""
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    yield session
    session.close()


@pytest.fixture
def app(database: Database, connection: sa.Connection) -> Iterator[Flask]:
    config = TestingConfig()
    config.DATABASE_URL = database.url
    app = create_app(config)
    bound = app.extensions["campo.db"]
    bound.engine.dispose()
    bound.session_factory = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def users(db_session: Session) -> dict[str, User]:
    """The demo accounts by username."""
    return {user.username: user for user in db_session.scalars(sa.select(User))}


class Api:
    """A thin client that signs requests as a given user and speaks JSON."""

    def __init__(self, app: Flask, client: FlaskClient) -> None:
        self.app = app
        self.client = client

    def headers_for(self, username: str | None, language: str = "en") -> dict[str, str]:
        headers = {"Accept-Language": language}
        if username is not None:
            with self.app.app_context():
                session = self.app.extensions["campo.db"].new_session()
                user = session.scalar(sa.select(User).where(User.username == username))
                session.close()
                assert user is not None, username
                headers["Authorization"] = "Bearer " + create_access_token(identity=str(user.id))
        return headers

    def call(
        self,
        method: str,
        url: str,
        *,
        as_user: str | None = None,
        json: Any = None,
        language: str = "en",
        **kwargs: Any,
    ) -> Any:
        headers = {**self.headers_for(as_user, language), **kwargs.pop("headers", {})}
        return self.client.open(url, method=method, json=json, headers=headers, **kwargs)

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.call("GET", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> Any:
        return self.call("PUT", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.call("POST", url, **kwargs)


@pytest.fixture
def api(app: Flask, client: FlaskClient) -> Api:
    return Api(app, client)


@pytest.fixture
def new_id() -> str:
    return str(uuid.uuid4())


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *args: Any) -> None:
        self.count += 1


@pytest.fixture
def count_queries(connection: sa.Connection) -> Iterator[QueryCounter]:
    """Count the SQL statements run on the test's connection (guards against N+1 queries)."""
    counter = QueryCounter()
    sa.event.listen(connection, "before_cursor_execute", counter)
    yield counter
    sa.event.remove(connection, "before_cursor_execute", counter)
