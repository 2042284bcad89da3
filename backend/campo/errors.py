"""The catalogue of stable error codes and the domain exception that carries them.

Clients (the PWA above all) switch on ``code``, never on the message. Codes are never reused;
a retired code stays here, commented out, with the date it was retired. Messages are English
source strings marked with ``N_`` and translated when the response is built (see api.py).
This module imports no Flask so services can raise these errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional no-op marker name
    """Mark a message for extraction; it is translated later, where the locale is known."""
    return message


# A message: an English source string for the catalogue, or {"en": ..., "es": ...} from a form.
Message = str | dict[str, str]


@dataclass(frozen=True)
class ErrorCode:
    code: str
    status: int
    message: str


def _code(code: str, status: int, message: str) -> ErrorCode:
    return ErrorCode(code, status, message)


# -- request shape ------------------------------------------------------------------------
# The body is not valid JSON.
MALFORMED_JSON = _code("request.malformed_json", 400, N_("The request body is not valid JSON."))
# One or more fields are missing, unknown or of the wrong type; see "fields".
INVALID_INPUT = _code("request.invalid", 422, N_("Some fields are missing or not valid."))
# The body exceeds MAX_CONTENT_LENGTH.
TOO_LARGE = _code("request.too_large", 413, N_("The request is too large."))
# No such URL.
NOT_FOUND = _code("request.not_found", 404, N_("Nothing was found at this address."))
# The URL exists but not for this HTTP method.
METHOD_NOT_ALLOWED = _code(
    "request.method_not_allowed", 405, N_("This action is not allowed at this address.")
)
# Any other client error werkzeug raises (e.g. 415).
BAD_REQUEST = _code("request.bad", 400, N_("The request could not be understood."))

# -- authentication and permission --------------------------------------------------------
# Username or password wrong, or the account is disabled (not told apart, on purpose).
INVALID_CREDENTIALS = _code(
    "auth.invalid_credentials", 401, N_("The username or password is not correct.")
)
# Too many failed sign-ins for one account: it waits, even for the right password.
ACCOUNT_LOCKED = _code(
    "auth.account_locked",
    429,
    N_(
        "Too many failed sign-ins for this account. Try again in %(minutes)s minutes, "
        "or call your regional office."
    ),
)
# Too many failed sign-ins from one address, whatever the usernames.
LOGIN_RATE_LIMITED = _code(
    "auth.rate_limited",
    429,
    N_("Too many sign-in attempts from this device. Try again in %(minutes)s minutes."),
)
# A 422, not a 401: the sign-in itself is fine, only the password typed to confirm is not.
WRONG_PASSWORD = _code("auth.wrong_password", 422, N_("The current password is not correct."))
PASSWORD_TOO_WEAK = _code("auth.password_too_weak", 422, N_("The new password cannot be used."))
# A token revoked by signing out, or issued before the password changed.
TOKEN_REVOKED = _code(
    "auth.token_revoked", 401, N_("This sign-in has ended. Please sign in again.")
)
# No Authorization header.
TOKEN_MISSING = _code("auth.token_missing", 401, N_("Please sign in to continue."))
# The token is malformed, has a bad signature, or is of the wrong type.
TOKEN_INVALID = _code(
    "auth.token_invalid", 401, N_("Your session is not valid. Please sign in again.")
)
# The token has expired; the client should refresh it.
TOKEN_EXPIRED = _code(
    "auth.token_expired", 401, N_("Your session has expired. Please sign in again.")
)
# The account behind a valid token was disabled or deleted.
ACCOUNT_DISABLED = _code("auth.account_disabled", 401, N_("This account is not active."))
# The user's role may not do this.
FORBIDDEN = _code("auth.forbidden", 403, N_("Your role does not allow this action."))

# -- COEs ---------------------------------------------------------------------------------
# No COE with this id that the caller may see (other regions' COEs are reported the same way).
COE_NOT_FOUND = _code("coe.not_found", 404, N_("This certificate of eligibility was not found."))
# The body names a base_version that is not the stored one: someone else changed the COE.
COE_VERSION_CONFLICT = _code(
    "coe.version_conflict",
    409,
    N_("This certificate was changed elsewhere. Reload it before saving again."),
)
# A different body was sent for a COE that can no longer be edited (submitted or decided).
COE_NOT_EDITABLE = _code(
    "coe.not_editable", 409, N_("This certificate can no longer be changed in its current status.")
)
# Only the recruiter who wrote the COE may change or submit it.
COE_NOT_OWNER = _code(
    "coe.not_owner", 403, N_("Only the recruiter who wrote this certificate can change it.")
)
# Submit asked of a COE that is not a draft or a returned COE.
COE_NOT_SUBMITTABLE = _code(
    "coe.not_submittable", 409, N_("This certificate cannot be submitted in its current status.")
)
# Submit asked of a COE with required answers missing or wrong, or an eligibility rule failed;
# see "fields" (messages per answer) and "problems" (one coded entry per answer and per rule).
COE_INCOMPLETE = _code(
    "coe.incomplete", 422, N_("The certificate is not complete. Please correct the marked answers.")
)
# Answers that do not fit the form version they claim (wrong type, unknown field, too long).
COE_ANSWERS_INVALID = _code(
    "coe.answers_invalid",
    422,
    N_("Some answers do not fit the form. Please correct the marked answers."),
)
# The form version named is not one this server publishes.
FORM_UNKNOWN_VERSION = _code(
    "form.unknown_version", 422, N_("This version of the form is not known. Please update the app.")
)
# No published form with this id or version (GET /forms/...).
FORM_NOT_FOUND = _code("form.not_found", 404, N_("This form was not found."))
# Review asked of a COE that is not waiting for review.
COE_NOT_REVIEWABLE = _code(
    "coe.not_reviewable", 409, N_("This certificate is not waiting for review.")
)
# Nobody reviews a COE they wrote themselves.
COE_OWN_REVIEW = _code(
    "coe.own_review", 403, N_("You cannot review a certificate you wrote yourself.")
)
# Return and reject need at least one reason; "other" needs a comment.
COE_REASONS_REQUIRED = _code(
    "coe.reasons_required", 422, N_("Please give at least one reason, and a comment for “Other”.")
)

# A signature's strokes are not usable (empty, a dot, a straight line, off the pad...);
# see "fields" and "problems" (codes signature.*).
SIGNATURE_INVALID = _code(
    "signature.invalid", 422, N_("The signature could not be used. Please sign again.")
)
# At approval, a signature no longer matches the COE as stored: its content changed after
# signing. The COE must be signed again; nothing was approved.
COE_SIGNATURES_INVALID = _code(
    "coe.signatures_invalid",
    409,
    N_("A signature no longer matches this certificate. It must be signed again."),
)

# -- hand-over files (a tablet's unsent COEs, exported when it cannot sync) ----------------
HANDOVER_UNREADABLE = _code(
    "handover.unreadable",
    422,
    N_("This file is not a Campo export, or it is damaged."),
)
HANDOVER_UNKNOWN_KEY = _code(
    "handover.unknown_key",
    422,
    N_("This file was sealed for another Campo server, or with a key this server no longer has."),
)
HANDOVER_OWNER_UNKNOWN = _code(
    "handover.owner_unknown",
    422,
    N_("The recruiter who exported this file is not one of yours."),
)

# -- children and statewide numbers ------------------------------------------------------
CHILD_NOT_FOUND = _code("child.not_found", 404, N_("This child was not found."))
# The statewide student number is malformed or its check digit is wrong.
STUDENT_NUMBER_INVALID = _code(
    "student_number.invalid",
    422,
    N_("This statewide student number is not valid. Please check each digit."),
)

# Approval asked while a child on the COE has a likely or possible duplicate that nobody has
# linked to the known child or confirmed as new; see "problems".
COE_DUPLICATES_UNRESOLVED = _code(
    "coe.duplicates_unresolved",
    409,
    N_("A child on this certificate may already be known. Link or confirm each one first."),
)
# A link to a child who is neither visible to the caller nor a candidate of the COE's check.
LINK_NOT_ALLOWED = _code(
    "coe.link_not_allowed", 403, N_("This child cannot be linked to this certificate.")
)

# -- review, reopening and the regional dashboard (issue 7) ------------------------------
# Reopen asked of a COE that is not approved or rejected (only a final decision is reopened).
COE_NOT_REOPENABLE = _code(
    "coe.not_reopenable", 409, N_("Only an approved or rejected certificate can be reopened.")
)
# A reopened COE's child already has a statewide number from the earlier approval: undoing or
# changing its decision would leave that number with nobody (a number is never reissued).
COE_CHILD_NUMBERED = _code(
    "coe.child_numbered",
    409,
    N_("This child already has a statewide number from an earlier approval; it stays as it is."),
)
# Reopen needs the state admin's reason, in words.
COE_REOPEN_REASON_REQUIRED = _code(
    "coe.reopen_reason_required", 422, N_("Please say why this certificate is reopened.")
)

# -- documents ---------------------------------------------------------------------------
# The document kind is not one Campo makes (certificate, letter).
DOCUMENT_UNKNOWN = _code("document.unknown", 404, N_("There is no such document."))
# The family documents exist only for an approved COE.
DOCUMENT_NOT_AVAILABLE = _code(
    "document.not_available",
    409,
    N_("This document is available only once the certificate is approved."),
)

# -- accounts ------------------------------------------------------------------------------
USERNAME_TAKEN = _code("user.username_taken", 409, N_("This username is already in use."))
REGION_NOT_FOUND = _code("region.not_found", 422, N_("This region does not exist."))

# -- audit search and re-interviews (issue 7) -----------------------------------------------
# A period whose end comes before its start (audit search, re-interview samples).
PERIOD_INVALID = _code(
    "request.period_invalid", 422, N_("The end of the period cannot be before its start.")
)
# An audit CSV export would hold more rows than one file may; narrow the filters.
AUDIT_EXPORT_TOO_LARGE = _code(
    "audit.export_too_large",
    422,
    N_("Too many events for one file (at most %(limit)s). Please narrow the search."),
)
# No re-interview sample with this id that the caller may see.
REINTERVIEW_SAMPLE_NOT_FOUND = _code(
    "reinterview.sample_not_found", 404, N_("This re-interview sample was not found.")
)
# No re-interview with this id that the caller may see (other regions' are reported the same).
REINTERVIEW_NOT_FOUND = _code("reinterview.not_found", 404, N_("This re-interview was not found."))
# A sample needs exactly one of a rate (0 < rate <= 1) or a size (>= 1).
REINTERVIEW_SIZE_INVALID = _code(
    "reinterview.size_invalid",
    422,
    N_("Give a sampling rate or a sample size: exactly one of the two."),
)
# No approved COE of the period (and region) has a child to draw.
REINTERVIEW_POPULATION_EMPTY = _code(
    "reinterview.population_empty",
    422,
    N_("No eligible child was identified in this period: there is nothing to sample."),
)
# The proposed re-interviewer recruited or reviewed the COE: not independent of it.
REINTERVIEWER_NOT_INDEPENDENT = _code(
    "reinterview.not_independent",
    409,
    N_("This person took part in the original certificate and cannot re-interview this child."),
)
# The proposed re-interviewer is unknown, inactive, a recruiter, or of another region.
REINTERVIEWER_NOT_ALLOWED = _code(
    "reinterview.reinterviewer_not_allowed",
    422,
    N_("This person cannot re-interview children of this region."),
)
# An outcome was sent for a re-interview nobody has been assigned to yet.
REINTERVIEW_NOT_ASSIGNED = _code(
    "reinterview.not_assigned", 409, N_("Assign a re-interviewer before recording the outcome.")
)
# Only the assigned re-interviewer (or a state admin) records the outcome.
REINTERVIEW_NOT_YOURS = _code(
    "reinterview.not_yours",
    403,
    N_("Only the assigned re-interviewer or a state administrator can record this outcome."),
)
# "not_eligible" needs a reason code; the reason "other" needs notes.
REINTERVIEW_REASON_REQUIRED = _code(
    "reinterview.reason_required",
    422,
    N_("Please give the reason the child is not eligible, and a note for “Other”."),
)
# A different outcome, or a new assignment, for a re-interview whose outcome is recorded.
REINTERVIEW_OUTCOME_RECORDED = _code(
    "reinterview.outcome_recorded",
    409,
    N_("The outcome of this re-interview is already recorded."),
)
# The re-interview date is in the future or before the COE was approved.
REINTERVIEW_DATE_INVALID = _code(
    "reinterview.date_invalid",
    422,
    N_("The re-interview date cannot be in the future or before the certificate was approved."),
)

# -- the state's view: locator, child history, data quality, MSIX (issue 8, wip-locator) --
# A locator search with no criterion at all.
LOCATOR_QUERY_EMPTY = _code(
    "locator.query_empty", 422, N_("Please enter at least one thing to search for.")
)
# A locator search on a birth place or sex alone: too broad to search the whole state.
LOCATOR_QUERY_TOO_BROAD = _code(
    "locator.query_too_broad",
    422,
    N_("Please add a name, a parent's name, a birth date or a statewide number."),
)
# An MSIX file to import has errors (layout, types, lengths, codes, header totals); see
# "problems", one per line and field. Nothing was imported.
MSIX_FILE_INVALID = _code(
    "msix.file_invalid",
    422,
    N_("The MSIX file has errors, so nothing was imported. Please correct the lines listed."),
)
# Records to export do not fit the MSIX layout (e.g. a code outside its list); see "problems"
# with the child of each. No file was written.
MSIX_EXPORT_INVALID = _code(
    "msix.export_invalid",
    409,
    N_("Some records do not fit the MSIX layout, so no file was made. Please correct them."),
)
# No move notice with this id that the caller may see.
MOVE_NOTICE_NOT_FOUND = _code("move_notice.not_found", 404, N_("This move notice was not found."))
# A move notice needs a destination: another state, or another region of this state.
MOVE_NOTICE_NO_DESTINATION = _code(
    "move_notice.no_destination",
    422,
    N_("Please say where the child is moving: another state or another region."),
)

# -- history, child counts and Priority for Services (issue 8: branch wip-state) -----------
# No history record (enrollment, service, indicator, course, assessment) with this id that the
# caller may see (another region's records are reported the same way).
HISTORY_NOT_FOUND = _code("history.not_found", 404, N_("This record was not found."))
# A history record's values do not fit together (dates out of order, before the child's birth,
# a region that is not the caller's...); see "fields".
HISTORY_INVALID = _code(
    "history.invalid", 422, N_("Some values of this record are not valid. Please correct them.")
)
# The state student id (e.g. CALPADS SSID) already belongs to another child.
STATE_STUDENT_ID_TAKEN = _code(
    "history.state_student_id_taken",
    409,
    N_("This state student ID already belongs to another child."),
)
# A CSV import with at least one bad row: nothing was imported; "problems" lists every row's
# errors ({"line", "field", "code", "message"}).
HISTORY_IMPORT_INVALID = _code(
    "history.import_invalid",
    422,
    N_("The file has errors and nothing was imported. Please correct the rows listed."),
)
# The import's body is not a CSV file with a header line (or is empty, or not UTF-8).
HISTORY_IMPORT_UNREADABLE = _code(
    "history.import_unreadable",
    422,
    N_("The file could not be read as CSV with a header line."),
)
# ?period= is not two consecutive years such as 2025-2026.
REPORT_PERIOD_INVALID = _code(
    "report.period_invalid",
    422,
    N_("The period must be two consecutive years, such as 2025-2026."),
)

# -- data and server -----------------------------------------------------------------------
# A database constraint refused the change (a rare race between two writers).
DATA_CONFLICT = _code(
    "data.conflict", 409, N_("This change conflicts with data saved at the same time. Try again.")
)
# The database does not answer.
SERVICE_UNAVAILABLE = _code(
    "service.unavailable", 503, N_("The service is unavailable right now. Please try again later.")
)
# A bug: logged with its traceback, never shown.
SERVER_ERROR = _code("server.error", 500, N_("Something went wrong on our side. Please try again."))


@dataclass
class CampoError(Exception):
    """A failure the client caused or can act on, with a stable code.

    ``fields`` maps a field path (``answers.children.0.birth_date``) to messages: English source
    strings (translated through the catalogue) or {"en", "es"} texts from a form definition.
    ``problems`` lists coded entries (``{"code", "path", "severity", ...}``) for clients that
    act on each one; ``params`` fill ``%(name)s`` placeholders after translation.
    """

    error: ErrorCode
    fields: dict[str, list[Message]] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.error.code}: {self.error.message}"
