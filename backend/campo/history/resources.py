"""History endpoints: list, record, correct and delete a child's records of each kind, the
child's indicators, a region's CSV import, and the code lists."""

from __future__ import annotations

import uuid
from typing import Any

from flask import current_app, request
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint
from marshmallow import Schema

from campo.auth.current import current_actor
from campo.history import codes, importer, schemas, services
from campo.history.services import KINDS, Kind
from campo.i18n import translate
from campo.web import request_session

blp = Blueprint(
    "history",
    __name__,
    url_prefix="/api/v1",
    description="A child's enrollments, MEP services, indicators, courses and assessments",
)

_SCHEMAS: dict[str, tuple[type[Schema], type[Schema]]] = {
    "enrollments": (schemas.EnrollmentInSchema, schemas.EnrollmentSchema),
    "services": (schemas.ServiceInSchema, schemas.ServiceSchema),
    "academic-indicators": (schemas.AcademicIndicatorInSchema, schemas.AcademicIndicatorSchema),
    "courses": (schemas.CourseInSchema, schemas.CourseSchema),
    "assessments": (schemas.AssessmentInSchema, schemas.AssessmentSchema),
}


def _register(kind: Kind) -> None:
    in_schema, out_schema = _SCHEMAS[kind.name]
    create_schema = type(
        f"{in_schema.__name__.removesuffix('InSchema')}CreateSchema",
        (in_schema, schemas.RegionChoiceSchema),
        {},
    )
    name = kind.name.replace("-", "_")

    class ChildRecords(MethodView):
        decorators = [jwt_required()]

        @blp.response(200, out_schema(many=True))
        def get(self, child_id: uuid.UUID) -> Any:
            return services.list_records(
                request_session(), actor=current_actor(), kind=kind, child_id=child_id
            )

        @blp.arguments(create_schema)
        @blp.response(201, out_schema)
        def post(self, data: dict[str, Any], child_id: uuid.UUID) -> Any:
            region_id = data.pop("region_id")
            return services.create_record(
                request_session(),
                actor=current_actor(),
                kind=kind,
                child_id=child_id,
                values=data,
                region_id=region_id,
            )

    ChildRecords.get.__doc__ = f"The child's {kind.name} recorded by your region (the state: all)"
    ChildRecords.post.__doc__ = (
        f"Record one of the child's {kind.name} (regional staff, state admin)"
    )

    class Record(MethodView):
        decorators = [jwt_required()]

        @blp.arguments(in_schema(partial=True))
        @blp.response(200, out_schema)
        def patch(self, data: dict[str, Any], record_id: uuid.UUID) -> Any:
            return services.update_record(
                request_session(),
                actor=current_actor(),
                kind=kind,
                record_id=record_id,
                values=data,
            )

        @blp.response(204)
        def delete(self, record_id: uuid.UUID) -> None:
            services.delete_record(
                request_session(), actor=current_actor(), kind=kind, record_id=record_id
            )

    Record.patch.__doc__ = f"Correct one of your region's {kind.name} (only the fields sent change)"
    Record.delete.__doc__ = f"Delete one of your region's {kind.name} recorded by mistake (audited)"

    class Import(MethodView):
        decorators = [jwt_required()]

        @blp.arguments(schemas.ImportArgsSchema, location="query")
        @blp.response(200, schemas.ImportResultSchema)
        @blp.doc(
            requestBody={
                "required": True,
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        )
        def post(self, args: dict[str, Any]) -> Any:
            return importer.import_csv(
                request_session(),
                actor=current_actor(),
                kind=kind,
                data=request.get_data(cache=False),
                region_id=args["region_id"],
                state_code=current_app.config["STATE_CODE"],
            ).as_dict()

    Import.post.__doc__ = (
        f"Import a CSV of {kind.name} (a header line, one record a row; an ``id`` column "
        "corrects that record): every row is checked first and nothing is written unless all "
        "are good"
    )

    blp.route(f"/children/<uuid:child_id>/{kind.name}", endpoint=f"{name}_of_child")(ChildRecords)
    blp.route(f"/history/{kind.name}/<uuid:record_id>", endpoint=f"{name}_record")(Record)
    blp.route(f"/history/{kind.name}/import", endpoint=f"{name}_import")(Import)


for _kind in KINDS.values():
    _register(_kind)


@blp.route("/children/<uuid:child_id>/indicators")
class Indicators(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, schemas.IndicatorsOutSchema)
    def get(self, child_id: uuid.UUID) -> Any:
        """The child's English learner, IEP, medical alert, state student id and diploma date"""
        return services.get_indicators(request_session(), actor=current_actor(), child_id=child_id)

    @blp.arguments(schemas.IndicatorsSchema(partial=True))
    @blp.response(200, schemas.IndicatorsOutSchema)
    def patch(self, data: dict[str, Any], child_id: uuid.UUID) -> Any:
        """Record or correct the child's indicators (only the fields sent change; audited)"""
        return services.set_indicators(
            request_session(), actor=current_actor(), child_id=child_id, values=data
        )


CODE_LISTS = {
    "enrollment_types": codes.ENROLLMENT_TYPES,
    "grades": codes.GRADES,
    "terms": codes.TERMS,
    "service_types": codes.SERVICE_TYPES,
    "continuation_reasons": codes.CONTINUATION_REASONS,
    "medical_alerts": codes.MEDICAL_ALERTS,
    "academic_indicators": codes.ACADEMIC_INDICATORS,
    "course_terms": codes.COURSE_TERMS,
    "proficiency": codes.PROFICIENCY,
}


@blp.route("/history/codes")
class Codes(MethodView):
    @blp.response(200)
    def get(self) -> Any:
        """Every code list of the history records, labelled in the request's language"""
        return {
            name: [
                {"code": code, "label": translate(label, grade=code.lstrip("0"))}
                for code, label in entries.items()
            ]
            for name, entries in CODE_LISTS.items()
        }
