"""Sub-commands of ``kiosk`` that features add; each module exposes ``register(sub)``."""
