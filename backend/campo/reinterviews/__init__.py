"""Re-interview quality control (34 CFR 200.89(b)): reproducible random samples of eligible
children, independent re-interviewers, their outcomes, and the defect rate with its interval.

``sampling`` and ``stats`` are pure Python; ``services`` holds the rules of office.
"""
