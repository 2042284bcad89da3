"""Creating accounts and reading regions."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Region, Role, User
from campo.audit.services import record_event
from campo.auth.permissions import Actor
from campo.auth.services import hash_password
from campo.errors import CampoError


def create_user(
    session: Session,
    *,
    username: str,
    full_name: str,
    password: str,
    role: Role,
    region_code: str | None,
    language: str = "en",
    actor: Actor | None = None,
) -> User:
    """Create an account; everyone but a state admin belongs to one region."""
    username = username.strip().lower()
    if session.scalar(sa.select(User.id).where(User.username == username)) is not None:
        raise CampoError(errors.USERNAME_TAKEN)
    region = None
    if role is not Role.STATE_ADMIN:
        region = session.scalar(sa.select(Region).where(Region.code == region_code))
        if region is None:
            raise CampoError(errors.REGION_NOT_FOUND)
    user = User(
        username=username,
        full_name=full_name.strip(),
        password_hash=hash_password(password),
        role=role,
        region=region,
        language=language,
    )
    session.add(user)
    session.flush()
    record_event(
        session,
        actor=actor,
        action="user.created",
        entity_type="user",
        entity_id=user.id,
        region_id=user.region_id,
        details={"role": role.value},
    )
    return user


def list_regions(session: Session) -> list[Region]:
    return list(session.scalars(sa.select(Region).order_by(Region.code)))
