"""Routes for queue bundles: a terminal's bundle credentials, the signed revocation list of
terminal certificates (central.revocations), and the platform's direct import."""

from __future__ import annotations

import base64
import io
import logging
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field, ValidationError

from central.applications import Applications, ApplicationSubmission, Rating
from central.auth import Terminal, admin_dependency, now_utc, terminal_dependency
from central.bundles import (
    BundleContent,
    BundleRefused,
    CityKeys,
    origin_mismatch,
    read_bundle,
    submission_body,
)
from central.errors import ApiError, responses
from central.revocations import CertificateRecord, key_id_of
from central.uploads import UploadStore

log = logging.getLogger(__name__)

router = APIRouter(tags=["bundles"])
TerminalAuth = Annotated[Terminal, Depends(terminal_dependency)]
BUNDLE_MEDIA_TYPE = "application/octet-stream"
NO_UPLOAD = "0" * 32  # stands for an upload id while checking whether an application is known


class BundleKeyRequest(BaseModel):
    """The terminal's own Ed25519 public key (raw 32 bytes, base64), made at enrollment."""

    public_key: Annotated[str, Field(min_length=40, max_length=64)]


class TerminalCertificate(BaseModel):
    """The platform's signature binding a terminal id to its public key."""

    format: str
    terminal_id: str
    public_key: str
    issued_at: str
    signature: str


class BundleCredentials(BaseModel):
    """What a terminal needs for queue bundles: the city key, its certificate, the platform key."""

    bundle_key: str = Field(description="the city-wide AES-256 bundle key, base64")
    certificate: TerminalCertificate
    platform_public_key: str = Field(description="the platform's Ed25519 public key, base64")


class RevokedCertificate(BaseModel):
    """One revoked terminal certificate: its key id, the terminal it named, and since when."""

    key_id: str = Field(description="SHA-256 prefix of the terminal's public key (hex)")
    terminal_id: str
    revoked_at: str


class RevocationList(BaseModel):
    """The revoked terminal certificates, signed with the platform's Ed25519 key over
    ``onewindow-revocation-list/1 signature\\0`` and the canonical JSON of the other fields."""

    format: str
    issued_at: str
    next_update: str = Field(description="after this time the list is no longer current")
    revoked: list[RevokedCertificate]
    signature: str


class ImportedApplication(BaseModel):
    """One application of an imported bundle: its number, and whether it was new here."""

    application_id: str
    official_number: str
    new: bool


class RefusedApplication(BaseModel):
    """An application of an imported bundle the platform would not take, and why (the same
    error code and reason a terminal's submission gets: failing paths, never a value)."""

    application_id: str
    error: str
    detail: str


class BundleImport(BaseModel):
    """What importing a bundle did; the refused applications are not stored, the others are."""

    bundle_id: str
    signer: str
    new: int
    known: int
    applications: list[ImportedApplication]
    refused: list[RefusedApplication] = Field(default_factory=list)
    accepted_revoked_signer: bool = Field(
        default=False,
        description="the signer's certificate is revoked and an admin imported it nonetheless",
    )


def _rate(applications: Applications, application_id: str, rating: object) -> None:
    """Store a rating given offline with the application (once; a different one is ignored)."""
    if not isinstance(rating, dict):
        return
    try:
        applications.rate(application_id, Rating.model_validate(rating))
    except (ApiError, ValidationError):
        return  # rated already, or not a valid rating: the application itself counts


def _keys(request: Request) -> CityKeys:
    keys: CityKeys = request.app.state.city_keys
    return keys


def _certificates(request: Request) -> CertificateRecord:
    return CertificateRecord(request.app.state.db)


def _check_revocation(request: Request, content: BundleContent, override: bool) -> bool:
    """True if the signer's certificate is revoked and ``override`` lets it in; BundleRefused
    (``bundle_signer_revoked``) if it is revoked without it."""
    revoked = _certificates(request).revoked(
        content.key_id, content.signer, content.certificate_issued_at
    )
    if revoked is None:
        return False
    if not override:
        raise BundleRefused(
            "signer_revoked",
            f"signed by a revoked terminal — the bundle certificate of terminal"
            f" {content.signer} was revoked at {revoked.revoked_at}; nothing was imported."
            " A bundle from a lost or stolen terminal is refused whatever export time it"
            " claims; an administrator who knows the drive left the terminal before it was"
            " lost may import it with accept_revoked_signer=true",
        )
    log.warning(
        "bundle from a revoked terminal imported by admin override",
        extra={"bundle_id": content.bundle_id, "key_id": content.key_id},
    )
    return True


@router.post(
    "/terminals/me/bundle-credentials",
    operation_id="issueBundleCredentials",
    status_code=201,
    responses=responses(401, 422),
)
def bundle_credentials(
    body: BundleKeyRequest, terminal: TerminalAuth, request: Request
) -> BundleCredentials:
    """Certify the terminal's signing key and hand it the city's bundle key."""
    keys = _keys(request)
    certificate = keys.certify(terminal.terminal_id, body.public_key)
    refusal = _certificates(request).record(
        key_id_of(certificate["public_key"]),
        terminal.terminal_id,
        terminal.client_id,
        datetime.fromisoformat(certificate["issued_at"]),
    )
    if refusal is not None:
        raise ApiError(422, "public_key_refused", refusal)
    return BundleCredentials(
        bundle_key=base64.b64encode(keys.city_key).decode("ascii"),
        certificate=TerminalCertificate.model_validate(certificate),
        platform_public_key=keys.public_key_b64(),
    )


@router.post(
    "/bundles",
    operation_id="importBundle",
    dependencies=[Depends(admin_dependency)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {BUNDLE_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
    responses=responses(401, 422),
)
async def import_bundle(
    request: Request,
    accept_revoked_signer: Annotated[
        bool,
        Query(
            description="import even though the signer's certificate is revoked (staff who know"
            " the bundle left the terminal before it was lost)"
        ),
    ] = False,
) -> BundleImport:
    """Import a queue bundle from a USB drive (admin): every application once, idempotently.

    Refused whole (422 ``bundle_signer_revoked``) when the terminal that signed it was revoked,
    unless ``accept_revoked_signer``. An application naming another terminal than the signer
    as its origin is refused alone (``bundle_inconsistent_origin``)."""
    raw = await request.body()
    content = read_bundle(io.BytesIO(raw), _keys(request))
    overridden = _check_revocation(request, content, accept_revoked_signer)
    relay = Terminal(client_id=f"bundle:{content.bundle_id}"[:64], terminal_id=content.signer)
    answer = _store_bundle(request, content, relay)
    answer.accepted_revoked_signer = overridden
    return answer


@router.post(
    "/terminals/me/relayed-bundles",
    operation_id="relayBundle",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {BUNDLE_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
    responses=responses(401, 422),
)
async def relay_bundle(terminal: TerminalAuth, request: Request) -> BundleImport:
    """A terminal forwards a queue bundle it imported from a drive (it relays it).

    The platform checks the bundle as ``POST /bundles`` does, with no override: the origin of
    each application is the bundle's signer, and the relaying terminal is recorded as the one
    that delivered it (the ``terminal_id`` of the stored application; the origin is the
    submission's). A bundle of a revoked terminal is refused whole (``bundle_signer_revoked``),
    an application naming another origin than the signer alone (``bundle_inconsistent_origin``).
    """
    raw = await request.body()
    content = read_bundle(io.BytesIO(raw), _keys(request))
    _check_revocation(request, content, override=False)
    # Its own client id, not the relay's: a later submission of the same application by the
    # relaying terminal must meet "already stored", not another payload under its key.
    relay = Terminal(client_id=f"relay:{content.bundle_id}"[:64], terminal_id=terminal.terminal_id)
    return _store_bundle(request, content, relay)


def _store_bundle(request: Request, content: BundleContent, relay: Terminal) -> BundleImport:
    """Store every application of a verified bundle once, with the signer as its origin and
    ``relay`` as the terminal that delivered it; refused applications are listed."""
    uploads: UploadStore = request.app.state.uploads
    applications: Applications = request.app.state.applications
    bundle = content.bundle_id
    imported = []
    refused = []
    for entry in content.applications:
        mismatch = origin_mismatch(entry, content.signer)
        if mismatch is not None:
            refused.append(
                RefusedApplication(
                    application_id=str(entry["application_id"]),
                    error="bundle_inconsistent_origin",
                    detail=mismatch,
                )
            )
            continue
        try:
            probe = ApplicationSubmission.model_validate(
                submission_body(
                    entry,
                    {a["attachment_id"]: NO_UPLOAD for a in entry["attachments"]},
                    content.signer,
                )
            )
            stored = applications.already_stored(probe)
            if stored is None:
                # Checked as a submission would be, before its files are stored: an invalid
                # application is reported and left out, the others still import.
                try:
                    applications.check_form_data(probe)
                except ApiError as error:
                    refused.append(
                        RefusedApplication(
                            application_id=probe.application_id,
                            error=error.error,
                            detail=error.detail,
                        )
                    )
                    continue
                upload_ids = {
                    a["attachment_id"]: uploads.store_complete(
                        relay.client_id, content.files[a["attachment_id"]], {"bundle": bundle}
                    )
                    for a in entry["attachments"]
                }
                submission = ApplicationSubmission.model_validate(
                    submission_body(entry, upload_ids, content.signer)
                )
        except (ValidationError, KeyError, TypeError):
            raise BundleRefused(
                "inconsistent", "an application in the bundle is malformed"
            ) from None
        result, new = (stored, False) if stored else applications.import_bundled(relay, submission)
        _rate(applications, result.application_id, entry.get("rating"))
        imported.append(
            ImportedApplication(
                application_id=result.application_id,
                official_number=result.official_number,
                new=new,
            )
        )
    fresh = sum(1 for a in imported if a.new)
    return BundleImport(
        bundle_id=content.bundle_id,
        signer=content.signer,
        new=fresh,
        known=len(imported) - fresh,
        applications=imported,
        refused=refused,
    )


@router.get(
    "/bundle-revocations",
    operation_id="getBundleRevocations",
    responses=responses(401),
)
def bundle_revocations(terminal: TerminalAuth, request: Request) -> RevocationList:
    """The signed list of revoked terminal certificates (pulled by terminals with their sync)."""
    document = _certificates(request).list_document(now_utc())
    return RevocationList.model_validate(_keys(request).sign_revocation_list(document))
