"""The consent the resident gives before submitting (PIPL): purpose, data, retention, recipients.

Sensitive personal information (ID numbers, documents, bank accounts) may only be processed
with separate, explicit consent after the resident was told what happens to it (PIPL arts.
17, 29, 30). The notice is built from the service and the terminal's retention setting; what
the resident accepted is stored with the application (``ConsentRecord.as_payload``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.forms import Text
from kiosk.service_offers import Provision, ServiceOffer

CONSENT_VERSION = "pipl-consent/1"


@dataclass(frozen=True)
class ConsentNotice:
    """What the resident is told before accepting, one paragraph per PIPL question."""

    purpose: Text
    collected: Text
    retention: Text
    recipients: Text

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
            f"{t.zh}\n{t.en}"
            for t in (self.purpose, self.collected, self.retention, self.recipients)
        )
        return hashlib.sha256(joined.encode()).hexdigest()


def consent_notice(offer: ServiceOffer, retention_days: int) -> ConsentNotice:
    """The notice for applying for ``offer`` at a terminal that keeps data ``retention_days``."""
    captured = [m for m in offer.materials if m.provision is Provision.CAPTURE]
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
    )


@dataclass(frozen=True)
class ConsentRecord:
    """What was accepted, when, and the signature's vault attachment."""

    notice: ConsentNotice
    accepted_at: datetime
    language: str
    signature_attachment_id: str

    def as_payload(self) -> dict[str, Any]:
        """The consent part of the sealed application."""
        return {
            "version": CONSENT_VERSION,
            "accepted": True,
            "accepted_at": self.accepted_at.isoformat(),
            "language": self.language,
            "notice_sha256": self.notice.digest(),
            "signature_attachment_id": self.signature_attachment_id,
        }
