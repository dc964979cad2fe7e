"""The resident's application journey, Qt-free: identify → service → form → materials → review
→ consent → finalize → receipt.

The UI shows one screen per step and calls these methods; every rule lives here. Blocking work
(capture, finalize with its vault writes) is plain function calls the UI runs off its thread.
The journey's answers are the session's (kiosk.applications.Draft): when the session ends they
are wiped, and after finalize the draft is gone from memory.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from PIL import Image
from stdnum.cn import uscc

from devices.cardreader.identity import Identity
from devices.cardreader.simulated import DEMO_RESIDENTS
from kiosk.applications import (
    CapturedMaterial,
    Draft,
    FinalizedApplication,
    finalize,
    prefill_values,
)
from kiosk.assisted_session import AssistingStaff
from kiosk.consent import ConsentNotice, ConsentRecord, consent_notice
from kiosk.form_validation import FieldError
from kiosk.form_visibility import visible_paths
from kiosk.forms import FormDefinition, FormLoadReport, Widget
from kiosk.identity import ApplicantRefusedError, service_refusal
from kiosk.location import ServiceLocation
from kiosk.material_capture import CapturedPage, CaptureProvider
from kiosk.precheck import PrecheckResult, precheck
from kiosk.service_offers import ServiceOffer
from kiosk.session import Session
from offline_cache.store import OfflineStore

log = logging.getLogger(__name__)

SIGNATURE_MATERIAL = "signature"


class JourneyStep(StrEnum):
    """Where the resident is; steps only move forward, except back to edit before consent."""

    IDENTIFY = "identify"
    SERVICE = "service"
    FORM = "form"
    MATERIALS = "materials"
    REVIEW = "review"
    CONSENT = "consent"
    FINALIZED = "finalized"


class StepOrderError(RuntimeError):
    """A step was asked for before the steps it depends on."""


class FormUnavailableError(LookupError):
    """The service's form is missing or was rejected: it cannot be applied for here."""


def _demo_credit_code() -> str:
    body = "91510700MA62DE4L1"  # enterprise, Mianyang, a made-up organisation code
    return body + uscc.calc_check_digit(body)


DEMO_ENTERPRISE: dict[str, str] = {
    "credit_code": _demo_credit_code(),
    "enterprise_name": "绵阳演示科技有限公司（演示数据）",
}


def demo_identity() -> Identity:
    """The identity the journey uses while no card has been read (demo mode)."""
    return DEMO_RESIDENTS[0]


@dataclass
class Applicant:
    """Who applies: the card's identity, and the enterprise for enterprise services."""

    identity: Identity
    enterprise: Mapping[str, str] | None = None


@dataclass
class _Materials:
    pages: dict[str, list[CapturedPage]] = field(default_factory=dict)


class Journey:
    """One application from identification to finalize; bound to one session."""

    def __init__(self, session: Session, forms: FormLoadReport, capture: CaptureProvider) -> None:
        self._session = session
        self._forms = forms
        self._capture = capture
        self.step = JourneyStep.IDENTIFY
        self.applicant: Applicant | None = None
        self.offer: ServiceOffer | None = None
        self._draft: Draft | None = None
        self._materials = _Materials()
        self._consent: ConsentRecord | None = None
        self.finalized: FinalizedApplication | None = None
        self._demo_visit = False
        # Mobile service units: set before finalize, sealed with the application.
        self.assisted_by: AssistingStaff | None = None
        self.location: ServiceLocation | None = None

    # --- identify and choose ----------------------------------------------------------------

    def identify(self, identity: Identity | None = None) -> Applicant:
        """Take the card's identity (the session's, else ``identity``, else the demo one)."""
        chosen = identity or self._session.identity or demo_identity()
        # Only the demo resident gets the demo enterprise; a real visitor's comes from the
        # identity screen or is typed on the form.
        self._demo_visit = chosen == demo_identity()
        self._session.identity = chosen
        self._session.remember_sensitive(*chosen.sensitive_values())
        enterprise = self._session.enterprise
        # Acting for an enterprise: the card's person stays the applicant, the enterprise
        # (its code, its name if typed) fills the enterprise details and is sealed with it.
        self.applicant = Applicant(chosen, enterprise.prefill() if enterprise else None)
        self.step = JourneyStep.SERVICE
        return self.applicant

    def can_apply(self, offer: ServiceOffer) -> bool:
        """False when the service's form is missing or malformed ("cannot be applied here")."""
        return self._forms.can_apply(offer.form_id)

    def choose_service(self, offer: ServiceOffer) -> Draft:
        """Start the draft of ``offer``'s form, prefilled from the card."""
        if self.applicant is None:
            raise StepOrderError("identify the resident first")
        form = self._forms.forms.get(offer.form_id)
        if form is None:
            raise FormUnavailableError(offer.form_id)
        refusal = service_refusal(self.applicant.identity, offer.min_applicant_age)
        if refusal is not None:
            # Too young to apply alone (or a card that cannot be used): a plain reason.
            raise ApplicantRefusedError(refusal)
        if offer.subject == "enterprise" and self.applicant.enterprise is None and self._demo_visit:
            # Demo without a card: the demo enterprise stands in. After a real card read the
            # enterprise comes from the identity screen (session.enterprise) or is typed.
            self.applicant.enterprise = DEMO_ENTERPRISE
        prefill = prefill_values(self.applicant.identity, self.applicant.enterprise)
        self._draft = Draft(self._session, form, offer.code, prefill)
        self.offer = offer
        self._materials = _Materials()
        self._consent = None
        self.step = JourneyStep.FORM
        return self._draft

    @property
    def draft(self) -> Draft:
        """The open draft; StepOrderError before a service was chosen or after finalize."""
        if self._draft is None or self._draft.closed:
            raise StepOrderError("no open draft")
        return self._draft

    @property
    def form(self) -> FormDefinition:
        """The form being filled in."""
        return self.draft.form

    # --- form -------------------------------------------------------------------------------

    def signature_paths(self) -> list[str]:
        """Form fields filled by the consent step's signature pad, not on the form screen."""
        return [f.path for _, f in self.form.top_level_fields() if f.widget is Widget.SIGNATURE]

    def form_errors(self) -> list[FieldError]:
        """What the form screen must show before going on (the signature comes at consent).

        Errors of fields hidden right now are left out: a schema's if/then can fire while the
        field it depends on is still empty, and the resident cannot see the field anyway.
        """
        skipped = set(self.signature_paths())
        draft = self.draft
        shown = visible_paths(draft.form, draft.data)
        known = _field_paths(draft.form)
        return [
            e
            for e in draft.errors()
            if e.path not in skipped and (e.path in shown or _generic(e.path) not in known)
        ]

    def submit_form(self) -> list[FieldError]:
        """Go on to the materials when the form is complete; else the errors, step unchanged."""
        errors = self.form_errors()
        if not errors:
            self.step = JourneyStep.MATERIALS
        return errors

    # --- materials --------------------------------------------------------------------------

    def capture(self, material_code: str) -> list[CapturedPage]:
        """Capture one material's pages with the capture provider (blocking)."""
        offer = self._offer()
        return self._capture.capture(offer.material(material_code))

    def set_pages(self, material_code: str, pages: Sequence[CapturedPage]) -> None:
        """Keep (or replace) a material's pages; an empty list removes them."""
        self._offer().material(material_code)
        if pages:
            self._materials.pages[material_code] = list(pages)
        else:
            self._materials.pages.pop(material_code, None)

    def pages(self, material_code: str) -> list[CapturedPage]:
        """The pages captured for a material so far."""
        return list(self._materials.pages.get(material_code, ()))

    def precheck(self) -> PrecheckResult:
        """The completeness pre-check (预审) of the materials captured so far."""
        return precheck(self._offer(), self._materials.pages)

    def submit_materials(self) -> PrecheckResult:
        """Go on to review when the pre-check allows submitting (complete, or 补正 allowed)."""
        result = self.precheck()
        if result.can_submit:
            self.step = JourneyStep.REVIEW
        return result

    # --- review and consent -----------------------------------------------------------------

    def go_to(self, step: JourneyStep) -> None:
        """Back to an earlier step to edit (review's edit links); never past finalize."""
        order = list(JourneyStep)
        if self.step is JourneyStep.FINALIZED or order.index(step) > order.index(self.step):
            raise StepOrderError(f"cannot go to {step} from {self.step}")
        self.step = step

    def confirm_review(self) -> None:
        """The resident checked every answer: on to consent."""
        if self.step is not JourneyStep.REVIEW:
            raise StepOrderError("review comes after the materials")
        self.step = JourneyStep.CONSENT

    def consent_notice(self, retention_days: int) -> ConsentNotice:
        """The PIPL notice for this service."""
        return consent_notice(self._offer(), retention_days)

    def supplied_later(self) -> list[str]:
        """Codes of required materials the resident will supply later (补正)."""
        return [m.material.code for m in self.precheck().missing]

    def finalize(
        self,
        store: OfflineStore,
        terminal_id: str,
        notice: ConsentNotice,
        signature_png: bytes,
        language: str,
        now: dt.datetime | None = None,
    ) -> FinalizedApplication:
        """Seal pages and signature into the vault, then finalize in one transaction (blocking).

        Raises kiosk.applications.FormInvalidError, or a StorageUnavailableError subclass.
        """
        if self.step is not JourneyStep.CONSENT:
            raise StepOrderError("consent comes before finalize")
        if not signature_png:
            raise ValueError("the consent needs a signature")
        draft = self.draft
        moment = now or dt.datetime.now(dt.UTC)
        for code, pages in self._materials.pages.items():
            ref = store.vault.put_attachment(_pdf(pages))
            draft.add_material(CapturedMaterial(code, ref, len(pages)))
        signature = store.vault.put_attachment(signature_png)
        draft.add_material(CapturedMaterial(SIGNATURE_MATERIAL, signature, 1))
        for path in self.signature_paths():
            draft.set_value(path, signature.attachment_id)
        self._consent = ConsentRecord(notice, moment, language, signature.attachment_id)
        draft.consent.update(self._consent.as_payload())
        draft.consent["supply_later"] = self.supplied_later()
        if self.assisted_by is not None:
            draft.assisted_by = self.assisted_by.as_payload()
        if self.location is not None:
            draft.location = self.location.as_payload()
        self.finalized = finalize(draft, store, terminal_id, moment)
        self.step = JourneyStep.FINALIZED
        self._materials = _Materials()
        return self.finalized

    def _offer(self) -> ServiceOffer:
        if self.offer is None:
            raise StepOrderError("choose a service first")
        return self.offer

    def wipe(self) -> None:
        """Forget everything (the session's end): draft, pages, identity."""
        if self._draft is not None and not self._draft.closed:
            self._draft.wipe()
        self._draft = None
        self._materials = _Materials()
        self._consent = None
        self.applicant = None
        self.offer = None
        self.assisted_by = None
        self.location = None
        self.step = JourneyStep.IDENTIFY


def _generic(path: str) -> str:
    return ".".join("*" if part.isdigit() else part for part in path.split("."))


def _field_paths(form: FormDefinition) -> set[str]:
    paths = {f.path for _, f in form.top_level_fields()}
    for section in form.sections:
        if section.repeat is not None:
            paths.add(section.repeat.path)
            paths.update(f"{section.repeat.path}.*.{f.path}" for f in section.repeat.fields)
    return paths


def _pdf(pages: Sequence[CapturedPage]) -> bytes:
    """The pages of one material as one PDF, assembled in memory."""
    images = [Image.open(io.BytesIO(page.jpeg)).convert("RGB") for page in pages]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=100.0)
    return out.getvalue()
