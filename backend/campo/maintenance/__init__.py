"""Keeping the data safe over time: backups and restores (and, later, retention)."""
