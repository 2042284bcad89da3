"""Database plumbing: the declarative Base, portable column types, engines and the request session.

SQLite (the embedded default) and PostgreSQL (production) run the same models and migrations.
Services receive a ``Session`` and only flush; the request (or a CLI command) commits.
No Flask here: domain modules import this one. The request-scoped session is in web.py.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command as alembic_command
from alembic.config import Config as AlembicConfig
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

# Stable constraint names: Alembic batch mode on SQLite needs them, and people read them in errors.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> uuid.UUID:
    return uuid.uuid4()


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware.

    SQLite keeps no zone; without this, the same column would come back naive there and aware
    on PostgreSQL.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum: type[enum.Enum], *, name: str, length: int) -> sa.Enum:
    """A Python enum stored as its values in a VARCHAR with a CHECK (portable, readable)."""
    return sa.Enum(
        enum,
        native_enum=False,
        length=length,
        validate_strings=True,
        create_constraint=True,
        values_callable=lambda members: [member.value for member in members],
        name=name,
    )


# JSON documents: JSONB on PostgreSQL (indexable, compact), JSON text on SQLite.
JSONDocument = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def create_engine(url: str, **kwargs: Any) -> sa.Engine:
    """Create an engine; SQLite gets real transactions, foreign keys and a busy timeout.

    Statement parameters are names, birth dates and numbers of children: they are kept out of
    exception messages (and so out of logs and error reports) with ``hide_parameters``.
    """
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs.setdefault("poolclass", sa.pool.StaticPool)
        kwargs.setdefault("connect_args", {"check_same_thread": False})
        engine = sa.create_engine(url, **kwargs)
        _make_sqlite_transactional(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return sa.create_engine(url, **kwargs)


def _make_sqlite_transactional(engine: sa.Engine) -> None:
    # pysqlite opens transactions lazily and ignores SAVEPOINT semantics; SQLAlchemy's documented
    # recipe takes transaction control back so savepoints (and test isolation) work.
    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    # IMMEDIATE takes the write lock at the start: two requests that each read and then write
    # (every audited read does) would otherwise deadlock, and SQLite refuses one at once with
    # "database is locked" instead of waiting out the busy timeout.
    @sa.event.listens_for(engine, "begin")
    def on_begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(
    connection: sa.Connection | None = None, url: str | None = None
) -> AlembicConfig:
    """An Alembic configuration for our migrations, bound to a connection or a URL."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option(
        "file_template",
        "%%(year)d%%(month).2d%%(day).2d_%%(hour).2d%%(minute).2d_%%(rev)s_%%(slug)s",
    )
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def upgrade_database(connection: sa.Connection, revision: str = "head") -> None:
    """Migrate the database behind ``connection`` to ``revision``."""
    alembic_command.upgrade(alembic_config(connection), revision)


class Database:
    """An engine and the session factory bound to it; one per app."""

    def __init__(self, url: str) -> None:
        self.url = url
        sqlite_file = sa.engine.make_url(url).database if url.startswith("sqlite") else None
        if sqlite_file and sqlite_file != ":memory:":
            Path(sqlite_file).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(url)
        self.session_factory = sessionmaker(bind=self.engine, expire_on_commit=False)

    def new_session(self) -> Session:
        return self.session_factory()

    def upgrade(self, revision: str = "head") -> None:
        """Migrate this database to ``revision``, in one transaction where the engine allows."""
        with self.engine.begin() as connection:
            upgrade_database(connection, revision)

    def analyze(self) -> None:
        """Refresh the planner's statistics (after a bulk load, or PostgreSQL may scan tables)."""
        with self.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Give a session whose work commits on success and rolls back on error (CLI, jobs)."""
        with self.new_session() as session, session.begin():
            yield session
