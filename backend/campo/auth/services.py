"""Passwords and sign-in."""

from __future__ import annotations

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import User
from campo.audit.services import record_event
from campo.auth.permissions import Actor
from campo.errors import CampoError

_hasher = PasswordHasher()
# Verified against when the username is unknown, so both failures take the same time.
_DUMMY_HASH = _hasher.hash("campo-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(
    session: Session, *, username: str, password: str, client_address: str | None
) -> User:
    """Return the active user with these credentials, or raise INVALID_CREDENTIALS.

    Both outcomes are audited; the password never is.
    """
    user = session.scalar(sa.select(User).where(User.username == username.strip().lower()))
    valid = verify_password(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not valid or not user.is_active:
        record_event(
            session,
            actor=None,
            action="auth.login_failed",
            entity_type="user",
            entity_id=user.id if user else None,
            region_id=user.region_id if user else None,
            # What was typed is never stored: it may be a password typed in the wrong box.
            client_address=client_address,
        )
        raise CampoError(errors.INVALID_CREDENTIALS)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    record_event(
        session,
        actor=Actor(user, client_address),
        action="auth.login",
        entity_type="user",
        entity_id=user.id,
        region_id=user.region_id,
    )
    return user
