"""Qt translations: compile the .ts source to .qm when needed, and swap the app's translator.

Regenerate the source after changing UI strings, then translate what lupdate marks unfinished:
    .venv/bin/pyside6-lupdate $(find ui -name "*.py" | sort) -no-obsolete \
        -ts ui/translations/kiosk_zh_CN.ts
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from config.schema import Language

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).with_name("translations")
# Source strings are English, so English needs no translator.
TS_FILES: dict[Language, Path] = {Language.ZH: TRANSLATIONS_DIR / "kiosk_zh_CN.ts"}

_installed: dict[int, list[QTranslator]] = {}


def qm_path(language: Language) -> Path | None:
    """The compiled catalogue of ``language`` (None for English, the source language)."""
    ts = TS_FILES.get(language)
    return ts.with_suffix(".qm") if ts else None


def _lrelease() -> str:
    # The venv's own tool first: it matches the installed Qt.
    beside_python = Path(sys.executable).with_name("pyside6-lrelease")
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("pyside6-lrelease")
    if found is None:
        raise FileNotFoundError("pyside6-lrelease not found (install PySide6-Essentials)")
    return found


def ensure_compiled() -> None:
    """Run lrelease for every .ts whose .qm is missing or older than the .ts."""
    for ts in sorted(TRANSLATIONS_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        result = subprocess.run(
            [_lrelease(), "-silent", str(ts), "-qm", str(qm)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        if result.returncode != 0 or not qm.exists():
            raise RuntimeError(f"lrelease failed for {ts.name}: {result.stderr.strip()}")
        log.info("compiled translations", extra={"file": qm.name})


def install_translator(app: QCoreApplication, language: Language) -> None:
    """Make ``language`` the app's language; widgets then get a LanguageChange event."""
    for previous in _installed.pop(id(app), []):
        app.removeTranslator(previous)
    qm = qm_path(language)
    if qm is None:
        return
    ensure_compiled()
    translator = QTranslator(app)
    if not translator.load(str(qm)):
        raise RuntimeError(f"cannot load translations {qm}")
    app.installTranslator(translator)
    _installed[id(app)] = [translator]
