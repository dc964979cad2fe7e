"""Changing the settings file: validated, atomic, comments kept, one-step rollback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.errors import ConfigError
from config.loader import PROFILES_DIR, load_settings
from kiosk.audit import AuditLog
from kiosk.config_store import ConfigStore, NothingToRollBack

HALL = PROFILES_DIR / "hall.toml"


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    shutil.copyfile(HALL, path)
    return path


def test_set_changes_only_the_value_and_keeps_comments_and_hex_ids(config_file: Path) -> None:
    before = config_file.read_text(encoding="utf-8")
    change = ConfigStore(config_file).set_values({"devices.printer.paper_width_mm": 58})
    after = config_file.read_text(encoding="utf-8")
    assert change.changed_keys == ("devices.printer.paper_width_mm",)
    assert load_settings(config_file, env={}).devices.printer.paper_width_mm == 58  # type: ignore[union-attr]
    assert "# 80 mm USB thermal receipt printer." in after
    assert "vendor_id = 0x0416" in after
    assert after.replace("paper_width_mm = 58", "paper_width_mm = 80") == before
    assert (config_file.parent / "kiosk.toml.previous").read_text(encoding="utf-8") == before


def test_invalid_values_are_refused_with_every_problem_and_the_file_untouched(
    config_file: Path,
) -> None:
    before = config_file.read_bytes()
    with pytest.raises(ConfigError) as caught:
        ConfigStore(config_file).set_values(
            {"devices.printer.paper_width_mm": 57, "devices.printer.encoding": "latin-1"}
        )
    problems = {p.key_path: p for p in caught.value.problems}
    assert problems["devices.printer.paper_width_mm"].allowed == ("58", "80")
    assert problems["devices.printer.encoding"].allowed == ("gb18030", "gbk", "utf-8")
    assert config_file.read_bytes() == before
    assert sorted(p.name for p in config_file.parent.iterdir()) == ["kiosk.toml"]


def test_a_secret_cannot_be_written_into_the_settings(config_file: Path) -> None:
    before = config_file.read_bytes()
    with pytest.raises(ConfigError) as caught:
        ConfigStore(config_file).set_values({"platform.platform_client_secret": "s3cret"})
    assert [p.message for p in caught.value.problems] == ["unknown key"]
    assert config_file.read_bytes() == before


def test_changing_the_printer_backend_drops_the_keys_the_new_backend_lacks(
    config_file: Path,
) -> None:
    ConfigStore(config_file).set_values(
        {"devices.printer.backend": "network", "devices.printer.host": "192.0.2.10"}
    )
    printer = load_settings(config_file, env={}).devices.printer
    assert printer is not None and printer.backend == "network"
    assert "vendor_id" not in config_file.read_text(encoding="utf-8")


def test_a_number_typed_for_a_text_setting_is_taken_as_text(config_file: Path) -> None:
    ConfigStore(config_file).set_values({"terminal.id": 4242})
    assert load_settings(config_file, env={}).terminal.id == "4242"


def test_rollback_restores_the_previous_file_and_can_itself_be_undone(config_file: Path) -> None:
    original = config_file.read_text(encoding="utf-8")
    store = ConfigStore(config_file)
    store.set_values({"session.idle_timeout_s": 120})
    changed = config_file.read_text(encoding="utf-8")
    change = store.rollback()
    assert config_file.read_text(encoding="utf-8") == original
    assert change.changed_keys == ("session.idle_timeout_s",)
    assert change.settings.session.idle_timeout_s == 90
    store.rollback()
    assert config_file.read_text(encoding="utf-8") == changed


def test_rollback_without_a_previous_file_says_so(config_file: Path) -> None:
    with pytest.raises(NothingToRollBack):
        ConfigStore(config_file).rollback()


def test_the_file_keeps_its_mode(config_file: Path) -> None:
    config_file.chmod(0o640)
    ConfigStore(config_file).set_values({"session.countdown_s": 20})
    assert config_file.stat().st_mode & 0o777 == 0o640


@pytest.fixture
def read_only_folder() -> Iterator[Path]:
    """A folder the writer cannot write to: it belongs to root and the writer is not root."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-ro-"))
    try:
        text = HALL.read_text(encoding="utf-8")
        (folder / "kiosk.toml").write_text(
            text.replace('"/var/lib/onewindow-kiosk"', f'"{folder}/data"'), encoding="utf-8"
        )
        (folder / "kiosk.toml").chmod(0o644)
        folder.chmod(0o555 if os.getuid() != 0 else 0o755)
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_read_only_folder_gives_a_clear_error_and_leaves_the_file(
    read_only_folder: Path,
) -> None:
    path = read_only_folder / "kiosk.toml"
    before = path.read_bytes()
    # As root every folder is writable: run the command as "nobody", as the kiosk user would be.
    drop = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"]
    command = [sys.executable, "-m", "kiosk.cli", "config", "set"]
    command += ["devices.printer.paper_width_mm=58", "--config", str(path)]
    done = subprocess.run(
        (drop if os.getuid() == 0 else []) + command,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 2
    assert "Permission denied" in done.stderr
    assert "the file is unchanged" in done.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["kiosk.toml"]


def test_each_change_and_rollback_is_in_the_audit_log(config_file: Path, tmp_path: Path) -> None:
    audit = AuditLog(tmp_path / "data")
    store = ConfigStore(config_file, audit=audit, actor="T-0042")
    store.set_values({"devices.printer.paper_width_mm": 58})
    store.rollback()
    with pytest.raises(ConfigError):
        store.set_values({"devices.printer.paper_width_mm": 57})
    entries = audit.entries()
    assert [(e.kind, e.action, e.actor) for e in entries] == [
        ("config", "config set", "T-0042"),
        ("config", "config rollback", "T-0042"),
    ]
    assert entries[0].details["keys"] == "devices.printer.paper_width_mm"
    assert audit.verify().ok
