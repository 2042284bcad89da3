"""The child's whole history in one view, for a school or recruiter when the child arrives:
COEs and eligibility periods, enrollments, services, courses and credits, assessments, the
flags a school needs, the state's ids, and other states' records from MSIX; as JSON and as a
printable PDF in English or Spanish."""
