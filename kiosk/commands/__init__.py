"""CLI sub-command groups: each module offers register(sub) for kiosk/cli.py."""
