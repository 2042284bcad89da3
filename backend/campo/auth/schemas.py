"""Sign-in request and token responses."""

from marshmallow import Schema, fields

from campo.accounts.schemas import UserSchema
from campo.lib.fields import text


class LoginSchema(Schema):
    username = text(64, required=True)
    password = text(256, required=True)


class TokensSchema(Schema):
    access_token = fields.String()
    refresh_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer(metadata={"description": "Seconds until the access token expires."})
    user = fields.Nested(UserSchema)


class AccessTokenSchema(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()
