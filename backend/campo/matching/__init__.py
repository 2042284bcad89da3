"""Duplicate checking of children: the same child through every spelling, never a sibling.

This domain owns the identity of a child as the duplicate check sees it (``identity``), the
normalisation of names, dates and places for the families the program serves (``normalize``),
the blocking keys that let the database find candidates with an index lookup (``keys``), the
Fellegi-Sunter scoring of a candidate with a per-field explanation (``score``) and the ranking of
candidates (``rank``). Those modules are plain Python (no Flask, no database); storing keys,
querying candidates and recording decisions live in ``services``, ``models`` and ``resources``.
"""
