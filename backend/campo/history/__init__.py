"""A child's education history as the regions record it: school enrollments, MEP services,
per-child indicators (English learner, IEP, medical alert, state student id, diploma), academic
status indicators for Priority for Services, course history with credits, and assessments.

These rows are the residency and service evidence behind the child counts (``campo.reports``).
"""
