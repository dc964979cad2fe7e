"""Ending a session, for any reason, leaves nothing of the resident behind."""

from __future__ import annotations

import logging

import pytest

from config.schema import Language, SessionSettings, UiSettings
from kiosk.session import EndReason, SessionKeeper

CANARY_NAME = "欧阳测试"
CANARY_ID = "11010519491231002X"


@pytest.mark.parametrize("reason", list(EndReason))
def test_every_end_reason_wipes_identity_form_captures_jobs_and_choices(reason: EndReason) -> None:
    k = SessionKeeper(UiSettings(large_text_default=False), SessionSettings())
    s = k.current
    s.identity = {"name": CANARY_NAME, "id_number": CANARY_ID}
    s.form_data.update(name=CANARY_NAME, id_number=CANARY_ID)
    s.print_jobs.append(CANARY_NAME.encode("gb18030"))
    s.language = Language.EN
    s.large_text = True
    capture = s.temp_dir() / "page-1.jpg"
    capture.write_bytes(b"\xff\xd8 scanned household register")

    k.end(reason)

    assert s.identity is None
    assert s.form_data == {}
    assert s.print_jobs == []
    assert not capture.exists()
    assert not capture.parent.exists()
    assert (s.language, s.large_text) == (Language.ZH, False)


def test_captures_go_to_a_private_folder_in_memory() -> None:
    k = SessionKeeper(UiSettings(), SessionSettings())
    folder = k.current.temp_dir()
    try:
        assert folder.stat().st_mode & 0o077 == 0
        assert str(folder).startswith("/dev/shm/")
    finally:
        k.end(EndReason.FINISHED)


def test_registered_personal_values_are_masked_only_while_the_session_lasts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from kiosk.redaction import redact

    k = SessionKeeper(UiSettings(), SessionSettings())
    k.current.remember_sensitive(CANARY_NAME)
    assert CANARY_NAME not in redact(f"applicant {CANARY_NAME} at counter 3")
    with caplog.at_level(logging.INFO):
        k.end(EndReason.START_OVER)
    assert CANARY_NAME in redact(f"applicant {CANARY_NAME}")
    assert "start_over" in caplog.records[-1].__dict__["reason"]
