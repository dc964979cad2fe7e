"""ESC/POS receipt printers."""
