"""The state's reports: the Category 1 and 2 child counts for a performance period (with their
breakdowns and the children behind every number) and Priority for Services with the at-risk lists.

``counts`` and ``pfs`` are plain SQL over the COEs and the history tables (no Flask, no per-child
Python loops); ``services`` adds access rules and the audit trail; ``resources`` the HTTP API.
"""
