"""The hidden technician gesture: five taps in the top-left 120x120 px corner within 3 seconds."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from ui.technician_gesture import CornerTaps


def _tap(window, qtbot, clock, x: int, y: int, pause: float = 0.4) -> None:
    # Tap the widget that is really there, as a finger would.
    child = window.childAt(x, y)
    target = child if child is not None else window
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, QPoint(x, y)))
    clock.advance(pause)


def test_five_quick_corner_taps_request_technician_mode(window, qtbot, clock):
    with qtbot.waitSignal(window.technicianRequested, timeout=1000):
        for _ in range(5):
            _tap(window, qtbot, clock, 40, 30)


def test_slow_or_incomplete_or_misplaced_taps_do_nothing(window, qtbot, clock):
    requests: list[bool] = []
    window.technicianRequested.connect(lambda: requests.append(True))
    for _ in range(4):
        _tap(window, qtbot, clock, 40, 30)
    assert requests == []
    clock.advance(10)
    for _ in range(5):
        _tap(window, qtbot, clock, 40, 30, pause=1.0)  # five taps over more than 3 s
    assert requests == []
    clock.advance(10)
    for _ in range(5):
        _tap(window, qtbot, clock, 300, 30)  # outside the corner
    assert requests == []


def test_corner_taps_counts_only_consecutive_taps_in_the_corner():
    now = [0.0]
    taps = CornerTaps(clock=lambda: now[0])
    results = []
    for x in (10, 10, 500, 10, 10, 10, 10, 10):
        results.append(taps.tap(x, 10))
        now[0] += 0.2
    assert results == [False] * 7 + [True]
