"""The audit log's hash chain: intact logs verify, and each kind of tampering names its line."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.audit import (
    GENESIS_HASH,
    AuditEntry,
    AuditKind,
    AuditLog,
    PersonalDataInAudit,
    canonical_json,
    entry_hash,
    open_audit_log,
    refuse_personal_data,
)
from kiosk.cli import main
from tests.fixtures.settings import SettingsFactory


def _log_with(tmp_path: Path, count: int) -> AuditLog:
    log = AuditLog(tmp_path)
    for number in range(count):
        log.record(AuditKind.TECHNICIAN, "enter", actor="technician", details={"n": str(number)})
    return log


def _lines(log: AuditLog) -> list[str]:
    return log.path.read_text(encoding="utf-8").splitlines()


def _write(log: AuditLog, lines: list[str]) -> None:
    log.path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_an_untouched_log_verifies_with_every_entry_chained(tmp_path: Path) -> None:
    log = _log_with(tmp_path, 5)
    result = log.verify()
    assert result.ok, result.problems
    assert (result.entries, result.last_seq) == (5, 5)
    entries = log.entries()
    assert entries[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert [e.seq for e in log.entries_since(3)] == [4, 5]


def test_an_edited_line_is_named(tmp_path: Path) -> None:
    log = _log_with(tmp_path, 5)
    lines = _lines(log)
    lines[2] = lines[2].replace('"actor":"technician"', '"actor":"S0001"')
    _write(log, lines)
    result = log.verify()
    assert not result.ok
    assert result.first_bad_line == 3
    assert result.problems[0].startswith("line 3:") and "edited" in result.problems[0]


def test_an_edited_line_with_its_hash_recomputed_breaks_the_next_link(tmp_path: Path) -> None:
    log = _log_with(tmp_path, 4)
    lines = _lines(log)
    raw = json.loads(lines[1])
    raw["details"] = {"n": "forged"}
    forged = AuditEntry.from_dict({**raw, "hash": ""})
    lines[1] = canonical_json({**raw, "hash": entry_hash(forged)}).decode()
    _write(log, lines)
    result = log.verify()
    assert result.first_bad_line == 3
    assert "does not chain" in result.problems[0]


def test_a_removed_line_is_named(tmp_path: Path) -> None:
    log = _log_with(tmp_path, 5)
    lines = _lines(log)
    del lines[1]
    _write(log, lines)
    result = log.verify()
    assert not result.ok
    assert result.first_bad_line == 2
    assert result.problems == ["line 2: seq 3 where 2 was expected (entries removed)"]


def test_a_swapped_pair_is_named(tmp_path: Path) -> None:
    log = _log_with(tmp_path, 5)
    lines = _lines(log)
    lines[1], lines[2] = lines[2], lines[1]
    _write(log, lines)
    result = log.verify()
    assert not result.ok
    assert result.first_bad_line == 2
    assert "seq 3 where 2 was expected" in result.problems[0]


def test_entries_cut_from_the_end_are_noticed(tmp_path: Path) -> None:
    log = _log_with(tmp_path, 5)
    _write(log, _lines(log)[:3])
    result = log.verify()
    assert not result.ok
    assert result.first_bad_line == 4
    assert "truncated" in result.problems[0]
    # A later append keeps counting from the last written entry, so the gap stays visible.
    log.record(AuditKind.SYNC, "heartbeat")
    assert "seq 6 where 4 was expected" in log.verify().problems[0]


def test_a_line_torn_by_a_power_cut_is_cut_off_and_recorded(tmp_path: Path) -> None:
    log = _log_with(tmp_path, 2)
    head = (tmp_path / "audit.head.json").read_bytes()
    log.record(AuditKind.TECHNICIAN, "enter")
    # Power cut while writing seq 3: the line is torn and the head never moved past seq 2.
    (tmp_path / "audit.head.json").write_bytes(head)
    log.path.write_bytes(log.path.read_bytes()[:-20])
    assert log.verify().first_bad_line == 3
    log.record(AuditKind.SYNC, "heartbeat")
    actions = [(e.seq, e.action) for e in log.entries()]
    assert actions == [(1, "enter"), (2, "enter"), (3, "torn_line_discarded"), (4, "heartbeat")]
    result = log.verify()
    assert result.ok, result.problems


def test_a_written_line_cut_short_stays_visible_after_later_appends(tmp_path: Path) -> None:
    log = _log_with(tmp_path, 3)
    log.path.write_bytes(log.path.read_bytes()[:-20])
    log.record(AuditKind.SYNC, "heartbeat")
    result = log.verify()
    assert result.first_bad_line == 3
    assert "seq 4 where 3 was expected" in result.problems[0]


_APPENDER = """
import sys
from pathlib import Path
from kiosk.audit import AuditKind, AuditLog
log = AuditLog(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()  # both start appending together
for number in range(int(sys.argv[3])):
    log.record(AuditKind.SYNC, "append", details={"worker": sys.argv[2], "n": str(number)})
"""


def test_two_processes_appending_at_once_keep_one_valid_chain(tmp_path: Path) -> None:
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _APPENDER, str(tmp_path), worker, "100"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        for worker in ("1", "2")
    ]
    for process in workers:
        assert process.stdout is not None and process.stdout.readline() == b"ready\n"
    for process in workers:
        assert process.stdin is not None
        process.stdin.write(b"go\n")
        process.stdin.close()
    assert [process.wait(timeout=60) for process in workers] == [0, 0]
    log = AuditLog(tmp_path)
    result = log.verify()
    assert result.ok, result.problems
    assert result.entries == 200
    entries = log.entries()
    assert [e.seq for e in entries] == list(range(1, 201))
    # The two writers really did interleave (else the lock was never put to the test).
    workers_in_order = [e.details["worker"] for e in entries]
    assert workers_in_order != sorted(workers_in_order)


@pytest.mark.parametrize(
    "details",
    [{"id": "11010519491231002X"}, {"phone": "13812345678"}, {"uscc": "91350100M000100Y43"}],
)
def test_personal_data_in_details_is_refused(tmp_path: Path, details: dict[str, str]) -> None:
    log = AuditLog(tmp_path)
    with pytest.raises(PersonalDataInAudit):
        log.record(AuditKind.STAFF, "assist", actor="S0001", details=details)
    assert not log.path.exists() or log.path.read_bytes() == b""


def test_in_production_personal_data_is_stored_masked(tmp_path: Path) -> None:
    refuse_personal_data(False)
    entry = AuditLog(tmp_path).record(
        AuditKind.STAFF, "assist", details={"id": "11010519491231002X"}
    )
    assert entry.details == {"id": "[ID]"}
    assert "11010519491231002X" not in (tmp_path / "audit.jsonl").read_text(encoding="utf-8")


def _config_file(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f"""\
profile = "demo"
[terminal]
id = "MY-DEMO-001"
name = "演示终端"
hall = "演示大厅"
[platform]
url = "http://127.0.0.1:9/"
[storage]
data_dir = "{tmp_path / "data"}"
key_file = "{tmp_path / "keys/storage.key"}"
secrets_file = "{tmp_path / "keys/secrets.toml"}"
""",
        encoding="utf-8",
    )
    return path


def test_cli_verify_reports_ok_then_the_broken_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config_file(tmp_path)
    log = AuditLog(tmp_path / "data")
    for _ in range(3):
        log.record(AuditKind.CONFIG, "set", actor="technician", details={"key": "ui.fullscreen"})
    assert main(["audit", "verify", "--config", str(config), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    lines = _lines(log)
    del lines[0]
    _write(log, lines)
    assert main(["audit", "verify", "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert "line 1: seq 2 where 1 was expected" in out
    assert main(["audit", "list", "--config", str(config)]) == 0
    assert "ui.fullscreen" in capsys.readouterr().out


def test_open_audit_log_lives_in_the_data_folder(settings_factory: SettingsFactory) -> None:
    settings = settings_factory()
    log = open_audit_log(settings)
    log.record(AuditKind.ENROLLMENT, "enrolled")
    assert log.path.parent == settings.storage.data_dir
