"""COE endpoints: save (idempotent PUT), list, read, submit, review, and the reason codes."""

from __future__ import annotations

import uuid
from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from campo.audit.services import record_event
from campo.auth.current import current_actor
from campo.eligibility import queries, schemas
from campo.eligibility.models import Coe, CoeStatus
from campo.eligibility.reasons import REVIEW_REASONS
from campo.eligibility.services import (
    CoeContent,
    FormContext,
    SignatureInput,
    get_coe,
    review_coe,
    save_coe,
    submit_coe,
    verify_signature,
)
from campo.i18n import translate
from campo.lib.dates import today_in_state
from campo.signatures.models import SignerRole
from campo.web import request_session

blp = Blueprint(
    "coes", __name__, url_prefix="/api/v1", description="Certificates of Eligibility (COEs)"
)

COE_FIELDS = tuple(
    name
    for name in schemas.CoeSchema().fields
    if name not in ("children", "signatures", "decision_reason_labels")
)


def form_context() -> FormContext:
    """The state's form supplement and the state's today, from the app's configuration."""
    config = current_app.config
    return FormContext(state_code=config["STATE_CODE"], today=today_in_state(config["TIME_ZONE"]))


def _translated_check(check: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stored duplicate check with its notes in the request's language."""
    if not check:
        return None
    return {
        **check,
        "children": [
            {
                **entry,
                "candidates": [
                    {
                        **candidate,
                        "comparisons": [
                            {**c, "note": translate(c["note"])} for c in candidate["comparisons"]
                        ],
                    }
                    for candidate in entry["candidates"]
                ],
            }
            for entry in check.get("children", [])
        ],
    }


def coe_view(coe: Coe) -> dict[str, Any]:
    """The COE with its children's statewide numbers and every signature made on it."""
    session = request_session()
    numbers = queries.statewide_numbers(
        session, [row.child_id for row in coe.children if row.child_id]
    )
    return {
        **{name: getattr(coe, name) for name in COE_FIELDS},
        "children": [
            {
                "position": row.position,
                "child_id": row.child_id,
                "statewide_number": numbers.get(row.child_id) if row.child_id else None,
                "eligibility_end_date": row.eligibility_end_date,
                "match_decision": row.match_decision,
            }
            for row in coe.children
        ],
        "duplicate_check": _translated_check(coe.duplicate_check),
        # The reviewer's reasons in the reader's language: the recruiter sees why.
        "decision_reason_labels": [
            {"code": code, "label": translate(REVIEW_REASONS.get(code, code))}
            for code in coe.decision_reasons or []
        ],
        "signatures": [
            {
                "id": s.id,
                "role": s.role.value,
                "signer_name": s.signer_name,
                "statement_id": s.statement_id,
                "statement_version": s.statement_version,
                "content_hash": s.content_hash,
                "signed_at": s.signed_at,
                "current": verify_signature(coe, s),
            }
            for s in queries.signatures_of(session, coe.id)
        ],
    }


@blp.route("/coes")
class Coes(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.CoeQueryArgsSchema, location="query", as_kwargs=False)
    @blp.response(200, schemas.CoeSummarySchema(many=True))
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """List the COEs of the caller's region (a state admin: all), newest change first"""
        session = request_session()
        actor = current_actor()
        filters = queries.CoeFilters(
            status=tuple(CoeStatus(s) for s in args["status"]),
            mine=args["mine"],
            recruiter_id=args["recruiter_id"],
            region_id=args["region_id"],
            qad_from=args["qad_from"],
            qad_to=args["qad_to"],
            updated_since=args["updated_since"],
            name=args["q"],
            sort=args["sort"],
        )
        query = queries.coes_visible_to(actor, filters)
        total = pagination_parameters.item_count = queries.count(session, query)
        first = pagination_parameters.first_item
        # A page past the end is empty; asking the database for it could overflow its integers.
        page = (
            list(session.scalars(query.limit(pagination_parameters.page_size).offset(first)))
            if first < total
            else []
        )
        names = queries.family_names(session, [coe.family_id for coe in page])
        record_event(
            session,
            actor=actor,
            action="coe.listed",
            entity_type="coe",
            region_id=actor.region_id,
            details={"ids": [str(coe.id) for coe in page]},
        )
        return [
            {
                **{
                    name: getattr(coe, name)
                    for name in (
                        "id",
                        "region_id",
                        "recruiter_id",
                        "status",
                        "version",
                        "qualifying_arrival_date",
                        "created_at",
                        "updated_at",
                        "submitted_at",
                    )
                },
                "child_count": len(coe.children),
                "family_name": names.get(coe.family_id),
            }
            for coe in page
        ]


@blp.route("/coes/<uuid:coe_id>")
class CoeById(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, schemas.CoeSchema)
    def get(self, coe_id: uuid.UUID) -> Any:
        """Read one COE (the read is audited)"""
        return coe_view(get_coe(request_session(), actor=current_actor(), coe_id=coe_id))

    @blp.arguments(schemas.CoePutSchema)
    @blp.response(200, schemas.CoeSchema)
    @blp.alt_response(201, schema=schemas.CoeSchema, description="Created")
    def put(self, data: dict[str, Any], coe_id: uuid.UUID) -> Any:
        """Create or update a COE under its client-generated id; the same body twice is one COE"""
        forms = form_context()
        content = CoeContent(
            answers=data["answers"],
            language=data["language"],
            form_version=data["form_version"] or forms.current_version(),
            interview_place=data["interview_place"],
        )
        coe, created = save_coe(
            request_session(),
            actor=current_actor(),
            coe_id=coe_id,
            content=content,
            forms=forms,
            base_version=data["base_version"],
        )
        return coe_view(coe), 201 if created else 200


@blp.route("/coes/<uuid:coe_id>/submit")
class CoeSubmission(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.CoeSubmitSchema)
    @blp.response(200, schemas.CoeSchema)
    def post(self, data: dict[str, Any], coe_id: uuid.UUID) -> Any:
        """Submit a COE for review, with the interviewee's and the recruiter's signatures"""
        signatures = [
            SignatureInput(
                role=SignerRole(s["role"]),
                signer_name=s["signer_name"],
                strokes=s["strokes"],
                signed_at=s["signed_at"],
            )
            for s in data["signatures"]
        ]
        coe = submit_coe(
            request_session(),
            actor=current_actor(),
            coe_id=coe_id,
            signatures=signatures,
            base_version=data["base_version"],
            forms=form_context(),
        )
        return coe_view(coe)


@blp.route("/coes/<uuid:coe_id>/review")
class CoeReview(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.CoeReviewSchema)
    @blp.response(200, schemas.CoeSchema)
    def post(self, data: dict[str, Any], coe_id: uuid.UUID) -> Any:
        """Approve, return (with reasons) or reject (with reasons) a submitted COE"""
        coe = review_coe(
            request_session(),
            actor=current_actor(),
            coe_id=coe_id,
            decision=data["decision"],
            reasons=data["reasons"],
            comment=data["comment"],
            reviewer_strokes=data["reviewer_strokes"],
            state_code=current_app.config["STATE_CODE"],
        )
        return coe_view(coe)


@blp.route("/review-reasons")
class ReviewReasons(MethodView):
    @blp.response(200, schemas.ReviewReasonSchema(many=True))
    def get(self) -> Any:
        """The reasons a reviewer may give, labelled in the request's language"""
        return [{"code": code, "label": translate(label)} for code, label in REVIEW_REASONS.items()]
