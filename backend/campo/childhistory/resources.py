"""The child's whole history: JSON for the app, PDF for printing."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from campo.auth.current import current_actor
from campo.childhistory import services
from campo.childhistory.schemas import HistoryQueryArgsSchema, HistorySchema
from campo.lib.dates import today_in_state
from campo.web import request_session

blp = Blueprint(
    "child_history", __name__, url_prefix="/api/v1", description="The child's whole history"
)


@blp.route("/children/<uuid:child_id>/history")
class ChildHistory(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, HistorySchema)
    def get(self, child_id: uuid.UUID) -> Any:
        """A child's COEs, eligibility, enrollments, courses, assessments and flags (audited)"""
        config = current_app.config
        return services.child_history(
            request_session(),
            actor=current_actor(),
            child_id=child_id,
            state_code=config["STATE_CODE"],
            today=today_in_state(config["TIME_ZONE"]),
        )


@blp.route("/children/<uuid:child_id>/history.pdf")
class ChildHistoryPdf(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(HistoryQueryArgsSchema, location="query")
    @blp.response(200, {"type": "string", "format": "binary"}, content_type="application/pdf")
    def get(self, args: dict[str, Any], child_id: uuid.UUID) -> Any:
        """Print a child's history in English or Spanish (audited)"""
        config = current_app.config
        printed = services.print_history(
            request_session(),
            actor=current_actor(),
            child_id=child_id,
            language=args["lang"],
            state_code=config["STATE_CODE"],
            today=today_in_state(config["TIME_ZONE"]),
            translations_dir=config["TRANSLATIONS_DIR"],
        )
        response = Response(printed.pdf, mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'inline; filename="{printed.filename}"'
        response.headers["Content-Language"] = printed.language
        response.headers["Cache-Control"] = "no-store"
        return response
