"""Shapes of audit search requests and responses."""

from marshmallow import Schema, fields, validate

from campo.lib.fields import text


class AuditQueryArgsSchema(Schema):
    child = text(
        40,
        load_default=None,
        metadata={"description": "A child's statewide number (any spelling) or id."},
    )
    user = text(64, load_default=None, metadata={"description": "A user's id or username."})
    from_ = fields.Date(
        data_key="from",
        load_default=None,
        metadata={"description": "First day (the state's time zone), inclusive."},
    )
    to = fields.Date(load_default=None, metadata={"description": "Last day, inclusive."})
    action = text(
        41,
        load_default=None,
        metadata={"description": "An action (coe.read), or a prefix ending in * (coe.*)."},
    )
    until_seq = fields.Integer(
        load_default=None,
        validate=validate.Range(min=0, max=2**62),
        metadata={
            "description": "Only events up to this sequence number: the first page's newest "
            "event keeps the later pages still while new events (this search's own) arrive."
        },
    )


class AuditEventSchema(Schema):
    id = fields.Integer()
    seq = fields.Integer()
    occurred_at = fields.DateTime()
    actor_id = fields.Integer(allow_none=True)
    actor_username = fields.String(allow_none=True)
    actor_role = fields.String(allow_none=True)
    region_id = fields.Integer(allow_none=True)
    action = fields.String()
    entity_type = fields.String()
    entity_id = fields.String(allow_none=True)
    client_address = fields.String(allow_none=True)
    changed_fields = fields.List(fields.String(), allow_none=True)
    details = fields.Dict(allow_none=True)
    previous_hash = fields.String()
    hash = fields.String()
