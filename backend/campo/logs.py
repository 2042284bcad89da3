"""Logs without personal data. No Flask.

What a log line may hold: codes, statuses, ids, field names, the shape of a failure. What it may
not: names, birth dates, addresses, statewide numbers, anything a family told a recruiter. Two
places let such values slip in, and both are closed here:

- exception messages (``ValueError("bad date 'Ramírez'")``, a driver's "Key (name)=(...)
  already exists"): a logged exception keeps its type and where it happened, never its message;
- request lines with query strings (``GET /api/v1/coes?q=Ramírez``): the query is cut off.

SQL parameters never reach exception messages either (``hide_parameters`` in campo.db).
"""

from __future__ import annotations

import logging
import re
import traceback
from types import TracebackType

# The loggers whose records are written by our code or describe our requests.
REDACTED_LOGGERS = ("campo", "werkzeug", "gunicorn.access", "gunicorn.error")
_QUERY = re.compile(r"(\s/[^\s?]*)\?[^\s]*")


def redacted_traceback(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> str:
    """The traceback's frames and the exception types, without any exception's message."""
    lines = ["Traceback (most recent call last, messages withheld):"]
    for frame in traceback.extract_tb(trace):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
    causes = []
    cause = error.__cause__ or error.__context__
    while cause is not None and len(causes) < 5:
        causes.append(type(cause).__qualname__)
        cause = cause.__cause__ or cause.__context__
    lines.append(kind.__qualname__ + (f" (from {' <- '.join(causes)})" if causes else ""))
    return "\n".join(lines)


def without_query(text: str) -> str:
    return _QUERY.sub(r"\1?…", text)


class RedactingFilter(logging.Filter):
    """Withhold exception messages and query strings from a logger's records."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redacted_traceback(*record.exc_info)  # type: ignore[arg-type]
            record.exc_info = None
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(
                without_query(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        if isinstance(record.msg, str):
            record.msg = without_query(record.msg)
        return True


def get_logger(name: str) -> logging.Logger:
    """A logger whose records are redacted (use it instead of logging.getLogger in campo)."""
    logger = logging.getLogger(name)
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
    return logger


def install() -> None:
    """Redact the framework's and the server's loggers too (request lines, error logs)."""
    for name in REDACTED_LOGGERS:
        get_logger(name)
