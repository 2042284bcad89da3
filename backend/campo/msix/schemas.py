"""Shapes of the MSIX export and import, and of move notices."""

from marshmallow import Schema, fields, validate

from campo.lib.fields import NOT_ALLOWED, choice, integer, text
from campo.locator.schemas import RegionContactSchema
from campo.msix.layout import STATES

STATE = validate.OneOf(sorted(STATES), error=NOT_ALLOWED)


class ExportQueryArgsSchema(Schema):
    since = fields.Date(
        required=True,
        metadata={"description": "Children added or changed from this day (00:00 UTC) on."},
    )


class MsixImportResultSchema(Schema):
    id = fields.UUID()
    created = fields.Boolean(metadata={"description": "False when this file was imported before."})
    submitting_state = fields.String()
    students = fields.Integer()
    records = fields.Integer()
    matched_records = fields.Integer()
    imported_at = fields.DateTime()


class DestinationSchema(Schema):
    to_state = fields.String(
        load_default=None, allow_none=True, validate=STATE, metadata={"description": "Two letters"}
    )
    to_region_id = integer(load_default=None, allow_none=True)
    destination_city = text(80, load_default=None, allow_none=True)
    expected_move_date = fields.Date(load_default=None, allow_none=True)
    comment = text(1000, load_default=None, allow_none=True)


class MoveNoticeCreateSchema(DestinationSchema):
    child_id = fields.UUID(required=True)


class IncomingNoticeSchema(DestinationSchema):
    """A notice another state sent through MSIX, as the state admin records it."""

    from_state = fields.String(required=True, validate=STATE)
    first_name = text(50, required=True)
    last_name1 = text(50, required=True)
    last_name2 = text(50, load_default=None, allow_none=True)
    sex = choice(("F", "M"), load_default=None, allow_none=True)
    birth_date = fields.Date(required=True)
    msix_id = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(r"^[0-9]{12}$", error=NOT_ALLOWED),
    )


class NoticeQueryArgsSchema(Schema):
    box = choice(("incoming", "outgoing"), load_default="incoming")
    status = choice(("open", "acknowledged"), load_default=None)


class MoveNoticeSchema(Schema):
    id = fields.UUID()
    status = fields.String()
    from_state = fields.String()
    from_region = fields.Nested(RegionContactSchema, allow_none=True)
    to_state = fields.String()
    to_region = fields.Nested(RegionContactSchema, allow_none=True)
    first_name = fields.String()
    last_name1 = fields.String()
    last_name2 = fields.String(allow_none=True)
    birth_date = fields.Date()
    msix_id = fields.String(allow_none=True)
    statewide_number = fields.String(allow_none=True)
    eligibility_end_date = fields.Date(allow_none=True)
    child_region = fields.Nested(RegionContactSchema, allow_none=True)
    expected_move_date = fields.Date(allow_none=True)
    destination_city = fields.String(allow_none=True)
    comment = fields.String(allow_none=True)
    sent_at = fields.DateTime()
    acknowledged_at = fields.DateTime(allow_none=True)
    child_id = fields.UUID(metadata={"description": "Only when you may open the child's record."})
    history_url = fields.String()
