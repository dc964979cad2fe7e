"""Submitting a journey: open the store, finalize, build and deliver the receipt (blocking).

The UI runs ``submit`` off its thread and maps a failure with ``resident_message``: a storage
failure becomes the one plain sentence residents see ("go to the counter"); the technician
finds the cause in the log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from config.schema import KioskSettings
from kiosk.assisted_session import ShiftAudit
from kiosk.consent import ConsentNotice
from kiosk.form_visibility import submitted_data
from kiosk.journey import Journey
from kiosk.receipt import Receipt
from kiosk.receipt_step import ReceiptDelivery, ReceiptParts, ReceiptStep, build_receipt
from kiosk.submission_wait import platform_number_soon
from offline_cache.errors import (
    RESIDENT_MESSAGE_EN,
    RESIDENT_MESSAGE_ZH,
    StorageUnavailableError,
)
from offline_cache.store import OfflineStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submitted:
    """A finalized application's receipt and how the resident got it."""

    receipt: Receipt
    delivery: ReceiptDelivery


def submit(
    journey: Journey,
    settings: KioskSettings,
    receipt_step: ReceiptStep,
    notice: ConsentNotice,
    signature_png: bytes,
    language: str,
) -> Submitted:
    """Finalize the journey into the outbox, give the sync engine a moment to submit it, then
    print its receipt or say it goes on screen."""
    applicant, offer = journey.applicant, journey.offer
    if applicant is None or offer is None:
        raise ValueError("nothing to submit: no applicant or service")
    form_data = submitted_data(journey.form, journey.draft.data)
    later = journey.supplied_later()
    store = OfflineStore.open(settings.storage)
    try:
        finalized = journey.finalize(store, settings.terminal.id, notice, signature_png, language)
    finally:
        store.close()
    identity = applicant.identity
    staff = journey.assisted_by
    if staff is not None:
        ShiftAudit.for_settings(settings).application_finalized(staff)
    parts = ReceiptParts(
        offer,
        finalized,
        identity.name,
        identity.number,
        form_data,
        later,
        assisted_by=staff,
        official_number=platform_number_soon(settings, finalized.application_id),
    )
    receipt = build_receipt(settings, parts)
    return Submitted(receipt, receipt_step.deliver(receipt))


def resident_message(error: BaseException, language: str) -> str:
    """What the resident is told when submitting failed (the cause goes to the log only)."""
    if isinstance(error, StorageUnavailableError):
        log.error("storage unavailable: %s (%s)", error.cause, type(error).__name__)
    else:
        log.error("submit failed: %s", type(error).__name__)
    return RESIDENT_MESSAGE_EN if language == "en" else RESIDENT_MESSAGE_ZH
