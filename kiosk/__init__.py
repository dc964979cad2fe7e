"""The core of OneWindow Kiosk: journeys, sessions, identity rules, sync, and the `kiosk` CLI."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("onewindow-kiosk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
