"""marshmallow field helpers whose error messages are fixed texts (so they can be translated)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marshmallow import fields, validate

from campo.errors import N_

TOO_LONG = N_("This text is too long.")
NOT_ALLOWED = N_("This is not one of the allowed values.")
TOO_MANY = N_("There are too many items.")
TOO_FEW = N_("At least one item is required.")
OUT_OF_RANGE = N_("This number is out of range.")
# Every integer column is a 32-bit INTEGER; a larger number can only be a mistake or an attack.
MAX_INT = 2**31 - 1


def text(max_length: int, **kwargs: Any) -> fields.String:
    return fields.String(validate=validate.Length(max=max_length, error=TOO_LONG), **kwargs)


def choice(values: Iterable[str], **kwargs: Any) -> fields.String:
    allowed = tuple(values)
    kwargs.setdefault("metadata", {})["enum"] = list(allowed)
    return fields.String(validate=validate.OneOf(allowed, error=NOT_ALLOWED), **kwargs)


def integer(
    minimum: int = 1, maximum: int = MAX_INT, *, strict: bool = True, **kwargs: Any
) -> fields.Integer:
    """An integer within ``minimum``..``maximum``; JSON bodies are strict (no "3", no 2.0).

    Query strings are text, so their integers are parsed with ``strict=False``.
    """
    return fields.Integer(
        strict=strict,
        validate=validate.Range(min=minimum, max=maximum, error=OUT_OF_RANGE),
        **kwargs,
    )


def bounded_list(
    inner: fields.Field, *, max_items: int, min_items: int = 0, **kwargs: Any
) -> fields.List:
    validators = [validate.Length(max=max_items, error=TOO_MANY)]
    if min_items:
        validators.append(validate.Length(min=min_items, error=TOO_FEW))
    return fields.List(inner, validate=validators, **kwargs)
