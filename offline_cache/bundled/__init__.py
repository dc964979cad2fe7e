"""Data shipped with the kiosk: form definitions, their meta-schema, the Mianyang divisions."""
