"""The JSON Schema of the consent record stored with every application (kiosk.consent)."""
