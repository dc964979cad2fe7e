"""tus 1.0 routes (core, creation, checksum) for attachments: OPTIONS, POST, HEAD, PATCH."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi.concurrency import run_in_threadpool

from central.auth import Terminal, terminal_dependency
from central.errors import ApiError, responses
from central.uploads import (
    CHECKSUM_ALGORITHMS,
    MAX_SIZE,
    OFFSET_CONTENT_TYPE,
    TUS_EXTENSIONS,
    TUS_VERSION,
    UploadStore,
    check_tus_resumable,
    parse_metadata,
    tus_headers,
)

router = APIRouter(tags=["uploads"])
TerminalAuth = Annotated[Terminal, Depends(terminal_dependency)]
# Documented as the one version we speak; any other value is answered 412 by the handler, as
# tus requires (validating it here would make that a 422).
TusResumable = Annotated[
    str | None, Header(description="must be 1.0.0", json_schema_extra={"enum": [TUS_VERSION]})
]


def _store(request: Request) -> UploadStore:
    store: UploadStore = request.app.state.uploads
    return store


@router.options("/uploads", operation_id="tusDiscover", status_code=204, response_class=Response)
def discover() -> Response:
    """tus discovery: version, extensions, size limit, checksum algorithms."""
    return Response(
        status_code=204,
        headers={
            **tus_headers(),
            "Tus-Version": TUS_VERSION,
            "Tus-Extension": TUS_EXTENSIONS,
            "Tus-Max-Size": str(MAX_SIZE),
            "Tus-Checksum-Algorithm": ",".join(CHECKSUM_ALGORITHMS),
        },
    )


@router.post(
    "/uploads",
    operation_id="tusCreate",
    status_code=201,
    response_class=Response,
    responses={
        201: {"description": "Created; Location is the upload URL"},
        **responses(400, 401, 412, 413),
    },
)
def create(
    request: Request,
    terminal: TerminalAuth,
    tus_resumable: TusResumable = None,
    upload_length: Annotated[int | None, Header()] = None,
    upload_metadata: Annotated[str | None, Header()] = None,
) -> Response:
    """Create an upload of ``Upload-Length`` bytes (deferred length is not supported)."""
    check_tus_resumable(tus_resumable)
    if upload_length is None:
        raise ApiError(400, "length_required", "send Upload-Length", tus_headers())
    upload = _store(request).create(terminal, upload_length, parse_metadata(upload_metadata))
    location = str(request.url_for("tusHead", upload_id=upload.upload_id))
    return Response(status_code=201, headers={**tus_headers(), "Location": location})


@router.head(
    "/uploads/{upload_id}",
    operation_id="tusHead",
    name="tusHead",
    response_class=Response,
    responses={200: {"description": "Upload-Offset and Upload-Length"}, **responses(401, 404, 412)},
)
def head(
    upload_id: str, request: Request, terminal: TerminalAuth, tus_resumable: TusResumable = None
) -> Response:
    """Where the upload stands: ``Upload-Offset`` of ``Upload-Length``."""
    check_tus_resumable(tus_resumable)
    upload = _store(request).get(terminal, upload_id)
    return Response(
        status_code=200,
        headers={
            **tus_headers(),
            "Upload-Offset": str(upload.offset),
            "Upload-Length": str(upload.length),
            "Cache-Control": "no-store",
        },
    )


@router.patch(
    "/uploads/{upload_id}",
    operation_id="tusPatch",
    status_code=204,
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {OFFSET_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
    responses={
        204: {"description": "Accepted; Upload-Offset is the new offset"},
        460: {"description": "Checksum mismatch: the chunk was discarded"},
        **responses(400, 401, 404, 409, 412, 413, 415),
    },
)
async def patch(
    upload_id: str,
    request: Request,
    terminal: TerminalAuth,
    tus_resumable: TusResumable = None,
    upload_offset: Annotated[int | None, Header()] = None,
    upload_checksum: Annotated[str | None, Header()] = None,
    content_type: Annotated[str | None, Header()] = None,
) -> Response:
    """Append the body at ``Upload-Offset``; ``Upload-Checksum`` (sha1/sha256) is verified."""
    check_tus_resumable(tus_resumable)
    if content_type != OFFSET_CONTENT_TYPE:
        raise ApiError(415, "wrong_content_type", f"use {OFFSET_CONTENT_TYPE}", tus_headers())
    if upload_offset is None or upload_offset < 0:
        raise ApiError(400, "offset_required", "send Upload-Offset", tus_headers())
    data = await request.body()
    upload = await run_in_threadpool(
        _store(request).append, terminal, upload_id, upload_offset, data, upload_checksum
    )
    return Response(status_code=204, headers={**tus_headers(), "Upload-Offset": str(upload.offset)})
