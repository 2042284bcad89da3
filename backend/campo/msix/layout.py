"""The MSIX Minimum Data Elements file: its fields, their types, and its validation (pure).

One layout for export and import, documented in docs/MSIX.md: a UTF-8 CSV whose first line is
the header record (``H``), the second the names of the detail fields, and every further line a
detail record (``D``): one child and one of the child's enrollments, with the child's student,
demographic and latest qualifying-move elements repeated on each of the child's lines.

Types and lengths follow the MDE list (domain README 3.2); where the federal list leaves a code
set open ([NF] there), the set used here is named in a comment and in docs/MSIX.md.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from campo.errors import N_

HEADER_TYPE, DETAIL_TYPE = "H", "D"
MAX_STUDENTS = 40_000  # Student Record ID runs 0000001-0040000 in one file.
YES, NO = "Yes", "No"

# U.S. states, D.C. and the outlying areas MSIX exchanges with (two-letter USPS codes).
_STATE_LIST = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI"
)
STATES = frozenset(_STATE_LIST.split())
# Grade levels: the COE form's list (Ed-Fi's levels; MSIX's own list is [NF] in the domain).
GRADES = frozenset(
    "IT PS PK TK KG 01 02 03 04 05 06 07 08 09 10 11 12 UG OS".split()  # noqa: SIM905
)
# Birth date verification codes of the COE form (CEDS), 1013 included for records of others.
BIRTH_DATE_VERIFICATION = frozenset(
    "1003 1004 1005 1006 1007 1008 1009 1010 1011 1012 1013 2382 3423 3424 9999".split()  # noqa: SIM905
)
ENROLLMENT_TYPES = frozenset({"01", "02", "03", "04", "05", "06"})
RESIDENCY_ONLY = "06"


@dataclass(frozen=True)
class Field:
    """One element of a record: its name in the file, MDE name, type and length.

    ``kind``: ``text`` (up to ``length`` characters), ``digits`` (exactly ``length`` digits, or
    up to it with ``exact=False``), ``date`` (YYYYMMDD), ``timestamp`` (YYYYMMDDhhmmss, UTC),
    ``code`` (one of ``codes``).
    """

    name: str
    element: str
    kind: str
    length: int
    required: bool = False
    codes: frozenset[str] = frozenset()
    exact: bool = True


HEADER_FIELDS: tuple[Field, ...] = (
    Field("record_type", "Record type (H)", "code", 1, True, frozenset({HEADER_TYPE})),
    Field("submitting_state", "Submitting State", "code", 2, True, STATES),
    Field("submission_date", "Submission Date", "timestamp", 14, True),
    Field("total_students", "Total Students in File", "digits", 8, True),
    Field("total_records", "Total Records in File", "digits", 9, True),
    Field("begin_effective", "Beginning Effective Date", "timestamp", 14, True),
    Field("end_effective", "Ending Effective Date", "timestamp", 14, True),
)

YES_NO = frozenset({YES, NO})

DETAIL_FIELDS: tuple[Field, ...] = (
    Field("record_type", "Record type (D)", "code", 1, True, frozenset({DETAIL_TYPE})),
    # -- Student
    Field("student_record_id", "Student Record ID", "digits", 7, True),
    Field("msix_id", "MSIX Identification Number", "digits", 12),
    Field("reporting_state", "Reporting State Code", "code", 2, True, STATES),
    Field("state_student_id", "State Student Identifier", "text", 15, True),
    Field(
        "state_student_id_type",
        "State Student Identifier Type",
        "code",
        2,
        True,
        frozenset({"01", "02"}),
    ),
    Field("action_code", "Action Code", "code", 1, True, frozenset({"I", "U", "D"})),
    # -- Alternate State Student ID (one per line; the state's longitudinal id, e.g. SSID)
    Field("alternate_id", "Alternate State Student ID", "text", 15),
    Field(
        "alternate_id_type",
        "Alternate State Student ID Type",
        "code",
        2,
        codes=frozenset({"01", "02", "03"}),
    ),
    # -- Demographics
    Field("first_name", "First Name", "text", 50, True),
    Field("middle_name", "Middle Name", "text", 50),
    Field("last_name1", "Last Name 1", "text", 50, True),
    Field("last_name2", "Last Name 2", "text", 50),
    Field("suffix", "Suffix", "text", 10),
    Field("sex", "Sex", "code", 6, True, frozenset({"Female", "Male"})),
    Field("birth_date", "Birth Date", "date", 8, True),
    Field("multiple_birth", "Multiple Birth Flag", "code", 3, True, YES_NO),
    Field(
        "birth_date_verification",
        "Birth Date Verification",
        "code",
        4,
        True,
        BIRTH_DATE_VERIFICATION,
    ),
    # Campo does not record the parents' sex: parent 1 and 2 in the MDE's male/female slots.
    Field("parent1_first_name", "Male Parent First Name (parent 1)", "text", 50),
    Field("parent1_last_name", "Male Parent Last Name (parent 1)", "text", 50),
    Field("parent2_first_name", "Female Parent First Name (parent 2)", "text", 50),
    Field("parent2_last_name", "Female Parent Last Name (parent 2)", "text", 50),
    Field("parent1_phone", "Parent 1 Phone", "digits", 15, exact=False),
    # -- Qualifying Moves (the child's latest)
    Field("qm_record_id", "Qualifying Move Record ID", "digits", 3, True),
    Field("qualifying_arrival_date", "Qualifying Arrival Date", "date", 8, True),
    Field("qm_from_city", "Qualifying Move From City", "text", 30),
    Field("qm_from_state", "Qualifying Move From State", "code", 2, codes=STATES),
    Field("qm_from_country", "Qualifying Move From Country", "text", 4),
    Field("qm_to_city", "Qualifying Move To City", "text", 30, True),
    Field("qm_to_state", "Qualifying Move To State", "code", 2, True, STATES),
    Field("eligibility_expiration_date", "Eligibility Expiration Date", "date", 8, True),
    # -- Enrollments
    Field("enrollment_date", "Enrollment Date", "date", 8, True),
    Field("enrollment_type", "Enrollment Type", "code", 2, True, ENROLLMENT_TYPES),
    Field("school_or_project_name", "School or Project Name", "text", 100, True),
    Field("school_id", "School Identification Code (NCES)", "digits", 12, exact=False),
    Field("district_id", "School District ID (NCES)", "digits", 7, exact=False),
    Field("district_name", "School District", "text", 60),
    Field("grade_level", "Grade Level", "code", 2, codes=GRADES),
    Field("lep_indicator", "LEP Indicator", "code", 3, codes=YES_NO),
    Field("iep_indicator", "IEP Indicator", "code", 3, codes=YES_NO),
    Field("pfs_flag", "PFS Flag", "code", 3, codes=YES_NO),
    Field("algebra1_indicator", "Algebra 1 or Equivalent Indicator", "code", 3, codes=YES_NO),
    Field(
        "med_alert", "Med Alert Indicator", "code", 7, codes=frozenset({"Chronic", "Acute", "None"})
    ),
    Field("withdrawal_date", "Withdrawal Date", "date", 8),
    Field("residency_date", "Residency Date", "date", 8),
    Field("graduation_hse_indicator", "Graduation/HSE Indicator", "code", 3, codes=YES_NO),
    Field("graduation_hse_date", "Graduation/HSE Date", "date", 8),
    Field("enrollment_comment", "Enrollment Comment", "text", 1000),
)
DETAIL_NAMES = tuple(f.name for f in DETAIL_FIELDS)
HEADER_NAMES = tuple(f.name for f in HEADER_FIELDS)
# What identifies a student in a file: all of a student's lines carry the same values.
STUDENT_FIELDS = (
    "msix_id",
    "reporting_state",
    "state_student_id",
    "state_student_id_type",
    "action_code",
    "first_name",
    "middle_name",
    "last_name1",
    "last_name2",
    "suffix",
    "sex",
    "birth_date",
    "multiple_birth",
    "birth_date_verification",
)

# Problem codes and their messages (translated when shown).
PROBLEM_MESSAGES: Mapping[str, str] = {
    "msix.required": N_("This element is required."),
    "msix.too_long": N_("This element is longer than the layout allows."),
    "msix.not_digits": N_("This element must be digits only, of the length the layout sets."),
    "msix.not_date": N_("This date must be written YYYYMMDD and exist."),
    "msix.not_timestamp": N_("This time must be written YYYYMMDDhhmmss and exist."),
    "msix.not_in_list": N_("This code is not one the layout allows."),
    "msix.dates_out_of_order": N_("This date comes before the date it must follow."),
    "msix.needs_partner": N_("This element needs its companion element (type, or date)."),
    "msix.columns": N_("The line does not have the layout's fields in the layout's order."),
    "msix.totals": N_("The header's totals do not match the lines in the file."),
    "msix.student_differs": N_("A student's lines disagree on the student's own elements."),
    "msix.too_many_students": N_("A file holds at most 40,000 students."),
    "msix.empty": N_("The file has no header or no lines."),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: the line (1 = the header record), the field and a code."""

    line: int
    field: str
    code: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "line": self.line,
            "path": f"line.{self.line}.{self.field}",
            "severity": "error",
            "message": PROBLEM_MESSAGES[self.code],
        }


@dataclass
class MsixFile:
    """A file's header and detail records, every value as its text in the file."""

    header: dict[str, str]
    details: list[dict[str, str]] = field(default_factory=list)

    @property
    def students(self) -> int:
        return len({row.get("student_record_id") for row in self.details})


class LayoutError(ValueError):
    """A file, or rows to be written, do not fit the layout; ``problems`` says where."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the MSIX file")
        self.problems = list(problems)


# -- formatting values --------------------------------------------------------------------


def yes_no(value: bool | None) -> str:
    return "" if value is None else (YES if value else NO)


def format_date(value: date | None) -> str:
    return "" if value is None else value.strftime("%Y%m%d")


def format_timestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def parse_date(value: str) -> date | None:
    if not value:
        return None
    return datetime.strptime(value, "%Y%m%d").date()  # noqa: DTZ007 - a calendar date


def parse_timestamp(value: str) -> datetime:
    return datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


# -- validation ---------------------------------------------------------------------------

_DIGITS = re.compile(r"[0-9]+")


def _check_value(spec: Field, value: str) -> str | None:
    """The problem code of one value, or None when it fits."""
    if value == "":
        return "msix.required" if spec.required else None
    if spec.kind == "code":
        return None if value in spec.codes else "msix.not_in_list"
    if spec.kind == "text":
        return "msix.too_long" if len(value) > spec.length else None
    if spec.kind == "digits":
        fits = len(value) == spec.length if spec.exact else len(value) <= spec.length
        return None if _DIGITS.fullmatch(value) and fits else "msix.not_digits"
    # Dates and timestamps: exactly their digits (strptime alone would take "2015314").
    parse, code = (
        (parse_date, "msix.not_date")
        if spec.kind == "date"
        else (
            parse_timestamp,
            "msix.not_timestamp",
        )
    )
    if not (_DIGITS.fullmatch(value) and len(value) == spec.length):
        return code
    try:
        parse(value)
    except ValueError:
        return code
    return None


def _check_record(specs: Sequence[Field], values: Mapping[str, str], line: int) -> list[Problem]:
    problems = []
    for spec in specs:
        code = _check_value(spec, values.get(spec.name, ""))
        if code:
            problems.append(Problem(line, spec.name, code))
    return problems


def _dates_in_order(
    values: Mapping[str, str], line: int, earlier: str, later: str, *, strictly: bool = False
) -> list[Problem]:
    try:
        first, second = parse_date(values.get(earlier, "")), parse_date(values.get(later, ""))
    except ValueError:
        return []  # already reported as a bad date
    if first and second and (second < first or (strictly and second == first)):
        return [Problem(line, later, "msix.dates_out_of_order")]
    return []


def validate_detail(values: Mapping[str, str], line: int) -> list[Problem]:
    """Every problem of one detail record: each value, then the rules across its values."""
    problems = _check_record(DETAIL_FIELDS, values, line)
    problems += _dates_in_order(values, line, "birth_date", "qualifying_arrival_date")
    problems += _dates_in_order(
        values, line, "qualifying_arrival_date", "eligibility_expiration_date", strictly=True
    )
    problems += _dates_in_order(values, line, "enrollment_date", "withdrawal_date")
    for value_name, partner in (
        ("alternate_id", "alternate_id_type"),
        ("alternate_id_type", "alternate_id"),
        ("graduation_hse_date", "graduation_hse_indicator"),
    ):
        if values.get(value_name) and not values.get(partner):
            problems.append(Problem(line, partner, "msix.needs_partner"))
    if values.get("graduation_hse_indicator") == YES and not values.get("graduation_hse_date"):
        problems.append(Problem(line, "graduation_hse_date", "msix.needs_partner"))
    return problems


def validate_file(msix: MsixFile) -> list[Problem]:
    """Every problem of a whole file: header, each line, totals and each student's lines."""
    problems = _check_record(HEADER_FIELDS, msix.header, 1)
    header = msix.header
    if not problems and parse_timestamp(header["end_effective"]) <= parse_timestamp(
        header["begin_effective"]
    ):
        problems.append(Problem(1, "end_effective", "msix.dates_out_of_order"))
    students: dict[str, dict[str, str]] = {}
    for index, values in enumerate(msix.details):
        line = index + 3  # after the header record and the field names
        problems += validate_detail(values, line)
        key = values.get("student_record_id", "")
        first = students.setdefault(key, values)
        differing = [name for name in STUDENT_FIELDS if values.get(name) != first.get(name)]
        if differing:
            problems.append(Problem(line, differing[0], "msix.student_differs"))
    if len(students) > MAX_STUDENTS:
        problems.append(Problem(1, "total_students", "msix.too_many_students"))
    if header.get("total_students", "").isdigit() and int(header["total_students"]) != len(
        students
    ):
        problems.append(Problem(1, "total_students", "msix.totals"))
    if header.get("total_records", "").isdigit() and int(header["total_records"]) != len(
        msix.details
    ):
        problems.append(Problem(1, "total_records", "msix.totals"))
    return problems


# -- reading and writing ------------------------------------------------------------------


def write_file(msix: MsixFile) -> str:
    """The file's text; refuses (LayoutError) anything that does not validate."""
    problems = validate_file(msix)
    if problems:
        raise LayoutError(problems)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([msix.header[name] for name in HEADER_NAMES])
    writer.writerow(DETAIL_NAMES)
    for values in msix.details:
        writer.writerow([values.get(name, "") for name in DETAIL_NAMES])
    return out.getvalue()


def read_file(text: str) -> MsixFile:
    """Parse a file and validate it whole; LayoutError lists every problem, line by line."""
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    lines = [row for row in lines if row != []]
    if len(lines) < 2:
        raise LayoutError([Problem(1, "record_type", "msix.empty")])
    header_row, names, *rows = lines
    problems: list[Problem] = []
    if len(header_row) != len(HEADER_NAMES):
        problems.append(Problem(1, "record_type", "msix.columns"))
    if tuple(names) != DETAIL_NAMES:
        problems.append(Problem(2, "record_type", "msix.columns"))
    if problems:
        raise LayoutError(problems)
    msix = MsixFile(header=dict(zip(HEADER_NAMES, header_row, strict=True)))
    for index, row in enumerate(rows):
        if len(row) != len(DETAIL_NAMES):
            problems.append(Problem(index + 3, "record_type", "msix.columns"))
            msix.details.append({})
            continue
        msix.details.append(dict(zip(DETAIL_NAMES, row, strict=True)))
    broken = {p.line for p in problems}
    problems += [p for p in validate_file(msix) if p.line not in broken]
    if problems:
        raise LayoutError(sorted(problems, key=lambda p: p.line))
    return msix


def element_table() -> Iterable[tuple[str, str, str, int, bool]]:
    """(name, MDE element, kind, length, required) of every detail field, for the docs."""
    return ((f.name, f.element, f.kind, f.length, f.required) for f in DETAIL_FIELDS)
