"""What the application journey needs to know about a service: its form, materials and limits.

A ``ServiceOffer`` is built from a catalog guide record (``offer_from_guide``) once the catalog
screens exist; until then ``demo_offers`` gives a short fixed list of real Mianyang services
with the bundled forms, so the journey can be started by service code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kiosk.forms import Text
from kiosk.service_guide import ServiceGuide


class Provision(StrEnum):
    """How a material reaches the application."""

    FILLED_HERE = "filled_here"  # the application form itself: the answers typed here
    CARD = "card"  # read from the resident's card at the terminal (evidence level B)
    E_CERTIFICATE = "e_certificate"  # an electronic certificate by reference (level A)
    CAPTURE = "capture"  # captured with the document camera or scanner here (level C)
    COUNTER = "counter"  # cannot be captured: bring it to the counter


@dataclass(frozen=True)
class MaterialRequirement:
    """One material of a service, and how this terminal can provide it."""

    code: str
    name: Text
    provision: Provision
    required: bool = True
    min_pages: int = 1


@dataclass(frozen=True)
class ServiceOffer:
    """A service the resident can apply for here: the form, the materials, the promises."""

    code: str
    name: Text
    form_id: str
    subject: str  # "person" | "enterprise"
    department: Text
    materials: tuple[MaterialRequirement, ...]
    promised_days: int
    allows_later: bool = False  # "补正": required materials may be supplied later
    # Youngest age at which a person applies alone (catalog field; None: no limit).
    min_applicant_age: int | None = None

    def material(self, code: str) -> MaterialRequirement:
        """The material with ``code``; KeyError when the service has none."""
        for material in self.materials:
            if material.code == code:
                return material
        raise KeyError(code)


def _provision(raw: Mapping[str, Any], card_read: bool) -> Provision:
    level = raw.get("evidence_level")
    if level == "A":
        return Provision.E_CERTIFICATE
    if level == "B":
        return Provision.CARD if card_read else Provision.CAPTURE
    if level == "N":
        return Provision.FILLED_HERE if str(raw["name"]).startswith("《") else Provision.COUNTER
    return Provision.CAPTURE if raw.get("capturable", True) else Provision.COUNTER


def offer_from_guide(record: Mapping[str, Any], *, card_read: bool = True) -> ServiceOffer:
    """A ServiceOffer from a catalog guide record (offline_cache.catalog_schema.SERVICE_SCHEMA).

    Materials "if an agent applies" (委托他人办理的…) are optional; a service that does not need
    the resident on site (online_depth other than 必须到现场) allows 补正.
    """
    materials = tuple(
        MaterialRequirement(
            code=f"m{index + 1}",
            name=Text(zh=str(raw["name"]), en=str(raw["name_en"])),
            provision=_provision(raw, card_read),
            required=not str(raw["name"]).startswith("委托他人"),
            min_pages=1,
        )
        for index, raw in enumerate(record["materials"])
    )
    return ServiceOffer(
        code=str(record["code"]),
        name=Text(zh=str(record["name"]), en=str(record.get("name_en") or record["name"])),
        form_id=str(record["form"]["id"]),
        subject=str(record["service_object"]),
        department=Text(zh=str(record["department"]), en=str(record["department_en"])),
        materials=materials,
        promised_days=int(record["promised_limit_days"]),
        allows_later=record.get("online_depth") != "必须到现场",
        min_applicant_age=_min_age(record.get("min_applicant_age")),
    )


def _min_age(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _m(
    code: str, zh: str, en: str, provision: Provision, *, required: bool = True, pages: int = 1
) -> MaterialRequirement:
    return MaterialRequirement(code, Text(zh, en), provision, required, pages)


_APPLICATION_FORM = _m("m1", "《申请表》", "Application form", Provision.FILLED_HERE)
_ID_CARD = _m("m2", "申请人居民身份证", "Applicant's resident ID card", Provision.CARD)
_AGENT = _m(
    "m9",
    "委托他人办理的，提交授权委托书及受托人身份证件",
    "If an agent applies: power of attorney and the agent's ID",
    Provision.CAPTURE,
    required=False,
)

DEMO_OFFERS: tuple[ServiceOffer, ...] = (
    ServiceOffer(
        code="511A0147300000-510700000000-000-1151070091205620XH-1-00",
        name=Text("户口迁移审批", "Approval of a household registration transfer"),
        form_id="person-family",
        subject="person",
        department=Text("绵阳市公安局", "Mianyang Public Security Bureau"),
        materials=(
            _APPLICATION_FORM,
            _ID_CARD,
            _m("m3", "居民户口簿", "Household register booklet", Provision.CAPTURE, pages=2),
            _m("m4", "结婚证", "Marriage certificate", Provision.E_CERTIFICATE),
            _m("m5", "相关证明材料", "Supporting documents", Provision.CAPTURE),
            _AGENT,
        ),
        promised_days=5,
        allows_later=True,
    ),
    ServiceOffer(
        code="51201700200003-510700000000-000-11510700725110629J-1-00",
        name=Text("公共租赁住房申请资格审核认定", "Eligibility check for public rental housing"),
        form_id="person-housing",
        subject="person",
        department=Text(
            "绵阳市住房和城乡建设委员会", "Mianyang Housing and Construction Commission"
        ),
        materials=(
            _APPLICATION_FORM,
            _ID_CARD,
            _m(
                "m3",
                "不动产权证书或购房合同",
                "Real estate certificate or purchase contract",
                Provision.E_CERTIFICATE,
            ),
            _m("m4", "本人银行账户（一类卡）", "Applicant's bank account", Provision.CAPTURE),
            _AGENT,
        ),
        promised_days=15,
        allows_later=True,
    ),
    ServiceOffer(
        code="511G12015001-510700000000-000-11510700834710818G-1-00",
        name=Text("对公民法律援助申请的审批", "Approval of an application for legal aid"),
        form_id="person-benefit",
        subject="person",
        department=Text("绵阳市司法局", "Mianyang Justice Bureau"),
        materials=(
            _APPLICATION_FORM,
            _ID_CARD,
            _m("m3", "社会保障卡", "Social security card", Provision.CARD),
            _m("m4", "本人银行账户（一类卡）", "Applicant's bank account", Provision.CAPTURE),
            _AGENT,
        ),
        promised_days=7,
        allows_later=False,
    ),
    ServiceOffer(
        code="511A0001900001-510700000000-000-11510700MB1532112X-1-00",
        name=Text("个人事项通用申请", "General application of a resident"),
        form_id="person-general",
        subject="person",
        department=Text(
            "绵阳市政务服务和公共资源交易服务中心", "Mianyang Government Service Centre"
        ),
        materials=(
            _APPLICATION_FORM,
            _ID_CARD,
            _m("m3", "相关证明材料", "Supporting documents", Provision.CAPTURE),
        ),
        promised_days=10,
        allows_later=True,
    ),
)


def demo_offers() -> tuple[ServiceOffer, ...]:
    """The services the Apply screen lists until the catalog search replaces it."""
    return DEMO_OFFERS


def demo_offer(code: str) -> ServiceOffer:
    """The demo service with ``code``; KeyError when there is none."""
    for offer in DEMO_OFFERS:
        if offer.code == code:
            return offer
    raise KeyError(code)


def offer_from_service_guide(guide: ServiceGuide, *, card_read: bool = True) -> ServiceOffer:
    """A ServiceOffer from the guide the catalog screens show ("Apply here")."""
    record: dict[str, Any] = {
        "code": guide.code,
        "name": guide.name,
        "name_en": guide.name_en,
        "form": {"id": guide.form_id},
        "service_object": guide.service_object,
        "department": guide.department.zh,
        "department_en": guide.department.en,
        "promised_limit_days": guide.promised_limit_days,
        "online_depth": str(guide.online_depth),
        # Older guides (before the catalog carried the field) have no age limit.
        "min_applicant_age": getattr(guide, "min_applicant_age", None),
        "materials": [
            {
                "name": m.name.zh,
                "name_en": m.name.en,
                "capturable": m.capturable,
                "evidence_level": m.evidence_level,
            }
            for m in guide.materials
        ],
    }
    return offer_from_guide(record, card_read=card_read)
