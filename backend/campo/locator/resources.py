"""The student locator: one search across the state, by GET (query string) or POST (JSON)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from campo.auth.current import current_actor
from campo.i18n import translate
from campo.locator import services
from campo.locator.schemas import (
    LocatorQueryArgsSchema,
    LocatorQuerySchema,
    LocatorResultSchema,
)
from campo.matching.identity import Identity
from campo.web import request_session

blp = Blueprint(
    "locator", __name__, url_prefix="/api/v1", description="Student locator (statewide)"
)


def _search(data: dict[str, Any]) -> list[dict[str, Any]]:
    limit, band = data.pop("limit"), data.pop("minimum_band")
    number = data.pop("statewide_number")
    hits = services.search_children(
        request_session(),
        actor=current_actor(),
        identity=Identity(**data),
        statewide_number=number,
        state_code=current_app.config["STATE_CODE"],
        limit=limit,
        minimum_band=band,
    )
    views = [services.hit_view(hit) for hit in hits]
    for view in views:
        for comparison in view.get("comparisons", []):
            comparison["note"] = translate(comparison["note"])
    return views


@blp.route("/locator/search")
class LocatorSearch(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(LocatorQueryArgsSchema, location="query")
    @blp.response(200, LocatorResultSchema(many=True))
    def get(self, args: dict[str, Any]) -> Any:
        """Find a child anywhere in the state (other regions: name, birth date, region contact)"""
        return _search(args)

    @blp.arguments(LocatorQuerySchema)
    @blp.response(200, LocatorResultSchema(many=True))
    def post(self, data: dict[str, Any]) -> Any:
        """Find a child anywhere in the state, the criteria in the body (audited)"""
        return _search(data)
