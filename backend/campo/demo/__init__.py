"""Demo data: California's migrant regions, one account per role, a few families."""
