"""Test set-up shared by every test: Qt offscreen by default, and the real-stack fixtures."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt: no display is needed unless a test asks for Xvfb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="kiosk-test-cache-"))
os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="kiosk-test-runtime-"))

pytest_plugins = [
    "tests.fixtures.settings",
    "tests.fixtures.pcsc",
    "tests.fixtures.sane",
    "tests.fixtures.printer",
    "tests.fixtures.platform",
    "tests.fixtures.xvfb",
    "tests.fixtures.speech",
    "tests.fixtures.offline_store",
    "tests.fixtures.catalog",
    "tests.fixtures.card_reading",
    "tests.fixtures.sam_reader",
    "tests.fixtures.imaging",
    "tests.fixtures.sync",
]
