"""Receipt printing: build a full receipt's ESC/POS bytes, and print it to the loopback printer.

Baseline, in the same run: python-escpos' own Dummy printer producing a comparable receipt
(same lines, native QR code, cut) through its text()/set()/qr()/cut() calls.
Targets (issue 7): bytes ready in < 20 ms, printed on the loopback printer in < 100 ms.
Run: .venv/bin/python benchmarks/receipt_print.py
"""

from __future__ import annotations

import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from escpos.printer import Dummy

from devices.printer.escpos_printer import PrintOutcome, ReceiptPrinter
from devices.printer.loopback import LoopbackPrinter
from kiosk.receipt import QrBlock, RuleBlock, receipt_bytes, receipt_layout
from tests.fixtures.receipts import network_settings, sample_receipt

RUNS = 100


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm caches (fonts, code tables)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def escpos_dummy_receipt() -> bytes:
    """The same receipt through python-escpos' API (its magic encoder picks code pages)."""
    printer = Dummy()
    for block in receipt_layout(sample_receipt(), 48):
        if isinstance(block, RuleBlock):
            printer.textln("-" * 48)
        elif isinstance(block, QrBlock):
            printer.qr(block.payload, native=True, size=6)
        else:
            printer.set(
                align="center" if block.center else "left",
                bold=block.bold,
                double_height=block.double,
                double_width=block.double,
            )
            printer.textln(block.text)
    printer.cut()
    return printer.output


def main() -> None:
    settings = network_settings()
    receipt = sample_receipt()
    rare = sample_receipt(applicant_name_masked="王*𠮷")
    ours = median_ms(lambda: receipt_bytes(receipt, settings))
    ours_rare = median_ms(lambda: receipt_bytes(rare, settings))
    dummy = median_ms(escpos_dummy_receipt)
    print(
        f"build bytes, ours:                  {ours:7.3f} ms median of {RUNS}"
        f" ({len(receipt_bytes(receipt, settings))} bytes)"
    )
    print(
        f"build bytes, ours with a rare name: {ours_rare:7.3f} ms"
        f" ({len(receipt_bytes(rare, settings))} bytes)"
    )
    print(
        f"build bytes, python-escpos Dummy:   {dummy:7.3f} ms ({len(escpos_dummy_receipt())} bytes)"
    )
    print(f"ratio ours / Dummy: {ours / dummy:.2f}  (target: < 20 ms)")

    with LoopbackPrinter() as loopback:
        printer = ReceiptPrinter(network_settings(loopback.port, timeout_s=2.0))

        def print_once() -> None:
            payload = receipt_bytes(receipt, settings)
            result = printer.print_job(f"bench:{uuid.uuid4()}", payload)
            assert result.outcome is PrintOutcome.PRINTED, result

        printed = median_ms(print_once)
    print(
        f"build + print to loopback (status before, confirmed after): {printed:7.3f} ms"
        f" median of {RUNS}  (target: < 100 ms)"
    )
    print(f"ratio loopback print / Dummy build: {printed / dummy:.1f}")


if __name__ == "__main__":
    main()
