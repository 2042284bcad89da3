"""The data-quality report, as JSON or CSV (``?format=csv`` or ``Accept: text/csv``)."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Response, current_app, request
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from campo.auth.current import current_actor
from campo.eligibility.services import FormContext
from campo.lib.dates import today_in_state
from campo.quality import services
from campo.quality.schemas import QualityQueryArgsSchema, QualityReportSchema
from campo.reports.periods import Period
from campo.reports.services import parse_period
from campo.web import request_session

blp = Blueprint("quality", __name__, url_prefix="/api/v1", description="Data quality")

CSV_COLUMNS = (
    "check",
    "region_code",
    "entity_type",
    "entity_id",
    "url",
    "label",
    "detail",
    "since",
)


def _wants_csv(fmt: str | None) -> bool:
    if fmt is not None:
        return fmt == "csv"
    accept = request.accept_mimetypes
    return accept["text/csv"] > accept["application/json"]


@blp.route("/reports/data-quality")
class DataQuality(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(QualityQueryArgsSchema, location="query")
    @blp.response(200, QualityReportSchema)
    @blp.alt_response(200, content_type="text/csv", success=True, description="The same as CSV")
    def get(self, args: dict[str, Any]) -> Any:
        """What keeps the count from being right, with a link to each record to fix (audited)"""
        config = current_app.config
        today = today_in_state(config["TIME_ZONE"])
        session = request_session()
        report = services.quality_report(
            session,
            actor=current_actor(),
            region_id=args["region_id"],
            period=parse_period(args["period"]) if args["period"] else Period.containing(today),
            stale_days=args["stale_days"],
            forms=FormContext(state_code=config["STATE_CODE"], today=today),
        )
        view = services.report_view(report, services.regions_by_id(session))
        if not _wants_csv(args["format"]):
            return view
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for issue in view["issues"]:
            writer.writerow(
                [
                    issue["check"],
                    issue["region"]["code"] if issue["region"] else "",
                    issue["entity_type"],
                    issue["entity_id"],
                    issue["url"],
                    issue["label"],
                    "; ".join(issue["detail"]),
                    issue["since"].isoformat() if issue["since"] else "",
                ]
            )
        scope = view["region"]["code"] if view["region"] else "statewide"
        filename = f"data-quality-{scope}-{view['period']}.csv"
        return Response(
            buffer.getvalue(),
            mimetype="text/csv",
            headers={
                "Content-Disposition": f'attachment; filename="{filename}"',
                "Cache-Control": "no-store",
            },
        )
