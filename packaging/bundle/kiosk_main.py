"""Entry script of the PyInstaller bundle: the `kiosk` command, as the console script runs it."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
