"""Shapes of the history records: one input schema per kind (also used, as text, by the CSV
import) and the matching output schemas.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from campo.errors import N_
from campo.history import codes
from campo.lib.fields import OUT_OF_RANGE, TOO_LONG, choice, integer, text

_SCHOOL_YEAR = validate.Regexp(
    r"^\d{4}-\d{4}$", error=N_("Not a valid school year, such as 2025-2026.")
)


EMPTY = N_("This value is required.")


def _required_text(max_length: int) -> fields.String:
    return fields.String(
        required=True,
        validate=[
            validate.Length(min=1, error=EMPTY),
            validate.Length(max=max_length, error=TOO_LONG),
        ],
    )


def _optional(field: fields.Field) -> fields.Field:
    field.load_default = None
    field.allow_none = True
    return field


def _credits() -> fields.Float:
    # A float in JSON (two decimals are kept by the column, Numeric(5, 2)).
    return fields.Float(
        allow_nan=False,
        allow_none=True,
        load_default=None,
        validate=validate.Range(min=0, max=99, error=OUT_OF_RANGE),
    )


class EnrollmentInSchema(Schema):
    enrollment_type = choice(codes.ENROLLMENT_TYPES, required=True)
    school_name = _required_text(100)
    school_id = _optional(text(12))
    district_name = _optional(text(60))
    district_id = _optional(text(7))
    grade = _optional(choice(codes.GRADES))
    enrollment_date = fields.Date(required=True)
    withdrawal_date = fields.Date(load_default=None, allow_none=True)
    comment = _optional(text(1000))


class ServiceInSchema(Schema):
    service_type = choice(codes.SERVICE_TYPES, required=True)
    term = choice(codes.TERMS, required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(
        load_default=None, allow_none=True, metadata={"description": "Default: the start date."}
    )
    provider = _optional(text(100))
    continuation_reason = _optional(choice(codes.CONTINUATION_REASONS))
    comment = _optional(text(1000))


class AcademicIndicatorInSchema(Schema):
    kind = choice(codes.ACADEMIC_INDICATORS, required=True)
    observed_date = fields.Date(required=True)
    resolved_date = fields.Date(load_default=None, allow_none=True)
    comment = _optional(text(1000))


class CourseInSchema(Schema):
    course_title = _required_text(50)
    subject_area = _optional(text(40))
    school_name = _optional(text(100))
    school_year = fields.String(required=True, validate=_SCHOOL_YEAR)
    term = choice(codes.COURSE_TERMS, required=True)
    grade_level = _optional(choice(codes.GRADES))
    final_grade = _optional(text(10))
    credits_attempted = _credits()
    credits_earned = _credits()
    passed = fields.Boolean(load_default=None, allow_none=True)
    algebra1 = fields.Boolean(load_default=False)


class AssessmentInSchema(Schema):
    title = _required_text(55)
    content_area = _optional(text(35))
    assessment_type = _optional(text(2))
    administered_on = fields.Date(required=True)
    score = _optional(text(40))
    proficiency = _optional(choice(codes.PROFICIENCY))
    interpretation = _optional(text(100))


class RegionChoiceSchema(Schema):
    """The region a state admin records for; regional staff always record for their own."""

    region_id = integer(1, load_default=None, allow_none=True)


class IndicatorsSchema(Schema):
    state_student_id = _optional(text(15))
    english_learner = fields.Boolean(load_default=None, allow_none=True)
    iep = fields.Boolean(load_default=None, allow_none=True)
    medical_alert = _optional(choice(codes.MEDICAL_ALERTS))
    graduation_date = fields.Date(load_default=None, allow_none=True)


class IndicatorsOutSchema(IndicatorsSchema):
    child_id = fields.UUID()
    updated_at = fields.DateTime(allow_none=True)


class _RecordOut(Schema):
    id = fields.UUID()
    child_id = fields.UUID()
    region_id = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class EnrollmentSchema(_RecordOut, EnrollmentInSchema):
    evidence_end_date = fields.Date(
        metadata={"description": "Last day this row shows the child resident (for the counts)."}
    )


class ServiceSchema(_RecordOut, ServiceInSchema):
    pass


class AcademicIndicatorSchema(_RecordOut, AcademicIndicatorInSchema):
    pass


class CourseSchema(_RecordOut, CourseInSchema):
    pass


class AssessmentSchema(_RecordOut, AssessmentInSchema):
    pass


class ImportArgsSchema(Schema):
    region_id = integer(1, strict=False, load_default=None, allow_none=True)


class ImportResultSchema(Schema):
    kind = fields.String()
    rows = fields.Integer()
    created = fields.Integer()
    updated = fields.Integer()


class CodeSchema(Schema):
    code = fields.String()
    label = fields.String()
