"""MSIX exchange over HTTP: the MDE export and import (state admins) and move notices."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, current_app, request
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from campo.auth.current import current_actor
from campo.msix import services
from campo.msix.export import export_changes, since_start_of
from campo.msix.schemas import (
    ExportQueryArgsSchema,
    IncomingNoticeSchema,
    MoveNoticeCreateSchema,
    MoveNoticeSchema,
    MsixImportResultSchema,
    NoticeQueryArgsSchema,
)
from campo.web import request_session

blp = Blueprint(
    "msix",
    __name__,
    url_prefix="/api/v1",
    description="MSIX exchange: the MDE file out and in, and move notices",
)


def _destination(data: dict[str, Any]) -> services.Destination:
    return services.Destination(
        state=data["to_state"],
        region_id=data["to_region_id"],
        city=data["destination_city"],
        expected_move_date=data["expected_move_date"],
        comment=data["comment"],
    )


@blp.route("/msix/export")
class MsixExport(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(ExportQueryArgsSchema, location="query")
    @blp.response(
        200,
        {"type": "string"},
        content_type="text/csv",
        description="The MDE file (docs/MSIX.md), validated before it is sent.",
    )
    def get(self, args: dict[str, Any]) -> Any:
        """Download the MDE file of children added or changed since a day (state admins)"""
        export = export_changes(
            request_session(),
            actor=current_actor(),
            since=since_start_of(args["since"]),
            state_code=current_app.config["STATE_CODE"],
        )
        response = Response(export.text, mimetype="text/csv")
        name = f"msix-{current_app.config['STATE_CODE']}-since-{args['since']:%Y%m%d}.csv"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-MSIX-Students"] = str(export.students)
        response.headers["X-MSIX-Records"] = str(export.records)
        return response


@blp.route("/msix/imports")
class MsixImports(MethodView):
    decorators = [jwt_required()]

    @blp.doc(
        requestBody={
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "An MDE file of another state, in the layout of docs/MSIX.md.",
        }
    )
    @blp.response(201, MsixImportResultSchema)
    def post(self) -> Any:
        """Import another state's MDE file: every line or none (state admins)"""
        outcome = services.import_file(
            request_session(), actor=current_actor(), text=request.get_data(as_text=True)
        )
        batch = outcome.batch
        body = {
            "id": batch.id,
            "created": outcome.created,
            "submitting_state": batch.submitting_state,
            "students": batch.students,
            "records": batch.records,
            "matched_records": outcome.matched_records,
            "imported_at": batch.imported_at,
        }
        return body, 201 if outcome.created else 200


@blp.route("/move-notices")
class MoveNotices(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(NoticeQueryArgsSchema, location="query")
    @blp.response(200, MoveNoticeSchema(many=True))
    def get(self, args: dict[str, Any]) -> Any:
        """List move notices to your region (incoming) or sent from it (outgoing)"""
        session, actor = request_session(), current_actor()
        notices = services.list_notices(
            session,
            actor=actor,
            box=args["box"],
            status=args["status"],
            state_code=current_app.config["STATE_CODE"],
        )
        return services.notice_views(session, actor, notices)

    @blp.arguments(MoveNoticeCreateSchema)
    @blp.response(201, MoveNoticeSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Send a notice that a child of your region is moving to another region or state"""
        session, actor = request_session(), current_actor()
        notice = services.send_notice(
            session,
            actor=actor,
            child_id=data["child_id"],
            destination=_destination(data),
            state_code=current_app.config["STATE_CODE"],
        )
        return services.notice_views(session, actor, [notice])[0]


@blp.route("/move-notices/incoming")
class IncomingMoveNotices(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(IncomingNoticeSchema)
    @blp.response(201, MoveNoticeSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Record a notice from another state that a child is moving here (state admins)"""
        session, actor = request_session(), current_actor()
        notice = services.receive_notice(
            session,
            actor=actor,
            from_state=data["from_state"],
            child=services.IncomingChild(
                first_name=data["first_name"],
                last_name1=data["last_name1"],
                last_name2=data["last_name2"],
                sex=data["sex"],
                birth_date=data["birth_date"],
                msix_id=data["msix_id"],
            ),
            destination=_destination(data),
            state_code=current_app.config["STATE_CODE"],
        )
        return services.notice_views(session, actor, [notice])[0]


@blp.route("/move-notices/<uuid:notice_id>/acknowledge")
class MoveNoticeAcknowledge(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, MoveNoticeSchema)
    def post(self, notice_id: uuid.UUID) -> Any:
        """Mark an incoming move notice as acted on (audited)"""
        session, actor = request_session(), current_actor()
        notice = services.acknowledge_notice(session, actor=actor, notice_id=notice_id)
        return services.notice_views(session, actor, [notice])[0]
