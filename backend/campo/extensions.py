"""Flask extensions, created unbound and bound in create_app."""

from flask_babel import Babel
from flask_jwt_extended import JWTManager
from flask_smorest import Api
from marshmallow import INCLUDE, Schema
from marshmallow.fields import Dict, List, Nested, String


class ErrorDetailSchema(Schema):
    """What went wrong: a stable code, a message in the caller's language, and per field."""

    class Meta:
        unknown = INCLUDE  # some errors add their own keys (e.g. a conflict's current version)

    code = String(required=True)
    message = String(required=True)
    fields = Dict(keys=String(), values=List(String()))
    problems = List(Dict())


class ErrorSchema(Schema):
    """The one error envelope every 4xx and 5xx of the API answers with."""

    error = Nested(ErrorDetailSchema, required=True)


class CampoApi(Api):
    """flask-smorest's Api, documenting Campo's error envelope instead of its own."""

    ERROR_SCHEMA = ErrorSchema


api = CampoApi()
jwt = JWTManager()
babel = Babel()
