"""Choosing the language of a response and translating coded messages into it."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_babel import get_locale, gettext

from campo.errors import N_, Message

# marshmallow's and webargs' own English messages, marked so they reach the catalogue.
# Only fixed texts appear here: our schemas replace the formatted ones (see lib/fields).
FRAMEWORK_MESSAGES = (
    N_("Missing data for required field."),
    N_("Unknown field."),
    N_("Field may not be null."),
    N_("Not a valid string."),
    N_("Not a valid integer."),
    N_("Not a valid number."),
    N_("Not a valid boolean."),
    N_("Not a valid date."),
    N_("Not a valid datetime."),
    N_("Not a valid UUID."),
    N_("Not a valid list."),
    N_("Not a valid mapping type."),
    N_("Invalid input type."),
    N_("Invalid value."),
    N_("Invalid JSON body."),
)


def select_locale() -> str:
    """``?lang=`` first, then the browser's Accept-Language, then English."""
    languages = current_app.config["LANGUAGES"]
    wanted = request.args.get("lang")
    if wanted in languages:
        return str(wanted)
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def translate(message: Message, **params: Any) -> str:
    """Translate a message into the request's language and fill its placeholders.

    An English source string goes through the catalogue; a form definition's {"en", "es"} text
    is picked by language.
    """
    if isinstance(message, dict):
        text = message.get(str(get_locale()), message["en"])
    else:
        text = gettext(message)
    return text % params if params else text
