"""Ask a receipt printer for its status, for `kiosk doctor` and the technician.

The status bytes are read in devices.printer.status (``read_status`` is re-exported here);
every backend is probed through the adapter, each within its configured timeout. Network
printers not yet configured are found only among candidates the technician lists
(``devices.network_printer_candidates``): discovery never scans a network.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from config.schema import PrinterSettings
from devices.printer.base import PrinterStatus
from devices.printer.status import StatusQueries, read_status

__all__ = [
    "NetworkPrinterAnswer",
    "StatusQueries",
    "probe_network_printer",
    "probe_network_printers",
    "probe_printer",
    "read_status",
]


def probe_printer(settings: PrinterSettings) -> PrinterStatus:
    """The status of the configured printer, within its timeout; never raises.

    A printer configured without status queries is UNKNOWN and is not contacted;
    one that refuses or is not there is OFFLINE.
    """
    from devices.printer.escpos_printer import ReceiptPrinter

    return ReceiptPrinter(settings).status()


@dataclass(frozen=True)
class NetworkPrinterAnswer:
    """What one network printer candidate (host:port) did when asked for its status."""

    address: str
    host: str
    port: int
    escpos: bool  # it answered the status query like an ESC/POS printer
    status: PrinterStatus
    detail: str
    seconds: float


def split_address(address: str, default_port: int = 9100) -> tuple[str, int]:
    """``"10.1.2.3:9100"`` / ``"printer.local"`` / ``"[::1]:9100"`` -> host and port."""
    text = address.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        return host, int(rest.removeprefix(":") or default_port)
    host, sep, port = text.rpartition(":")
    if not sep or ":" in host:
        return text, default_port
    return host, int(port)


def probe_network_printer(address: str, timeout_s: float = 0.5) -> NetworkPrinterAnswer:
    """Connect to one configured candidate and ask for its real-time status; never raises.

    Only the given address is contacted: discovery never scans a network.
    """
    from devices.printer.connection import PrinterUnreachable
    from devices.printer.network_printer import NetworkPrinter

    started = time.monotonic()
    try:
        host, port = split_address(address)
    except ValueError:
        return NetworkPrinterAnswer(
            address, address, 0, False, PrinterStatus.UNKNOWN, "not host:port", 0.0
        )
    printer = NetworkPrinter(host, port, timeout_s)
    try:
        printer.open()
        status = read_status(printer)
    except (PrinterUnreachable, OSError) as exc:
        detail = f"no connection: {exc.__cause__ or exc}"
        return NetworkPrinterAnswer(
            address, host, port, False, PrinterStatus.OFFLINE, detail, time.monotonic() - started
        )
    finally:
        printer.close()
    escpos = status is not PrinterStatus.UNKNOWN
    detail = "answers ESC/POS status" if escpos else "connects, but no ESC/POS status answer"
    return NetworkPrinterAnswer(
        address, host, port, escpos, status, detail, time.monotonic() - started
    )


def probe_network_printers(
    addresses: Sequence[str], timeout_s: float = 0.5
) -> list[NetworkPrinterAnswer]:
    """Probe each configured candidate in parallel (a few at most), in the order given."""
    if not addresses:
        return []
    with ThreadPoolExecutor(max_workers=min(8, len(addresses))) as pool:
        return list(pool.map(lambda a: probe_network_printer(a, timeout_s), addresses))
