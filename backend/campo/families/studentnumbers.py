"""Statewide student numbers: a state prefix, ten serial digits and a Damm check digit.

The Damm check digit catches every single-digit typo and every swap of two adjacent digits,
the two mistakes people make when they copy a number from paper. ``CA00000000013`` is
written for people as ``CA-0000000001-3``; both forms (and lower case, spaces) are accepted.
"""

from __future__ import annotations

import re

SERIAL_DIGITS = 10

# The quasigroup of order 10 from H. Michael Damm (2004), as published.
_DAMM_TABLE = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

_SEPARATORS = re.compile(r"[\s\-.]+")


class StudentNumberError(ValueError):
    """The text is not a well-formed statewide number, or its check digit is wrong."""


def damm_check_digit(digits: str) -> int:
    """Return the Damm check digit of a string of decimal digits."""
    interim = 0
    for char in digits:
        interim = _DAMM_TABLE[interim][int(char)]
    return interim


def make_student_number(state_code: str, serial: int) -> str:
    """Return the canonical number for ``serial`` (1, 2, ...) in ``state_code``."""
    if not 0 < serial < 10**SERIAL_DIGITS:
        raise ValueError(f"serial out of range: {serial}")
    digits = f"{serial:0{SERIAL_DIGITS}d}"
    return f"{state_code.upper()}{digits}{damm_check_digit(digits)}"


def parse_student_number(text: str, state_code: str) -> str:
    """Return the canonical form of ``text``, or raise StudentNumberError."""
    compact = _SEPARATORS.sub("", text or "").upper()
    prefix = state_code.upper()
    body = compact[len(prefix) :]
    if (
        not compact.startswith(prefix)
        or len(body) != SERIAL_DIGITS + 1
        or not body.isascii()
        or not body.isdigit()
    ):
        raise StudentNumberError(text)
    if damm_check_digit(body) != 0:
        raise StudentNumberError(text)
    return compact


def format_student_number(number: str, state_code: str) -> str:
    """Return the number grouped for people to read aloud and copy: ``CA-0000000001-3``."""
    prefix = state_code.upper()
    body = number[len(prefix) :]
    return f"{prefix}-{body[:-1]}-{body[-1]}"
