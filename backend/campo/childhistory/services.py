"""Gathering a child's history (within the reader's access, audited)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Region
from campo.audit.services import record_event
from campo.auth.permissions import Actor, can_see_region
from campo.childhistory.render import render_history_pdf
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.errors import CampoError
from campo.families.models import Child
from campo.families.studentnumbers import format_student_number
from campo.history.models import (
    AcademicIndicator,
    Assessment,
    ChildIndicators,
    CourseRecord,
    MepService,
    SchoolEnrollment,
)
from campo.msix.layout import parse_date
from campo.msix.services import consolidated_records
from campo.reports.pfs import determination

# COEs shown: every COE that named the child once it was linked to the state's record.
SHOWN_STATUSES = (CoeStatus.APPROVED, CoeStatus.SUBMITTED, CoeStatus.RETURNED)


def _region_view(region: Region | None) -> dict[str, Any] | None:
    if region is None:
        return None
    return {"id": region.id, "code": region.code, "name": region.name, "phone": region.phone}


def _rows(session: Session, model: Any, child_id: uuid.UUID, *order: Any) -> list[Any]:
    return list(
        session.scalars(sa.select(model).where(model.child_id == child_id).order_by(*order))
    )


def child_history(
    session: Session,
    *,
    actor: Actor,
    child_id: uuid.UUID,
    state_code: str,
    today: date,
    printed: bool = False,
) -> dict[str, Any]:
    """Everything the state holds on a child's education and eligibility, newest first where
    it is a list of events; audited as read (or printed).

    Raises:
        CampoError: CHILD_NOT_FOUND for an unknown child or one of another region.
    """
    child = session.get(Child, child_id)
    if child is None or not can_see_region(actor, child.region_id):
        raise CampoError(errors.CHILD_NOT_FOUND)
    regions = {r.id: r for r in session.scalars(sa.select(Region))}
    indicators = session.get(ChildIndicators, child.id)

    coes = []
    periods = []
    for row, coe in session.execute(
        sa.select(CoeChild, Coe)
        .join(Coe, Coe.id == CoeChild.coe_id)
        .where(CoeChild.child_id == child.id, Coe.status.in_(SHOWN_STATUSES))
        .order_by(Coe.qualifying_arrival_date.desc(), Coe.id)
    ):
        move = (coe.answers or {}).get("move") or {}
        coes.append(
            {
                "coe_id": coe.id,
                "status": coe.status.value,
                "region": _region_view(regions.get(coe.region_id)),
                "qualifying_arrival_date": coe.qualifying_arrival_date,
                "residency_date": row.residency_date,
                "eligibility_end_date": row.eligibility_end_date,
                "move_from": ", ".join(
                    p
                    for p in (
                        move.get("from_city"),
                        move.get("from_state") or move.get("from_country"),
                    )
                    if p
                ),
                "move_to": ", ".join(p for p in (move.get("to_city"), move.get("to_state")) if p),
                "decided_at": coe.decided_at,
            }
        )
        if coe.status is CoeStatus.APPROVED and coe.qualifying_arrival_date:
            periods.append(
                {
                    "coe_id": coe.id,
                    "start_date": coe.qualifying_arrival_date,
                    "end_date": row.eligibility_end_date,
                    "current": bool(
                        row.eligibility_end_date
                        and coe.qualifying_arrival_date <= today <= row.eligibility_end_date
                    ),
                }
            )

    enrollments = [
        {
            "id": e.id,
            "region": _region_view(regions.get(e.region_id)),
            "school_name": e.school_name,
            "school_id": e.school_id,
            "district_name": e.district_name,
            "district_id": e.district_id,
            "grade": e.grade,
            "enrollment_type": e.enrollment_type,
            "enrollment_date": e.enrollment_date,
            "withdrawal_date": e.withdrawal_date,
        }
        for e in _rows(session, SchoolEnrollment, child.id, SchoolEnrollment.enrollment_date.desc())
    ]
    services = [
        {
            "id": s.id,
            "service_type": s.service_type,
            "term": s.term,
            "start_date": s.start_date,
            "end_date": s.end_date,
            "provider": s.provider,
        }
        for s in _rows(session, MepService, child.id, MepService.start_date.desc())
    ]
    courses = [
        {
            "id": c.id,
            "course_title": c.course_title,
            "subject_area": c.subject_area,
            "school_name": c.school_name,
            "school_year": c.school_year,
            "term": c.term,
            "grade_level": c.grade_level,
            "final_grade": c.final_grade,
            "credits_attempted": c.credits_attempted,
            "credits_earned": c.credits_earned,
            "passed": c.passed,
            "algebra1": c.algebra1,
        }
        for c in _rows(
            session,
            CourseRecord,
            child.id,
            CourseRecord.school_year.desc(),
            CourseRecord.course_title,
        )
    ]
    assessments = [
        {
            "id": a.id,
            "title": a.title,
            "content_area": a.content_area,
            "assessment_type": a.assessment_type,
            "administered_on": a.administered_on,
            "score": a.score,
            "proficiency": a.proficiency,
            "interpretation": a.interpretation,
        }
        for a in _rows(session, Assessment, child.id, Assessment.administered_on.desc())
    ]
    academic = [
        {
            "kind": i.kind,
            "observed_date": i.observed_date,
            "resolved_date": i.resolved_date,
            "open": i.resolved_date is None or i.resolved_date > today,
        }
        for i in _rows(session, AcademicIndicator, child.id, AcademicIndicator.observed_date.desc())
    ]
    algebra = [c for c in courses if c["algebra1"]]

    by_state: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in consolidated_records(session, child.id):
        data = record.data
        by_state[record.reporting_state].append(
            {
                "msix_id": record.msix_id,
                "state_student_id": record.state_student_id,
                "school_or_project_name": data.get("school_or_project_name"),
                "enrollment_type": data.get("enrollment_type"),
                "enrollment_date": record.enrollment_date,
                "withdrawal_date": parse_date(data.get("withdrawal_date", "")),
                "grade_level": data.get("grade_level") or None,
                "qualifying_arrival_date": parse_date(data.get("qualifying_arrival_date", "")),
                "eligibility_expiration_date": parse_date(
                    data.get("eligibility_expiration_date", "")
                ),
                "algebra1_indicator": data.get("algebra1_indicator") or None,
                "match_score": record.match_score,
            }
        )

    pfs = determination(session, child.id, today)
    record_event(
        session,
        actor=actor,
        action="child.history_printed" if printed else "child.history_read",
        entity_type="child",
        entity_id=child.id,
        region_id=child.region_id,
    )
    return {
        "child": {
            "id": child.id,
            "statewide_number": child.statewide_number,
            "statewide_number_display": format_student_number(child.statewide_number, state_code),
            "state_student_id": indicators.state_student_id if indicators else None,
            "first_name": child.first_name,
            "middle_name": child.middle_name,
            "last_name1": child.last_name1,
            "last_name2": child.last_name2,
            "sex": child.sex,
            "birth_date": child.birth_date,
            "birth_city": child.birth_city,
            "birth_state": child.birth_state,
            "birth_country": child.birth_country,
            "region": _region_view(regions.get(child.region_id)),
        },
        "flags": {
            "english_learner": indicators.english_learner if indicators else None,
            "iep": indicators.iep if indicators else None,
            "medical_alert": indicators.medical_alert if indicators else None,
            "graduation_date": indicators.graduation_date if indicators else None,
            # Algebra I or equivalent: passed (True), taken and not passed (False), never (None).
            "algebra1_passed": any(c["passed"] for c in algebra) if algebra else None,
            "at_risk_indicators": sorted({i["kind"] for i in academic if i["open"]}),
            # Priority for Services today, with its reasons (reports.pfs, branch wip-state).
            "priority_for_services": pfs["priority_for_services"],
            "pfs_reasons": pfs["reasons"],
        },
        "coes": coes,
        "eligibility_periods": periods,
        "eligible_until": max((p["end_date"] for p in periods if p["end_date"]), default=None),
        "enrollments": enrollments,
        "services": services,
        "courses": courses,
        "credits_earned": sum((c["credits_earned"] or 0) for c in courses),
        "assessments": assessments,
        "academic_indicators": academic,
        "other_states": [
            {"state": state, "records": records} for state, records in sorted(by_state.items())
        ],
    }


@dataclass(frozen=True)
class PrintedHistory:
    pdf: bytes
    language: str
    number: str

    @property
    def filename(self) -> str:
        return f"{self.number}.pdf"


def print_history(
    session: Session,
    *,
    actor: Actor,
    child_id: uuid.UUID,
    language: str,
    state_code: str,
    today: date,
    translations_dir: Path | None = None,
) -> PrintedHistory:
    """The child's history as a PDF in ``language`` (audited as printed, with the language)."""
    history = child_history(
        session, actor=actor, child_id=child_id, state_code=state_code, today=today, printed=True
    )
    number = f"HIST-{history['child']['statewide_number']}-{today:%Y%m%d}"
    pdf = render_history_pdf(
        history,
        language,
        state_code=state_code,
        document_number=number,
        translations_dir=translations_dir,
    )
    return PrintedHistory(pdf=pdf, language=language, number=number)
