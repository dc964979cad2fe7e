"""Voice guidance against a real speech-dispatcher (espeak-ng, null audio), in this process.

QtTextToSpeech's speechd engine works under the offscreen QPA: it needs no display, only
SPEECHD_ADDRESS pointing at the private daemon.
"""

from __future__ import annotations

import itertools
import logging
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QTimer

from config.schema import Language, TerminalSettings, UiSettings
from tests.fixtures.speech import SpeechDispatcher
from ui.speech import VoiceGuide, VoiceState
from ui.widgets.header import Header

PROMPT_ZH = "您好，请将身份证或社保卡放在读卡区。"
PROMPT_EN = "Welcome. Please place your ID card on the reader."
# speech-dispatcher takes about 1.4 s to hand over its voice list; leave room on a busy CI.
START_TIMEOUT_MS = 15_000
# The first message after start loads the Mandarin dictionary: slow on a cold disk cache.
SPEAK_TIMEOUT_MS = 15_000


@pytest.fixture
def speechd_env(
    speech_dispatcher: SpeechDispatcher, monkeypatch: pytest.MonkeyPatch
) -> SpeechDispatcher:
    """Point QtTextToSpeech's speechd engine at the private daemon (never a system one)."""
    monkeypatch.setenv("SPEECHD_ADDRESS", speech_dispatcher.env["SPEECHD_ADDRESS"])
    return speech_dispatcher


GuideFactory = Callable[..., VoiceGuide]


@pytest.fixture
def make_guide(qapp: object) -> Iterator[GuideFactory]:
    """``make_guide(settings, **kw)`` → a VoiceGuide, destroyed at teardown once its engine
    thread is done: never left to the garbage collector, whose timing could tear a speechd
    engine down while the next test's engine is being created in another thread."""
    made: list[VoiceGuide] = []

    def make(settings: UiSettings, **kwargs: Any) -> VoiceGuide:
        made.append(VoiceGuide(settings, **kwargs))
        return made[-1]

    yield make
    for voice_guide in made:
        voice_guide.wait_until_started(START_TIMEOUT_MS)
        voice_guide.stop()
        shiboken6.delete(voice_guide)


def _started(voice_guide: VoiceGuide) -> VoiceGuide:
    assert voice_guide.wait_until_started(START_TIMEOUT_MS), "speech engine did not start"
    return voice_guide


@pytest.fixture
def guide(speechd_env: SpeechDispatcher, make_guide: GuideFactory) -> VoiceGuide:
    """A started voice guide with the default voice names."""
    return _started(make_guide(UiSettings()))


def _record_states(guide: VoiceGuide) -> list[VoiceState]:
    states: list[VoiceState] = []
    guide.stateChanged.connect(states.append)
    return states


def test_mandarin_and_english_voices_are_chosen_by_name(guide: VoiceGuide) -> None:
    assert guide.available()
    # The setting says "Chinese (Mandarin)"; espeak-ng lists it under the C locale with qualifiers.
    zh = guide.voice_name(Language.ZH)
    assert zh is not None and zh.startswith("Chinese (Mandarin"), zh
    en = guide.voice_name(Language.EN)
    # "English" must pick an English voice, not "Chinese (Mandarin, latin as English)".
    assert en is not None and en.startswith("English"), en
    assert "+" not in zh and "+" not in en


def test_chinese_prompt_is_spoken_to_the_end(guide: VoiceGuide, qtbot) -> None:
    states = _record_states(guide)
    guide.speak(PROMPT_ZH, Language.ZH)
    qtbot.waitUntil(
        lambda: VoiceState.SPEAKING in states and guide.state() is VoiceState.READY,
        timeout=SPEAK_TIMEOUT_MS,
    )
    assert states[0] is VoiceState.SPEAKING, states
    assert states[-1] is VoiceState.READY


def test_english_prompt_is_spoken_to_the_end(guide: VoiceGuide, qtbot) -> None:
    states = _record_states(guide)
    guide.speak(PROMPT_EN, Language.EN)
    qtbot.waitUntil(
        lambda: VoiceState.SPEAKING in states and guide.state() is VoiceState.READY,
        timeout=SPEAK_TIMEOUT_MS,
    )


def test_a_new_prompt_interrupts_the_current_one(guide: VoiceGuide, qtbot) -> None:
    states = _record_states(guide)
    guide.speak(PROMPT_ZH * 20, Language.ZH)  # long: still speaking when interrupted
    qtbot.waitUntil(lambda: VoiceState.SPEAKING in states, timeout=SPEAK_TIMEOUT_MS)
    guide.speak("好", Language.ZH)
    qtbot.waitUntil(lambda: guide.state() is VoiceState.READY, timeout=SPEAK_TIMEOUT_MS)


def test_muted_guide_says_nothing(guide: VoiceGuide, qtbot) -> None:
    states = _record_states(guide)
    muted: list[bool] = []
    guide.mutedChanged.connect(muted.append)
    guide.set_muted(True)
    assert guide.is_muted() and muted == [True]
    guide.speak(PROMPT_ZH, Language.ZH)
    qtbot.wait(700)  # long enough for speech-dispatcher to have started speaking
    assert states == []
    assert guide.state() is VoiceState.READY


def test_muting_stops_speech_in_progress(guide: VoiceGuide, qtbot) -> None:
    states = _record_states(guide)
    guide.speak(PROMPT_ZH * 20, Language.ZH)
    qtbot.waitUntil(lambda: VoiceState.SPEAKING in states, timeout=SPEAK_TIMEOUT_MS)
    guide.set_muted(True)
    qtbot.waitUntil(lambda: guide.state() is VoiceState.READY, timeout=SPEAK_TIMEOUT_MS)


def test_guidance_off_in_settings_starts_muted(
    speechd_env: SpeechDispatcher, qtbot, make_guide: GuideFactory
) -> None:
    guide = _started(make_guide(UiSettings(voice_guidance=False)))
    states = _record_states(guide)
    assert guide.is_muted()
    guide.speak(PROMPT_ZH, Language.ZH)
    qtbot.wait(500)
    assert states == []
    guide.set_muted(False)
    guide.speak(PROMPT_ZH, Language.ZH)
    qtbot.waitUntil(lambda: VoiceState.SPEAKING in states, timeout=SPEAK_TIMEOUT_MS)
    qtbot.waitUntil(lambda: guide.state() is VoiceState.READY, timeout=SPEAK_TIMEOUT_MS)


def test_prompt_asked_for_while_starting_is_spoken_once_ready(
    speechd_env: SpeechDispatcher, qtbot, make_guide: GuideFactory
) -> None:
    created = time.monotonic()
    guide = make_guide(UiSettings())
    # The engine is created in a worker thread: the UI thread is not held up.
    assert time.monotonic() - created < 0.5
    assert guide.state() is VoiceState.STARTING
    states = _record_states(guide)
    guide.speak(PROMPT_ZH, Language.ZH)
    qtbot.waitUntil(lambda: VoiceState.SPEAKING in states, timeout=START_TIMEOUT_MS)
    qtbot.waitUntil(lambda: guide.state() is VoiceState.READY, timeout=SPEAK_TIMEOUT_MS)


def test_unknown_voice_name_leaves_that_language_silent(
    speechd_env: SpeechDispatcher, qtbot, caplog: pytest.LogCaptureFixture, make_guide: GuideFactory
) -> None:
    guide = _started(make_guide(UiSettings(voice_zh="No Such Voice")))
    states = _record_states(guide)
    with caplog.at_level(logging.WARNING, logger="ui.speech"):
        guide.speak(PROMPT_ZH, Language.ZH)
        guide.speak(PROMPT_ZH, Language.ZH)
        qtbot.wait(500)
    assert states == []
    assert len([r for r in caplog.records if "No Such Voice" in r.getMessage()]) == 1
    guide.speak(PROMPT_EN, Language.EN)  # English still works
    qtbot.waitUntil(lambda: VoiceState.SPEAKING in states, timeout=SPEAK_TIMEOUT_MS)
    qtbot.waitUntil(lambda: guide.state() is VoiceState.READY, timeout=SPEAK_TIMEOUT_MS)


def test_missing_engine_makes_guidance_silently_unavailable(
    make_guide: GuideFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="ui.speech"):
        guide = make_guide(UiSettings(), engine="no-such-engine")
        assert not guide.available()
        assert guide.state() is VoiceState.UNAVAILABLE
        guide.speak(PROMPT_ZH, Language.ZH)
        guide.speak(PROMPT_EN, Language.EN)
        guide.set_muted(True)
        guide.set_muted(False)
        guide.stop()
    assert guide.voice_name(Language.ZH) is None
    assert guide.state() is VoiceState.UNAVAILABLE
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1


def test_a_hung_speech_dispatcher_leaves_guidance_off_and_the_screen_responsive(
    make_guide: GuideFactory, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    # A daemon that accepts connections and never answers (seen when one hangs in shutdown).
    path = tmp_path / "hung.sock"
    hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    hung.bind(str(path))
    hung.listen()
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    try:
        guide = make_guide(UiSettings())
        qtbot.waitUntil(lambda: guide.state() is VoiceState.UNAVAILABLE, timeout=10_000)
    finally:
        timer.stop()
        hung.close()
    assert not guide.available()
    longest_gap = max(b - a for a, b in itertools.pairwise(ticks))
    assert longest_gap < 0.5, f"the UI thread was blocked for {longest_gap:.2f} s"


def test_spoken_text_never_reaches_the_log(
    guide: VoiceGuide, qtbot, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "张三丰您好"
    with caplog.at_level(logging.DEBUG):
        guide.speak(secret, Language.ZH)
        qtbot.waitUntil(lambda: guide.state() is VoiceState.READY, timeout=SPEAK_TIMEOUT_MS)
    assert secret not in caplog.text


def test_without_a_voice_engine_the_header_offers_no_voice_button(qapp: object) -> None:
    header = Header(TerminalSettings(id="MY-TEST-001", name="测试终端", hall="测试大厅"))
    header.show()
    header.set_voice_available(False)
    assert not header.mute_button.isVisible()
    header.set_voice_available(True)
    assert header.mute_button.isVisible()
