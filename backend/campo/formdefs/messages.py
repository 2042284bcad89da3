"""English source messages for field problems (translated through the catalogue)."""

from __future__ import annotations

from campo.errors import N_
from campo.formdefs import answers

FIELD_MESSAGES: dict[str, str] = {
    answers.UNKNOWN: N_("This answer is not part of the form."),
    answers.REQUIRED: N_("This answer is required."),
    answers.NOT_TEXT: N_("This answer must be text."),
    answers.TOO_LONG: N_("This text is too long."),
    answers.BAD_FORMAT: N_("This answer is not in the expected format."),
    answers.NOT_DATE: N_("This is not a valid date."),
    answers.NOT_BOOLEAN: N_("Answer yes or no."),
    answers.NOT_IN_LIST: N_("This is not one of the allowed values."),
    answers.NOT_OBJECT: N_("This part of the form is not in the expected shape."),
    answers.NOT_LIST: N_("This list is not in the expected shape."),
    answers.TOO_FEW: N_("List at least one child."),
    answers.TOO_MANY: N_("There are too many items."),
}
