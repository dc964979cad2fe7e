"""Background work runs off the UI thread; its result or error comes back on the UI thread."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtWidgets import QLabel

from ui.bridge import run_in_background


def test_work_runs_on_a_pool_thread_and_success_on_the_gui_thread(qtbot):
    seen: dict[str, int] = {}

    def work(a: int, b: int) -> int:
        seen["work"] = threading.get_ident()
        return a + b

    def done(result: int) -> None:
        seen["callback"] = threading.get_ident()
        seen["result"] = result

    run_in_background(work, 2, 3).on_success(done).start()
    qtbot.waitUntil(lambda: "callback" in seen, timeout=5000)
    assert seen["result"] == 5
    assert seen["work"] != threading.main_thread().ident
    assert seen["callback"] == threading.main_thread().ident


def test_failure_reaches_the_failure_callback_on_the_gui_thread(qtbot):
    seen: dict[str, object] = {}

    def work() -> None:
        raise OSError("printer offline")

    def failed(error: BaseException) -> None:
        seen["thread"] = threading.get_ident()
        seen["error"] = error

    run_in_background(work).on_success(lambda _: seen.update(success=True)).on_failure(
        failed
    ).start()
    qtbot.waitUntil(lambda: "error" in seen, timeout=5000)
    assert isinstance(seen["error"], OSError)
    assert str(seen["error"]) == "printer offline"
    assert seen["thread"] == threading.main_thread().ident
    assert "success" not in seen


def test_the_ui_thread_is_free_while_work_runs(qtbot):
    release = threading.Event()
    results: list[str] = []
    run_in_background(lambda: release.wait(5) and "done").on_success(results.append).start()
    # The UI thread returns at once and keeps processing events while the worker waits.
    qtbot.wait(50)
    assert results == []
    release.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)


def test_a_result_for_a_screen_that_is_gone_is_dropped_not_delivered(qtbot) -> None:
    class Screen(QLabel):
        def show_result(self, text: str) -> None:
            self.setText(text)

    screen = Screen()
    release = threading.Event()
    run_in_background(release.wait, 5).on_success(screen.show_result).start()
    screen.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(screen)
    release.set()
    QThreadPool.globalInstance().waitForDone(5000)
    QCoreApplication.processEvents()  # a delivery to the deleted label would raise here
