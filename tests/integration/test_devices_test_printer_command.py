"""`kiosk devices test printer`: a test receipt on the configured printer, status as JSON."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from config.loader import profile_path
from devices.printer.escpos_decoder import EscposDecoder
from devices.printer.raster import text_raster
from kiosk.commands import devices
from tests.fixtures.printer import LoopbackPrinter, LoopbackState

pytestmark = pytest.mark.stack


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    devices.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return int(args.handler(args))


def config_for(tmp_path: Path, port: int) -> Path:
    text = profile_path("demo").read_text(encoding="utf-8")
    network = f'backend = "network"\nhost = "127.0.0.1"\nport = {port}\ntimeout_s = 1.0\n'
    text = re.sub(r'(\[devices\.printer\]\n)backend = "simulated"\n', r"\g<1>" + network, text)
    assert f"port = {port}" in text
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_test_receipt_prints_with_chinese_symbols_rare_characters_qr_and_cut(
    tmp_path: Path, loopback_printer: LoopbackPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    config = config_for(tmp_path, loopback_printer.port)
    assert run(["devices", "test", "printer", "--config", str(config)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"printer": "network", "outcome": "printed", "status": "ok", "detail": ""}
    paper = EscposDecoder("gb18030", True).decode(loopback_printer.connections[-1])
    assert "全角符号：￥12.50，。、；：“”（）" in paper.lines
    assert text_raster("生僻字：𠮷 䶮 龘") in [p.raster for p in paper.pictures]
    assert len(paper.qr_payloads) == 1
    assert paper.cuts == 1


def test_a_printer_out_of_paper_is_reported_and_fails(
    tmp_path: Path, loopback_printer: LoopbackPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    loopback_printer.set_state(LoopbackState.PAPER_OUT)
    config = config_for(tmp_path, loopback_printer.port)
    assert run(["devices", "test", "printer", "--config", str(config)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["outcome"], report["status"]) == ("not_printed", "paper_out")
