"""Card readers: PC/SC, SAM ID-card readers, simulators."""
