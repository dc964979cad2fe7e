"""The technician's Queue page: a quarantined application retried back into the queue, one set
aside by hand, and the queue exported to a mounted drive (a real tmpfs mount) and imported on
another terminal's page, twice, with "n new, m already known" shown."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt

from config.schema import KioskSettings
from config.secrets import write_secrets
from kiosk.audit import open_audit_log
from offline_cache.outbox import ApplicationState
from offline_cache.store import OfflineStore
from tests.fixtures.bundle_keys import City
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.settings import make_settings
from tests.fixtures.sync import enroll_terminal, seed_applications, terminal_settings
from ui.widgets.technician_queue_page import QueuePage

REASON = "platform refused (422 service_withdrawn): the service is not offered"


def _page(qtbot, settings: KioskSettings, roots: tuple[Path, ...] = ()) -> QueuePage:
    page = QueuePage(settings, drive_roots=roots)
    qtbot.addWidget(page)
    page.resize(1800, 900)
    page.show()
    return page


def _seed(settings: KioskSettings, count: int) -> list[str]:
    store = OfflineStore.open(settings.storage)
    try:
        return seed_applications(store, count, attachments=1, size=2000)
    finally:
        store.close()


def _state(settings: KioskSettings, application_id: str) -> ApplicationState:
    store = OfflineStore.open(settings.storage)
    try:
        record = store.outbox.get(application_id)
        assert record is not None
        return record.state
    finally:
        store.close()


def test_retry_brings_a_quarantined_application_back_and_quarantine_sets_one_aside(
    qtbot, kiosk_settings: KioskSettings
) -> None:
    keep, refused = _seed(kiosk_settings, 2)
    store = OfflineStore.open(kiosk_settings.storage)
    try:
        store.outbox.quarantine(refused, REASON, datetime.now(UTC))
        receipts = {r.application_id: r.receipt_number for r in store.outbox.all_records()}
    finally:
        store.close()
    page = _page(qtbot, kiosk_settings)

    page.refresh()
    qtbot.waitUntil(lambda: page.counts.text() == "Waiting: 1 · Quarantined: 1", timeout=5000)
    cells = [page.table.item(r, c).text() for r in range(2) for c in range(5)]
    assert REASON in cells and "quarantined" in cells and receipts[refused] in cells
    assert not page.retry_button.isEnabled()  # nothing selected yet

    page.select_receipt(receipts[refused])
    assert page.retry_button.isEnabled() and not page.quarantine_button.isEnabled()
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.counts.text() == "Waiting: 2 · Quarantined: 0", timeout=5000)
    assert "is back in the queue" in page.result.text()
    assert _state(kiosk_settings, refused) is ApplicationState.FINALIZED

    page.select_receipt(receipts[keep])
    qtbot.mouseClick(page.quarantine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.counts.text() == "Waiting: 1 · Quarantined: 1", timeout=5000)
    assert _state(kiosk_settings, keep) is ApplicationState.QUARANTINED
    actions = [e.action for e in open_audit_log(kiosk_settings).entries_since(0)]
    assert actions == ["retry", "quarantine"]

    page.clear()
    assert page.table.rowCount() == 0 and page.result.text() == ""


def test_export_to_a_mounted_drive_and_import_on_another_terminal(
    qtbot, kiosk_settings: KioskSettings, small_tmpfs: Path, tmp_path: Path
) -> None:
    city = City()
    hall_settings = make_settings(tmp_path / "hall", terminal={"id": "MY-HALL-001"})
    for settings in (kiosk_settings, hall_settings):
        write_secrets(settings.storage.secrets_file, city.secrets_for(settings.terminal.id))
    ids = _seed(kiosk_settings, 2)
    roots = (small_tmpfs.parent,)
    van = _page(qtbot, kiosk_settings, roots)
    hall = _page(qtbot, hall_settings, roots)

    van.refresh()
    van.find_drives()
    qtbot.waitUntil(lambda: str(small_tmpfs) in van.drive_list.item(0).text(), timeout=5000)
    assert van.drive_list.count() == 1
    assert not van.export_button.isEnabled()
    van.drive_list.setCurrentRow(0)
    qtbot.mouseClick(van.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Exported 2 applications" in van.result.text(), timeout=10000)
    qtbot.waitUntil(lambda: van.bundle_list.count() == 1, timeout=5000)
    qtbot.waitUntil(lambda: "exported" in van.table.item(0, 4).text(), timeout=5000)

    hall.find_drives()
    qtbot.waitUntil(lambda: hall.bundle_list.count() == 1, timeout=5000)
    hall.bundle_list.setCurrentRow(0)
    qtbot.mouseClick(hall.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "2 new, 0 already known" in hall.result.text(), timeout=10000)
    assert "terminal MY-DEMO-001" in hall.result.text()
    qtbot.waitUntil(lambda: hall.counts.text() == "Waiting: 2 · Quarantined: 0", timeout=5000)
    assert "from terminal MY-DEMO-001" in hall.table.item(0, 4).text()
    qtbot.waitUntil(hall.import_button.isEnabled, timeout=5000)
    qtbot.mouseClick(hall.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "0 new, 2 already known" in hall.result.text(), timeout=10000)
    for application_id in ids:
        assert _state(hall_settings, application_id) is ApplicationState.FINALIZED


def test_sync_now_sends_the_queue_and_shows_the_last_result(
    qtbot, tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    settings = terminal_settings(tmp_path, tls_platform, terminal={"id": "MY-SYNC-001"})
    enroll_terminal(settings, tls_platform)
    _seed(settings, 2)
    page = _page(qtbot, settings)
    page.refresh()
    qtbot.waitUntil(lambda: page.counts.text() == "Waiting: 2 · Quarantined: 0", timeout=5000)

    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(
        lambda: "2 sent, 0 quarantined, 0 to try again" in page.sync_result.text(), timeout=30000
    )
    qtbot.waitUntil(lambda: page.counts.text() == "Waiting: 0 · Quarantined: 0", timeout=5000)
    assert "Last contact with the platform: never" not in page.contact.text()
