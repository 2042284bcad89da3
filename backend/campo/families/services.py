"""Issuing statewide numbers and creating the state's record of a child."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.audit.services import record_event
from campo.auth.permissions import Actor, can_see_region
from campo.errors import CampoError
from campo.families.models import Child, StudentNumberIssue
from campo.families.studentnumbers import make_student_number


def issue_student_number(session: Session, *, actor: Actor, state_code: str) -> str:
    """Reserve the next serial and return its number; a serial is never handed out twice."""
    issue = StudentNumberIssue(issued_by_id=actor.user.id)
    session.add(issue)
    session.flush()
    issue.number = make_student_number(state_code, issue.serial)
    return issue.number


def get_child(session: Session, *, actor: Actor, child_id: uuid.UUID) -> Child:
    """Return a child the actor may see, auditing the read; other regions' children are 404."""
    child = session.get(Child, child_id)
    if child is None or not can_see_region(actor, child.region_id):
        raise CampoError(errors.CHILD_NOT_FOUND)
    record_event(
        session,
        actor=actor,
        action="child.read",
        entity_type="child",
        entity_id=child.id,
        region_id=child.region_id,
    )
    return child


def find_child_by_number(session: Session, *, actor: Actor, number: str) -> Child:
    """Return the visible child with this (already validated) number, auditing the read."""
    child_id = session.scalar(sa.select(Child.id).where(Child.statewide_number == number))
    if child_id is None:
        raise CampoError(errors.CHILD_NOT_FOUND)
    return get_child(session, actor=actor, child_id=child_id)
