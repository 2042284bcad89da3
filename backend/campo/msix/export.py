"""The state's MDE file for MSIX: every child added or changed since a date, one line per child
and enrollment, validated against the layout before a byte is written."""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Region, Role
from campo.audit.services import record_event
from campo.auth.permissions import Actor, require_role
from campo.db import utcnow
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.errors import N_, CampoError
from campo.families.models import Child, Family
from campo.history.models import ChildIndicators, CourseRecord, SchoolEnrollment
from campo.msix.layout import (
    DETAIL_TYPE,
    HEADER_TYPE,
    RESIDENCY_ONLY,
    LayoutError,
    MsixFile,
    format_date,
    format_timestamp,
    write_file,
    yes_no,
)
from campo.reports.pfs import pfs_children

SINCE_IN_FUTURE = N_("This date is in the future.")
SEX = {"female": "Female", "male": "Male"}
MED_ALERT = {"chronic": "Chronic", "acute": "Acute", "none": "None"}
# The statewide migrant number is the State MEP-assigned unique id (type 02); the state's
# longitudinal id (e.g. CALPADS SSID) goes as the alternate id, type 01 (State-assigned).
MEP_ASSIGNED, STATE_ASSIGNED = "02", "01"


@dataclass(frozen=True)
class Export:
    """The file's text and what it holds; ``skipped`` children have no approved COE."""

    text: str
    students: int
    records: int
    skipped: int


def changed_child_ids(session: Session, since: datetime) -> set[uuid.UUID]:
    """Children added or changed since ``since``: their record, an approval, their history."""
    queries = [
        sa.select(Child.id).where(sa.or_(Child.created_at >= since, Child.updated_at >= since)),
        sa.select(CoeChild.child_id)
        .join(Coe, Coe.id == CoeChild.coe_id)
        .where(Coe.status == CoeStatus.APPROVED, Coe.decided_at >= since),
        sa.select(SchoolEnrollment.child_id).where(SchoolEnrollment.updated_at >= since),
        sa.select(ChildIndicators.child_id).where(ChildIndicators.updated_at >= since),
        sa.select(CourseRecord.child_id).where(CourseRecord.updated_at >= since),
    ]
    return {row for row in session.scalars(sa.union(*queries)) if row is not None}


def _latest_moves(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[CoeChild, Coe]]:
    """Each child's approved COE with the latest qualifying arrival date."""
    latest: dict[uuid.UUID, tuple[CoeChild, Coe]] = {}
    rows = session.execute(
        sa.select(CoeChild, Coe)
        .join(Coe, Coe.id == CoeChild.coe_id)
        .where(CoeChild.child_id.in_(ids), Coe.status == CoeStatus.APPROVED)
        .order_by(Coe.qualifying_arrival_date, Coe.decided_at)
    )
    for row, coe in rows:
        if row.child_id is not None:
            latest[row.child_id] = (row, coe)  # later arrivals overwrite earlier ones
    return latest


def _digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def student_lines(
    child: Child,
    *,
    record_id: int,
    state_code: str,
    action: str,
    move: tuple[CoeChild, Coe],
    family: Family | None,
    region: Region,
    enrollments: list[SchoolEnrollment],
    indicators: ChildIndicators | None,
    algebra1: bool | None,
    pfs: bool,
) -> list[dict[str, str]]:
    """The detail lines of one child: one per enrollment, or one residency-only line."""
    row, coe = move
    answers = coe.answers or {}
    moved = answers.get("move") or {}
    listed = (answers.get("children") or [])[row.position] if answers.get("children") else {}
    student = {
        "record_type": DETAIL_TYPE,
        "student_record_id": f"{record_id:07d}",
        "msix_id": "",
        "reporting_state": state_code,
        "state_student_id": child.statewide_number,
        "state_student_id_type": MEP_ASSIGNED,
        "action_code": action,
        "alternate_id": _text(indicators.state_student_id if indicators else None),
        "alternate_id_type": STATE_ASSIGNED if indicators and indicators.state_student_id else "",
        "first_name": child.first_name,
        "middle_name": _text(child.middle_name),
        "last_name1": child.last_name1,
        "last_name2": _text(child.last_name2),
        "suffix": _text(child.suffix),
        "sex": SEX.get(child.sex or "", ""),
        "birth_date": format_date(child.birth_date),
        "multiple_birth": yes_no(child.multiple_birth),
        "birth_date_verification": child.birth_date_verification,
        "parent1_first_name": _text(child.parent1_first_name),
        "parent1_last_name": _text(child.parent1_last_name),
        "parent2_first_name": _text(child.parent2_first_name),
        "parent2_last_name": _text(child.parent2_last_name),
        "parent1_phone": _digits(family.phone if family else None),
        "qm_record_id": "001",
        "qualifying_arrival_date": format_date(coe.qualifying_arrival_date),
        "qm_from_city": _text(moved.get("from_city")),
        "qm_from_state": _text(moved.get("from_state")),
        "qm_from_country": _text(moved.get("from_country")),
        "qm_to_city": _text(moved.get("to_city")),
        "qm_to_state": _text(moved.get("to_state")),
        "eligibility_expiration_date": format_date(row.eligibility_end_date),
    }
    flags = {
        "lep_indicator": yes_no(indicators.english_learner if indicators else None),
        "iep_indicator": yes_no(indicators.iep if indicators else None),
        "pfs_flag": yes_no(pfs),
        "algebra1_indicator": yes_no(algebra1),
        "med_alert": MED_ALERT.get((indicators.medical_alert or "") if indicators else "", ""),
        "residency_date": format_date(row.residency_date),
        "graduation_hse_indicator": yes_no(
            (indicators.graduation_date is not None) if indicators else None
        ),
        "graduation_hse_date": format_date(indicators.graduation_date if indicators else None),
    }
    if not enrollments:
        return [
            {
                **student,
                **flags,
                "enrollment_date": format_date(row.residency_date or coe.qualifying_arrival_date),
                "enrollment_type": RESIDENCY_ONLY,
                "school_or_project_name": region.name,
                "school_id": "",
                "district_id": "",
                "district_name": "",
                "grade_level": _text(listed.get("grade")),
                "withdrawal_date": "",
                "enrollment_comment": "",
            }
        ]
    return [
        {
            **student,
            **flags,
            "enrollment_date": format_date(enrollment.enrollment_date),
            "enrollment_type": enrollment.enrollment_type,
            "school_or_project_name": enrollment.school_name,
            "school_id": _text(enrollment.school_id),
            "district_id": _text(enrollment.district_id),
            "district_name": _text(enrollment.district_name),
            "grade_level": _text(enrollment.grade),
            "withdrawal_date": format_date(enrollment.withdrawal_date),
            "enrollment_comment": _text(enrollment.comment),
        }
        for enrollment in enrollments
    ]


def build_export(
    session: Session, *, since: datetime, state_code: str, now: datetime | None = None
) -> tuple[MsixFile, list[Child], int]:
    """The file of children changed since ``since`` (not yet validated), the children in line
    order, and how many changed children were left out for having no approved COE."""
    now = now or utcnow()
    changed = sorted(changed_child_ids(session, since))
    moves = _latest_moves(session, changed) if changed else {}
    children = (
        session.scalars(
            sa.select(Child).where(Child.id.in_(list(moves))).order_by(Child.statewide_number)
        ).all()
        if moves
        else []
    )
    ids = [child.id for child in children]
    families = {
        f.id: f
        for f in session.scalars(
            sa.select(Family).where(Family.id.in_({c.family_id for c in children if c.family_id}))
        )
    }
    regions = {r.id: r for r in session.scalars(sa.select(Region))}
    enrollments: dict[uuid.UUID, list[SchoolEnrollment]] = defaultdict(list)
    for enrollment in session.scalars(
        sa.select(SchoolEnrollment)
        .where(SchoolEnrollment.child_id.in_(ids))
        .order_by(SchoolEnrollment.enrollment_date, SchoolEnrollment.id)
    ):
        enrollments[enrollment.child_id].append(enrollment)
    indicators = {
        i.child_id: i
        for i in session.scalars(
            sa.select(ChildIndicators).where(ChildIndicators.child_id.in_(ids))
        )
    }
    algebra: dict[uuid.UUID, bool] = {}
    for child_id, passed in session.execute(
        sa.select(CourseRecord.child_id, CourseRecord.passed).where(
            CourseRecord.child_id.in_(ids), CourseRecord.algebra1.is_(True)
        )
    ):
        algebra[child_id] = algebra.get(child_id, False) or bool(passed)

    # Priority for Services as of the file's day (reports.pfs: the federal definition).
    priority = set(session.scalars(pfs_children(now.date()))) if ids else set()

    details: list[dict[str, str]] = []
    line_children: list[Child] = []
    for number, child in enumerate(children, start=1):
        lines = student_lines(
            child,
            record_id=number,
            state_code=state_code,
            action="I" if child.created_at >= since else "U",
            move=moves[child.id],
            family=families.get(child.family_id) if child.family_id else None,
            region=regions[child.region_id],
            enrollments=enrollments.get(child.id, []),
            indicators=indicators.get(child.id),
            algebra1=algebra.get(child.id),
            pfs=child.id in priority,
        )
        details += lines
        line_children += [child] * len(lines)
    header = {
        "record_type": HEADER_TYPE,
        "submitting_state": state_code,
        "submission_date": format_timestamp(now),
        "total_students": f"{len(children):08d}",
        "total_records": f"{len(details):09d}",
        "begin_effective": format_timestamp(since),
        "end_effective": format_timestamp(now),
    }
    return MsixFile(header=header, details=details), line_children, len(changed) - len(children)


def export_changes(
    session: Session,
    *,
    actor: Actor,
    since: datetime,
    state_code: str,
    now: datetime | None = None,
) -> Export:
    """Validate and write the MDE file of children changed since ``since`` (state admins).

    Raises:
        CampoError: FORBIDDEN for anyone else; MSIX_EXPORT_INVALID, with one problem per value
            that does not fit and the child it belongs to, when a record does not validate.
    """
    require_role(actor, Role.STATE_ADMIN)
    now = now or utcnow()
    if since >= now:
        raise CampoError(errors.INVALID_INPUT, fields={"since": [SINCE_IN_FUTURE]})
    msix, line_children, skipped = build_export(
        session, since=since, state_code=state_code, now=now
    )
    try:
        text = write_file(msix)
    except LayoutError as error:
        problems = []
        for problem in error.problems:
            entry = problem.as_dict()
            if problem.line >= 3:
                child = line_children[problem.line - 3]
                entry.update(child_id=str(child.id), statewide_number=child.statewide_number)
            problems.append(entry)
        raise CampoError(errors.MSIX_EXPORT_INVALID, problems=problems) from None
    record_event(
        session,
        actor=actor,
        action="msix.exported",
        entity_type="msix_file",
        details={
            "since": since.isoformat(),
            "students": msix.students,
            "records": len(msix.details),
            "skipped": skipped,
        },
    )
    return Export(text=text, students=msix.students, records=len(msix.details), skipped=skipped)


def since_start_of(day: date) -> datetime:
    """Midnight UTC at the start of ``day``: the export's --since."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
