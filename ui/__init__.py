"""PySide6 front end: main window, screens, widgets, theme, translations, speech."""
