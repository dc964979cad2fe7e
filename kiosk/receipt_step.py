"""The receipt step of a journey: the receipt of a finalized application, printed or shown.

Before the receipt step the printer is asked whether it can print; when it cannot (paper out,
cover open, offline, no printer) or the job does not come out, the receipt is shown on screen
large with its QR code to photograph, and the failure is logged for the technician. Printing
goes through kiosk.receipt_printing.ReceiptDesk, so a receipt is never printed twice.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from config.schema import KioskSettings
from config.secrets import load_secrets
from devices.printer.escpos_printer import PrintOutcome, ReceiptPrinter
from kiosk.applications import FinalizedApplication
from kiosk.assisted_session import AssistingStaff
from kiosk.printer_status_file import PrinterStatusFile
from kiosk.receipt import EvidenceLevel, Receipt, ReceivedMaterial, Submission, masked_applicant
from kiosk.receipt_archive import StoredReceiptArchive
from kiosk.receipt_number import CHINA_STANDARD_TIME
from kiosk.receipt_printing import ReceiptDesk
from kiosk.service_offers import Provision, ServiceOffer
from kiosk.tracking_url import tracking_url

log = logging.getLogger(__name__)

_LEVELS = {
    Provision.E_CERTIFICATE: EvidenceLevel.A,
    Provision.CARD: EvidenceLevel.B,
    Provision.CAPTURE: EvidenceLevel.C,
}
_DELIVERY = {
    "post": "邮寄送达（地址见申请表）",
    "counter": "到受理窗口领取",
}


class PrinterReadiness(StrEnum):
    """What the resident is told before the receipt step."""

    READY = "ready"
    NO_PRINTER = "no_printer"
    PAPER_OUT = "paper_out"
    UNAVAILABLE = "unavailable"  # cover open or offline


class ReceiptDelivery(StrEnum):
    """How the resident got the receipt."""

    PRINTED = "printed"
    ON_SCREEN = "on_screen"  # not printed: shown large, with the QR code to photograph


@dataclass(frozen=True)
class ReceiptParts:
    """What the journey knows that a receipt needs, besides the terminal's settings."""

    offer: ServiceOffer
    finalized: FinalizedApplication
    applicant_name: str
    applicant_id_number: str
    form_data: Mapping[str, Any]
    supplied_later: Sequence[str] = ()
    assisted_by: AssistingStaff | None = None  # 帮办代办: the staff member who assisted
    official_number: str | None = None  # the platform's number, when it answered in time


def _mac_key(settings: KioskSettings) -> bytes | None:
    try:
        secret = load_secrets(settings.storage.secrets_file.expanduser()).receipt_mac_key
    except Exception:  # an unreadable secrets file must not stop a receipt; the doctor reports it
        log.warning("secrets unreadable: receipt QR without MAC")
        return None
    return secret.get_secret_value().encode() if secret is not None else None


def build_receipt(settings: KioskSettings, parts: ReceiptParts) -> Receipt:
    """The receipt of a finalized application, applicant masked; "submitted" once numbered."""
    offer, finalized = parts.offer, parts.finalized
    materials = tuple(
        ReceivedMaterial(m.name.zh, _LEVELS[m.provision], finalized.material_pages.get(m.code, 0))
        for m in offer.materials
        if m.provision in _LEVELS
        and (m.provision is not Provision.CAPTURE or finalized.material_pages.get(m.code))
    )
    contact = parts.form_data.get("contact")
    delivery_choice = contact.get("delivery") if isinstance(contact, Mapping) else None
    extra: list[str] = []
    later = [offer.material(code).name.zh for code in parts.supplied_later]
    if later:
        extra.append("待补正材料（请按部门通知补交）：" + "、".join(later))
    counter = [m.name.zh for m in offer.materials if m.provision is Provision.COUNTER]
    if counter:
        extra.append("请携带至窗口：" + "、".join(counter))
    masked = masked_applicant(parts.applicant_name, parts.applicant_id_number)
    return Receipt(
        hall=settings.terminal.hall,
        terminal_id=settings.terminal.id,
        terminal_name=settings.terminal.name,
        service_name=offer.name.zh,
        receipt_number=finalized.receipt_number,
        issued_at=finalized.finalized_at.astimezone(CHINA_STANDARD_TIME),
        applicant_name_masked=masked["applicant_name_masked"],
        applicant_id_masked=masked["applicant_id_masked"],
        materials=materials,
        time_limit=f"{offer.promised_days}个工作日",
        delivery=_DELIVERY.get(str(delivery_choice), _DELIVERY["counter"]),
        submission=Submission.SUBMITTED if parts.official_number else Submission.QUEUED_OFFLINE,
        official_number=parts.official_number,
        tracking_url=tracking_url(
            str(settings.platform.url), finalized.receipt_number, _mac_key(settings)
        ),
        extra_lines=tuple(extra),
        assisted_by_masked=parts.assisted_by.masked() if parts.assisted_by is not None else None,
    )


class ReceiptStep:
    """Asks the printer before the receipt step and prints once; never raises for the printer."""

    def __init__(self, settings: KioskSettings) -> None:
        printer = settings.devices.printer
        self.desk = (
            ReceiptDesk(
                ReceiptPrinter(printer),
                StoredReceiptArchive(settings.storage),
                PrinterStatusFile(settings.storage.data_dir.expanduser()),
            )
            if printer is not None
            else None
        )

    def readiness(self) -> PrinterReadiness:
        """Can the receipt be printed now? (blocking: asks the printer)"""
        if self.desk is None:
            return PrinterReadiness.NO_PRINTER
        ok, status = self.desk.can_print()
        if ok:
            return PrinterReadiness.READY
        log.warning("receipt printer not ready: %s", status)
        return PrinterReadiness.PAPER_OUT if status == "paper_out" else PrinterReadiness.UNAVAILABLE

    def deliver(self, receipt: Receipt) -> ReceiptDelivery:
        """Print the receipt if the printer can; else it goes on screen (blocking)."""
        if self.desk is None:
            return ReceiptDelivery.ON_SCREEN
        ok, status = self.desk.can_print()
        if not ok:
            log.warning("receipt shown on screen: printer %s", status)
            self.desk.keep(receipt)  # a technician can still reprint it by number
            return ReceiptDelivery.ON_SCREEN
        result = self.desk.print_receipt(receipt)
        if result.outcome is PrintOutcome.PRINTED:
            return ReceiptDelivery.PRINTED
        log.warning("receipt shown on screen: print %s", result.outcome)
        return ReceiptDelivery.ON_SCREEN
