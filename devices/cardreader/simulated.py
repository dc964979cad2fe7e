"""Demo mode: a simulated card reader with a few clearly fake residents (valid check characters)."""

from __future__ import annotations

import datetime as dt
import queue

from stdnum.cn import ric

from devices.cardreader.events import ReaderEvent, ReaderEventKind
from devices.cardreader.identity import DocumentType, Identity, IdentitySource, Sex

READER_NAME = "Simulated card reader"
DEMO_REGION = "510703"  # 绵阳市涪城区


def demo_id_number(birth: dt.date, sequence: int) -> str:
    """An ID number of the demo region with a correct GB 11643 check character."""
    body = f"{DEMO_REGION}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def _resident(
    name: str, sex: Sex, birth: dt.date, sequence: int, document: DocumentType
) -> Identity:
    return Identity(
        source=IdentitySource.SIMULATED,
        document_type=document,
        number=demo_id_number(birth, sequence),
        name=name,
        sex=sex,
        nation="01",
        birth_date=birth,
        address="四川省绵阳市涪城区演示路1号（演示数据）",
        issuing_authority="绵阳市公安局涪城区分局（演示）",
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2040, 1, 1),
        card_number="DEMO00001" if document is DocumentType.SOCIAL_SECURITY_CARD else "",
    )


# Odd sequence numbers for men, even for women, as GB 11643 assigns them.
DEMO_RESIDENTS: tuple[Identity, ...] = (
    _resident("张三", Sex.MALE, dt.date(1980, 1, 1), 991, DocumentType.RESIDENT_ID_CARD),
    _resident("李四", Sex.MALE, dt.date(1975, 6, 15), 993, DocumentType.SOCIAL_SECURITY_CARD),
    _resident("王秀英", Sex.FEMALE, dt.date(1952, 3, 8), 992, DocumentType.RESIDENT_ID_CARD),
    _resident("欧阳娜娜", Sex.FEMALE, dt.date(2001, 9, 30), 994, DocumentType.SOCIAL_SECURITY_CARD),
)


class SimulatedCardReader:
    """A reader with no hardware: ``present()`` a demo card, ``take_away()`` removes it."""

    def __init__(self, residents: tuple[Identity, ...] = DEMO_RESIDENTS) -> None:
        self.events: queue.Queue[ReaderEvent] = queue.Queue()
        self.residents = residents
        self._card: Identity | None = None
        self._running = False

    def start(self) -> None:
        """Announce the reader."""
        self._running = True
        self.events.put(ReaderEvent(ReaderEventKind.READER_ADDED, READER_NAME))

    def stop(self) -> None:
        """Nothing to join: the simulator has no thread."""
        self._running = False

    def present(self, index: int = 0) -> Identity:
        """Put demo card ``index`` on the reader: inserted, then read."""
        if self._card is not None:
            self.take_away()
        self._card = self.residents[index % len(self.residents)]
        self.events.put(ReaderEvent(ReaderEventKind.CARD_INSERTED, READER_NAME))
        self.events.put(ReaderEvent(ReaderEventKind.IDENTITY_READ, READER_NAME, self._card))
        return self._card

    def take_away(self) -> None:
        """Remove the card, if any."""
        if self._card is not None:
            self._card = None
            self.events.put(ReaderEvent(ReaderEventKind.CARD_REMOVED, READER_NAME))
