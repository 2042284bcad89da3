"""Passwords and sign-in."""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import User
from campo.audit.models import AuditEvent
from campo.audit.services import record_event
from campo.auth.models import RevokedToken
from campo.auth.permissions import Actor
from campo.db import utcnow
from campo.errors import N_, CampoError, ErrorCode

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


@dataclass(frozen=True)
class LoginLimits:
    """How many failed sign-ins are tolerated, counted from the audit trail.

    An account that failed ``account_failures`` times since its last success, within
    ``account_window``, waits ``account_window`` after its last failure (even the right password
    is refused then: that is what stops guessing). An address that failed ``address_failures``
    times within ``address_window`` waits too, whatever usernames it tried.
    """

    account_failures: int = 5
    account_window: timedelta = timedelta(minutes=15)
    address_failures: int = 20
    address_window: timedelta = timedelta(minutes=10)


def _wait(until: datetime, now: datetime, error: ErrorCode) -> CampoError:
    seconds = max(1, math.ceil((until - now).total_seconds()))
    return CampoError(
        error,
        params={"minutes": math.ceil(seconds / 60)},
        headers={"Retry-After": str(seconds)},
    )


def _check_limits(
    session: Session,
    user: User | None,
    client_address: str | None,
    limits: LoginLimits,
    now: datetime,
) -> None:
    failed = sa.select(AuditEvent.occurred_at).where(AuditEvent.action == "auth.login_failed")
    if user is not None:
        since = now - limits.account_window
        last_success = session.scalar(
            sa.select(sa.func.max(AuditEvent.occurred_at)).where(
                AuditEvent.action == "auth.login",
                AuditEvent.entity_type == "user",
                AuditEvent.entity_id == str(user.id),
            )
        )
        if last_success is not None and last_success > since:
            since = last_success
        recent = list(
            session.scalars(
                failed.where(
                    AuditEvent.entity_type == "user",
                    AuditEvent.entity_id == str(user.id),
                    AuditEvent.occurred_at > since,
                )
            )
        )
        if len(recent) >= limits.account_failures:
            raise _wait(max(recent) + limits.account_window, now, errors.ACCOUNT_LOCKED)
    if client_address:
        recent = list(
            session.scalars(
                failed.where(
                    AuditEvent.client_address == client_address,
                    AuditEvent.occurred_at > now - limits.address_window,
                )
            )
        )
        if len(recent) >= limits.address_failures:
            raise _wait(min(recent) + limits.address_window, now, errors.LOGIN_RATE_LIMITED)


def authenticate(
    session: Session,
    *,
    username: str,
    password: str,
    client_address: str | None,
    limits: LoginLimits | None = None,
    now: datetime | None = None,
) -> User:
    """Return the active user with these credentials, or raise INVALID_CREDENTIALS.

    Both outcomes are audited; the password never is. Too many failures lock the account, or
    the address they came from, for a while (``LoginLimits``), before the password is checked.
    """
    user = session.scalar(sa.select(User).where(User.username == username.strip().lower()))
    try:
        _check_limits(session, user, client_address, limits or LoginLimits(), now or utcnow())
    except CampoError:
        record_event(
            session,
            actor=None,
            action="auth.login_refused",
            entity_type="user",
            entity_id=user.id if user else None,
            region_id=user.region_id if user else None,
            client_address=client_address,
        )
        raise
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


def device_key(secret: str, user_id: int) -> bytes:
    """The 256-bit key that opens a user's vault on any tablet (see pwa/src/vault.js).

    Derived, never stored: HMAC-SHA-256 of the user id under the server's secret.
    """
    message = f"campo device key v1:{user_id}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


def revoke_token(session: Session, *, user_id: int, jti: str, expires_at: datetime) -> None:
    """Refuse this token from now on (idempotent: revoking twice is revoking once)."""
    if session.get(RevokedToken, jti) is None:
        session.add(RevokedToken(jti=jti, user_id=user_id, expires_at=expires_at))
        session.flush()


def token_refused(session: Session, user: User | None, *, jti: str | None, issued_at: int) -> bool:
    """Whether a token must be refused: revoked by its id, or issued before a password change.

    ``issued_at`` is the token's ``iat`` (whole seconds): a token issued in the same second as
    the change is still accepted, so the new tokens the change returns work at once.
    """
    if jti and session.get(RevokedToken, jti) is not None:
        return True
    if user is not None and user.tokens_valid_after is not None:
        return issued_at < int(user.tokens_valid_after.timestamp())
    return False


def change_password(
    session: Session, *, actor: Actor, current_password: str, new_password: str
) -> None:
    """Change the actor's own password; every token issued before it stops working."""
    user = actor.user
    if not verify_password(user.password_hash, current_password):
        raise CampoError(errors.WRONG_PASSWORD)
    problem = password_problem(new_password, username=user.username)
    if problem:
        raise CampoError(errors.PASSWORD_TOO_WEAK, fields={"new_password": [problem]})
    user.password_hash = hash_password(new_password)
    user.tokens_valid_after = utcnow()
    record_event(
        session,
        actor=actor,
        action="auth.password_changed",
        entity_type="user",
        entity_id=user.id,
        region_id=user.region_id,
        changed_fields=["password"],
    )
    session.flush()


MIN_PASSWORD_LENGTH = 12


def password_problem(password: str, *, username: str) -> str | None:
    """Why a new password is refused (English source text), or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return N_("Use at least 12 characters; a few words together are easy to remember.")
    folded = password.strip().lower()
    if username.lower() in folded or len(set(folded)) < 4:
        return N_("This password is too easy to guess. Please choose another.")
    return None
