"""The supervisor's queue and review, reopening, the regional dashboard, CSV, comparisons."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from campo.accounts.models import Role
from campo.auth.current import current_actor
from campo.auth.permissions import COE_REVIEWERS
from campo.db import utcnow
from campo.eligibility.models import CoeStatus
from campo.eligibility.resources import coe_view, form_context
from campo.eligibility.services import FormContext
from campo.errors import N_
from campo.i18n import translate
from campo.lib.csvsafe import to_csv
from campo.matching.resources import RESOLVERS
from campo.review import schemas, services
from campo.review.queries import ListFilters
from campo.signatures.models import SignerRole
from campo.signatures.statements import statement_for
from campo.web import request_session

blp = Blueprint(
    "review",
    __name__,
    url_prefix="/api/v1",
    description="Supervisor review, reopening, the regional dashboard and duplicate comparison",
)


def _flag_view(flag: services.Flag) -> dict[str, Any]:
    return {
        "code": flag.code,
        "severity": flag.severity,
        "label": translate(flag.label),
        "detail": list(flag.detail),
    }


def _row_view(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "flags": [_flag_view(f) for f in row["flags"]]}


def _filters(args: dict[str, Any], **overrides: Any) -> ListFilters:
    values = {
        "status": tuple(CoeStatus(s) for s in args.get("status", ())),
        "recruiter_id": args.get("recruiter_id"),
        "region_id": args.get("region_id"),
        "name": args.get("q"),
        "age": args.get("age"),
        "duplicates": args.get("duplicates"),
        "submitted_from": args.get("submitted_from"),
        "submitted_to": args.get("submitted_to"),
        "sort": args.get("sort", "updated"),
    }
    return ListFilters(**{**values, **overrides})


def _page(filters: ListFilters, pagination_parameters: PaginationParameters) -> Any:
    total, rows = services.list_coes(
        request_session(),
        actor=current_actor(),
        filters=filters,
        now=utcnow(),
        offset=pagination_parameters.first_item,
        limit=pagination_parameters.page_size,
    )
    pagination_parameters.item_count = total
    return [_row_view(row) for row in rows]


@blp.route("/review/queue")
class ReviewQueue(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.QueueArgsSchema, location="query", as_kwargs=False)
    @blp.response(200, schemas.CoeRowSchema(many=True))
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """The submitted COEs of the region waiting for review, oldest first, with flags"""
        filters = _filters(args, status=(CoeStatus.SUBMITTED,), sort="submitted")
        return _page(filters, pagination_parameters)


def _rule_message(forms: FormContext, version: str) -> Any:
    definition = forms.definition(version)
    messages = {rule["code"]: rule["message"] for rule in definition.rules}
    return lambda code: translate(messages[code]) if code in messages else code


def _review_view(view: services.ReviewView) -> dict[str, Any]:
    coe = view.coe
    actor = current_actor()
    message = _rule_message(form_context(), coe.form_version)
    results = (coe.evaluation or {}).get("results") or []
    answers = coe.answers.get("children") or []
    rows = {row.position: row for row in coe.children}
    statement = statement_for(SignerRole.REVIEWER.value)
    body = coe_view(coe)
    numbers = {c["position"]: c["statewide_number"] for c in body["children"]}
    children = []
    for position, child in enumerate(answers):
        row = rows.get(position)
        children.append(
            {
                "position": position,
                "name": " ".join(
                    part
                    for part in (
                        child.get("first_name"),
                        child.get("last_name1"),
                        child.get("last_name2"),
                    )
                    if part
                ),
                "birth_date": child.get("birth_date"),
                "child_id": row.child_id if row else None,
                "statewide_number": numbers.get(position),
                "eligibility_end_date": row.eligibility_end_date if row else None,
                "match_decision": row.match_decision if row else None,
                "candidates": [
                    {
                        "child_id": c.summary["child_id"],
                        "statewide_number": c.summary.get("statewide_number"),
                        "region_id": c.summary.get("region_id"),
                        "visible": c.visible,
                        "name": " ".join(
                            p
                            for p in (c.child.first_name, c.child.last_name1, c.child.last_name2)
                            if p
                        )
                        if c.visible and c.child
                        else None,
                        "birth_date": c.child.birth_date if c.visible and c.child else None,
                        "score": c.summary["score"],
                        "band": c.summary["band"],
                    }
                    for c in view.candidates.get(position, [])
                ],
            }
        )
    return {
        "coe": body,
        "recruiter_name": view.names.get(coe.recruiter_id),
        "decided_by_name": view.names.get(coe.decided_by_id) if coe.decided_by_id else None,
        "flags": [_flag_view(f) for f in view.flags],
        "rules": [{**r, "message": message(r["code"])} for r in results],
        "comments_required": view.comments,
        "children": children,
        "signatures": body["signatures"],
        "can_decide": coe.status is CoeStatus.SUBMITTED
        and actor.role in COE_REVIEWERS
        and coe.recruiter_id != actor.user.id,
        "reviewer_statement": {
            key: translate(statement[key]) if key in ("title", "text") else statement[key]
            for key in ("id", "version", "title", "text")
        },
        "can_reopen": actor.role is Role.STATE_ADMIN
        and coe.status in (CoeStatus.APPROVED, CoeStatus.REJECTED),
    }


@blp.route("/review/coes/<uuid:coe_id>")
class ReviewById(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, schemas.ReviewSchema)
    def get(self, coe_id: uuid.UUID) -> Any:
        """One COE as signed, with rule results, flags, signatures and candidates (audited)"""
        view = services.review_coe_view(request_session(), actor=current_actor(), coe_id=coe_id)
        return _review_view(view)


@blp.route("/coes/<uuid:coe_id>/reopen")
class CoeReopen(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.ReopenSchema)
    @blp.response(200, schemas.CoeSchema)
    def post(self, data: dict[str, Any], coe_id: uuid.UUID) -> Any:
        """A state admin puts an approved or rejected COE back in review (reason required)"""
        coe = services.reopen_coe(
            request_session(), actor=current_actor(), coe_id=coe_id, reason=data["reason"]
        )
        return coe_view(coe)


@blp.route("/regional/summary")
class RegionalSummary(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.SummaryArgsSchema, location="query", as_kwargs=False)
    @blp.response(200, schemas.SummarySchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Counts by status, recruiter, days in the queue, returned and duplicate states"""
        return services.dashboard_summary(
            request_session(), actor=current_actor(), now=utcnow(), region_id=args["region_id"]
        )


@blp.route("/regional/coes")
class RegionalCoes(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.ListArgsSchema, location="query", as_kwargs=False)
    @blp.response(200, schemas.CoeRowSchema(many=True))
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """The region's COEs with filters, search, sorting and pages (totals in X-Pagination)"""
        return _page(_filters(args), pagination_parameters)


# TRANSLATORS: column headings of the CSV export of a list of certificates.
CSV_COLUMNS = (
    ("id", N_("Certificate id")),
    ("status", N_("Status")),
    ("family_name", N_("Family")),
    ("child_names", N_("Children")),
    ("recruiter_name", N_("Recruiter")),
    ("qualifying_arrival_date", N_("Qualifying arrival date")),
    ("submitted_at", N_("Submitted")),
    ("days_waiting", N_("Days waiting")),
    ("decided_at", N_("Decided")),
    ("decided_by_name", N_("Decided by")),
    ("flags", N_("Needs attention")),
)


def _csv_cell(name: str, value: Any) -> Any:
    if name == "child_names":
        return "; ".join(value)
    if name == "flags":
        return "; ".join(translate(f.label) for f in value if f.severity == services.ATTENTION)
    if name == "status":
        return value.value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@blp.route("/regional/coes.csv")
class RegionalCoesCsv(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.ListArgsSchema, location="query", as_kwargs=False)
    @blp.response(
        200,
        {"type": "string"},
        content_type="text/csv",
        description="The same list as /regional/coes (same filters and order, no pages) as CSV, "
        "headings in the request's language; cells a spreadsheet would run as a formula start "
        "with an apostrophe.",
    )
    def get(self, args: dict[str, Any]) -> Any:
        """Download a list of the region's COEs as CSV (the export is audited)"""
        rows = services.export_coes(
            request_session(), actor=current_actor(), filters=_filters(args), now=utcnow()
        )
        header = [translate(label) for _name, label in CSV_COLUMNS]
        document = to_csv(
            header, ([_csv_cell(name, row[name]) for name, _label in CSV_COLUMNS] for row in rows)
        )
        response = Response("\ufeff" + document, mimetype="text/csv")
        response.headers["Content-Disposition"] = 'attachment; filename="campo-coes.csv"'
        response.headers["Cache-Control"] = "no-store"
        return response


def _comparison_view(comparison: services.Comparison) -> dict[str, Any]:
    actor = current_actor()
    names = services.user_names(
        request_session(),
        [comparison.decision["match_decided_by_id"], *(e.actor_id for e in comparison.history)],
    )
    return {
        "coe_id": comparison.coe.id,
        "coe_status": comparison.coe.status,
        "position": comparison.position,
        "submitted": comparison.submitted,
        "candidates": [
            {
                **candidate,
                "fields": [
                    {**f, "label": translate(f["label"]), "note": translate(f["note"])}
                    if f["note"]
                    else {**f, "label": translate(f["label"])}
                    for f in candidate["fields"]
                ],
                "comparisons": [
                    {**c, "note": translate(c["note"])} for c in candidate["comparisons"]
                ],
            }
            for candidate in comparison.candidates
        ],
        "match_decision": comparison.decision["match_decision"],
        "child_id": comparison.decision["child_id"],
        "match_decided_by_name": names.get(comparison.decision["match_decided_by_id"] or 0),
        "match_decided_at": comparison.decision["match_decided_at"],
        "history": [
            {
                "action": event.action,
                "occurred_at": event.occurred_at,
                "actor_id": event.actor_id,
                "actor_name": names.get(event.actor_id or 0),
                "child_id": (event.details or {}).get("child_id"),
                "previous": (event.details or {}).get("previous"),
                "previous_child_id": (event.details or {}).get("previous_child_id"),
            }
            for event in comparison.history
        ],
        "can_resolve": actor.role in RESOLVERS
        and comparison.coe.status not in (CoeStatus.APPROVED, CoeStatus.REJECTED),
    }


@blp.route("/coes/<uuid:coe_id>/children/<int:position>/comparison")
class ChildComparison(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, schemas.ChildComparisonSchema)
    def get(self, coe_id: uuid.UUID, position: int) -> Any:
        """A COE's child beside each duplicate candidate, field by field, with the differences"""
        comparison = services.compare_child(
            request_session(), actor=current_actor(), coe_id=coe_id, position=position
        )
        return _comparison_view(comparison)
