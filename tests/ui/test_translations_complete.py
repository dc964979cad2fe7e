"""Every string a resident can see has its Chinese translation, and the catalogue is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from config.schema import Language
from ui.translations import TRANSLATIONS_DIR, TS_FILES

UI_DIR = TRANSLATIONS_DIR.parent


def test_no_chinese_translation_is_missing_or_unfinished() -> None:
    root = ET.parse(TS_FILES[Language.ZH]).getroot()
    untranslated = [
        f"{ctx.findtext('name')}: {msg.findtext('source')}"
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
        if (t := msg.find("translation")) is None or t.get("type") == "unfinished" or not t.text
    ]
    assert untranslated == []


def test_the_catalogue_holds_every_string_of_the_sources(tmp_path: Path) -> None:
    # lupdate into a copy: a string added to the code but not to the .ts shows up as new.
    copy = tmp_path / "kiosk_zh_CN.ts"
    shutil.copy(TS_FILES[Language.ZH], copy)
    sources = sorted(str(p) for p in UI_DIR.rglob("*.py"))
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    out = subprocess.run(
        [str(lupdate), *sources, "-no-obsolete", "-ts", str(copy)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    assert "(0 new and" in out, out
