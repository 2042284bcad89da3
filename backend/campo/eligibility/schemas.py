"""Shapes of COE requests and responses. Completeness and rules live in rules.py."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from campo.eligibility.models import CoeStatus
from campo.eligibility.queries import SORTS
from campo.eligibility.reasons import REVIEW_REASONS
from campo.eligibility.services import FORM_VERSION, Decision
from campo.errors import N_
from campo.lib.fields import TOO_LONG, bounded_list, choice, integer, text
from campo.signatures.models import SignerRole

SEXES = ("female", "male")
# NCES/SIF 0315 birth-date verification codes. 1007 (parent's affidavit) is the default the
# app offers; no document is ever required, and none is asked for by name.
BIRTH_DATE_VERIFICATION_CODES = (
    "1003",
    "1004",
    "1005",
    "1006",
    "1007",
    "1008",
    "1009",
    "1010",
    "1011",
    "1012",
    "1013",
    "2382",
    "3423",
    "3424",
    "9999",
)
MOVED_HOW = ("as_worker", "with_worker", "to_join_or_precede")
WORKER_RELATIONSHIPS = ("self", "parent", "guardian", "spouse")
WORK_TYPES = ("agricultural", "fishing")
EMPLOYMENT = ("temporary", "seasonal")
TEMPORARY_BASES = ("worker_statement", "employer_statement", "sea_documentation")
INTERVIEWEE_RELATIONSHIPS = ("parent", "guardian", "spouse", "worker", "self")
LANGUAGES = ("es", "en")
MAX_CHILDREN = 20
MAX_SIGNATURE_IMAGE = 300_000
NOT_AN_IMAGE = N_("The signature must be a PNG or SVG image.")


class FamilyAnswersSchema(Schema):
    parent1_last_name = text(50, allow_none=True)
    parent1_first_name = text(50, allow_none=True)
    parent2_last_name = text(50, allow_none=True)
    parent2_first_name = text(50, allow_none=True)
    address = text(200, allow_none=True)
    city = text(80, allow_none=True)
    state = text(2, allow_none=True)
    zip_code = text(10, allow_none=True)
    phone = text(20, allow_none=True)


class ChildAnswersSchema(Schema):
    last_name1 = text(50, allow_none=True)
    last_name2 = text(50, allow_none=True)
    first_name = text(50, allow_none=True)
    middle_name = text(50, allow_none=True)
    suffix = text(10, allow_none=True)
    sex = choice(SEXES, allow_none=True)
    birth_date = fields.Date(allow_none=True)
    multiple_birth = fields.Boolean(allow_none=True)
    birth_date_verification = choice(BIRTH_DATE_VERIFICATION_CODES, allow_none=True)
    birth_city = text(80, allow_none=True)
    birth_state = text(2, allow_none=True)
    birth_country = text(3, allow_none=True)
    residency_date = fields.Date(allow_none=True)


class MoveAnswersSchema(Schema):
    from_district = text(120, allow_none=True)
    from_city = text(80, allow_none=True)
    from_state = text(2, allow_none=True)
    from_country = text(3, allow_none=True)
    to_district = text(120, allow_none=True)
    to_city = text(80, allow_none=True)
    to_state = text(2, allow_none=True)
    moved_how = choice(MOVED_HOW, allow_none=True)
    worker_first_name = text(50, allow_none=True)
    worker_last_name = text(50, allow_none=True)
    worker_relationship = choice(WORKER_RELATIONSHIPS, allow_none=True)
    worker_move_date = fields.Date(allow_none=True)
    child_move_date = fields.Date(allow_none=True)
    qualifying_arrival_date = fields.Date(allow_none=True)
    work_description = text(200, allow_none=True)
    work_type = choice(WORK_TYPES, allow_none=True)
    employment = choice(EMPLOYMENT, allow_none=True)
    temporary_basis = choice(TEMPORARY_BASES, allow_none=True)


class InterviewAnswersSchema(Schema):
    interview_date = fields.Date(allow_none=True)
    interviewee_name = text(160, allow_none=True)
    interviewee_relationship = choice(INTERVIEWEE_RELATIONSHIPS, allow_none=True)


class CoeAnswersSchema(Schema):
    """The first cut of the COE's answers; a draft may leave any of them empty."""

    family = fields.Nested(FamilyAnswersSchema, load_default=dict)
    children = bounded_list(
        fields.Nested(ChildAnswersSchema), max_items=MAX_CHILDREN, load_default=list
    )
    move = fields.Nested(MoveAnswersSchema, load_default=dict)
    interview = fields.Nested(InterviewAnswersSchema, load_default=dict)
    comments = text(4000, allow_none=True)


class CoePutSchema(Schema):
    form_version = choice((FORM_VERSION,), load_default=FORM_VERSION)
    language = choice(LANGUAGES, load_default="es")
    interview_place = text(120, allow_none=True, load_default=None)
    base_version = integer(
        allow_none=True,
        load_default=None,
        metadata={"description": "The version this content replaces."},
    )
    answers = fields.Nested(CoeAnswersSchema, required=True)


def signature_image() -> fields.String:
    """A drawn signature as a base64 PNG or SVG data URL."""
    return fields.String(
        allow_none=True,
        load_default=None,
        validate=[
            validate.Length(max=MAX_SIGNATURE_IMAGE, error=TOO_LONG),
            validate.Regexp(
                r"^data:image/(png|svg\+xml);base64,[A-Za-z0-9+/=]+$", error=NOT_AN_IMAGE
            ),
        ],
    )


class SignatureInSchema(Schema):
    role = choice((SignerRole.INTERVIEWEE.value, SignerRole.RECRUITER.value), required=True)
    signer_name = text(160, allow_none=True, load_default=None)
    image = signature_image()
    signed_at = fields.AwareDateTime(allow_none=True, load_default=None)


class CoeSubmitSchema(Schema):
    base_version = integer(allow_none=True, load_default=None)
    signatures = bounded_list(fields.Nested(SignatureInSchema), max_items=4, load_default=list)


class CoeReviewSchema(Schema):
    decision = choice(Decision.ALL, required=True)
    reasons = bounded_list(
        choice(tuple(REVIEW_REASONS)), max_items=len(REVIEW_REASONS), load_default=list
    )
    comment = text(2000, allow_none=True, load_default=None)
    signature_image = signature_image()


class SignatureSchema(Schema):
    id = fields.UUID()
    role = fields.String()
    signer_name = fields.String()
    statement_version = fields.String()
    content_hash = fields.String()
    signed_at = fields.DateTime()
    current = fields.Boolean(metadata={"description": "Signed on the COE's present content."})


class CoeChildSchema(Schema):
    position = fields.Integer()
    child_id = fields.UUID(allow_none=True)
    statewide_number = fields.String(allow_none=True)
    eligibility_end_date = fields.Date(allow_none=True)


class CoeSchema(Schema):
    id = fields.UUID()
    region_id = fields.Integer()
    family_id = fields.UUID()
    recruiter_id = fields.Integer()
    status = fields.Enum(CoeStatus, by_value=True)
    form_id = fields.String()
    form_version = fields.String()
    version = fields.Integer()
    content_hash = fields.String()
    language = fields.String()
    interview_place = fields.String(allow_none=True)
    answers = fields.Dict()
    qualifying_arrival_date = fields.Date(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    submitted_at = fields.DateTime(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    decided_by_id = fields.Integer(allow_none=True)
    decision_reasons = fields.List(fields.String(), allow_none=True)
    decision_comment = fields.String(allow_none=True)
    children = fields.List(fields.Nested(CoeChildSchema))
    signatures = fields.List(fields.Nested(SignatureSchema))


class CoeSummarySchema(Schema):
    id = fields.UUID()
    region_id = fields.Integer()
    recruiter_id = fields.Integer()
    status = fields.Enum(CoeStatus, by_value=True)
    version = fields.Integer()
    qualifying_arrival_date = fields.Date(allow_none=True)
    child_count = fields.Integer()
    family_name = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    submitted_at = fields.DateTime(allow_none=True)


class CoeQueryArgsSchema(Schema):
    status = bounded_list(choice([s.value for s in CoeStatus]), max_items=5, load_default=list)
    mine = fields.Boolean(load_default=False)
    recruiter_id = integer(strict=False, load_default=None)
    region_id = integer(strict=False, load_default=None)
    qad_from = fields.Date(load_default=None)
    qad_to = fields.Date(load_default=None)
    updated_since = fields.AwareDateTime(load_default=None)
    q = text(80, load_default=None, metadata={"description": "Part of a child's or parent's name."})
    sort = choice(tuple(SORTS), load_default="updated")


class ReviewReasonSchema(Schema):
    code = fields.String()
    label = fields.String()
