"""`brief bench`: Brief against what users would build instead, and the service against bare FastAPI."""
