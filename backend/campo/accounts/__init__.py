"""Accounts: the state's migrant regions and the people who use Campo, with their roles."""
