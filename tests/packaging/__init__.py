"""Checks of the Debian package: build, install, upgrade, remove, purge, lintian, the guide."""
