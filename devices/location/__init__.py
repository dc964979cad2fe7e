"""Location receivers: where a mobile service unit is (a GPS on a serial port)."""
