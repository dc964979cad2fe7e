"""The technician's Queue page refuses a bundle from a revoked terminal once "Sync now" has
pulled the platform's revocation list (TLS reference platform, a real tmpfs drive): the page
says why in plain words, with no personal data, and the queue stays empty."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from config.secrets import load_secrets
from kiosk.queue_desk import QueueDesk
from offline_cache.store import OfflineStore
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import enroll_terminal, seed_applications, terminal_settings
from ui.widgets.technician_queue_page import QueuePage


def test_a_revoked_vans_bundle_is_refused_on_the_page_after_sync_now(
    qtbot, tmp_path: Path, tls_platform: RunningPlatform, small_tmpfs: Path
) -> None:
    van = terminal_settings(tmp_path / "van", tls_platform, terminal={"id": "MY-VAN-401"})
    hall = terminal_settings(tmp_path / "hall", tls_platform, terminal={"id": "MY-HALL-401"})
    van_client = enroll_terminal(van, tls_platform)
    enroll_terminal(hall, tls_platform)
    store = OfflineStore.open(van.storage)
    try:
        seed_applications(store, 1, attachments=1, size=2000, terminal_id="MY-VAN-401")
    finally:
        store.close()
    QueueDesk(van).export(small_tmpfs)
    tls_platform.admin.revoke(van_client)
    assert load_secrets(hall.storage.secrets_file).platform_public_key is not None
    OfflineStore.open(hall.storage).close()  # the hall has been in service: its outbox exists

    page = QueuePage(hall, drive_roots=(small_tmpfs.parent,))
    qtbot.addWidget(page)
    page.resize(1800, 900)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.counts.text() == "Waiting: 0 · Quarantined: 0", timeout=5000)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Last sync" in page.sync_result.text(), timeout=30000)
    assert "0 sent, 0 quarantined" in page.sync_result.text()
    page.find_drives()
    qtbot.waitUntil(lambda: page.bundle_list.count() == 1, timeout=5000)
    page.bundle_list.setCurrentRow(0)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(
        lambda: page.result.text().startswith("Signed by a revoked terminal"), timeout=10000
    )
    assert "hand the drive to the platform's staff" in page.result.text()
    for canary in ("510703199001011234", "测试"):
        assert canary not in page.result.text()
    qtbot.waitUntil(lambda: page.counts.text() == "Waiting: 0 · Quarantined: 0", timeout=5000)
