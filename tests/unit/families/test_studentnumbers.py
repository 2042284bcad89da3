"""Statewide student numbers catch the typos people make."""

from __future__ import annotations

import pytest

from campo.families.studentnumbers import (
    StudentNumberError,
    damm_check_digit,
    format_student_number,
    make_student_number,
    parse_student_number,
)


@pytest.mark.parametrize(("digits", "check"), [("572", 4), ("0000000001", 3), ("1234567890", 6)])
def test_damm_check_digit_known_values(digits, check):
    # 572 -> 4 is the worked example in Damm's description of the algorithm.
    assert damm_check_digit(digits) == check


def test_make_parse_and_format_round_trip():
    number = make_student_number("CA", 1)
    assert number == "CA00000000013"
    assert format_student_number(number, "CA") == "CA-0000000001-3"
    for written in ("CA00000000013", "ca-0000000001-3", " CA 0000000001 3 ", "CA.0000000001.3"):
        assert parse_student_number(written, "CA") == number


def test_every_single_digit_typo_and_adjacent_swap_is_caught():
    number = make_student_number("CA", 4_070_215)
    body = number[2:]
    for position in range(len(body)):
        for digit in "0123456789":
            if digit != body[position]:
                typo = body[:position] + digit + body[position + 1 :]
                with pytest.raises(StudentNumberError):
                    parse_student_number("CA" + typo, "CA")
    for position in range(len(body) - 1):
        if body[position] != body[position + 1]:
            swapped = body[:position] + body[position + 1] + body[position] + body[position + 2 :]
            with pytest.raises(StudentNumberError):
                parse_student_number("CA" + swapped, "CA")


@pytest.mark.parametrize(
    "text",
    ["", "CA", "CA0000000001", "TX00000000013", "CA000000000013", "CA٠٠٠٠٠٠٠٠٠١٣", "CA00000000O13"],
)
def test_malformed_numbers_are_refused(text):
    with pytest.raises(StudentNumberError):
        parse_student_number(text, "CA")


def test_serials_out_of_range():
    for serial in (0, -1, 10**10):
        with pytest.raises(ValueError, match="serial"):
            make_student_number("CA", serial)
