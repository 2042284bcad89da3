"""Who may see and do what. Plain functions over the acting user; no Flask.

Region isolation is the rule: a user sees only their region's records (state admins see all),
and records of another region are reported as not found, so their existence does not leak.
"""

from __future__ import annotations

from dataclasses import dataclass

from campo import errors
from campo.accounts.models import Role, User
from campo.errors import CampoError


@dataclass(frozen=True)
class Actor:
    """The user acting, and where the request came from (for the audit trail)."""

    user: User
    client_address: str | None = None

    @property
    def region_id(self) -> int | None:
        return self.user.region_id

    @property
    def role(self) -> Role:
        return self.user.role


def require_role(actor: Actor, *roles: Role) -> None:
    """Raise FORBIDDEN unless the actor has one of ``roles``."""
    if actor.role not in roles:
        raise CampoError(errors.FORBIDDEN)


def can_see_region(actor: Actor, region_id: int | None) -> bool:
    return actor.user.is_state_admin or (region_id is not None and region_id == actor.region_id)


def visible_region_id(actor: Actor) -> int | None:
    """The one region the actor's queries are limited to, or None for a state admin."""
    return None if actor.user.is_state_admin else actor.region_id


# Who may write COEs: recruiters, and supervisors who also recruit (never approving their own).
COE_AUTHORS = (Role.RECRUITER, Role.SUPERVISOR)
# Designated reviewers: supervisors of the region, and the state (SEA) admins.
COE_REVIEWERS = (Role.SUPERVISOR, Role.STATE_ADMIN)
