"""The data-quality report (plain functions; the checks are selects over the shared tables).

Checks, each a stable code:

``coe.missing_required``         an open COE (draft, submitted, returned) lacking answers the
                                 form requires (the form's own evaluation, as at submission)
``child.no_evidence``            a child eligible during the period, aged 3 to 21, with no
                                 residency evidence in it (no enrollment, service or COE
                                 residency there), so not counted (reports.counts decides)
``coe.unresolved_duplicates``    a submitted COE with a likely or possible duplicate that nobody
                                 linked or confirmed new (approval is blocked until then)
``coe.returned_not_resubmitted`` a COE returned for correction and not submitted again
``coe.stale``                    an open COE not changed in ``stale_days`` days
``child.stale``                  a child eligible today whose record and history rows have not
                                 changed in ``stale_days`` days
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Region, Role
from campo.audit.services import record_event
from campo.auth.permissions import Actor, can_see_region, require_role
from campo.db import utcnow
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.eligibility.services import FormContext
from campo.errors import CampoError
from campo.families.models import Child
from campo.formdefs.answers import REQUIRED
from campo.history.models import ChildIndicators, CourseRecord, MepService, SchoolEnrollment
from campo.matching.services import unresolved_positions
from campo.reports.counts import counted_children
from campo.reports.periods import Period, latest_birth_date_for_age

CHECKS = (
    "coe.missing_required",
    "child.no_evidence",
    "coe.unresolved_duplicates",
    "coe.returned_not_resubmitted",
    "coe.stale",
    "child.stale",
)
OPEN_STATUSES = (CoeStatus.DRAFT, CoeStatus.SUBMITTED, CoeStatus.RETURNED)
READERS = (Role.SUPERVISOR, Role.REGIONAL_STAFF, Role.STATE_ADMIN)


@dataclass(frozen=True)
class Issue:
    """One record to fix: which check, where, what record (and its URL), and what is wrong."""

    check: str
    region_id: int
    entity_type: str
    entity_id: uuid.UUID
    label: str
    detail: list[str] = field(default_factory=list)
    since: date | None = None

    @property
    def url(self) -> str:
        if self.entity_type == "coe":
            return f"/api/v1/coes/{self.entity_id}"
        return f"/api/v1/children/{self.entity_id}/history"


@dataclass(frozen=True)
class QualityReport:
    period: Period
    region: Region | None
    stale_days: int
    generated_at: datetime
    issues: list[Issue]

    def summary(self) -> dict[str, int]:
        return {check: sum(1 for i in self.issues if i.check == check) for check in CHECKS}


def _coe_label(coe: Coe) -> str:
    names = [
        " ".join(p for p in (row.first_name, row.last_name1, row.last_name2) if p)
        for row in coe.children
    ]
    return "; ".join(n for n in names if n) or str(coe.id)


def _child_label(child: Child) -> str:
    name = " ".join(p for p in (child.first_name, child.last_name1, child.last_name2) if p)
    return f"{name} ({child.statewide_number})"


def _coes(session: Session, region_id: int | None, *where: Any) -> list[Coe]:
    query = sa.select(Coe).where(*where)
    if region_id is not None:
        query = query.where(Coe.region_id == region_id)
    return list(session.scalars(query.order_by(Coe.updated_at, Coe.id)))


def missing_required(session: Session, region_id: int | None, forms: FormContext) -> list[Issue]:
    issues = []
    for coe in _coes(session, region_id, Coe.status.in_(OPEN_STATUSES)):
        evaluation = forms.evaluate(coe.form_version, coe.answers, complete=True)
        missing = sorted({p.path for p in evaluation.problems if p.code == REQUIRED})
        if missing:
            issues.append(
                Issue(
                    "coe.missing_required",
                    coe.region_id,
                    "coe",
                    coe.id,
                    _coe_label(coe),
                    missing,
                    coe.updated_at.date(),
                )
            )
    return issues


def no_evidence(session: Session, region_id: int | None, period: Period) -> list[Issue]:
    """Children eligible in the period at a countable age whom the count does not count: no
    school, service or COE residency evidence in their window (reports.counts decides)."""
    eligible = (
        sa.select(CoeChild.child_id)
        .join(Coe, Coe.id == CoeChild.coe_id)
        .where(
            Coe.status == CoeStatus.APPROVED,
            Coe.qualifying_arrival_date <= period.end,
            CoeChild.eligibility_end_date >= period.start,
        )
    )
    counted = counted_children(period)
    query = (
        sa.select(Child)
        .where(
            Child.id.in_(eligible),
            Child.birth_date <= latest_birth_date_for_age(3, period.end),
            Child.birth_date > latest_birth_date_for_age(22, period.start),
        )
        .where(~Child.id.in_(sa.select(counted.c.child_id)))
        .order_by(Child.statewide_number)
    )
    if region_id is not None:
        query = query.where(Child.region_id == region_id)
    return [
        Issue(
            "child.no_evidence",
            child.region_id,
            "child",
            child.id,
            _child_label(child),
            [period.label],
        )
        for child in session.scalars(query)
    ]


def unresolved_duplicates(session: Session, region_id: int | None) -> list[Issue]:
    issues = []
    for coe in _coes(session, region_id, Coe.status == CoeStatus.SUBMITTED):
        positions = unresolved_positions(coe)
        if positions:
            issues.append(
                Issue(
                    "coe.unresolved_duplicates",
                    coe.region_id,
                    "coe",
                    coe.id,
                    _coe_label(coe),
                    [f"children.{p}" for p in positions],
                    coe.submitted_at.date() if coe.submitted_at else None,
                )
            )
    return issues


def returned(session: Session, region_id: int | None) -> list[Issue]:
    return [
        Issue(
            "coe.returned_not_resubmitted",
            coe.region_id,
            "coe",
            coe.id,
            _coe_label(coe),
            list(coe.decision_reasons or []),
            coe.decided_at.date() if coe.decided_at else None,
        )
        for coe in _coes(session, region_id, Coe.status == CoeStatus.RETURNED)
    ]


def stale(session: Session, region_id: int | None, cutoff: datetime, today: date) -> list[Issue]:
    issues = [
        Issue(
            "coe.stale",
            coe.region_id,
            "coe",
            coe.id,
            _coe_label(coe),
            [coe.status.value],
            coe.updated_at.date(),
        )
        for coe in _coes(session, region_id, Coe.status.in_(OPEN_STATUSES), Coe.updated_at < cutoff)
    ]
    eligible_now = (
        sa.select(CoeChild.child_id)
        .join(Coe, Coe.id == CoeChild.coe_id)
        .where(
            Coe.status == CoeStatus.APPROVED,
            Coe.qualifying_arrival_date <= today,
            CoeChild.eligibility_end_date >= today,
        )
    )
    touched = sa.union(
        *(
            sa.select(model.child_id).where(model.updated_at >= cutoff)
            for model in (SchoolEnrollment, MepService, CourseRecord, ChildIndicators)
        ),
        sa.select(CoeChild.child_id)
        .join(Coe, Coe.id == CoeChild.coe_id)
        .where(Coe.updated_at >= cutoff, CoeChild.child_id.is_not(None)),
    )
    query = (
        sa.select(Child)
        .where(Child.id.in_(eligible_now), Child.updated_at < cutoff)
        .where(~Child.id.in_(sa.select(touched.subquery().c[0])))
        .order_by(Child.statewide_number)
    )
    if region_id is not None:
        query = query.where(Child.region_id == region_id)
    issues += [
        Issue(
            "child.stale",
            child.region_id,
            "child",
            child.id,
            _child_label(child),
            [],
            child.updated_at.date(),
        )
        for child in session.scalars(query)
    ]
    return issues


def quality_report(
    session: Session,
    *,
    actor: Actor,
    region_id: int | None,
    period: Period,
    stale_days: int,
    forms: FormContext,
    now: datetime | None = None,
) -> QualityReport:
    """The report for one region (a state admin: any region, or statewide with None).

    Regional staff and supervisors get their own region whatever they ask; another region is
    not found. Audited with its scope and the count per check.

    Raises:
        CampoError: FORBIDDEN (recruiters), NOT_FOUND (another region, for regional users),
            REGION_NOT_FOUND (no such region).
    """
    require_role(actor, *READERS)
    if not actor.user.is_state_admin:
        if region_id is not None and region_id != actor.region_id:
            raise CampoError(errors.NOT_FOUND)  # another region's report: as if absent
        region_id = actor.region_id
    region = session.get(Region, region_id) if region_id is not None else None
    if region_id is not None and (region is None or not can_see_region(actor, region_id)):
        raise CampoError(errors.REGION_NOT_FOUND)
    now = now or utcnow()
    issues = (
        missing_required(session, region_id, forms)
        + no_evidence(session, region_id, period)
        + unresolved_duplicates(session, region_id)
        + returned(session, region_id)
        + stale(session, region_id, now - timedelta(days=stale_days), forms.today)
    )
    report = QualityReport(period, region, stale_days, now, issues)
    record_event(
        session,
        actor=actor,
        action="report.data_quality",
        entity_type="report",
        region_id=region_id,
        details={"period": period.label, "stale_days": stale_days, "counts": report.summary()},
    )
    return report


def report_view(report: QualityReport, regions: dict[int, Region]) -> dict[str, Any]:
    """The report as JSON: a summary per check, then one line per record to fix."""
    return {
        "generated_at": report.generated_at,
        "period": report.period.label,
        "region": _region(report.region),
        "stale_days": report.stale_days,
        "summary": report.summary(),
        "issues": [
            {
                "check": issue.check,
                "region": _region(regions.get(issue.region_id)),
                "entity_type": issue.entity_type,
                "entity_id": issue.entity_id,
                "url": issue.url,
                "label": issue.label,
                "detail": issue.detail,
                "since": issue.since,
            }
            for issue in report.issues
        ],
    }


def _region(region: Region | None) -> dict[str, Any] | None:
    if region is None:
        return None
    return {"id": region.id, "code": region.code, "name": region.name, "phone": region.phone}


def regions_by_id(session: Session) -> dict[int, Region]:
    return {r.id: r for r in session.scalars(sa.select(Region))}
