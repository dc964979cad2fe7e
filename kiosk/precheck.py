"""The completeness pre-check (预审): are the service's materials all there before review?

Every required material must be provided: by the form itself, the card, an electronic
certificate, or captured here with at least its pages, none blank, none unreadable. Materials
that cannot be captured are listed to bring to the counter. What is missing is explained in
plain words; where the service allows 补正 the resident may still submit and supply it later.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kiosk.forms import Text
from kiosk.material_capture import CapturedPage
from kiosk.service_offers import MaterialRequirement, Provision, ServiceOffer


class Gap(StrEnum):
    """Why a required material is not complete."""

    NOT_CAPTURED = "not_captured"
    TOO_FEW_PAGES = "too_few_pages"
    BLANK_PAGE = "blank_page"
    UNREADABLE_PAGE = "unreadable_page"


@dataclass(frozen=True)
class MissingMaterial:
    """A required material that is not complete, and why, in plain words."""

    material: MaterialRequirement
    gap: Gap
    explanation: Text


@dataclass(frozen=True)
class PrecheckResult:
    """The verdict of the pre-check."""

    missing: tuple[MissingMaterial, ...]
    to_counter: tuple[MaterialRequirement, ...]
    allows_later: bool

    @property
    def complete(self) -> bool:
        """True when every required material is here."""
        return not self.missing

    @property
    def can_submit(self) -> bool:
        """True when complete, or when the service lets the missing ones come later (补正)."""
        return self.complete or self.allows_later


def _explain(material: MaterialRequirement, gap: Gap, page: int = 0) -> Text:
    name = material.name
    if gap is Gap.NOT_CAPTURED:
        return Text(f"“{name.zh}”还没有拍摄", f'"{name.en}" has not been captured yet')
    if gap is Gap.TOO_FEW_PAGES:
        return Text(
            f"“{name.zh}”需要至少{material.min_pages}页",
            f'"{name.en}" needs at least {material.min_pages} page(s)',
        )
    if gap is Gap.BLANK_PAGE:
        return Text(
            f"“{name.zh}”第{page}页是空白页，请重新拍摄",
            f'Page {page} of "{name.en}" is blank; capture it again',
        )
    return Text(
        f"“{name.zh}”第{page}页看不清，请重新拍摄",
        f'Page {page} of "{name.en}" cannot be read; capture it again',
    )


def _gap(material: MaterialRequirement, pages: Sequence[CapturedPage]) -> tuple[Gap, int] | None:
    if not pages:
        return Gap.NOT_CAPTURED, 0
    for number, page in enumerate(pages, 1):
        if page.blank:
            return Gap.BLANK_PAGE, number
        if page.unreadable:
            return Gap.UNREADABLE_PAGE, number
    if len(pages) < material.min_pages:
        return Gap.TOO_FEW_PAGES, 0
    return None


def precheck(offer: ServiceOffer, captured: Mapping[str, Sequence[CapturedPage]]) -> PrecheckResult:
    """Compare the captured pages (by material code) with the service's material list."""
    missing: list[MissingMaterial] = []
    to_counter: list[MaterialRequirement] = []
    for material in offer.materials:
        if material.provision is Provision.COUNTER:
            to_counter.append(material)
            continue
        if material.provision is not Provision.CAPTURE:
            continue
        pages = captured.get(material.code, ())
        if not material.required and not pages:
            continue
        found = _gap(material, pages)
        if found is not None:
            gap, page = found
            missing.append(MissingMaterial(material, gap, _explain(material, gap, page)))
    return PrecheckResult(tuple(missing), tuple(to_counter), offer.allows_later)
