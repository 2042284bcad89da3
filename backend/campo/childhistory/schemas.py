"""Shapes of the child's history."""

from marshmallow import Schema, fields

from campo.documents.render import LANGUAGES
from campo.lib.fields import choice
from campo.locator.schemas import RegionContactSchema


class HistoryQueryArgsSchema(Schema):
    lang = choice(LANGUAGES, load_default="en", metadata={"description": "The PDF's language."})


class HistoryChildSchema(Schema):
    id = fields.UUID()
    statewide_number = fields.String()
    statewide_number_display = fields.String()
    state_student_id = fields.String(
        allow_none=True, metadata={"description": "The state longitudinal system's id (SSID)."}
    )
    first_name = fields.String()
    middle_name = fields.String(allow_none=True)
    last_name1 = fields.String()
    last_name2 = fields.String(allow_none=True)
    sex = fields.String(allow_none=True)
    birth_date = fields.Date()
    birth_city = fields.String(allow_none=True)
    birth_state = fields.String(allow_none=True)
    birth_country = fields.String(allow_none=True)
    region = fields.Nested(RegionContactSchema)


class HistoryFlagsSchema(Schema):
    english_learner = fields.Boolean(allow_none=True)
    iep = fields.Boolean(allow_none=True)
    medical_alert = fields.String(allow_none=True)
    graduation_date = fields.Date(allow_none=True)
    algebra1_passed = fields.Boolean(
        allow_none=True, metadata={"description": "None: no Algebra I or equivalent course."}
    )
    at_risk_indicators = fields.List(fields.String())
    priority_for_services = fields.Boolean()
    pfs_reasons = fields.List(fields.String(), metadata={"description": "reports.pfs reasons"})


class HistoryCoeSchema(Schema):
    coe_id = fields.UUID()
    status = fields.String()
    region = fields.Nested(RegionContactSchema, allow_none=True)
    qualifying_arrival_date = fields.Date(allow_none=True)
    residency_date = fields.Date(allow_none=True)
    eligibility_end_date = fields.Date(allow_none=True)
    move_from = fields.String()
    move_to = fields.String()
    decided_at = fields.DateTime(allow_none=True)


class HistoryPeriodSchema(Schema):
    coe_id = fields.UUID()
    start_date = fields.Date()
    end_date = fields.Date(allow_none=True)
    current = fields.Boolean()


class HistoryEnrollmentSchema(Schema):
    id = fields.UUID()
    region = fields.Nested(RegionContactSchema, allow_none=True)
    school_name = fields.String()
    school_id = fields.String(allow_none=True)
    district_name = fields.String(allow_none=True)
    district_id = fields.String(allow_none=True)
    grade = fields.String(allow_none=True)
    enrollment_type = fields.String()
    enrollment_date = fields.Date()
    withdrawal_date = fields.Date(allow_none=True)


class HistoryServiceSchema(Schema):
    id = fields.UUID()
    service_type = fields.String()
    term = fields.String()
    start_date = fields.Date()
    end_date = fields.Date()
    provider = fields.String(allow_none=True)


class HistoryCourseSchema(Schema):
    id = fields.UUID()
    course_title = fields.String()
    subject_area = fields.String(allow_none=True)
    school_name = fields.String(allow_none=True)
    school_year = fields.String()
    term = fields.String()
    grade_level = fields.String(allow_none=True)
    final_grade = fields.String(allow_none=True)
    credits_attempted = fields.Decimal(allow_none=True, as_string=True)
    credits_earned = fields.Decimal(allow_none=True, as_string=True)
    passed = fields.Boolean(allow_none=True)
    algebra1 = fields.Boolean()


class HistoryAssessmentSchema(Schema):
    id = fields.UUID()
    title = fields.String()
    content_area = fields.String(allow_none=True)
    assessment_type = fields.String(allow_none=True)
    administered_on = fields.Date()
    score = fields.String(allow_none=True)
    proficiency = fields.String(allow_none=True)
    interpretation = fields.String(allow_none=True)


class HistoryAcademicIndicatorSchema(Schema):
    kind = fields.String()
    observed_date = fields.Date()
    resolved_date = fields.Date(allow_none=True)
    open = fields.Boolean()


class HistoryOtherStateRecordSchema(Schema):
    msix_id = fields.String(allow_none=True)
    state_student_id = fields.String()
    school_or_project_name = fields.String(allow_none=True)
    enrollment_type = fields.String(allow_none=True)
    enrollment_date = fields.Date(allow_none=True)
    withdrawal_date = fields.Date(allow_none=True)
    grade_level = fields.String(allow_none=True)
    qualifying_arrival_date = fields.Date(allow_none=True)
    eligibility_expiration_date = fields.Date(allow_none=True)
    algebra1_indicator = fields.String(allow_none=True)
    match_score = fields.Integer(allow_none=True)


class HistoryOtherStateSchema(Schema):
    state = fields.String()
    records = fields.List(fields.Nested(HistoryOtherStateRecordSchema))


class HistorySchema(Schema):
    child = fields.Nested(HistoryChildSchema)
    flags = fields.Nested(HistoryFlagsSchema)
    coes = fields.List(fields.Nested(HistoryCoeSchema))
    eligibility_periods = fields.List(fields.Nested(HistoryPeriodSchema))
    eligible_until = fields.Date(allow_none=True)
    enrollments = fields.List(fields.Nested(HistoryEnrollmentSchema))
    services = fields.List(fields.Nested(HistoryServiceSchema))
    courses = fields.List(fields.Nested(HistoryCourseSchema))
    credits_earned = fields.Decimal(as_string=True)
    assessments = fields.List(fields.Nested(HistoryAssessmentSchema))
    academic_indicators = fields.List(fields.Nested(HistoryAcademicIndicatorSchema))
    other_states = fields.List(
        fields.Nested(HistoryOtherStateSchema),
        metadata={"description": "Other states' MSIX records matched to this child."},
    )
