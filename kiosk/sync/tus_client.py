"""Resumable upload of one attachment (tus 1.0 client); progress reported to the caller.

The uploader never touches the outbox itself (it runs on upload threads, and SQLite
connections belong to the engine's thread): it reports the upload URL as soon as the platform
creates it and the confirmed offset after every chunk through ``progress``, and the engine
writes them down, so a kiosk restarted mid-upload continues where it stopped. The platform's
HEAD is the truth about the offset; the stored one only says how far we got.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from kiosk.sync.errors import BadAnswer, NotFound
from kiosk.sync.platform_client import PlatformClient

log = logging.getLogger(__name__)

# (upload URL, confirmed offset): called from the upload thread
Progress = Callable[[str, int], None]


class AttachmentUploader:
    """Uploads attachments in chunks of ``chunk_bytes``, each with its SHA-256."""

    def __init__(self, client: PlatformClient, chunk_bytes: int) -> None:
        self._client = client
        self._chunk = chunk_bytes

    def upload(
        self,
        data: bytes,
        *,
        stored_url: str | None,
        metadata: Mapping[str, str],
        progress: Progress,
        sha256: bytes | None = None,
    ) -> str:
        """Make sure the platform holds all of ``data``; returns the upload URL.

        ``stored_url`` is the URL remembered from an earlier attempt (None: create one);
        ``sha256`` is the digest of the whole of ``data`` if the caller has it already, used
        as the checksum of a one-chunk upload instead of hashing the bytes again.
        """
        url = stored_url
        offset = 0
        if url is not None:
            try:
                offset = self._client.tus_offset(url)
            except NotFound:
                log.info("upload expired at the platform; starting again")
                url = None
        if url is None:
            url = self._client.tus_create(len(data), metadata)
            if len(data) > self._chunk:
                # Worth resuming: remember it now. A one-chunk file is simply sent again after
                # a crash; its URL is stored (record_uploads_done) before the submission uses it.
                progress(url, 0)
            offset = 0
        if offset > len(data):
            raise BadAnswer(f"the platform claims {offset} bytes of a {len(data)}-byte file")
        while offset < len(data):
            whole = offset == 0 and len(data) <= self._chunk
            new_offset = self._client.tus_patch(
                url,
                offset,
                data[offset : offset + self._chunk] if not whole else data,
                sha256=sha256 if whole else None,
            )
            if new_offset is None:  # 409: we were wrong about the offset; ask again
                offset = self._client.tus_offset(url)
                continue
            offset = new_offset
            if offset < len(data):  # progress for the technician; HEAD is the truth on resume
                progress(url, offset)
        return url
