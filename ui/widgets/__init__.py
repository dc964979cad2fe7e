"""Widgets shared by the main window and the screens."""
