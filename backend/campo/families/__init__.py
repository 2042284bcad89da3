"""Families and children: the people a COE is about, and each child's statewide student number."""
