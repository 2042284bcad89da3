"""The request-scoped database session: opened on first use, committed by the API layer."""

from __future__ import annotations

from flask import current_app, g
from sqlalchemy.orm import Session

from campo.db import Database


def database() -> Database:
    """The current app's Database."""
    db: Database = current_app.extensions["campo.db"]
    return db


def request_session() -> Session:
    """The request's session, opened on first use (see api.commit_request_session)."""
    if "db_session" not in g:
        g.db_session = database().new_session()
    db_session: Session = g.db_session
    return db_session


def open_request_session() -> Session | None:
    """The request's session if it was opened, else None."""
    return g.get("db_session")


def close_request_session(error: BaseException | None) -> None:
    """Roll back whatever was not committed and close the request's session."""
    db_session: Session | None = g.pop("db_session", None)
    if db_session is not None:
        db_session.rollback()
        db_session.close()
