"""Shapes of child responses."""

from marshmallow import Schema, fields


class ChildSchema(Schema):
    id = fields.UUID()
    statewide_number = fields.String()
    statewide_number_display = fields.String(
        metadata={"description": "The number grouped for reading aloud: CA-0000000001-3."}
    )
    region_id = fields.Integer()
    family_id = fields.UUID(allow_none=True)
    last_name1 = fields.String()
    last_name2 = fields.String(allow_none=True)
    first_name = fields.String()
    middle_name = fields.String(allow_none=True)
    suffix = fields.String(allow_none=True)
    sex = fields.String(allow_none=True)
    birth_date = fields.Date()
    multiple_birth = fields.Boolean()
    birth_date_verification = fields.String()
    birth_city = fields.String(allow_none=True)
    birth_state = fields.String(allow_none=True)
    birth_country = fields.String(allow_none=True)
