"""A service guide (办事指南) as the screens show it: typed, bilingual, read from a catalog record.

The catalog stores each service as one JSON record; this module turns it into frozen values so
the UI never digs in dictionaries, and builds the phone URL of the same guide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from kiosk.forms import Text

GUIDE_PATH = "/guide/"


class OnlineDepth(StrEnum):
    """How far the service can be done online (网办深度)."""

    FULLY_ONLINE = "全程网办"
    AT_MOST_ONCE = "最多跑一次"
    IN_PERSON = "必须到现场"


class MaterialForm(StrEnum):
    """Whether the original or a copy is handed in."""

    ORIGINAL = "original"
    COPY = "copy"


@dataclass(frozen=True)
class GuideMaterial:
    """One required material and whether the terminal can capture it."""

    name: Text
    form: MaterialForm
    copies: int
    electronic: bool
    capturable: bool
    evidence_level: str


@dataclass(frozen=True)
class GuideCounter:
    """Where to go: a counter of a service centre, its address and opening hours."""

    name: Text
    address: str
    hours: Text


@dataclass(frozen=True)
class ServiceGuide:
    """Everything the guide screen shows about one service."""

    code: str
    name: str
    short_name: str
    level: str
    level_name: Text
    division_code: str
    division_name: str
    department: Text
    task_type: Text
    themes: tuple[Text, ...]
    service_object: str
    conditions: tuple[Text, ...]
    materials: tuple[GuideMaterial, ...]
    fee_charged: bool
    fee: Text
    statutory_limit_days: int
    promised_limit_days: int
    online_depth: OnlineDepth
    terminal_applicable: bool
    counters: tuple[GuideCounter, ...]
    legal_basis: tuple[str, ...]
    form_id: str
    form_version: int
    name_en: str = ""  # "" when the catalog has no English name
    short_name_en: str = ""
    division_name_en: str = ""
    min_applicant_age: int | None = None  # youngest age to apply alone; None: no limit

    def name_in(self, language: str) -> str:
        """The service's name in ``language`` ("zh" or "en"; Chinese if no English name)."""
        return self.name_en if language == "en" and self.name_en else self.name

    def division_in(self, language: str) -> str:
        """The division's name in ``language``."""
        if language == "en" and self.division_name_en:
            return self.division_name_en
        return self.division_name


def _text(zh: Any, en: Any) -> Text:
    # English falls back to Chinese: a guide without an English line still says something.
    return Text(str(zh), str(en) if en else str(zh))


def guide_from_record(record: Mapping[str, Any]) -> ServiceGuide:
    """Build the guide from one catalog record (already validated by the store)."""
    themes_en = list(record.get("themes_en") or [])
    themes = tuple(
        _text(t, themes_en[i] if i < len(themes_en) else "") for i, t in enumerate(record["themes"])
    )
    return ServiceGuide(
        code=record["code"],
        name=record["name"],
        short_name=record["short_name"],
        level=record["level"],
        level_name=_text(record.get("level_name", record["level"]), record.get("level_name_en")),
        division_code=record["division_code"],
        division_name=record["division_name"],
        department=_text(record["department"], record.get("department_en")),
        task_type=_text(
            record.get("task_type_name", record["task_type"]), record.get("task_type_name_en")
        ),
        themes=themes,
        service_object=record["service_object"],
        conditions=tuple(_text(c["text"], c["text_en"]) for c in record["conditions"]),
        materials=tuple(
            GuideMaterial(
                name=_text(m["name"], m["name_en"]),
                form=MaterialForm(m["form"]),
                copies=int(m["copies"]),
                electronic=m["medium"] == "electronic",
                capturable=bool(m["capturable"]),
                evidence_level=m["evidence_level"],
            )
            for m in record["materials"]
        ),
        fee_charged=bool(record["fee"]["charged"]),
        fee=_text(record["fee"]["text"], record["fee"]["text_en"]),
        statutory_limit_days=int(record["statutory_limit_days"]),
        promised_limit_days=int(record["promised_limit_days"]),
        online_depth=OnlineDepth(record["online_depth"]),
        terminal_applicable=bool(record["terminal_applicable"]),
        counters=tuple(
            GuideCounter(
                name=_text(c["name"], c["name_en"]),
                address=c["address"],
                hours=_text(c["hours"], c["hours_en"]),
            )
            for c in record["counters"]
        ),
        legal_basis=tuple(str(b) for b in record["legal_basis"]),
        form_id=record["form"]["id"],
        form_version=int(record["form"]["version"]),
        name_en=str(record.get("name_en") or ""),
        short_name_en=str(record.get("short_name_en") or ""),
        division_name_en=str(record.get("division_name_en") or ""),
        min_applicant_age=(
            int(record["min_applicant_age"])
            if record.get("min_applicant_age") is not None
            else None
        ),
    )


def guide_url(platform_url: str, code: str) -> str:
    """The address of the same guide on the platform, for the phone QR code."""
    return platform_url.rstrip("/") + GUIDE_PATH + quote(code, safe="")
