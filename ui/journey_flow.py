"""The application journey on screen: kiosk.journey.Journey driving the journey's screens.

Screens only show and report; this object calls the journey and moves the router. Capture,
finalize (vault + outbox) and printing run off the UI thread through ui.bridge; a storage
failure shows the resident message of offline_cache.errors, never a crash.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from config.schema import KioskSettings, Language
from kiosk.applications import FormInvalidError
from kiosk.assisted_session import AssistingStaff
from kiosk.document_capture import CaptureSettings, DocumentCapture, open_document_capture
from kiosk.forms import FormLoadReport, load_forms
from kiosk.identity import ApplicantRefusedError
from kiosk.journey import Journey, JourneyStep
from kiosk.journey_submit import Submitted, resident_message
from kiosk.journey_submit import submit as submit_journey
from kiosk.location import ServiceLocation
from kiosk.material_capture import CapturedPage, CaptureProvider, SamplePageCapture
from kiosk.receipt_step import PrinterReadiness, ReceiptStep
from kiosk.service_guide import ServiceGuide
from kiosk.service_offers import ServiceOffer, demo_offer, demo_offers, offer_from_service_guide
from kiosk.session import Session
from ui.bridge import run_in_background
from ui.router import ScreenName, ScreenRouter
from ui.screens.capture_screen import CaptureScreen
from ui.screens.consent_screen import ConsentScreen
from ui.screens.form_screen import FormScreen
from ui.screens.materials_screen import MaterialsScreen
from ui.screens.receipt_screen import ReceiptScreen
from ui.screens.review_screen import ReviewScreen
from ui.screens.service_choice import ServiceChoiceScreen
from ui.widgets.identity_refusal_notice import RefusalNotice

log = logging.getLogger(__name__)


@functools.cache
def bundled_forms() -> FormLoadReport:
    """The bundled form definitions, checked once per process (they never change)."""
    return load_forms()


class JourneyFlow(QObject):
    """Registers the journey's screens and runs one application at a time."""

    finished = Signal()  # the resident touched Finish on the receipt screen
    submitted = Signal(str)  # receipt number, once finalized and the receipt delivered

    def __init__(
        self,
        settings: KioskSettings,
        router: ScreenRouter,
        session: Callable[[], Session],
        language: Callable[[], Language],
        capture: CaptureProvider | None = None,
        forms: FormLoadReport | None = None,
        parent: QObject | None = None,
        capture_device: CaptureSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.router = router
        self._session = session
        self._language = language
        self.capture_provider = capture or SamplePageCapture()
        # With a capture device (the running kiosk passes the configured one) pages are taken on
        # the capture screen; without one the provider (sample pages in tests) stands in.
        self.capture_device = capture_device
        self._capturing: str | None = None
        self.forms = forms or bundled_forms()
        self.receipt_step = ReceiptStep(settings)
        self.journey: Journey | None = None
        self.readiness: PrinterReadiness | None = None
        self.last_error: BaseException | None = None
        # Mobile service units (ui.mobile_unit_flow sets these): the assisting staff member of a
        # journey started now, and where the unit is when an application is submitted.
        self.assisted_by: Callable[[], AssistingStaff | None] = lambda: None
        self.location: Callable[[], ServiceLocation] | None = None

        self.choice = ServiceChoiceScreen(demo_offers(), self._can_apply, language)
        self.form = FormScreen(language)
        self.materials = MaterialsScreen(language)
        self.review = ReviewScreen(language)
        self.consent = ConsentScreen(language)
        self.receipt = ReceiptScreen(language)
        self.capture_screen = CaptureScreen(language)
        stack = router.parent()
        assert isinstance(stack, QWidget)
        # A person who may not apply alone (a minor, catalog min_applicant_age) is told why.
        self.refusal_notice = RefusalNotice(stack, language)
        router.register(ScreenName.CAPTURE, self.capture_screen)
        self.capture_screen.done.connect(self._captured_on_screen)
        self.capture_screen.cancelled.connect(self._capture_screen_cancelled)
        router.register(ScreenName.APPLY, self.choice)
        router.register(ScreenName.FORM, self.form)
        router.register(ScreenName.MATERIALS, self.materials)
        router.register(ScreenName.REVIEW, self.review)
        router.register(ScreenName.CONSENT, self.consent)
        router.register(ScreenName.RECEIPT, self.receipt)

        self.choice.serviceChosen.connect(self.start_demo_service)
        self.form.nextRequested.connect(self.form_done)
        self.materials.captureRequested.connect(self.capture)
        self.materials.removeRequested.connect(self.remove_pages)
        self.materials.nextRequested.connect(self.materials_done)
        self.review.editRequested.connect(self.edit)
        self.review.confirmed.connect(self.review_done)
        self.consent.submitRequested.connect(self.submit)
        self.receipt.finished.connect(self.finished)

    # --- starting --------------------------------------------------------------------------

    def _can_apply(self, offer: ServiceOffer) -> bool:
        return self.forms.can_apply(offer.form_id)

    def start_demo_service(self, code: str) -> None:
        """Start the application of a service of the Apply screen's list."""
        self.start(demo_offer(code))

    def start_from_guide(self, guide: ServiceGuide) -> None:
        """Start the application of the service whose guide the catalog shows."""
        self.start(offer_from_service_guide(guide))

    def start(self, offer: ServiceOffer) -> None:
        """Identify (the card read, else the demo identity), open the draft, show the form."""
        if self.journey is not None:
            self.journey.wipe()
        journey = Journey(self._session(), self.forms, self.capture_provider)
        journey.identify()
        try:
            draft = journey.choose_service(offer)
        except ApplicantRefusedError as refused:
            journey.wipe()
            self.journey = None
            self.refusal_notice.show_refusal(refused.refusal)
            return
        self.journey = journey
        journey.assisted_by = self.assisted_by()
        self.form.load(draft, offer.name)
        self.materials.load(offer)
        self.materials.show_precheck(journey.precheck())
        for material in offer.materials:
            self.materials.show_pages(material.code, [])
        self.router.go(ScreenName.FORM)

    def _journey(self) -> Journey:
        assert self.journey is not None, "no journey started"
        return self.journey

    def _already_submitted(self) -> bool:
        """After finalize, Back leads to earlier screens: their buttons show the receipt again."""
        if self.journey is not None and self.journey.step is JourneyStep.FINALIZED:
            self.router.go(ScreenName.RECEIPT)
            return True
        return self.journey is None

    # --- form and materials ------------------------------------------------------------------

    def form_done(self) -> None:
        """Next on the form: errors next to the fields, or on to the materials."""
        if self._already_submitted():
            return
        errors = self._journey().submit_form()
        if errors:
            self.form.show_errors(errors)
            return
        self.router.go(ScreenName.MATERIALS)

    def capture(self, code: str) -> None:
        """Capture a material's pages off the UI thread."""
        if self._already_submitted():
            return
        journey = self._journey()
        if self.capture_device is not None:
            self._capture_on_screen(code)
            return
        self.materials.set_busy(code, True)

        def done(pages: list[CapturedPage]) -> None:
            if self.journey is not journey:
                return  # the session ended meanwhile
            self.materials.set_busy(code, False)
            if pages:
                journey.set_pages(code, pages)
                self.materials.show_pages(code, pages)
            self.materials.show_precheck(journey.precheck())

        def failed(error: BaseException) -> None:
            log.warning("capture failed: %s", type(error).__name__)
            if self.journey is journey:
                self.materials.set_busy(code, False)
                self.materials.capture_failed()

        run_in_background(journey.capture, code).on_success(done).on_failure(failed).start()

    def _capture_on_screen(self, code: str) -> None:
        """Open the camera or scanner off the UI thread, then show the capture screen."""
        journey = self._journey()
        device = self.capture_device
        assert device is not None
        material = journey.offer.material(code) if journey.offer is not None else None
        if material is None:
            return
        self.materials.set_busy(code, True)

        def opened(source: DocumentCapture) -> None:
            if self.journey is not journey:
                source.close()  # the session ended while the device was opening
                return
            self._capturing = code
            self.capture_screen.begin(material.name.in_language(self._language().value), source)
            self.router.go(ScreenName.CAPTURE)

        def failed(error: BaseException) -> None:
            log.warning("capture device did not open: %s", type(error).__name__)
            if self.journey is journey:
                self.materials.set_busy(code, False)
                self.materials.capture_failed()

        run_in_background(open_document_capture, device).on_success(opened).on_failure(
            failed
        ).start()

    def _captured_on_screen(self, pages: list[CapturedPage]) -> None:
        """Done on the capture screen: the pages replace the material's, back to materials."""
        code, self._capturing = self._capturing, None
        if code is None or self.journey is None:
            return
        self.journey.set_pages(code, pages)
        self.materials.set_busy(code, False)
        self.materials.show_pages(code, pages)
        self.materials.show_precheck(self.journey.precheck())
        if self.router.current() is ScreenName.CAPTURE:
            self.router.back()

    def _capture_screen_cancelled(self) -> None:
        code, self._capturing = self._capturing, None
        if code is not None and self.journey is not None and code in self.materials.rows:
            self.materials.set_busy(code, False)
        if self.router.current() is ScreenName.CAPTURE:
            self.router.back()

    def capture_provider_pages(self) -> None:
        """Capture every required material at once, on this thread (screenshots only)."""
        journey = self._journey()
        assert journey.offer is not None
        for material in journey.offer.materials:
            if material.required and material.provision.value == "capture":
                pages = journey.capture(material.code)
                journey.set_pages(material.code, pages)
                self.materials.show_pages(material.code, pages)
        self.materials.show_precheck(journey.precheck())

    def remove_pages(self, code: str) -> None:
        """Drop a material's pages."""
        journey = self._journey()
        journey.set_pages(code, [])
        self.materials.show_pages(code, [])
        self.materials.show_precheck(journey.precheck())

    def materials_done(self) -> None:
        """Next on the materials: the pre-check decides."""
        if self._already_submitted():
            return
        journey = self._journey()
        result = journey.submit_materials()
        self.materials.show_precheck(result)
        if not result.can_submit:
            return
        offer = journey.offer
        assert offer is not None
        pages = {m.code: journey.pages(m.code) for m in offer.materials}
        self.review.load(journey.form, journey.draft.data, offer, pages)
        self.router.go(ScreenName.REVIEW)

    # --- review, consent, submit ---------------------------------------------------------------

    def edit(self, target: str) -> None:
        """An Edit link of the review: back to the form (at the section) or the materials."""
        if self._already_submitted():
            return
        journey = self._journey()
        if target == "materials":
            journey.go_to(JourneyStep.MATERIALS)
            self.router.go(ScreenName.MATERIALS)
            return
        journey.go_to(JourneyStep.FORM)
        self.router.go(ScreenName.FORM)
        section = target.partition(":")[2]
        view = self.form.view
        if view is not None and section in view.sections:
            self.form.scroll.ensureWidgetVisible(view.sections[section], 0, 0)

    def review_done(self) -> None:
        """Confirm on the review: the consent, and ask the printer meanwhile."""
        if self._already_submitted():
            return
        journey = self._journey()
        journey.confirm_review()
        self.consent.load(journey.consent_notice(self.settings.storage.retention_days))
        self.router.go(ScreenName.CONSENT)
        self.readiness = None

        def ready(readiness: PrinterReadiness) -> None:
            self.readiness = readiness
            if self.journey is journey:
                self.consent.set_printer(readiness)

        run_in_background(self.receipt_step.readiness).on_success(ready).on_failure(
            lambda error: log.warning("printer check failed: %s", type(error).__name__)
        ).start()

    def submit(self) -> None:
        """Finalize off the UI thread, then deliver the receipt (print or screen)."""
        if self._already_submitted():
            return
        journey = self._journey()
        if not self.consent.can_submit():
            return
        self.consent.set_busy(True)
        signature = self.consent.pad.to_png()
        notice = self.consent.notice
        assert notice is not None
        if self.location is not None:
            journey.location = self.location()
        work = (
            submit_journey,
            journey,
            self.settings,
            self.receipt_step,
            notice,
            signature,
            self._language().value,
        )
        run_in_background(*work).on_success(self._submitted).on_failure(self._submit_failed).start()

    def _submitted(self, result: Submitted) -> None:
        printer = self.settings.devices.printer
        columns = printer.chars_per_line if printer is not None else 48
        self.receipt.show_receipt(result.receipt, result.delivery, columns)
        self.form.clear()
        self.materials.clear()
        self.router.go(ScreenName.RECEIPT)
        self.submitted.emit(result.receipt.receipt_number)

    def _submit_failed(self, error: BaseException) -> None:
        self.last_error = error
        if isinstance(error, FormInvalidError):
            self.consent.set_busy(False)
            journey = self._journey()
            journey.go_to(JourneyStep.FORM)
            self.router.go(ScreenName.FORM)
            self.form.show_errors(error.errors)
            return
        message = resident_message(error, self._language().value)
        self.consent.show_storage_error(message)

    # --- the end -----------------------------------------------------------------------------

    def wipe(self) -> None:
        """The session ended: forget the journey and every screen's content."""
        if self.journey is not None:
            self.journey.wipe()
        self.journey = None
        self.readiness = None
        self._capturing = None
        self.capture_screen.reset()
        for screen in (self.form, self.materials, self.review, self.consent, self.receipt):
            screen.reset()
