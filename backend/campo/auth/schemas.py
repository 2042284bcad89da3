"""Sign-in request and token responses."""

from marshmallow import Schema, fields

from campo.accounts.schemas import UserSchema
from campo.lib.fields import text


class LoginSchema(Schema):
    username = text(64, required=True)
    password = text(256, required=True)


class LogoutSchema(Schema):
    access_token = text(
        4096,
        load_default=None,
        metadata={"description": "The access token in use, revoked with the refresh token."},
    )


class PasswordChangeSchema(Schema):
    current_password = text(256, required=True)
    new_password = text(256, required=True)


class TokensSchema(Schema):
    access_token = fields.String()
    refresh_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer(metadata={"description": "Seconds until the access token expires."})
    user = fields.Nested(UserSchema)


class DeviceKeySchema(Schema):
    key = fields.String(
        metadata={"description": "Base64url (no padding) 256-bit key; keep it in memory only."}
    )


class AccessTokenSchema(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()
