"""Report endpoints: the child count (JSON or CSV) and its drill-down, the PFS / English learner /
IEP lists (JSON or CSV), and one child's Priority for Services."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from flask import Response, current_app, request
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from campo.auth.current import current_actor
from campo.i18n import translate
from campo.lib.dates import today_in_state
from campo.reports import schemas, services
from campo.reports.counts import BUCKET_LABELS, DrillDown
from campo.reports.pfs import REASON_LABELS, ListQuery
from campo.web import request_session

blp = Blueprint(
    "reports", __name__, url_prefix="/api/v1", description="Child counts and Priority for Services"
)

CSV_DOC = {"200": {"content": {"text/csv": {"schema": {"type": "string"}}}}}


def _wants_csv(fmt: str | None) -> bool:
    if fmt is not None:
        return fmt == "csv"
    best = request.accept_mimetypes.best_match(["application/json", "text/csv"])
    return (
        best == "text/csv"
        and request.accept_mimetypes["text/csv"] > request.accept_mimetypes["application/json"]
    )


def _csv(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _bucket_label(bucket: str) -> str:
    return translate(BUCKET_LABELS[bucket], grade=bucket.lstrip("0"))


@blp.route("/reports/child-count")
class ChildCount(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.PeriodArgsSchema, location="query")
    @blp.response(200, schemas.ChildCountSchema)
    @blp.alt_response(200, description="The same as CSV", content_type="text/csv", success=True)
    def get(self, args: dict[str, Any]) -> Any:
        """Category 1 and 2 counts for a period: statewide (state admin) or your region's, with
        per-region and age/grade lines; CSV with ``?format=csv`` or ``Accept: text/csv``"""
        session = request_session()
        period = services.parse_period(args["period"])
        result = services.child_count(session, actor=current_actor(), period=period)
        regions = services.region_labels(session)
        body = {
            "period": period.label,
            "start": period.start,
            "end": period.end,
            "region_id": result.region_id,
            "category1": result.category1,
            "category2": result.category2,
            "by_region": [
                {**line, **regions.get(line["region_id"], {})} for line in result.by_region
            ],
            "by_bucket": [
                {**line, "label": _bucket_label(line["bucket"])} for line in result.by_bucket
            ],
        }
        if not _wants_csv(args["format"]):
            return body
        lines: list[list[Any]] = [
            ["total", "", translate(services.TOTAL_LABEL), body["category1"], body["category2"]]
        ]
        lines += [
            [
                "region",
                r.get("region_code", ""),
                r.get("region_name", ""),
                r["category1"],
                r["category2"],
            ]
            for r in body["by_region"]
        ]
        lines += [
            ["age_grade", b["bucket"], b["label"], b["category1"], b["category2"]]
            for b in body["by_bucket"]
        ]
        return _csv(
            f"child-count-{period.label}.csv",
            ["line", "key", "label", "category1", "category2"],
            lines,
        )


@blp.route("/reports/child-count/children")
class ChildCountChildren(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.DrillDownArgsSchema, location="query")
    @blp.response(200, schemas.CountedChildSchema(many=True))
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """The children behind a number of the count (a category, optionally a region's or an
        age/grade line), by statewide number, each with the COEs and evidence that made them
        countable; audited"""
        period = services.parse_period(args["period"])
        total, rows = services.child_count_children(
            request_session(),
            actor=current_actor(),
            period=period,
            what=DrillDown(args["category"], args["region_id"], args["bucket"]),
            limit=pagination_parameters.page_size,
            offset=pagination_parameters.first_item,
        )
        pagination_parameters.item_count = total
        return rows


def _students(
    args: dict[str, Any], limit: int | None, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    as_of = args["as_of"] or today_in_state(current_app.config["TIME_ZONE"])
    args["as_of"] = as_of
    total, rows = services.student_list(
        request_session(),
        actor=current_actor(),
        as_of=as_of,
        query=ListQuery(args["list"], args["region_id"], args["school"]),
        limit=limit,
        offset=offset,
    )
    for row in rows:
        row["reason_labels"] = [translate(REASON_LABELS[r]) for r in row["reasons"]]
    return total, rows


@blp.route("/reports/students")
class StudentList(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.StudentListArgsSchema, location="query")
    @blp.response(200, schemas.ListedChildSchema(many=True))
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """Eligible children by region and school: ``list=pfs`` (Priority for Services, with
        reasons), ``english_learner``, ``iep`` or ``eligible``; audited"""
        total, rows = _students(
            args, pagination_parameters.page_size, pagination_parameters.first_item
        )
        pagination_parameters.item_count = total
        return rows


STUDENT_COLUMNS = (
    "region_id",
    "school_name",
    "grade",
    "statewide_number",
    "last_name1",
    "last_name2",
    "first_name",
    "birth_date",
    "english_learner",
    "iep",
    "priority_for_services",
)


@blp.route("/reports/students/export")
class StudentExport(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.StudentListArgsSchema, location="query")
    @blp.response(200, content_type="text/csv")
    def get(self, args: dict[str, Any]) -> Any:
        """The whole list (same filters) as CSV, reasons in the request's language; audited"""
        _total, rows = _students(args, None, 0)
        return _csv(
            f"{args['list']}-{args['as_of'].isoformat()}.csv",
            [*STUDENT_COLUMNS, "reasons"],
            ([*(row[c] for c in STUDENT_COLUMNS), "; ".join(row["reason_labels"])] for row in rows),
        )


@blp.route("/children/<uuid:child_id>/priority-for-services")
class ChildPfs(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(schemas.AsOfArgsSchema, location="query")
    @blp.response(200, schemas.PfsSchema)
    def get(self, args: dict[str, Any], child_id: uuid.UUID) -> Any:
        """Whether the child has Priority for Services on a date (default today), and why"""
        as_of = args["as_of"] or today_in_state(current_app.config["TIME_ZONE"])
        result = services.priority_for_services(
            request_session(), actor=current_actor(), child_id=child_id, as_of=as_of
        )
        return {**result, "reason_labels": [translate(REASON_LABELS[r]) for r in result["reasons"]]}
