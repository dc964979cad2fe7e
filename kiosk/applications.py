"""Applications: the draft a resident fills in, and finalize, after which it can never be lost.

A ``Draft`` lives only in memory: its answers are the session's ``form_data``, so any end of
the session (finish, idle, card removed, start over) wipes them. Captured materials are already
encrypted in the vault; the draft only holds their references.

``finalize`` validates what would be submitted (visible fields only), assigns the UUIDv7
``application_id`` and, in the same SQLite transaction that writes the sealed application, its
outbox row and its attachment references, the receipt number (format in kiosk.receipt_number).
Then the draft is wiped. A crash at any point leaves no application or a complete one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from devices.cardreader.identity import Identity, Sex
from kiosk.form_validation import FieldError, validate_form_data
from kiosk.form_visibility import set_path, submitted_data
from kiosk.forms import FormDefinition, Prefill
from kiosk.receipt_number import format_receipt_number, local_day
from kiosk.session import Session
from kiosk.uuid7 import uuid7
from offline_cache.errors import RecordTamperedError
from offline_cache.outbox import AttachmentRow, NewApplication
from offline_cache.store import OfflineStore
from offline_cache.vault import AttachmentRef, RecordKind

log = logging.getLogger(__name__)

# Prefilled values that are codes shared by millions, not personal data (see Draft).
_SHARED_CODES = frozenset({Prefill.SEX, Prefill.NATION})

PAYLOAD_FORMAT = "onewindow-application/1"


class FormInvalidError(ValueError):
    """The draft does not validate; ``errors`` are keyed by field path."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(f"{len(errors)} field(s) need attention")
        self.errors = errors


class LockedFieldError(ValueError):
    """A field whose value the law requires to come from the card."""


class DraftClosedError(RuntimeError):
    """The draft was finalized or wiped; start a new one."""


@dataclass(frozen=True)
class CapturedMaterial:
    """A material captured at the terminal: its vault attachment and page count."""

    material_code: str
    attachment: AttachmentRef
    pages: int


def prefill_values(
    identity: Identity | None, enterprise: Mapping[str, str] | None = None
) -> dict[Prefill, str]:
    """What the card (and an enterprise identity) can fill in, by prefill source."""
    values: dict[Prefill, str] = {}
    if identity is not None:
        values[Prefill.NAME] = identity.name
        values[Prefill.ID_NUMBER] = identity.number
        sex = {Sex.MALE: "1", Sex.FEMALE: "2"}.get(identity.sex)
        if sex:
            values[Prefill.SEX] = sex
        if identity.birth_date is not None:
            values[Prefill.BIRTH_DATE] = identity.birth_date.isoformat()
        if identity.address:
            values[Prefill.ADDRESS] = identity.address
        if identity.nation:
            values[Prefill.NATION] = identity.nation
    if enterprise:
        for key in (Prefill.CREDIT_CODE, Prefill.ENTERPRISE_NAME):
            if enterprise.get(key.value):
                values[key] = enterprise[key.value]
    return {k: v for k, v in values.items() if v}


class Draft:
    """One application being filled in, bound to the session that holds its answers."""

    def __init__(
        self,
        session: Session,
        form: FormDefinition,
        service_code: str,
        prefill: Mapping[Prefill, str] | None = None,
    ) -> None:
        self._session = session
        self.form = form
        self.service_code = service_code
        self.materials: list[CapturedMaterial] = []
        self.consent: dict[str, Any] = {}
        self._prefill: dict[Prefill, str] = dict(prefill or {})
        self._locked: set[str] = set()
        self._closed = False
        # Mobile service units (帮办代办): the assisting staff member and where the unit served.
        self.assisted_by: dict[str, str] | None = None
        self.location: dict[str, Any] | None = None
        session.form_data.clear()
        # Sex and nation are shared codes ("1", "01" for 汉) that identify no one; masking
        # "01" would mangle every application id (UUIDv7s start with 01 until 2039).
        session.remember_sensitive(*(v for k, v in self._prefill.items() if k not in _SHARED_CODES))
        for _, form_field in form.top_level_fields():
            if form_field.prefill is not None and form_field.prefill in self._prefill:
                set_path(session.form_data, form_field.path, self._prefill[form_field.prefill])
                if form_field.locked:
                    self._locked.add(form_field.path)

    @property
    def data(self) -> dict[str, Any]:
        """The answers so far (everything typed, visible or not)."""
        self._check_open()
        return self._session.form_data

    def is_locked(self, path: str) -> bool:
        """True when the field shows the card's value and cannot be edited."""
        return path in self._locked

    def set_value(self, path: str, value: Any) -> None:
        """Store an answer; hidden fields keep theirs. Locked fields refuse any change."""
        self._check_open()
        if path in self._locked:
            raise LockedFieldError(f"{path} must keep the value read from the card")
        set_path(self._session.form_data, path, value)

    def add_material(self, material: CapturedMaterial) -> None:
        """Attach a captured material (already in the vault)."""
        self._check_open()
        self.materials.append(material)

    def errors(self) -> list[FieldError]:
        """What stops submission, per field, in screen order."""
        self._check_open()
        return validate_form_data(self.form, self._session.form_data)

    def wipe(self) -> None:
        """Forget the answers, identity values and material references."""
        self._session.form_data.clear()
        self._prefill.clear()
        self._locked.clear()
        self.materials.clear()
        self.consent.clear()
        self.assisted_by = None
        self.location = None
        self._closed = True

    @property
    def closed(self) -> bool:
        """True after finalize or wipe."""
        return self._closed

    def _check_open(self) -> None:
        if self._closed:
            raise DraftClosedError("this draft has been finalized or wiped")

    def identity_values(self) -> dict[str, str]:
        """The identity values this draft was prefilled with (for the sealed application)."""
        return {k.value: v for k, v in self._prefill.items()}


@dataclass(frozen=True)
class FinalizedApplication:
    """What the resident's receipt needs right after finalize."""

    application_id: str
    receipt_number: str
    finalized_at: datetime
    material_pages: dict[str, int] = field(default_factory=dict)


def finalize(
    draft: Draft, store: OfflineStore, terminal_id: str, now: datetime | None = None
) -> FinalizedApplication:
    """Validate, then write the application, outbox row and attachment refs in one transaction.

    Raises FormInvalidError (draft kept, nothing written), RecordTamperedError for a material
    missing from the vault, or a StorageUnavailableError subclass (nothing written).
    The draft is wiped only after the transaction committed.
    """
    errors = draft.errors()
    if errors:
        raise FormInvalidError(errors)
    for material in draft.materials:
        if not store.vault.has_attachment(material.attachment.attachment_id):
            raise RecordTamperedError(f"material {material.material_code} is not in the vault")
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    application_id = str(uuid7())
    payload = {
        "format": PAYLOAD_FORMAT,
        "application_id": application_id,
        "service_code": draft.service_code,
        "form_id": draft.form.form_id,
        "form_version": draft.form.version,
        "finalized_at": moment.isoformat(),
        "data": submitted_data(draft.form, draft.data),
        "identity": draft.identity_values(),
        "consent": draft.consent,
        "materials": [
            {
                "material_code": m.material_code,
                "attachment_id": m.attachment.attachment_id,
                "pages": m.pages,
                "size": m.attachment.size,
                "sha256": m.attachment.sha256,
            }
            for m in draft.materials
        ],
    }
    # Only when present, so an application made without them seals exactly as before.
    if draft.assisted_by is not None:
        payload["assisted_by"] = dict(draft.assisted_by)
    if draft.location is not None:
        payload["location"] = dict(draft.location)
    plaintext = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
    sealed = store.vault.seal(application_id, RecordKind.APPLICATION, plaintext)
    new = NewApplication(
        application_id=application_id,
        service_code=draft.service_code,
        form_id=draft.form.form_id,
        form_version=draft.form.version,
        sealed_payload=sealed,
        attachments=tuple(
            AttachmentRow(
                m.attachment.attachment_id,
                m.material_code,
                m.pages,
                m.attachment.size,
                m.attachment.sha256,
            )
            for m in draft.materials
        ),
    )
    receipt = store.outbox.insert_finalized(
        new, terminal_id, moment, local_day(moment), format_receipt_number
    )
    pages: dict[str, int] = {}
    for m in draft.materials:
        pages[m.material_code] = pages.get(m.material_code, 0) + m.pages
    draft.wipe()
    log.info("application finalized", extra={"application_id": application_id})
    return FinalizedApplication(application_id, receipt, moment, pages)


def open_application(store: OfflineStore, application_id: str) -> dict[str, Any]:
    """Decrypt a stored application into memory; RecordTamperedError if damaged."""
    sealed = store.outbox.sealed_payload(application_id)
    if sealed is None:
        raise KeyError(application_id)
    plaintext = store.vault.unseal(application_id, RecordKind.APPLICATION, sealed)
    decoded: dict[str, Any] = json.loads(plaintext)
    return decoded
