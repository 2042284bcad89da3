"""The duplicate check, and resolving a COE's children against the children the state knows."""

from __future__ import annotations

import uuid
from typing import Any

from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from campo import errors
from campo.accounts.models import Role
from campo.auth.current import current_actor
from campo.auth.permissions import (
    COE_AUTHORS,
    COE_REVIEWERS,
    Actor,
    can_see_region,
    require_role,
)
from campo.eligibility.services import get_coe
from campo.errors import CampoError
from campo.families.models import Child
from campo.i18n import translate
from campo.matching import services
from campo.matching.identity import Identity
from campo.matching.schemas import CandidateSchema, CheckSchema, LinkSchema, MatchDecisionSchema
from campo.matching.score import Match
from campo.web import request_session

blp = Blueprint(
    "duplicates", __name__, url_prefix="/api/v1", description="Duplicate check and linking"
)

# Who may resolve a COE's children: its author, the region's reviewers and regional staff.
RESOLVERS = (*COE_AUTHORS, *COE_REVIEWERS, Role.REGIONAL_STAFF)


def candidate_view(child: Child, match: Match) -> dict[str, Any]:
    return {
        "child_id": child.id,
        "statewide_number": child.statewide_number,
        "region_id": child.region_id,
        "first_name": child.first_name,
        "middle_name": child.middle_name,
        "last_name1": child.last_name1,
        "last_name2": child.last_name2,
        "sex": child.sex,
        "birth_date": child.birth_date,
        "birth_city": child.birth_city,
        "birth_country": child.birth_country,
        "score": match.score,
        "band": match.band,
        "comparisons": [
            {"field": c.field, "outcome": c.outcome, "note": translate(c.note)}
            for c in match.comparisons
        ],
    }


@blp.route("/duplicates/check")
class DuplicateCheck(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(CheckSchema)
    @blp.response(200, CandidateSchema(many=True))
    def post(self, data: dict[str, Any]) -> Any:
        """Children the state may already know under this identity, best first (your regions)"""
        limit, band = data.pop("limit"), data.pop("minimum_band")
        matches = services.check_identity(
            request_session(),
            actor=current_actor(),
            identity=Identity(**data),
            limit=limit,
            minimum_band=band,
        )
        return [candidate_view(child, match) for child, match in matches]


def _resolvable(actor: Actor, coe_id: uuid.UUID) -> Any:
    require_role(actor, *RESOLVERS)
    coe = get_coe(request_session(), actor=actor, coe_id=coe_id, audit=False)
    if (
        actor.role in COE_AUTHORS
        and actor.role not in COE_REVIEWERS
        and (coe.recruiter_id != actor.user.id)
    ):
        raise CampoError(errors.COE_NOT_OWNER)
    return coe


def _decision_view(row: Any) -> dict[str, Any]:
    return {
        "position": row.position,
        "child_id": row.child_id,
        "match_decision": row.match_decision,
        "match_decided_at": row.match_decided_at,
    }


@blp.route("/coes/<uuid:coe_id>/children/<int:position>/link")
class ChildLink(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(LinkSchema)
    @blp.response(200, MatchDecisionSchema)
    def post(self, data: dict[str, Any], coe_id: uuid.UUID, position: int) -> Any:
        """Link a COE's child to a known child (it keeps that child's statewide number)"""
        actor = current_actor()
        coe = _resolvable(actor, coe_id)
        session = request_session()
        child = session.get(Child, data["child_id"])
        candidates = {
            c["child_id"]
            for entry in (coe.duplicate_check or {}).get("children", [])
            if entry["position"] == position
            for c in entry["candidates"]
        }
        if child is None or not (
            can_see_region(actor, child.region_id) or str(child.id) in candidates
        ):
            raise CampoError(errors.LINK_NOT_ALLOWED)
        row = services.link_child(
            session, actor=actor, coe=coe, position=position, child_id=child.id
        )
        return _decision_view(row)


@blp.route("/coes/<uuid:coe_id>/children/<int:position>/confirm-new")
class ChildConfirmNew(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, MatchDecisionSchema)
    def post(self, coe_id: uuid.UUID, position: int) -> Any:
        """Confirm that a COE's child is a new child (a number is issued at approval)"""
        actor = current_actor()
        coe = _resolvable(actor, coe_id)
        row = services.confirm_new(request_session(), actor=actor, coe=coe, position=position)
        return _decision_view(row)


@blp.route("/coes/<uuid:coe_id>/children/<int:position>/decision")
class ChildDecision(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, MatchDecisionSchema)
    def delete(self, coe_id: uuid.UUID, position: int) -> Any:
        """Undo a link or a confirmation while the COE is undecided (audited)"""
        actor = current_actor()
        coe = _resolvable(actor, coe_id)
        row = services.undo_decision(request_session(), actor=actor, coe=coe, position=position)
        return _decision_view(row)
