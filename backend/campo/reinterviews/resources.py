"""Re-interview endpoints: samples and reports for state admins, regional views for the rest."""

from __future__ import annotations

import uuid
from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from campo.accounts.schemas import UserSchema
from campo.auth.current import current_actor
from campo.i18n import translate
from campo.lib.dates import today_in_state
from campo.reinterviews import schemas, services
from campo.reinterviews.models import Outcome, ReinterviewItem, ReinterviewSample
from campo.reinterviews.reasons import NOT_ELIGIBLE_REASONS
from campo.web import request_session

blp = Blueprint(
    "reinterviews", __name__, url_prefix="/api/v1", description="Re-interview quality control"
)


def _zone() -> str:
    zone: str = current_app.config["TIME_ZONE"]
    return zone


def item_views(items: list[ReinterviewItem]) -> list[dict[str, Any]]:
    children = services.children_of(request_session(), items)
    return [
        {
            **{
                name: getattr(item, name)
                for name in schemas.ItemSchema().fields
                if hasattr(item, name)
            },
            "outcome": item.outcome.value if item.outcome else None,
            "statewide_number": children[item.child_id][0],
            "child_name": children[item.child_id][1],
        }
        for item in items
    ]


def sample_fields(sample: ReinterviewSample) -> dict[str, Any]:
    return {name: getattr(sample, name) for name in schemas.SampleSummarySchema().fields}


@blp.route("/reinterview-reasons")
class Reasons(MethodView):
    @blp.response(200, schemas.ReasonSchema(many=True))
    def get(self) -> Any:
        """Why a re-interview may find a child not eligible, in the request's language"""
        return [{"code": c, "label": translate(label)} for c, label in NOT_ELIGIBLE_REASONS.items()]


@blp.route("/reinterviews/samples")
class Samples(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, schemas.SampleSummarySchema(many=True))
    def get(self) -> Any:
        """Samples, newest first (outside the state office: those with children of your region)"""
        return services.list_samples(request_session(), actor=current_actor())

    @blp.arguments(schemas.SampleCreateSchema)
    @blp.response(201, schemas.SampleSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Draw a reproducible random sample of the children identified in a period (state admin)"""
        sample = services.create_sample(
            request_session(), actor=current_actor(), time_zone=_zone(), **data
        )
        return {**sample_fields(sample), "items": item_views(sample.items)}


@blp.route("/reinterviews/samples/<uuid:sample_id>")
class SampleById(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, schemas.SampleSchema)
    def get(self, sample_id: uuid.UUID) -> Any:
        """One sample with the drawn children you may see (the read is audited)"""
        sample, items = services.read_sample(
            request_session(), actor=current_actor(), sample_id=sample_id
        )
        return {**sample_fields(sample), "items": item_views(items)}


@blp.route("/reinterviews/samples/<uuid:sample_id>/report")
class SampleReport(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, schemas.ReportSchema)
    def get(self, sample_id: uuid.UUID) -> Any:
        """Counts, defect rate and its 95% Wilson interval, and a fresh check of the draw"""
        sample, tally, check = services.report(
            request_session(), actor=current_actor(), sample_id=sample_id, time_zone=_zone()
        )
        interval = tally.interval
        return {
            "sample_id": sample.id,
            "sample_size": tally.sample_size,
            "assigned": tally.assigned,
            "pending": tally.pending,
            "reinterviewed": tally.reinterviewed,
            "confirmed_eligible": tally.confirmed,
            "not_eligible": tally.not_eligible,
            "not_reached": tally.not_reached,
            "defect_rate": tally.defect_rate,
            "interval": None
            if interval is None
            else {"method": "wilson", "confidence": 0.95, "low": interval[0], "high": interval[1]},
            "reasons": tally.reasons,
            "draw_verified": check.ok,
        }


@blp.route("/reinterviews/items")
class Items(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.ItemQueryArgsSchema, location="query")
    @blp.response(200, schemas.ItemSchema(many=True))
    def get(self, args: dict[str, Any]) -> Any:
        """Drawn children of your region (mine: assigned to you; pending: no outcome yet)"""
        return item_views(services.list_items(request_session(), actor=current_actor(), **args))


@blp.route("/reinterviews/items/<uuid:item_id>/reinterviewers")
class Reinterviewers(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, UserSchema(many=True))
    def get(self, item_id: uuid.UUID) -> Any:
        """Active staff whose role and region allow re-interviewing this child (state admin)"""
        return services.reinterviewers(request_session(), actor=current_actor(), item_id=item_id)


@blp.route("/reinterviews/items/<uuid:item_id>/assign")
class Assign(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.AssignSchema)
    @blp.response(200, schemas.ItemSchema)
    def post(self, data: dict[str, Any], item_id: uuid.UUID) -> Any:
        """Assign a re-interviewer who neither recruited nor reviewed the COE (state admin)"""
        item = services.assign(
            request_session(),
            actor=current_actor(),
            item_id=item_id,
            reinterviewer_id=data["reinterviewer_id"],
        )
        return item_views([item])[0]


@blp.route("/reinterviews/items/<uuid:item_id>/outcome")
class RecordOutcome(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.OutcomeSchema)
    @blp.response(200, schemas.ItemSchema)
    def post(self, data: dict[str, Any], item_id: uuid.UUID) -> Any:
        """Record the outcome: confirmed eligible, not eligible (with a reason) or not reached"""
        item = services.record_outcome(
            request_session(),
            actor=current_actor(),
            item_id=item_id,
            result=services.OutcomeInput(
                outcome=Outcome(data["outcome"]),
                reinterview_date=data["reinterview_date"],
                reason=data["reason"],
                notes=data["notes"],
            ),
            today=today_in_state(_zone()),
            time_zone=_zone(),
        )
        return item_views([item])[0]
