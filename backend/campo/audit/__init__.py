"""Audit: an append-only record of every read of a child's record, every change and decision.

Importing the package registers the hash chain's session hooks (audit/chain.py).
"""

from campo.audit import chain as chain
