"""Profiles shipped with the package: hall, mobile-unit, demo (TOML files)."""
