"""Hardware adapters, one sub-package per kind; each has a small Protocol in base.py."""
