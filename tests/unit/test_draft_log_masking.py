"""A draft masks the resident's own values in log lines, but not the codes shared by everyone
(sex, nation): masking the nation code "01" (汉) once mangled every application id."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from config.schema import Language
from kiosk.applications import Draft
from kiosk.forms import Prefill, load_forms
from kiosk.redaction import clear_session_values, redact
from kiosk.session import Session
from kiosk.uuid7 import uuid7
from tests.form_samples import DEMO_IDENTITY


@pytest.fixture(autouse=True)
def _no_session_values() -> Iterator[None]:
    clear_session_values()
    yield
    clear_session_values()


def test_application_ids_survive_a_han_resident_s_session() -> None:
    identity = dict(DEMO_IDENTITY, **{Prefill.NATION: "01", Prefill.SEX: "1"})
    session = Session(language=Language.ZH, large_text=False)
    Draft(session, load_forms().forms["person-general"], "510700-000-XK-0001", identity)
    application_id = str(uuid7())
    assert application_id.startswith("01")
    line = f"application {application_id} finalized for {identity[Prefill.NAME]}"
    masked = redact(line)
    assert application_id in masked
    assert identity[Prefill.NAME] not in masked
    assert identity[Prefill.ID_NUMBER] not in redact(f"number {identity[Prefill.ID_NUMBER]}")
