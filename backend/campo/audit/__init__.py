"""Audit: an append-only record of every read of a child's record, every change and decision."""
