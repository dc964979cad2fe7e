"""The `kiosk` command line: version, and `run` refusing to start without a display or config."""

from __future__ import annotations

import json
import os
import platform
import socket
import stat
from pathlib import Path

import pytest

from config.secrets import Secrets, write_secrets
from kiosk import __version__
from kiosk.cli import main
from kiosk.reference_platform import ReferencePlatform, ReferencePlatformError
from tests.fixtures.settings import SettingsFactory
from tests.fixtures.stacks import free_port

NO_DISPLAY = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _config_file(tmp_path: Path, port: int, *, idle_timeout_s: int = 90) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f"""\
profile = "demo"
[terminal]
id = "MY-DEMO-001"
name = "演示终端"
hall = "演示大厅"
[session]
idle_timeout_s = {idle_timeout_s}
[platform]
url = "http://127.0.0.1:{port}/"
start_reference_server = true
[storage]
data_dir = "{tmp_path / "data"}"
key_file = "{tmp_path / "keys/storage.key"}"
secrets_file = "{tmp_path / "keys/secrets.toml"}"
[logging]
file = "{tmp_path / "logs/kiosk.log"}"
""",
        encoding="utf-8",
    )
    return path


def test_version_prints_package_python_and_platform(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["version"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"onewindow-kiosk {__version__}"
    assert platform.python_version() in out[1]
    assert out[2] == f"Platform {platform.platform()}"


def test_run_without_a_display_explains_xvfb_and_offscreen_and_exits_3(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in NO_DISPLAY:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert main(["run", "--profile", "demo"]) == 3
    err = capsys.readouterr().err
    assert 'xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/kiosk run --profile demo' in err
    assert "QT_QPA_PLATFORM=offscreen" in err
    # Nothing was started or created: no log file, no data folder.
    assert not (tmp_path / ".local").exists()


def test_run_with_a_bad_config_exits_2_and_starts_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    port = free_port()
    config = _config_file(tmp_path, port, idle_timeout_s=1)
    assert main(["run", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "session.idle_timeout_s: " in err
    assert not _listening(port)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.toml"]


def test_run_with_an_open_secrets_file_exits_2_and_starts_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    port = free_port()
    config = _config_file(tmp_path, port)
    secrets = tmp_path / "keys/secrets.toml"
    write_secrets(secrets, Secrets(platform_client_id="MY-DEMO-001"))
    secrets.chmod(0o644)
    assert main(["run", "--config", str(config)]) == 2
    assert f"chmod 600 {secrets}" in capsys.readouterr().err
    assert not _listening(port)
    assert not (tmp_path / "logs").exists()
    assert not (tmp_path / "data").exists()


def test_run_and_check_refuse_both_profile_and_config(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["run", "--profile", "demo", "--config", str(tmp_path / "x.toml")])
    assert caught.value.code == 2


def test_config_show_prints_the_effective_settings_as_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_SESSION__IDLE_TIMEOUT_S", "45")
    assert main(["config", "show", "--profile", "hall"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["terminal"]["id"] == "MY-ZWZX-001"
    assert shown["session"]["idle_timeout_s"] == 45


def test_reference_platform_refuses_a_port_that_is_already_taken(
    settings_factory: SettingsFactory, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = settings_factory(platform={"url": f"http://127.0.0.1:{port}/"})
        server = ReferencePlatform.for_settings(settings.platform, tmp_path / "central")
        with pytest.raises(ReferencePlatformError, match="already listens"):
            server.start()
        assert server.pid is None


def test_reference_platform_only_runs_on_loopback(
    settings_factory: SettingsFactory, tmp_path: Path
) -> None:
    settings = settings_factory(platform={"url": "https://zwfw.my.gov.cn/kiosk-api/v1/"})
    with pytest.raises(ReferencePlatformError, match=r"127\.0\.0\.1"):
        ReferencePlatform.for_settings(settings.platform, tmp_path)


def test_reference_platform_answers_after_start_and_is_gone_after_stop(
    settings_factory: SettingsFactory, tmp_path: Path
) -> None:
    port = free_port()
    settings = settings_factory(platform={"url": f"http://127.0.0.1:{port}/"})
    server = ReferencePlatform.for_settings(settings.platform, tmp_path / "a" / "central")
    with server:
        pid = server.pid
        assert pid is not None
        assert _listening(port)
    assert not _listening(port)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
