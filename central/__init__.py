"""Reference central-platform server (FastAPI), serving the published API contract."""
