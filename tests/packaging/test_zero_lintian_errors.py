"""lintian finds no errors in the package (warnings are allowed; overrides say why)."""

from __future__ import annotations

import pytest

from tests.fixtures.stacks import need_program
from tests.packaging.conftest import Debs

# The first packaging test also pays for the build (1-3 minutes).
pytestmark = [pytest.mark.packaging, pytest.mark.timeout(900)]


def test_lintian_reports_no_errors(debs: Debs) -> None:
    need_program("lintian", "lintian")
    assert debs.lintian is not None
    # Started in the background by the build fixture; a 1 GB venv takes it a few minutes.
    debs.lintian.wait(timeout=900)
    report = debs.lintian_output.read_text(errors="replace").splitlines()
    errors = [line for line in report if line.startswith("E: ")]
    # Exit 2 is lintian itself failing, not a finding.
    assert debs.lintian.returncode != 2, "\n".join(report[-20:])
    assert not errors, "\n".join(errors[:50])
