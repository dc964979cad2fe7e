"""The idle countdown: when the warning shows, with how many seconds, and when the session ends."""

from __future__ import annotations

from config.schema import Language, SessionSettings, UiSettings
from kiosk.session import IdleState, SessionKeeper


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def keeper(clock: FakeClock) -> SessionKeeper:
    return SessionKeeper(UiSettings(), SessionSettings(idle_timeout_s=60, countdown_s=20), clock)


def test_active_until_the_idle_timeout_then_warning_with_seconds_left() -> None:
    clock = FakeClock()
    k = keeper(clock)
    clock.now += 59.9
    assert k.tick() is IdleState.ACTIVE
    clock.now += 0.2
    assert k.tick() is IdleState.WARNING
    assert k.idle.seconds_left() == 20


def test_touch_during_the_warning_starts_counting_again() -> None:
    clock = FakeClock()
    k = keeper(clock)
    clock.now += 70
    assert k.tick() is IdleState.WARNING
    k.touch()
    assert k.tick() is IdleState.ACTIVE
    assert k.idle.seconds_left() == 80


def test_countdown_running_out_wipes_the_session_and_starts_a_fresh_one() -> None:
    clock = FakeClock()
    k = keeper(clock)
    k.current.language = Language.EN
    k.current.form_data["phone"] = "13812345678"
    clock.now += 80
    assert k.tick() is IdleState.EXPIRED
    assert k.current.form_data == {}
    assert k.current.language is Language.ZH
    assert k.tick() is IdleState.ACTIVE
