"""Resumable upload of one attachment (tus 1.0 client), its progress kept in the outbox.

The upload URL is stored as soon as the platform creates it and the confirmed offset after
every chunk, so a kiosk restarted mid-upload continues where it stopped. The platform's HEAD
is the truth about the offset; the stored one only says how far we got (for the technician).
"""

from __future__ import annotations

import logging

from kiosk.sync.errors import BadAnswer, NotFound
from kiosk.sync.platform_client import PlatformClient
from offline_cache.outbox import AttachmentRow, Outbox

log = logging.getLogger(__name__)


class AttachmentUploader:
    """Uploads attachments in chunks of ``chunk_bytes``, each with its SHA-256."""

    def __init__(self, client: PlatformClient, outbox: Outbox, chunk_bytes: int) -> None:
        self._client = client
        self._outbox = outbox
        self._chunk = chunk_bytes

    def upload(self, application_id: str, row: AttachmentRow, data: bytes) -> str:
        """Make sure the platform holds all of ``data``; returns the upload URL."""
        progress = self._outbox.upload_progress(application_id, row.attachment_id)
        url = progress.upload_url
        offset = 0
        if url is not None:
            try:
                offset = self._client.tus_offset(url)
            except NotFound:
                log.info(
                    "upload expired at the platform; starting again",
                    extra={"application_id": application_id},
                )
                url = None
        if url is None:
            url = self._client.tus_create(
                len(data),
                {
                    "application_id": application_id,
                    "attachment_id": row.attachment_id,
                    "material_code": row.material_code,
                },
            )
            if len(data) > self._chunk:
                # Worth resuming: remember it now. A one-chunk file is simply sent again after
                # a crash; its URL is stored (record_uploads_done) before the submission uses it.
                self._outbox.record_upload(application_id, row.attachment_id, url, 0)
            offset = 0
        if offset > len(data):
            raise BadAnswer(f"the platform claims {offset} bytes of a {len(data)}-byte file")
        while offset < len(data):
            new_offset = self._client.tus_patch(url, offset, data[offset : offset + self._chunk])
            if new_offset is None:  # 409: we were wrong about the offset; ask again
                offset = self._client.tus_offset(url)
                continue
            offset = new_offset
            if offset < len(data):  # progress for the technician; HEAD is the truth on resume
                self._outbox.record_upload(application_id, row.attachment_id, url, offset)
        return url
