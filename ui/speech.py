"""Voice guidance: reads each screen's prompt aloud in Mandarin or English through QtTextToSpeech.

Guidance is a help, never a requirement: with no speech engine, no speech-dispatcher or no
matching voice the kiosk runs on silently, and says so once in the log.

Creating the ``speechd`` engine takes about 1.4 s on these machines (speech-dispatcher sends
its whole list of ~13,000 voices), so the engine is created in a short-lived worker thread and
then handed to the UI thread; a prompt asked for before that is spoken as soon as it is ready.
PySide6 keeps the GIL during that constructor, so the daemon is first asked with a timeout
(ui/speechd_probe.py): a hung speech-dispatcher must not freeze the screen.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

from config.schema import Language, UiSettings
from ui.speechd_probe import speechd_ready

log = logging.getLogger(__name__)

DEFAULT_ENGINE = "speechd"


class VoiceState(StrEnum):
    """What the voice guide is doing."""

    STARTING = "starting"  # the engine is being created in the background
    READY = "ready"  # idle, can speak
    SPEAKING = "speaking"
    UNAVAILABLE = "unavailable"  # no engine: guidance is silently off


@dataclass(frozen=True)
class _VoiceName:
    """A voice name split the way espeak-ng names them: ``Base (qualifier, …)+variant``."""

    base: str
    qualifiers: frozenset[str]
    variant: str

    @classmethod
    def parse(cls, name: str) -> _VoiceName:
        """Split ``name`` into its lower-cased parts."""
        main, _, variant = name.lower().partition("+")
        match = re.fullmatch(r"\s*([^(]*?)\s*(?:\((.*)\))?\s*", main)
        base, inner = (match.group(1), match.group(2) or "") if match else (main.strip(), "")
        qualifiers = frozenset(q.strip() for q in inner.split(",") if q.strip())
        return cls(base, qualifiers, variant.strip())


def choose_voice(voices: list[QVoice], wanted: str) -> QVoice | None:
    """The first voice whose name matches ``wanted`` (case-insensitive), best match first.

    An exact name wins; then a voice with the same base name and at least the wanted
    qualifiers ("Chinese (Mandarin)" matches "Chinese (Mandarin, latin as English)");
    then any name containing ``wanted``. Plain voices are preferred to ``+variant`` ones.
    """
    key = wanted.strip().lower()
    if not key:
        return None
    want = _VoiceName.parse(key)

    def tier(voice: QVoice) -> int | None:
        name = voice.name().lower()
        if name == key:
            return 0
        have = _VoiceName.parse(name)
        if (
            have.base == want.base
            and want.qualifiers <= have.qualifiers
            and (not want.variant or want.variant == have.variant)
        ):
            return 1
        if key in name:
            return 2
        return None

    ranked = [
        (rank, "+" in voice.name(), index, voice)
        for index, voice in enumerate(voices)
        if (rank := tier(voice)) is not None
    ]
    return min(ranked, key=lambda r: r[:3])[3] if ranked else None


class _EngineLoader(QThread):
    """Creates the text-to-speech engine off the UI thread, then hands it to the UI thread."""

    loaded = Signal(object)  # QTextToSpeech, now living in the UI thread
    unavailable = Signal(str)  # why there is no engine

    def __init__(self, engine: str) -> None:
        super().__init__()
        self._engine = engine

    def run(self) -> None:
        """Create the engine (blocks ~1.4 s for speechd) and move it to the UI thread."""
        if self._engine == "speechd" and not speechd_ready():
            self.unavailable.emit("speech-dispatcher does not answer")
            return
        tts = QTextToSpeech(self._engine)
        app = QCoreApplication.instance()
        if app is not None:
            tts.moveToThread(app.thread())
        self.loaded.emit(tts)


class VoiceGuide(QObject):
    """Speaks screen prompts in the resident's language; can be muted; never crashes the kiosk."""

    stateChanged = Signal(object)  # VoiceState
    mutedChanged = Signal(bool)

    def __init__(
        self, settings: UiSettings, parent: QObject | None = None, *, engine: str = DEFAULT_ENGINE
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._muted = not settings.voice_guidance
        self._tts: QTextToSpeech | None = None
        self._voices: dict[Language, QVoice | None] = {}
        self._pending: tuple[str, Language] | None = None
        self._warned: set[str] = set()
        self._loader: _EngineLoader | None = None
        self._state = VoiceState.STARTING
        if engine not in QTextToSpeech.availableEngines():
            self._become_unavailable(f"text-to-speech engine {engine!r} is not installed")
            return
        self._loader = _EngineLoader(engine)
        self._loader.loaded.connect(self._on_loaded)
        self._loader.unavailable.connect(self._become_unavailable)
        self._loader.finished.connect(self._on_loader_finished)
        app = QCoreApplication.instance()
        if app is not None:
            # A QThread destroyed while running aborts the process: wait for it on quit.
            app.aboutToQuit.connect(self._wait_for_loader)
        self._loader.start()

    # --- public API -------------------------------------------------------------------------

    def state(self) -> VoiceState:
        """What the guide is doing now."""
        return self._state

    def available(self) -> bool:
        """True once an engine is up and can speak (muted or not)."""
        return self._state in (VoiceState.READY, VoiceState.SPEAKING)

    def is_muted(self) -> bool:
        """True when the resident (or the configuration) turned guidance off."""
        return self._muted

    def set_muted(self, muted: bool) -> None:
        """Turn guidance off or on; muting stops what is being said."""
        if muted == self._muted:
            return
        self._muted = muted
        if muted:
            self._pending = None
            self.stop()
        self.mutedChanged.emit(muted)

    def voice_name(self, language: Language) -> str | None:
        """Name of the voice used for ``language``; None while starting or if none matches."""
        if self._tts is None:
            return None
        voice = self._voice_for(language)
        return voice.name() if voice is not None else None

    def speak(self, text: str, language: Language) -> None:
        """Say ``text`` in ``language``, interrupting whatever is being said."""
        if self._muted or self._state is VoiceState.UNAVAILABLE or not text.strip():
            return
        if self._tts is None:
            self._pending = (text, language)  # spoken as soon as the engine is ready
            return
        voice = self._voice_for(language)
        if voice is None:
            return
        self._tts.setVoice(voice)
        # Prompts may carry a resident's name: log only the length.
        log.debug("speaking %d characters in %s", len(text), language.value)
        self._tts.say(text)  # say() stops any reading in progress first

    def stop(self) -> None:
        """Stop speaking now."""
        self._pending = None
        if self._tts is not None:
            self._tts.stop()

    def wait_until_started(self, timeout_ms: int = 10_000) -> bool:
        """Block until the background engine creation has finished (for tests and shutdown)."""
        if self._loader is not None and not self._loader.wait(timeout_ms):
            return False
        QCoreApplication.sendPostedEvents(self)
        return self._state is not VoiceState.STARTING

    # --- internals --------------------------------------------------------------------------

    @Slot(object)
    def _on_loaded(self, tts: QTextToSpeech) -> None:
        if tts.state() == QTextToSpeech.State.Error:
            self._become_unavailable(f"text-to-speech engine failed to start: {tts.errorString()}")
            tts.deleteLater()
            return
        tts.setParent(self)
        self._tts = tts
        tts.stateChanged.connect(self._on_tts_state)
        tts.errorOccurred.connect(self._on_tts_error)
        self._set_state(VoiceState.READY)
        if self._pending is not None:
            text, language = self._pending
            self._pending = None
            self.speak(text, language)

    @Slot()
    def _on_loader_finished(self) -> None:
        if self._loader is not None:
            self._loader.deleteLater()
            self._loader = None

    @Slot()
    def _wait_for_loader(self) -> None:
        if self._loader is not None:
            self._loader.wait()

    @Slot(object)
    def _on_tts_state(self, state: QTextToSpeech.State) -> None:
        if state == QTextToSpeech.State.Speaking:
            self._set_state(VoiceState.SPEAKING)
        elif state == QTextToSpeech.State.Error:
            self._warn_once("engine-error", "text-to-speech engine reported an error")
            self._set_state(VoiceState.READY)
        else:
            self._set_state(VoiceState.READY)

    @Slot(object, str)
    def _on_tts_error(self, _reason: object, message: str) -> None:
        self._warn_once("engine-error", "text-to-speech error: %s", message)

    def _voice_for(self, language: Language) -> QVoice | None:
        if language not in self._voices:
            assert self._tts is not None
            wanted = self._settings.voice_zh if language is Language.ZH else self._settings.voice_en
            # Mandarin voices are listed under the C locale: search every locale's voices.
            # allVoices(None) is the C++ nullptr: every voice of every locale.
            voices = list(self._tts.allVoices(None))  # type: ignore[arg-type]
            voice = choose_voice(voices, wanted)
            if voice is None:
                self._warn_once(
                    f"voice-{language.value}",
                    "no voice named like %r: guidance in %s stays silent",
                    wanted,
                    language.value,
                )
            else:
                log.info("voice for %s: %s", language.value, voice.name())
            self._voices[language] = voice
        return self._voices[language]

    def _become_unavailable(self, why: str) -> None:
        self._warn_once("unavailable", "voice guidance unavailable: %s", why)
        self._pending = None
        self._set_state(VoiceState.UNAVAILABLE)

    def _set_state(self, state: VoiceState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)

    def _warn_once(self, key: str, message: str, *args: object) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message, *args)
