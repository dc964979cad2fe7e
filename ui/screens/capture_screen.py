"""Capturing one material's pages: live camera preview with auto-capture, or the scanner.

Left, the source: the camera picture with the page outlined (captured by itself when the page
has been still and sharp for a moment, or with Take picture), or the Scan button with progress,
Cancel and the scanner's problems in words. Right, the selected page large with its quality
verdict and Retake. Below, the thumbnails: select, move earlier or later, delete. Done hands
the pages back to the materials step. All device and imaging work runs off the UI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QHideEvent, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from config.schema import Language
from kiosk.document_capture import (
    DEVICE_RELEASES,
    CameraCapture,
    DocumentCapture,
    FinishedPage,
    ScannerCapture,
    ScanProblem,
    scan_problem_text,
)
from kiosk.material_capture import CapturedPage
from ui.bridge import run_in_background
from ui.capture.preview_worker import PreviewWorker
from ui.capture.scan_worker import ScanWorker
from ui.screens.journey_base import JourneyScreen
from ui.theme import NORMAL, Metrics
from ui.widgets.camera_preview import CameraPreview

log = logging.getLogger(__name__)

THUMB_PX = 124  # a page's thumbnail, tall enough to recognise at arm's length
PAGE_VIEW_PX = (420, 330)
PAGE_VIEW_LARGE_TEXT_PX = (400, 196)
PREVIEW_MIN_PX = (640, 360)
PREVIEW_MIN_LARGE_TEXT_PX = (560, 300)
SIDE_WIDTH = 460


def _cancel_scan_off_ui_thread(source: ScannerCapture) -> None:
    """Ask the scanner to stop from a thread of its own: a backend may take seconds to answer
    sane_cancel, and the screen must keep drawing meanwhile (SANE allows it any time)."""
    threading.Thread(target=source.cancel, name="scan-cancel", daemon=True).start()


class CaptureScreen(JourneyScreen):
    """One material's capture session; ``done`` carries the pages in their order."""

    done = Signal(list)  # list[CapturedPage]
    cancelled = Signal()
    pageAdded = Signal(int)  # index of the page just added (tests and voice)

    def __init__(self, language: Callable[[], Language], parent: QWidget | None = None) -> None:
        super().__init__(language, parent)
        self.material_name = ""
        self.source: DocumentCapture | None = None
        self.preview_worker: PreviewWorker | None = None
        self.scan_worker: ScanWorker | None = None
        self.pages: list[FinishedPage] = []
        self.selected = -1
        self._insert_at: int | None = None  # where a retaken page goes
        self._taking = False
        self._scan_problem: ScanProblem | None = None
        self._scanned_this_run = 0

        # --- source: camera or scanner
        self.preview = CameraPreview()
        self.preview.setMinimumSize(*PREVIEW_MIN_PX)
        self.camera_hint = QLabel(objectName="hint", wordWrap=True)
        camera_panel = QWidget()
        camera_box = QVBoxLayout(camera_panel)
        camera_box.setContentsMargins(0, 0, 0, 0)
        camera_box.addWidget(self.preview, 1)
        camera_box.addWidget(self.camera_hint)
        self.scan_button = QPushButton()
        self.scan_button.clicked.connect(self.start_scan)
        self.cancel_scan_button = QPushButton(objectName="secondary")
        self.cancel_scan_button.clicked.connect(self.cancel_scan)
        self.scan_progress = QProgressBar(textVisible=False)
        self.scan_progress.setRange(0, 0)
        self.scan_progress.setMinimumHeight(24)
        self.scan_status = QLabel(objectName="hint", wordWrap=True)
        self.scan_problem = QLabel(objectName="message", wordWrap=True)
        scanner_panel = QFrame(objectName="overlayCard")
        scanner_box = QVBoxLayout(scanner_panel)
        scanner_box.setSpacing(20)
        scanner_box.addStretch(1)
        scanner_box.addWidget(self.scan_status)
        scanner_box.addWidget(self.scan_progress)
        scanner_box.addWidget(self.scan_problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.scan_button)
        buttons.addWidget(self.cancel_scan_button)
        scanner_box.addLayout(buttons)
        scanner_box.addStretch(1)
        self.source_stack = QStackedWidget()
        self.source_stack.addWidget(camera_panel)
        self.source_stack.addWidget(scanner_panel)

        # --- the selected page, large
        self.page_view = QLabel(objectName="capturedPage")
        self.page_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_view.setFixedSize(*PAGE_VIEW_PX)
        self.page_view.setWordWrap(True)  # the placeholder text in large-text mode
        self.verdict = QLabel(objectName="verdict", wordWrap=True)
        self.retake_button = QPushButton(objectName="secondary")
        self.retake_button.clicked.connect(self.retake)
        side = QWidget()
        side.setFixedWidth(SIDE_WIDTH)
        page_panel = QVBoxLayout(side)
        page_panel.setContentsMargins(0, 0, 0, 0)
        page_panel.addWidget(self.page_view, 0, Qt.AlignmentFlag.AlignHCenter)
        page_panel.addWidget(self.verdict)
        page_panel.addWidget(self.retake_button)
        page_panel.addStretch(1)

        top_row = QHBoxLayout()
        top_row.setSpacing(32)
        top_row.addWidget(self.source_stack, 1)
        top_row.addWidget(side)
        self.body_layout.addLayout(top_row, 1)

        # --- thumbnails and their controls
        self.thumbs_box = QHBoxLayout()
        self.thumbs_box.setSpacing(8)
        self.thumb_buttons: list[QPushButton] = []
        self.earlier_button = QPushButton(objectName="secondary")
        self.earlier_button.clicked.connect(lambda: self.move_selected(-1))
        self.later_button = QPushButton(objectName="secondary")
        self.later_button.clicked.connect(lambda: self.move_selected(1))
        self.delete_button = QPushButton(objectName="secondary")
        self.delete_button.clicked.connect(self.delete_selected)
        strip = QHBoxLayout()
        strip.addLayout(self.thumbs_box, 1)
        strip.addWidget(self.earlier_button)
        strip.addWidget(self.later_button)
        strip.addWidget(self.delete_button)
        self.body_layout.addLayout(strip)

        self.cancel_button = QPushButton(objectName="secondary")
        self.cancel_button.clicked.connect(self.cancel)
        self.capture_button = QPushButton()
        self.capture_button.clicked.connect(self.take_picture)
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self.finish)
        self.actions.addWidget(self.cancel_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.capture_button)
        self.actions.addWidget(self.done_button)
        for button in (self.scan_button, self.capture_button, self.done_button):
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self._show_pages()
        self.retranslate()

    def apply_metrics(self, metrics: Metrics) -> None:
        """Large text makes every control taller: the page view and preview give way, so the
        thumbnails and their controls stay on screen."""
        large = metrics.touch_px > NORMAL.touch_px
        self.page_view.setFixedSize(*(PAGE_VIEW_LARGE_TEXT_PX if large else PAGE_VIEW_PX))
        self.preview.setMinimumSize(*(PREVIEW_MIN_LARGE_TEXT_PX if large else PREVIEW_MIN_PX))
        self._show_pages()

    # --- starting and stopping ------------------------------------------------------------

    def begin(self, material_name: str, source: DocumentCapture) -> None:
        """Capture pages of ``material_name`` with ``source`` (an opened camera or scanner)."""
        self.stop()
        self.material_name = material_name
        self.source = source
        self.pages = []
        self.selected = -1
        self._insert_at = None
        self._scan_problem = None
        if isinstance(source, CameraCapture):
            self.source_stack.setCurrentIndex(0)
            worker = PreviewWorker(source)
            # A stopped worker may still deliver a last view or capture: only the current counts.
            worker.viewReady.connect(
                lambda image, corners, hold, w=worker: self._show_view(w, image, corners, hold)
            )
            worker.captureDue.connect(lambda frame, w=worker: self._capture_due(w, frame))
            self.preview_worker = worker
            worker.start()
        else:
            self.source_stack.setCurrentIndex(1)
        self._show_pages()
        self.retranslate()

    def stop(self) -> None:
        """Stop the preview or the scan and release the device, without waiting for either.

        The worker ends its loop and closes the device on its own thread (a camera's grab
        thread takes a moment to end, a scanner to answer the cancel); opening a device again
        waits for that release (kiosk.document_capture.DEVICE_RELEASES).
        """
        source, self.source = self.source, None
        workers = [w for w in (self.preview_worker, self.scan_worker) if w is not None]
        self.preview_worker = self.scan_worker = None
        self.preview.clear()
        if source is None:
            for worker in workers:
                worker.retire(_nothing)
            return
        DEVICE_RELEASES.started()
        if isinstance(source, ScannerCapture) and workers:
            _cancel_scan_off_ui_thread(source)
        release = partial(DEVICE_RELEASES.release, source)
        if not workers:
            threading.Thread(target=release, name="capture-release", daemon=True).start()
        for worker in workers:
            worker.retire(release)
            release = _nothing  # one release, by the worker that holds the device

    # --- camera ---------------------------------------------------------------------------

    def _show_view(
        self,
        worker: PreviewWorker,
        image: QImage,
        corners: list[tuple[float, float]] | None,
        hold: float,
    ) -> None:
        if worker is not self.preview_worker:
            return  # stopped: its last frame is not shown
        self.preview.show_frame(image, corners, hold)
        worker.frame_shown()

    def _capture_due(self, worker: PreviewWorker, frame: object) -> None:
        if worker is self.preview_worker:
            self._take(frame, automatic=True)

    def take_picture(self) -> None:
        """Take picture: the newest frame, whatever its stillness."""
        if not isinstance(self.source, CameraCapture) or self.preview_worker is None:
            return
        view = self.source.latest_frame()
        if view is not None:
            self._take(view, automatic=False)

    def _take(self, frame: object, *, automatic: bool) -> None:
        source = self.source
        if not isinstance(source, CameraCapture) or self._taking:
            return
        self._taking = True
        self.capture_button.setEnabled(False)

        def taken(page: FinishedPage) -> None:
            self._taking = False
            self.capture_button.setEnabled(True)
            if self.source is not source:
                return
            if automatic and not page.verdict.acceptable:
                # An automatic picture that is not good is not kept: say why and wait.
                self.show_message(page.verdict.message.in_language(self.lang()))
                return
            self.show_message("")
            self.add_page(page)

        def failed(error: BaseException) -> None:
            self._taking = False
            self.capture_button.setEnabled(True)
            log.warning("capture failed: %s", type(error).__name__)
            self.show_message(self.tr("The picture could not be taken. Please try again."))

        run_in_background(source.take, frame).on_success(taken).on_failure(failed).start()

    # --- scanner ---------------------------------------------------------------------------

    def start_scan(self) -> None:
        """Scan: the feeder's sheets or the flatbed's page, off the UI thread."""
        if not isinstance(self.source, ScannerCapture) or self.scan_worker is not None:
            return
        self._scan_problem = None
        self._scanned_this_run = 0
        worker = ScanWorker(self.source)
        # Pages and problems of a scan stopped with the screen are dropped.
        worker.pageScanned.connect(lambda page, w=worker: self._scanned(w, page))
        worker.scanFailed.connect(lambda problem, w=worker: self._scan_failed(w, problem))
        worker.finished.connect(lambda w=worker: self._scan_ended(w))
        self.scan_worker = worker
        self._scan_state()
        worker.start()

    def cancel_scan(self) -> None:
        """Stop the scan in progress (the device answers within a moment)."""
        if isinstance(self.source, ScannerCapture) and self.scan_worker is not None:
            _cancel_scan_off_ui_thread(self.source)

    def _scanned(self, worker: ScanWorker, page: FinishedPage) -> None:
        if worker is not self.scan_worker:
            return
        self._scanned_this_run += 1
        self.add_page(page)
        self._scan_state()

    def _scan_failed(self, worker: ScanWorker, problem: ScanProblem) -> None:
        if worker is not self.scan_worker:
            return
        self._scan_problem = problem
        self._scan_state()

    def _scan_ended(self, worker: ScanWorker) -> None:
        if worker is not self.scan_worker:
            return
        self.scan_worker = None
        self._scan_state()

    def _scan_state(self) -> None:
        scanning = self.scan_worker is not None
        self.scan_progress.setVisible(scanning)
        self.scan_button.setEnabled(not scanning)
        self.cancel_scan_button.setVisible(scanning)
        self.done_button.setEnabled(not scanning and not self._taking)
        if scanning:
            text = self.tr("Scanning… %n page(s) so far", "", self._scanned_this_run)
        elif self.pages:
            text = self.tr("Put the next page on the scanner and touch Scan, or touch Done.")
        else:
            text = self.tr("Put the document on the scanner, then touch Scan.")
        self.scan_status.setText(text)
        problem = self._scan_problem
        self.scan_problem.setText(
            scan_problem_text(problem).in_language(self.lang()) if problem is not None else ""
        )
        self.scan_problem.setVisible(problem is not None)

    # --- the pages --------------------------------------------------------------------------

    def add_page(self, page: FinishedPage) -> None:
        """Add a finished page (at the retaken page's place, else at the end) and show it."""
        index = len(self.pages) if self._insert_at is None else self._insert_at
        self._insert_at = None
        self.pages.insert(index, page)
        self.selected = index
        self._show_pages()
        self.pageAdded.emit(index)

    def select(self, index: int) -> None:
        """Show page ``index`` large."""
        if 0 <= index < len(self.pages):
            self.selected = index
            self._show_pages()

    def move_selected(self, step: int) -> None:
        """Move the selected page earlier (-1) or later (+1)."""
        index, target = self.selected, self.selected + step
        if 0 <= index < len(self.pages) and 0 <= target < len(self.pages):
            self.pages[index], self.pages[target] = self.pages[target], self.pages[index]
            self.selected = target
            self._show_pages()

    def delete_selected(self) -> None:
        """Delete the selected page."""
        if 0 <= self.selected < len(self.pages):
            del self.pages[self.selected]
            self.selected = min(self.selected, len(self.pages) - 1)
            self._show_pages()

    def retake(self) -> None:
        """Drop the selected page; the next picture or scan takes its place."""
        if not 0 <= self.selected < len(self.pages):
            return
        index = self.selected
        del self.pages[index]
        self._insert_at = index
        self.selected = min(index, len(self.pages) - 1)
        if isinstance(self.source, CameraCapture):
            self.source.rearm()
        self._show_pages()
        self.show_message(self.tr("Put the page back in view: it is taken again when still."))

    def _show_pages(self) -> None:
        while self.thumbs_box.count():
            item = self.thumbs_box.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # out of the layout, it would float until deleted
                item.widget().deleteLater()
        self.thumb_buttons = []
        for index, finished in enumerate(self.pages):
            button = QPushButton(objectName="pageThumb")
            button.setCheckable(True)
            button.setChecked(index == self.selected)
            button.setIcon(QIcon(_pixmap(finished.page.thumbnail_png)))
            button.setIconSize(QSize(THUMB_PX, THUMB_PX))
            # The theme's button min-height (a touch target) would win over setFixedHeight.
            button.setStyleSheet(f"min-height: {THUMB_PX + 8}px; max-height: {THUMB_PX + 8}px;")
            button.setAccessibleName(self.tr("Page %1").replace("%1", str(index + 1)))
            button.setText(str(index + 1))
            button.clicked.connect(lambda _=False, i=index: self.select(i))
            self.thumbs_box.addWidget(button)
            self.thumb_buttons.append(button)
        self.thumbs_box.addStretch(1)
        has = 0 <= self.selected < len(self.pages)
        if has:
            shown = self.pages[self.selected]
            pixmap = QPixmap()
            pixmap.loadFromData(shown.page.jpeg, "JPEG")
            self.page_view.setPixmap(
                pixmap.scaled(
                    self.page_view.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.verdict.setText(shown.verdict.message.in_language(self.lang()))
            self.verdict.setProperty("acceptable", shown.verdict.acceptable)
        else:
            self.page_view.clear()
            self.page_view.setText(self.tr("Your pages appear here."))
            self.verdict.setText("")
            self.verdict.setProperty("acceptable", True)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.retake_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.earlier_button.setEnabled(has and self.selected > 0)
        self.later_button.setEnabled(has and self.selected < len(self.pages) - 1)
        self.done_button.setEnabled(self.scan_worker is None)
        is_camera = self.source_stack.currentIndex() == 0  # the camera panel is showing
        self.capture_button.setVisible(is_camera)
        self._scan_state()

    # --- leaving ----------------------------------------------------------------------------

    def captured_pages(self) -> list[CapturedPage]:
        """The pages in their order, as the journey keeps them."""
        return [finished.page for finished in self.pages]

    def finish(self) -> None:
        """Done: stop the device and hand the pages to the materials step."""
        pages = self.captured_pages()
        self.stop()
        self.done.emit(pages)

    def cancel(self) -> None:
        """Cancel: stop the device, keep nothing."""
        self.stop()
        self.pages = []
        self.cancelled.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the screen any other way (Back, Home, the session ending) cancels."""
        super().hideEvent(event)
        if self.source is not None and not event.spontaneous():
            self.cancel()

    # --- texts ------------------------------------------------------------------------------

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        if isinstance(self.source, ScannerCapture):
            return self.tr("Put the document on the scanner, then touch Scan.")
        return self.tr("Lay the page flat under the camera and hold still: it is taken by itself.")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.heading.setText(
            self.tr("Capture: %1").replace("%1", self.material_name)
            if self.material_name
            else self.tr("Capture")
        )
        self.camera_hint.setText(
            self.tr(
                "Lay the page flat under the camera. When the outline turns green and the page "
                "is still, the picture is taken by itself."
            )
        )
        texts = {
            self.scan_button: self.tr("Scan"),
            self.cancel_scan_button: self.tr("Stop scanning"),
            self.retake_button: self.tr("Retake"),
            self.earlier_button: self.tr("Move earlier"),
            self.later_button: self.tr("Move later"),
            self.delete_button: self.tr("Delete page"),
            self.cancel_button: self.tr("Cancel"),
            self.capture_button: self.tr("Take picture"),
            self.done_button: self.tr("Done"),
        }
        for button, text in texts.items():
            button.setText(text)
            button.setAccessibleName(text)
        self.scan_progress.setAccessibleName(self.tr("Scanning progress"))
        self.preview.setAccessibleName(self.tr("Camera picture"))
        self.page_view.setAccessibleName(self.tr("The selected page"))
        self._show_pages()

    def reset(self) -> None:
        """The session ended: stop the device and forget the pages."""
        super().reset()
        self.stop()
        self.pages = []
        self.selected = -1
        self.material_name = ""
        self._show_pages()
        self.show_message("")


def _nothing() -> None:
    """A release with nothing to release."""


def _pixmap(png: bytes) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(png, "PNG")
    return pixmap
