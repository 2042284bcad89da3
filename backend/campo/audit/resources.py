"""Audit search for state admins: a paginated list and a CSV export, both audited."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from flask import Response, current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from campo.audit import search
from campo.audit.models import AuditEvent
from campo.audit.schemas import AuditEventSchema, AuditQueryArgsSchema
from campo.auth.current import current_actor
from campo.web import request_session

blp = Blueprint("audit", __name__, url_prefix="/api/v1", description="Audit trail (state admins)")

CSV_COLUMNS = tuple(AuditEventSchema().fields)


def _query(args: dict[str, Any]) -> search.AuditQuery:
    return search.AuditQuery(
        child=args["child"] or None,
        user=args["user"] or None,
        day_from=args["from_"],
        day_to=args["to"],
        action=args["action"] or None,
        until_seq=args["until_seq"],
    )


def _config() -> dict[str, str]:
    return {
        "state_code": current_app.config["STATE_CODE"],
        "time_zone": current_app.config["TIME_ZONE"],
    }


def _views(events: list[AuditEvent]) -> list[dict[str, Any]]:
    names = search.usernames(request_session(), {e.actor_id for e in events if e.actor_id})
    return [
        {
            **{name: getattr(event, name) for name in CSV_COLUMNS if hasattr(event, name)},
            "actor_username": names.get(event.actor_id) if event.actor_id else None,
        }
        for event in events
    ]


@blp.route("/audit/events")
class AuditEvents(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(AuditQueryArgsSchema, location="query", as_kwargs=False)
    @blp.response(200, AuditEventSchema(many=True))
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """Search the audit trail by child, user, period and action, newest first (audited)"""
        events, total = search.search_events(
            request_session(),
            actor=current_actor(),
            query=_query(args),
            offset=pagination_parameters.first_item,
            limit=pagination_parameters.page_size,
            **_config(),
        )
        pagination_parameters.item_count = total
        return _views(events)


@blp.route("/audit/events.csv")
class AuditEventsCsv(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(AuditQueryArgsSchema, location="query", as_kwargs=False)
    @blp.response(200, content_type="text/csv", description="The matching events as CSV")
    def get(self, args: dict[str, Any]) -> Any:
        """Export the matching events as CSV, newest first (audited)"""
        events = search.export_events(
            request_session(), actor=current_actor(), query=_query(args), **_config()
        )
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for view in _views(events):
            writer.writerow([_cell(view.get(column)) for column in CSV_COLUMNS])
        return Response(
            out.getvalue(),
            mimetype="text/csv",
            headers={"Content-Disposition": 'attachment; filename="audit-events.csv"'},
        )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
