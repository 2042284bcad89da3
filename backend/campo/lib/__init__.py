"""Small helpers shared by several domains; Flask-free."""
