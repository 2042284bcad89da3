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


def text(max_length: int, **kwargs: Any) -> fields.String:
    return fields.String(validate=validate.Length(max=max_length, error=TOO_LONG), **kwargs)


def choice(values: Iterable[str], **kwargs: Any) -> fields.String:
    allowed = tuple(values)
    kwargs.setdefault("metadata", {})["enum"] = list(allowed)
    return fields.String(validate=validate.OneOf(allowed, error=NOT_ALLOWED), **kwargs)


def strict_int(
    minimum: int | None = None, maximum: int | None = None, **kwargs: Any
) -> fields.Integer:
    return fields.Integer(
        strict=True,
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
