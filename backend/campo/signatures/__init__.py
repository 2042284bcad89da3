"""Signatures: who signed which COE content, in which role, under which attestation statement."""
