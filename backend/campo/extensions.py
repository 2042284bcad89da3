"""Flask extensions, created unbound and bound in create_app."""

from flask_babel import Babel
from flask_jwt_extended import JWTManager
from flask_smorest import Api

api = Api()
jwt = JWTManager()
babel = Babel()
