"""Demo mode's simulated reader: cards appear and leave without hardware."""

from __future__ import annotations

from devices.cardreader.events import ReaderEventKind
from devices.cardreader.identity import IdentitySource
from devices.cardreader.simulated import SimulatedCardReader


def _kinds(reader: SimulatedCardReader) -> list[ReaderEventKind]:
    kinds = []
    while not reader.events.empty():
        kinds.append(reader.events.get_nowait().kind)
    return kinds


def test_presenting_a_demo_card_reads_its_identity_and_taking_it_away_removes_it() -> None:
    reader = SimulatedCardReader()
    reader.start()
    identity = reader.present(2)
    assert identity.name == "王秀英"
    assert identity.source is IdentitySource.SIMULATED
    reader.take_away()
    assert _kinds(reader) == [
        ReaderEventKind.READER_ADDED,
        ReaderEventKind.CARD_INSERTED,
        ReaderEventKind.IDENTITY_READ,
        ReaderEventKind.CARD_REMOVED,
    ]
    reader.stop()


def test_settings_choose_the_backend() -> None:
    from config.schema import PcscReaderSettings, SamSerialReaderSettings, SimulatedReaderSettings
    from devices.cardreader.backends import reader_from_settings
    from devices.cardreader.pcsc_reader import PcscCardReader
    from devices.cardreader.sam_serial import SamSerialReader

    simulated = reader_from_settings(SimulatedReaderSettings(backend="simulated"))
    assert isinstance(simulated, SimulatedCardReader)
    pcsc = reader_from_settings(PcscReaderSettings(backend="pcsc", reader_name="ACS"))
    assert isinstance(pcsc, PcscCardReader)
    sam = reader_from_settings(SamSerialReaderSettings(backend="sam_serial", port="/dev/ttyUSB0"))
    assert isinstance(sam, SamSerialReader)
