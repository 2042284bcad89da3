"""Children, approved COEs and history rows written straight to the database, for the count,
PFS and history tests (the COE workflow itself is tested through the API elsewhere).
"""

from __future__ import annotations

import itertools
import uuid
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo.accounts.models import Region, User
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.families.models import Child, Family
from campo.families.studentnumbers import make_student_number
from campo.history.models import ChildIndicators, MepService, SchoolEnrollment
from campo.reports.periods import open_enrollment_end

_serial = itertools.count(9_000_000)


def region_id(session: Session, code: str) -> int:
    found = session.scalar(sa.select(Region.id).where(Region.code == code))
    assert found is not None, code
    return found


def user_id(session: Session, username: str = "stateadmin") -> int:
    found = session.scalar(sa.select(User.id).where(User.username == username))
    assert found is not None, username
    return found


def make_child(
    session: Session, *, birth_date: date, region: str = "16", first_name: str = "Ana"
) -> Child:
    child = Child(
        statewide_number=make_student_number("CA", next(_serial)),
        region_id=region_id(session, region),
        last_name1="Prueba",
        first_name=first_name,
        birth_date=birth_date,
        birth_date_verification="1007",
    )
    session.add(child)
    session.flush()
    return child


def make_coe(
    session: Session,
    child: Child,
    *,
    qad: date,
    eoe: date,
    region: str = "16",
    residency_date: date | None = None,
    interview_date: date | None = None,
    status: CoeStatus = CoeStatus.APPROVED,
) -> Coe:
    """A COE of ``region`` for ``child`` with the given eligibility window (approved by default)."""
    rid = region_id(session, region)
    family = Family(region_id=rid, created_by_id=user_id(session))
    session.add(family)
    session.flush()
    coe = Coe(
        id=uuid.uuid4(),
        region_id=rid,
        family_id=family.id,
        recruiter_id=user_id(session, "recruiter1" if region == "16" else "recruiter2"),
        status=status,
        form_id="coe",
        form_version="1.1",
        answers={},
        content_hash="0" * 64,
        qualifying_arrival_date=qad,
        interview_date=interview_date or qad,
    )
    coe.children.append(
        CoeChild(
            position=0,
            child_id=child.id,
            birth_date=child.birth_date,
            residency_date=residency_date or qad,
            eligibility_end_date=eoe,
        )
    )
    session.add(coe)
    session.flush()
    return coe


def enroll(
    session: Session,
    child: Child,
    first: date,
    last: date | None = None,
    *,
    region: str = "16",
    grade: str | None = None,
    enrollment_type: str = "01",
    school_name: str = "Alisal Elementary",
) -> SchoolEnrollment:
    """An enrollment from ``first`` to ``last`` (open: evidence to the end of its period)."""
    row = SchoolEnrollment(
        child_id=child.id,
        region_id=region_id(session, region),
        enrollment_type=enrollment_type,
        school_name=school_name,
        grade=grade,
        enrollment_date=first,
        withdrawal_date=last,
        evidence_end_date=last or open_enrollment_end(first),
    )
    session.add(row)
    session.flush()
    return row


def serve(
    session: Session,
    child: Child,
    first: date,
    last: date | None = None,
    *,
    region: str = "16",
    term: str = "summer",
    continuation_reason: str | None = None,
    service_type: str = "reading",
) -> MepService:
    row = MepService(
        child_id=child.id,
        region_id=region_id(session, region),
        service_type=service_type,
        term=term,
        start_date=first,
        end_date=last or first,
        continuation_reason=continuation_reason,
    )
    session.add(row)
    session.flush()
    return row


def indicators(session: Session, child: Child, **values: Any) -> ChildIndicators:
    row = ChildIndicators(child_id=child.id, **values)
    session.add(row)
    session.flush()
    return row
