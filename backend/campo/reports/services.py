"""The reports with their access rules and audit trail; no Flask.

Everyone signed in may read the reports of what they can see: a state admin the state, everyone
else their own region (its numbers, and the children behind them). Every report read is audited
with its parameters; drill-downs and lists also name how many children they showed.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Region
from campo.audit.services import record_event
from campo.auth.permissions import Actor, visible_region_id
from campo.errors import N_, CampoError
from campo.history.services import child_for
from campo.reports import counts, pfs
from campo.reports.counts import ChildCount, DrillDown
from campo.reports.periods import Period, PeriodError


def parse_period(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError:
        raise CampoError(errors.REPORT_PERIOD_INVALID) from None


def child_count(session: Session, *, actor: Actor, period: Period) -> ChildCount:
    """The Category 1 and 2 counts the actor may see: statewide, or their region's."""
    scope = visible_region_id(actor)
    result = counts.child_count(session, period, scope)
    record_event(
        session,
        actor=actor,
        action="report.child_count",
        entity_type="report",
        region_id=scope,
        details={
            "period": period.label,
            "category1": result.category1,
            "category2": result.category2,
        },
    )
    return result


def child_count_children(
    session: Session, *, actor: Actor, period: Period, what: DrillDown, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """The children behind one number of the count, a page at a time (audited)."""
    scope = visible_region_id(actor)
    total, rows = counts.drill_down(
        session, period, what, scope_region_id=scope, limit=limit, offset=offset
    )
    record_event(
        session,
        actor=actor,
        action="report.child_count.children",
        entity_type="report",
        region_id=scope,
        details={
            "period": period.label,
            "category": what.category,
            "region_id": what.region_id,
            "bucket": what.bucket,
            "offset": offset,
            "shown": len(rows),
            "child_ids": [str(row["child_id"]) for row in rows],
        },
    )
    return total, rows


def student_list(
    session: Session,
    *,
    actor: Actor,
    as_of: date,
    query: pfs.ListQuery,
    limit: int | None,
    offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """A PFS, English learner, IEP or eligible list by region and school (audited)."""
    scope = visible_region_id(actor)
    total, rows = pfs.student_list(
        session, as_of, query, scope_region_id=scope, limit=limit, offset=offset
    )
    record_event(
        session,
        actor=actor,
        action="report.students",
        entity_type="report",
        region_id=scope,
        details={
            "list": query.which,
            "as_of": as_of.isoformat(),
            "region_id": query.region_id,
            "school": query.school,
            "shown": len(rows),
            "child_ids": [str(row["child_id"]) for row in rows],
        },
    )
    return total, rows


def priority_for_services(
    session: Session, *, actor: Actor, child_id: uuid.UUID, as_of: date
) -> dict[str, Any]:
    """One child's PFS determination with its reasons (the child must be visible; audited)."""
    child = child_for(session, actor=actor, child_id=child_id)
    result = pfs.determination(session, child.id, as_of)
    record_event(
        session,
        actor=actor,
        action="child.priority_for_services",
        entity_type="child",
        entity_id=child.id,
        region_id=visible_region_id(actor) or child.region_id,
        details={"as_of": as_of.isoformat()},
    )
    return result


TOTAL_LABEL = N_("Total, unduplicated")


def region_labels(session: Session) -> dict[int, dict[str, str]]:
    """Each region's code and name, for labelling report lines."""
    return {
        region.id: {"region_code": region.code, "region_name": region.name}
        for region in session.scalars(sa.select(Region))
    }
