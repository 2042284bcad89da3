"""The student locator: find a child anywhere in the state, showing other regions only what is
needed to reach the child's records (name, birth date, region and its contact, end of
eligibility)."""
