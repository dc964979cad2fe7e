"""The form renderer: a form definition (kiosk.forms) turned into touch-friendly rows."""
