"""Test set-up shared by every test: Qt offscreen by default, and the real-stack fixtures."""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.scanner.sigpipe import ignore_sigpipe_again

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
    "tests.fixtures.gps_receiver",
    "tests.fixtures.audit",
    "tests.fixtures.staff_ca",
]


def _sigpipe_ignored() -> bool:
    for line in Path(f"/proc/{os.getpid()}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGPIPE - 1)))
    return True


@pytest.fixture(autouse=True)
def _sigpipe_stays_ignored() -> Iterator[None]:
    """A test that leaves SIGPIPE at "terminate" (python-sane does) fails here, by name, instead
    of a later test's dropped connection killing the whole run with exit 141."""
    yield
    if not _sigpipe_ignored():
        ignore_sigpipe_again()
        pytest.fail("SIGPIPE was left at its default: call ignore_sigpipe_again() after SANE")
