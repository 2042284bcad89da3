"""Code lists of the history records, with English labels marked for translation.

Enrollment types are the CEDS/MSIX codes; grade levels follow MSIX practice (the exact MSIX list
is not published in our sources, so it is kept here where a state can correct it); terms and
service types are CEDS's; proficiency follows California's four achievement levels.
"""

from __future__ import annotations

from campo.errors import N_

ENROLLMENT_TYPES = {
    "01": N_("Basic school program"),
    "02": N_("Regular-term MEP-funded project"),
    "03": N_("Summer/intersession MEP-funded project"),
    "04": N_("Year-round MEP-funded project"),
    "05": N_("Basic school program and regular-term MEP-funded project"),
    "06": N_("Residency only"),
}

GRADES = {
    "P0": N_("Infant or toddler"),
    "PK": N_("Prekindergarten"),
    "TK": N_("Transitional kindergarten"),
    "KG": N_("Kindergarten"),
    **{f"{n:02d}": N_("Grade %(grade)s") for n in range(1, 13)},
    "UG": N_("Ungraded"),
    "OS": N_("Out-of-school youth"),
}

TERMS = {
    "regular": N_("Regular school year"),
    "summer": N_("Summer"),
    "intersession": N_("Intersession"),
}
# The terms whose services make a child count in Category 2.
SUMMER_TERMS = ("summer", "intersession")

SERVICE_TYPES = {
    "instructional": N_("Instructional service"),
    "reading": N_("Reading instruction"),
    "mathematics": N_("Mathematics instruction"),
    "high_school_accrual": N_("High school credit accrual"),
    "counseling": N_("Counseling"),
    "referral": N_("Referral"),
    "support": N_("Support service"),
}

CONTINUATION_REASONS = {
    "01": N_("Ceased to be migratory during the school term"),
    "02": N_("Ceased to be migratory in the previous term; no comparable services available"),
    "03": N_("Formerly migratory secondary student continuing credit accrual"),
}

MEDICAL_ALERTS = {
    "chronic": N_("Chronic"),
    "acute": N_("Acute"),
    "none": N_("None"),
}

# Academic status indicators a region records; each is a reason for Priority for Services
# except where noted in reports.pfs.
ACADEMIC_INDICATORS = {
    "assessment_not_met": N_("State assessment standard not met"),
    "dropped_out": N_("Dropped out of school"),
    "grade_retention": N_("Retained in grade"),
    "over_age": N_("Over age for grade"),
    "credit_deficient": N_("Behind in credits toward graduation"),
    "course_failure": N_("Failed a core course"),
}

COURSE_TERMS = {
    "full_year": N_("Full year"),
    "semester1": N_("First semester"),
    "semester2": N_("Second semester"),
    "trimester1": N_("First trimester"),
    "trimester2": N_("Second trimester"),
    "trimester3": N_("Third trimester"),
    "quarter1": N_("First quarter"),
    "quarter2": N_("Second quarter"),
    "quarter3": N_("Third quarter"),
    "quarter4": N_("Fourth quarter"),
    "summer": N_("Summer"),
    "intersession": N_("Intersession"),
}

PROFICIENCY = {
    "exceeded": N_("Standard exceeded"),
    "met": N_("Standard met"),
    "nearly_met": N_("Standard nearly met"),
    "not_met": N_("Standard not met"),
}
# Results that count as "not meeting the state's standards" for Priority for Services.
BELOW_STANDARD = ("nearly_met", "not_met")
