"""Routes for queue bundles: a terminal's bundle credentials, and the platform's direct import."""

from __future__ import annotations

import base64
import io
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, ValidationError

from central.applications import Applications, ApplicationSubmission, Rating
from central.auth import Terminal, admin_dependency, terminal_dependency
from central.bundles import BundleRefused, CityKeys, read_bundle, submission_body
from central.errors import ApiError, responses
from central.uploads import UploadStore

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
async def import_bundle(request: Request) -> BundleImport:
    """Import a queue bundle from a USB drive (admin): every application once, idempotently."""
    raw = await request.body()
    content = read_bundle(io.BytesIO(raw), _keys(request))
    uploads: UploadStore = request.app.state.uploads
    applications: Applications = request.app.state.applications
    bundle = content.bundle_id
    relay = Terminal(client_id=f"bundle:{content.bundle_id}"[:64], terminal_id=content.signer)
    imported = []
    refused = []
    for entry in content.applications:
        try:
            probe = ApplicationSubmission.model_validate(
                submission_body(
                    entry, {a["attachment_id"]: NO_UPLOAD for a in entry["attachments"]}
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
                    submission_body(entry, upload_ids)
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
