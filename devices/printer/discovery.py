"""Ask a receipt printer for its status, for `kiosk doctor` and the technician.

The status bytes are read in devices.printer.status (``read_status`` is re-exported here);
every backend is probed through the adapter, each within its configured timeout.
"""

from __future__ import annotations

from config.schema import PrinterSettings
from devices.printer.base import PrinterStatus
from devices.printer.status import StatusQueries, read_status

__all__ = ["StatusQueries", "probe_printer", "read_status"]


def probe_printer(settings: PrinterSettings) -> PrinterStatus:
    """The status of the configured printer, within its timeout; never raises.

    A printer configured without status queries is UNKNOWN and is not contacted;
    one that refuses or is not there is OFFLINE.
    """
    from devices.printer.escpos_printer import ReceiptPrinter

    return ReceiptPrinter(settings).status()
