"""Settings schema, TOML loader and shipped profiles. Imports nothing of ours."""
