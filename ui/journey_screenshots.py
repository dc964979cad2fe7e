"""Put the application screens into a telling state for ``kiosk screenshot`` (demo data only).

Nothing is stored: the receipt shot shows a receipt made up from demo values, so taking a
screenshot never writes an application into the terminal's outbox.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.applications import FinalizedApplication
from kiosk.form_validation import FieldError
from kiosk.journey import JourneyStep
from kiosk.receipt_number import format_receipt_number, local_day
from kiosk.receipt_step import PrinterReadiness, ReceiptDelivery, ReceiptParts, build_receipt
from kiosk.service_offers import demo_offers
from ui.capture.screenshot import stage_capture_screenshot
from ui.journey_flow import JourneyFlow
from ui.router import ScreenName

# Extra shots: the receipt as shown when the printer failed.
EXTRA_SHOTS = {"receipt-on-screen": ScreenName.RECEIPT}
JOURNEY_SHOTS = {"form", "materials", "review", "consent", "receipt", "receipt-on-screen"}

_ANSWERS = {
    "contact.phone": "13800000000",
    "contact.current_address": {"county": "510703", "town": "510703001", "detail": "演示路1号"},
    "matter.matter_type": "hukou_transfer",
    "matter.marital_status": "unmarried",
    "matter.move_reason": "work",
}


def prepare_journey_screenshot(flow: JourneyFlow, name: str) -> None:
    """Fill the journey with demo answers up to the screen ``name`` and show it."""
    if name == ScreenName.CAPTURE:
        stage_capture_screenshot(flow.capture_screen)
        return
    if name not in JOURNEY_SHOTS:
        return
    offer = demo_offers()[0]
    flow.start(offer)
    journey = flow.journey
    assert journey is not None
    draft = journey.draft
    for path, value in _ANSWERS.items():
        if name != "form" or path != "matter.move_reason":
            draft.set_value(path, value)
    flow.form.load(draft, offer.name)
    if name == "form":
        # Show what a live check looks like: the transfer's destination is still missing.
        flow.form.show_errors(
            [e for e in journey.form_errors() if e.path == "matter.move_to"]
            or [FieldError("matter.move_to", "required", _missing())]
        )
        flow.form.scroll.verticalScrollBar().setValue(420)
        return
    draft.set_value(
        "matter.move_to", {"county": "510722", "town": "510722101", "detail": "新村2组"}
    )
    flow.form_done()
    flow.capture_provider_pages()
    if name == "materials":
        flow.router.go(ScreenName.MATERIALS)
        return
    flow.materials_done()
    if name == "review":
        return
    flow.review_done()
    if name == "consent":
        flow.consent.set_printer(PrinterReadiness.PAPER_OUT)
        flow.consent.agree.setChecked(True)
        flow.consent.pad.add_stroke([(80, 190), (180, 100), (280, 200), (400, 90), (540, 180)])
        return
    now = datetime.now(UTC)
    number = format_receipt_number(flow.settings.terminal.id, local_day(now), 1)
    pages = {m.code: len(journey.pages(m.code)) for m in offer.materials}
    finalized = FinalizedApplication("00000000-0000-7000-8000-000000000000", number, now, pages)
    identity = journey.applicant.identity if journey.applicant is not None else None
    assert identity is not None
    receipt = build_receipt(
        flow.settings,
        ReceiptParts(offer, finalized, identity.name, identity.number, dict(draft.data), []),
    )
    journey.step = JourneyStep.FINALIZED
    delivery = ReceiptDelivery.ON_SCREEN if name == "receipt-on-screen" else ReceiptDelivery.PRINTED
    printer = flow.settings.devices.printer
    flow.receipt.show_receipt(receipt, delivery, printer.chars_per_line if printer else 48)
    flow.router.go(ScreenName.RECEIPT)


def _missing():  # type: ignore[no-untyped-def]
    from kiosk.forms import Text

    return Text("请填写迁入地址", "Destination address: please fill this in")
