"""Reading the real source data: Mianyang's divisions and the Sichuan portal's service items."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SOURCE_DIR = Path(__file__).with_name("source_data")
DIVISIONS_FILE = SOURCE_DIR / "mianyang_divisions.json"
ITEMS_FILE = SOURCE_DIR / "sczwfw_guangan_service_items.json"

CITY_CODE = "510700"
CITY_NAME = "绵阳市"
SOURCE_AREA = "511602000000"  # 广安区, where the source items come from


@dataclass(frozen=True)
class Division:
    """One administrative division: the city, a county-level unit, or a town / street."""

    code: str  # 6 digits (city, county) or 9 digits (town)
    name: str
    level: str  # "municipal" | "county" | "town"
    county_code: str  # the county it lies in; the city's own code for the city
    parent_code: str | None

    @property
    def area12(self) -> str:
        """The 12-digit area code used inside item codes (510703000000, 510703001000)."""
        return (self.code + "000000")[:12] if len(self.code) == 6 else self.code + "000"

    @property
    def is_street(self) -> bool:
        """A street office (街道) serves an urban area: no farmland services."""
        return self.name.endswith("街道")


@dataclass(frozen=True)
class SourceItem:
    """One service item as the provincial portal lists it."""

    index: int
    name: str
    department: str  # the source district's department label, e.g. 区人社局
    main_item: str
    item_code: str
    task_type: str
    source: str  # "sczwfw" or "supplement"
    link: str

    def _split(self) -> tuple[list[str], list[str]]:
        parts = self.item_code.split("-")
        for i, part in enumerate(parts):
            if i > 0 and part == SOURCE_AREA:
                return parts[:i], parts[i + 3 :] or ["1", "00"]
        # A few codes carry no area part: basic code, then the department code.
        return parts[:-1], ["1", "00"]

    @property
    def basic_code(self) -> str:
        """The item code without its area / department parts (same in every division)."""
        return "-".join(self._split()[0])

    @property
    def code_tail(self) -> str:
        """What follows the department code in the source item code (usually "1-00")."""
        return "-".join(self._split()[1])


# Services every Sichuan town or city catalog has but the 广安区 extract lacks (see SOURCES.md).
# (name, source department label, task type, basic code)
SUPPLEMENT: tuple[tuple[str, str, str, str], ...] = (
    ("生育登记", "区卫健局", "20", "512C9900000001"),
    ("生育登记变更", "区卫健局", "20", "512C9900000002"),
    ("农村村民宅基地审批", "区农业农村局", "1", "511A9900000003"),
    ("住房公积金缴存登记", "市住房公积金管理中心", "20", "512C9900000004"),
    ("住房公积金提取（购买自住住房）", "市住房公积金管理中心", "20", "512C9900000005"),
    ("住房公积金提取（离退休）", "市住房公积金管理中心", "20", "512C9900000006"),
    ("住房公积金个人住房贷款申请", "市住房公积金管理中心", "20", "512C9900000007"),
    ("住房公积金缴存证明开具", "市住房公积金管理中心", "20", "512C9900000008"),
)


def load_divisions() -> list[Division]:
    """The city, then each county followed by its towns, in source order."""
    data = json.loads(DIVISIONS_FILE.read_text(encoding="utf-8"))
    out = [Division(CITY_CODE, CITY_NAME, "municipal", CITY_CODE, None)]
    for county in data["counties"]:
        out.append(Division(county["code"], county["name"], "county", county["code"], CITY_CODE))
        for town in county["towns"]:
            out.append(Division(town["code"], town["name"], "town", county["code"], county["code"]))
    return out


def load_items() -> list[SourceItem]:
    """The portal's items (source order) followed by the supplement."""
    data: dict[str, Any] = json.loads(ITEMS_FILE.read_text(encoding="utf-8"))
    items = [
        SourceItem(
            index=i,
            name=raw["name"].strip(),
            department=raw["department"],
            main_item=raw["main_item"],
            item_code=raw["itemCode"],
            task_type=raw["taskType"],
            source="sczwfw",
            link=raw["link"],
        )
        for i, raw in enumerate(data["items"])
    ]
    for name, dept, task, basic in SUPPLEMENT:
        items.append(
            SourceItem(
                index=len(items),
                name=name,
                department=dept,
                main_item="未分类",
                item_code=f"{basic}-511602000000-000-000000000000000000-1-00",
                task_type=task,
                source="supplement",
                link="",
            )
        )
    return items


def source_attribution() -> list[dict[str, str]]:
    """Where the data comes from, kept in the generated catalog (licences require it)."""
    divisions = json.loads(DIVISIONS_FILE.read_text(encoding="utf-8"))["source"]
    items = json.loads(ITEMS_FILE.read_text(encoding="utf-8"))["source"]
    return [
        {
            "what": "Mianyang administrative divisions (NBS 2023 statistical division codes)",
            "repo": divisions["repo"],
            "commit": divisions["commit"],
            "license": divisions["license"],
        },
        {
            "what": "Items of 广安区 on 四川政务服务网 (sczwfw.gov.cn), re-homed to Mianyang",
            "repo": items["repo"],
            "commit": items["commit"],
            "license": items["license"],
        },
        {
            "what": "English names of service words missing from the hand glossary (CC-CEDICT)",
            "repo": "https://cc-cedict.org (MDBG release 2020-12-21)",
            "commit": "",
            "license": "CC-BY-SA-4.0",
        },
        {
            "what": "Supplement items, guide texts and statistics: generated from templates",
            "repo": "onewindow-kiosk offline_cache/catalog_build",
            "commit": "",
            "license": "Apache-2.0",
        },
    ]
