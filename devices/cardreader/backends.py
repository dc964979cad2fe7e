"""Build the identity reader a terminal's settings ask for (PC/SC, SAM serial, simulated)."""

from __future__ import annotations

from config.schema import PcscReaderSettings, SamSerialReaderSettings, SimulatedReaderSettings
from devices.cardreader.events import IdentityReader
from devices.cardreader.piv import PinProvider
from devices.cardreader.sam_serial import WltDecoder


def reader_from_settings(
    settings: PcscReaderSettings | SamSerialReaderSettings | SimulatedReaderSettings,
    *,
    pin_provider: PinProvider | None = None,
    wlt_decoder: WltDecoder | None = None,
) -> IdentityReader:
    """A reader (not started) for one entry of ``devices.card_readers``."""
    if isinstance(settings, PcscReaderSettings):
        # Imported here: pyscard needs libpcsclite, which a demo machine may lack.
        from devices.cardreader.pcsc_reader import PcscCardReader

        return PcscCardReader(reader_filter=settings.reader_name, pin_provider=pin_provider)
    if isinstance(settings, SamSerialReaderSettings):
        from devices.cardreader.sam_serial import SamSerialReader

        return SamSerialReader(
            settings.port,
            baudrate=settings.baudrate,
            timeout_s=settings.timeout_s,
            wlt_decoder=wlt_decoder,
        )
    from devices.cardreader.simulated import SimulatedCardReader

    return SimulatedCardReader()
