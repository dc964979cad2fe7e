"""The secrets file: private (0600, ours) or refused, written atomically, never shown."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from config.loader import ConfigError
from config.secrets import Secrets, load_secrets, write_secrets

CLIENT_SECRET = "cs-7f3a9b2e-canary"
MAC_KEY = "mac-key-canary-42"
PIN_HASH = "$argon2id$v=19$m=65536,t=3,p=4$canaryhash"


def enrolled() -> Secrets:
    return Secrets(
        platform_client_id="MY-ZWZX-001",
        platform_client_secret=SecretStr(CLIENT_SECRET),
        technician_pin_hash=PIN_HASH,
        receipt_mac_key=SecretStr(MAC_KEY),
    )


def test_missing_file_means_not_enrolled(tmp_path: Path) -> None:
    secrets = load_secrets(tmp_path / "secrets.toml")
    assert secrets == Secrets()
    assert not secrets.enrolled


def test_written_secrets_read_back_and_the_file_is_0600(tmp_path: Path) -> None:
    path = tmp_path / "etc" / "secrets.toml"
    write_secrets(path, enrolled())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = load_secrets(path)
    assert loaded.enrolled
    assert loaded.platform_client_secret is not None
    assert loaded.platform_client_secret.get_secret_value() == CLIENT_SECRET
    assert loaded.technician_pin_hash == PIN_HASH


def test_secret_values_with_quotes_and_control_characters_survive(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    awkward = 'a"b\\c\nd\x7f€'
    write_secrets(path, Secrets(receipt_mac_key=SecretStr(awkward)))
    loaded = load_secrets(path).receipt_mac_key
    assert loaded is not None
    assert loaded.get_secret_value() == awkward


def test_rewrite_replaces_the_file_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    write_secrets(path, Secrets(platform_client_id="old"))
    path.chmod(0o600)
    write_secrets(path, enrolled())
    assert load_secrets(path).platform_client_id == "MY-ZWZX-001"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secrets.toml"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_rewrite_of_an_open_file_is_0600_even_when_the_old_one_was_not(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    path.write_text('platform_client_id = "x"\n')
    path.chmod(0o644)
    write_secrets(path, enrolled())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o620])
def test_file_open_to_group_or_others_is_refused_with_the_fix(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "secrets.toml"
    write_secrets(path, enrolled())
    path.chmod(mode)
    with pytest.raises(ConfigError) as caught:
        load_secrets(path)
    text = str(caught.value)
    assert str(path) in text
    assert f"chmod 600 {path}" in text
    assert CLIENT_SECRET not in text


def test_stricter_mode_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    write_secrets(path, enrolled())
    path.chmod(0o400)
    assert load_secrets(path).enrolled


def test_file_owned_by_someone_else_is_refused(tmp_path: Path) -> None:
    if os.getuid() != 0:
        pytest.fail("this test changes a file's owner and must run as root (as CI does)")
    path = tmp_path / "secrets.toml"
    write_secrets(path, enrolled())
    os.chown(path, 12345, -1)
    with pytest.raises(ConfigError) as caught:
        load_secrets(path)
    assert "owned by uid 12345" in str(caught.value)


def test_unknown_key_is_reported_without_echoing_values(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    write_secrets(path, Secrets())
    with path.open("a") as handle:
        handle.write(f'platform_secret = "{CLIENT_SECRET}"\n')
    with pytest.raises(ConfigError) as caught:
        load_secrets(path)
    assert caught.value.problems[0].key_path == "platform_secret"
    assert CLIENT_SECRET not in str(caught.value)


def test_secrets_never_appear_in_repr_str_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    secrets = enrolled()
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("loaded %s / %r", secrets, secrets)
    for text in (repr(secrets), str(secrets), caplog.text):
        for value in (CLIENT_SECRET, MAC_KEY, PIN_HASH):
            assert value not in text
    assert "MY-ZWZX-001" in repr(secrets)  # the client id is not secret
