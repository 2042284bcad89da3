"""Authentication (passwords, tokens) and the permission rules every endpoint applies."""
