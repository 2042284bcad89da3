"""Eligibility: Certificates of Eligibility (COEs), their life from draft to decision."""
