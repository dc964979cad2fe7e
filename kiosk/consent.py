"""The consent the resident gives before submitting (PIPL): purpose, data, retention, recipients.

Sensitive personal information (ID numbers, documents, bank accounts) may only be processed
with separate, explicit consent after the resident was told what happens to it (PIPL arts.
17, 29, 30). The notice is built from the service and the terminal's retention setting; what
the resident accepted is stored with the application (``ConsentRecord.as_payload``), in the
documented shape of ``offline_cache/bundled/forms/consent/consent_record.schema.json``, and
checked against that schema before it is sealed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from kiosk.forms import Text
from kiosk.service_offers import Provision, ServiceOffer

CONSENT_VERSION = "pipl-consent/2"
"""Version of the stored record's format (the schema's ``version`` const)."""
NOTICE_TEXT_VERSION = "mianyang-kiosk-notice/1"
"""Version of the notice's wording; change it whenever the sentences below change."""


class DataCategory(StrEnum):
    """Categories of personal information a record names (PIPL art. 17: 个人信息的种类)."""

    IDENTITY = "identity"
    APPLICATION_ANSWERS = "application_answers"
    CONTACT = "contact"
    ENTERPRISE = "enterprise"
    CAPTURED_MATERIALS = "captured_materials"
    SIGNATURE = "signature"


# Sensitive personal information (PIPL art. 28): ID numbers and images of documents.
SENSITIVE = frozenset({DataCategory.IDENTITY, DataCategory.CAPTURED_MATERIALS})


class ConsentRecordError(ValueError):
    """A consent record that does not match its schema (a bug: never stored)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("consent record invalid: " + "; ".join(problems))


@dataclass(frozen=True)
class Recipient:
    """Who receives the data: the platform or the department in charge."""

    role: str  # "platform" | "department"
    name: Text


@dataclass(frozen=True)
class ConsentNotice:
    """What the resident is told before accepting, one paragraph per PIPL question."""

    purpose: Text
    collected: Text
    retention: Text
    recipients: Text
    # The same facts in machine-readable form, for the stored record.
    categories: tuple[DataCategory, ...] = ()
    retention_days: int = 0
    recipient_list: tuple[Recipient, ...] = ()

    def paragraphs(self, language: str) -> list[tuple[str, str]]:
        """(heading, text) pairs in ``language``, in reading order."""
        headings = (
            Text("用途", "Purpose"),
            Text("收集的信息", "What is collected"),
            Text("保存期限", "How long it is kept"),
            Text("接收方", "Who receives it"),
        )
        bodies = (self.purpose, self.collected, self.retention, self.recipients)
        return [
            (h.in_language(language), b.in_language(language))
            for h, b in zip(headings, bodies, strict=True)
        ]

    def digest(self) -> str:
        """SHA-256 of the notice's text in both languages: proves which text was accepted."""
        joined = "\n".join(
            [NOTICE_TEXT_VERSION]
            + [
                f"{t.zh}\n{t.en}"
                for t in (self.purpose, self.collected, self.retention, self.recipients)
            ]
        )
        return hashlib.sha256(joined.encode()).hexdigest()


def consent_notice(offer: ServiceOffer, retention_days: int) -> ConsentNotice:
    """The notice for applying for ``offer`` at a terminal that keeps data ``retention_days``."""
    captured = [m for m in offer.materials if m.provision is Provision.CAPTURE]
    categories = [
        DataCategory.IDENTITY,
        DataCategory.APPLICATION_ANSWERS,
        DataCategory.CONTACT,
    ]
    if offer.subject == "enterprise":
        categories.append(DataCategory.ENTERPRISE)
    if captured:
        categories.append(DataCategory.CAPTURED_MATERIALS)
    categories.append(DataCategory.SIGNATURE)
    platform = Text("四川省一体化政务服务平台", "the Sichuan government service platform")
    docs_zh = "、".join(m.name.zh for m in captured) or "无"
    docs_en = ", ".join(m.name.en for m in captured) or "none"
    return ConsentNotice(
        purpose=Text(
            f"仅用于办理“{offer.name.zh}”，以及向您告知办理进度和结果。",
            f'Only to handle "{offer.name.en}" and to tell you its progress and result.',
        ),
        collected=Text(
            "您的身份信息（姓名、公民身份号码等，读取自您的证件）、您在本机填写的申请内容、"
            f"联系方式、拍摄的材料（{docs_zh}）和您的签名。",
            "Your identity (name, ID number and so on, read from your card), the answers you "
            f"entered here, your contact details, the materials captured ({docs_en}) "
            "and your signature.",
        ),
        retention=Text(
            "本机加密保存，提交至政务服务平台并确认后，最迟"
            f"{retention_days}天内从本机删除；平台按政务档案管理规定保存。",
            "Encrypted on this terminal and deleted from it at the latest "
            f"{retention_days} days after the platform confirms receipt; the platform keeps "
            "it under the rules for government service records.",
        ),
        recipients=Text(
            f"四川省一体化政务服务平台和承办部门（{offer.department.zh}）。不会提供给其他任何单位或个人。",
            "The Sichuan government service platform and the department in charge "
            f"({offer.department.en}). Nobody else receives it.",
        ),
        categories=tuple(categories),
        retention_days=retention_days,
        recipient_list=(Recipient("platform", platform), Recipient("department", offer.department)),
    )


@dataclass(frozen=True)
class ConsentRecord:
    """What was accepted, when, and the signature's vault attachment."""

    notice: ConsentNotice
    accepted_at: datetime
    language: str
    signature_attachment_id: str

    def as_payload(self) -> dict[str, Any]:
        """The consent part of the sealed application, checked against its schema.

        Raises ConsentRecordError when the record is incomplete (say, a notice without
        categories or recipients): an application must never be sealed with such a record.
        """
        notice = self.notice
        payload: dict[str, Any] = {
            "version": CONSENT_VERSION,
            "accepted": True,
            "accepted_at": self.accepted_at.isoformat(),
            "language": self.language,
            "purpose": _text(notice.purpose),
            "data_categories": [str(c) for c in notice.categories],
            "sensitive_categories": [str(c) for c in notice.categories if c in SENSITIVE],
            "retention": {
                "terminal_days": notice.retention_days,
                "starts": "platform_confirmed",
                "text": _text(notice.retention),
            },
            "recipients": [{"role": r.role, "name": _text(r.name)} for r in notice.recipient_list],
            "notice_text_version": NOTICE_TEXT_VERSION,
            "notice_sha256": notice.digest(),
            "signature_attachment_id": self.signature_attachment_id,
        }
        problems = consent_record_problems(payload)
        if problems:
            raise ConsentRecordError(problems)
        return payload


def _text(text: Text) -> dict[str, str]:
    return {"zh": text.zh, "en": text.en}


def consent_record_schema() -> dict[str, Any]:
    """The JSON Schema of a stored consent record (shipped next to the form definitions)."""
    path = resources.files("offline_cache.bundled.forms.consent") / "consent_record.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _aware_datetime(value: object) -> bool:
    # jsonschema checks date-time only with an optional package; this is the rule we need.
    if not isinstance(value, str):
        return True
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


@cache
def _validator() -> Draft202012Validator:
    checker = FormatChecker(formats=())
    checker.checks("date-time")(_aware_datetime)
    return Draft202012Validator(consent_record_schema(), format_checker=checker)


def consent_record_problems(payload: Mapping[str, Any]) -> list[str]:
    """Every way ``payload`` breaks the consent record schema (empty when it is valid)."""
    problems = [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(record)'}: {e.message}"
        for e in _validator().iter_errors(payload)
    ]
    categories = set(payload.get("data_categories") or ())
    extra = [c for c in payload.get("sensitive_categories") or () if c not in categories]
    if extra:
        problems.append(f"sensitive_categories: not in data_categories: {extra}")
    return problems
