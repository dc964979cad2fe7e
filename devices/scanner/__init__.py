"""Scanners and document cameras, and the imaging pipeline."""
