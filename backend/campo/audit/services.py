"""Writing the audit trail."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from campo.audit import chain
from campo.audit.models import AuditEvent
from campo.auth.permissions import Actor
from campo.db import utcnow
from campo.lib.canonical import to_json_safe


def record_event(
    session: Session,
    *,
    actor: Actor | None,
    action: str,
    entity_type: str,
    entity_id: object = None,
    region_id: int | None = None,
    changed_fields: Iterable[str] | None = None,
    details: dict[str, Any] | None = None,
    client_address: str | None = None,
) -> AuditEvent:
    """Append one event; ``changed_fields`` are field names only, never their values.

    The event is written, chained to the one before it, when the session commits; work that
    is rolled back leaves no event (see audit/chain.py).
    """
    event = AuditEvent(
        occurred_at=utcnow(),
        actor_id=actor.user.id if actor else None,
        actor_role=actor.role.value if actor else None,
        region_id=region_id,
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        client_address=actor.client_address if actor else client_address,
        changed_fields=sorted(changed_fields) if changed_fields is not None else None,
        details=to_json_safe(details) if details is not None else None,
    )
    chain.defer(session, event)
    return event
