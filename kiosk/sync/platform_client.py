"""The terminal's HTTP client for the platform API (requests), strict about what it accepts.

TLS is always verified (the configured CA file, else the system store); redirects are never
followed; answers are read up to a size limit; JSON answers are validated against models of
the published contract. Every failure becomes one of ``kiosk.sync.errors``.
"""

from __future__ import annotations

import base64
import email.utils
import hashlib
import json
import logging
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import requests
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter

from config.schema import KioskSettings
from config.secrets import Secrets
from kiosk.sync.errors import (
    AlreadyRated,
    BadAnswer,
    CredentialsRefused,
    NotFound,
    PermanentRefusal,
    PlatformThrottled,
    PlatformUnreachable,
    TransientRefusal,
)
from kiosk.sync.platform_models import (
    ApplicationStatus,
    BundleCredentials,
    Health,
    HeartbeatAck,
    IssuedCredentials,
    SubmissionResult,
    TerminalConfigAnswer,
    WhoAmI,
)

log = logging.getLogger(__name__)

API = "api/v1/"
TUS_VERSION = "1.0.0"
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"
CHECKSUM_MISMATCH = 460
RETRY_AFTER_CAP_S = 24 * 3600.0
Model = TypeVar("Model", bound=BaseModel)


def _retry_after(response: requests.Response) -> float | None:
    """``Retry-After`` in seconds: delta-seconds, or an HTTP-date measured against ``Date``.

    Measuring against the answer's own Date header keeps a terminal clock that is wrong by
    hours from turning "in 30 s" into "now" or "in 5 hours".
    """
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), RETRY_AFTER_CAP_S)
    try:
        when = email.utils.parsedate_to_datetime(value)
        date_header = response.headers.get("Date")
        reference = (
            email.utils.parsedate_to_datetime(date_header) if date_header else datetime.now(UTC)
        )
    except (TypeError, ValueError):
        return None
    return max(0.0, min((when - reference).total_seconds(), RETRY_AFTER_CAP_S))


def _error_code(body: bytes) -> tuple[str, str]:
    """(error, detail) of a JSON error answer, or generic values."""
    try:
        decoded = json.loads(body)
    except ValueError:
        return "unknown", body[:200].decode("utf-8", "replace")
    if isinstance(decoded, dict):
        return str(decoded.get("error", "unknown"))[:64], str(decoded.get("detail", ""))[:500]
    return "unknown", ""


class PlatformClient:
    """One terminal's connection to the platform."""

    def __init__(
        self,
        base_url: str,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        ca_file: Path | None = None,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 20.0,
        max_answer_bytes: int = 1024 * 1024,
        session: requests.Session | None = None,
        pool_size: int = 4,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not a platform URL: {base_url!r}")
        self._origin = (parts.scheme, parts.netloc)
        self._verify: str | bool = str(ca_file) if ca_file is not None else True
        self._timeout = (connect_timeout_s, read_timeout_s)
        self._max_answer = max_answer_bytes
        self._session = session if session is not None else requests.Session()
        self._session.trust_env = False  # no proxy or CA bundle picked up from the environment
        if session is None:
            # One kept-alive connection per upload thread (plus the engine's own requests):
            # a pool smaller than the parallelism would open and drop a TLS connection each time.
            adapter = HTTPAdapter(pool_connections=1, pool_maxsize=max(1, pool_size), max_retries=0)
            self._session.mount("https://", adapter)
            self._session.mount("http://", adapter)
        self._auth = (client_id, client_secret) if client_id and client_secret else None
        self._answered_lock = threading.Lock()
        self._answered = 0

    @property
    def answered(self) -> int:
        """Successful answers so far (from every thread): the engine's measure of progress."""
        with self._answered_lock:
            return self._answered

    @classmethod
    def from_settings(
        cls,
        settings: KioskSettings,
        secrets: Secrets,
        session: requests.Session | None = None,
    ) -> PlatformClient:
        """A client for the configured platform with the enrolled credentials (if any)."""
        secret = secrets.platform_client_secret
        return cls(
            str(settings.platform.url),
            client_id=secrets.platform_client_id,
            client_secret=secret.get_secret_value() if secret is not None else None,
            ca_file=settings.platform.ca_file,
            connect_timeout_s=settings.platform.connect_timeout_s,
            read_timeout_s=settings.platform.read_timeout_s,
            max_answer_bytes=settings.sync.max_answer_bytes,
            session=session,
            pool_size=settings.sync.upload_parallelism + 1,
        )

    def close(self) -> None:
        """Close pooled connections."""
        self._session.close()

    # --- the one place that talks HTTP ---------------------------------------------------------

    def _request(
        self,
        method: str,
        url: str,
        *,
        accept: frozenset[int],
        json_body: Any = None,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        authenticated: bool = True,
        max_bytes: int | None = None,
    ) -> tuple[requests.Response, bytes]:
        send_headers = dict(headers or {})
        body = data
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, sort_keys=True).encode()
            send_headers["Content-Type"] = "application/json"
        limit = max_bytes if max_bytes is not None else self._max_answer
        try:
            response = self._session.request(
                method,
                url,
                data=body,
                headers=send_headers,
                auth=self._auth if authenticated else None,
                timeout=self._timeout,
                verify=self._verify,
                allow_redirects=False,
                stream=True,
            )
            try:
                content = self._read_limited(response, limit)
            finally:
                response.close()
        except requests.exceptions.SSLError as error:
            raise PlatformUnreachable(f"TLS verification failed: {error}") from None
        except (requests.ConnectionError, requests.Timeout) as error:
            raise PlatformUnreachable(f"{type(error).__name__}: {error}") from None
        except requests.RequestException as error:  # cut-off bodies, bad chunking
            raise PlatformUnreachable(f"{type(error).__name__}: {error}") from None
        self._classify(response, content, accept)
        with self._answered_lock:
            self._answered += 1
        return response, content

    @staticmethod
    def _read_limited(response: requests.Response, limit: int) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise BadAnswer(f"answer of {declared} bytes is over the {limit}-byte limit")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise BadAnswer(f"answer is over the {limit}-byte limit")
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _classify(response: requests.Response, content: bytes, accept: frozenset[int]) -> None:
        status = response.status_code
        if status in accept:
            return
        retry_after = _retry_after(response)
        if 300 <= status < 400:
            raise BadAnswer(f"redirect ({status}) to {response.headers.get('Location')!r} refused")
        code, detail = _error_code(content)
        if status == 401:
            raise CredentialsRefused(detail or "credentials refused", code)
        if status in (429, 503):
            raise PlatformThrottled(f"{status} {code}", retry_after)
        if status in (408, 409, 425, CHECKSUM_MISMATCH) or status >= 500:
            raise TransientRefusal(f"{status} {code}: {detail}", retry_after)
        if status == 404:
            raise NotFound(detail or "not found", code, status)
        if 400 <= status < 500:
            raise PermanentRefusal(detail or code, code, status)
        raise BadAnswer(f"unexpected status {status}")

    @staticmethod
    def _model(model: type[Model], content: bytes, response: requests.Response) -> Model:
        _require_json(response)
        try:
            return model.model_validate_json(content)
        except ValidationError as error:
            raise BadAnswer(
                f"answer does not match {model.__name__}: {error.error_count()} problem(s)"
            ) from None

    def _url(self, path: str) -> str:
        return urljoin(self.base_url, API + path)

    def _check_upload_url(self, location: str | None) -> str:
        if not location:
            raise BadAnswer("upload created without a Location")
        url = urljoin(self._url("uploads"), location)
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._origin or not parts.path.startswith(
            urlsplit(self._url("uploads/")).path
        ):
            raise BadAnswer("upload Location points outside the platform")
        return url

    # --- API ----------------------------------------------------------------------------------

    def health(self) -> Health:
        """The platform's health answer (no credentials needed)."""
        response, content = self._request(
            "GET", self._url("health"), accept=frozenset({200}), authenticated=False
        )
        return self._model(Health, content, response)

    def enroll(self, code: str, terminal_id: str) -> IssuedCredentials:
        """Spend a one-time enrollment code for credentials."""
        response, content = self._request(
            "POST",
            self._url("enroll"),
            accept=frozenset({201}),
            json_body={"code": code, "terminal_id": terminal_id},
            authenticated=False,
        )
        return self._model(IssuedCredentials, content, response)

    def whoami(self) -> WhoAmI:
        """Check the credentials (a pending rotated secret becomes the only one)."""
        response, content = self._request("GET", self._url("terminals/me"), accept=frozenset({200}))
        return self._model(WhoAmI, content, response)

    def rotate(self) -> IssuedCredentials:
        """Ask for a new secret (the current one works until the new one is used)."""
        response, content = self._request(
            "POST", self._url("terminals/me/credentials"), accept=frozenset({201})
        )
        return self._model(IssuedCredentials, content, response)

    def bundle_credentials(self, public_key: str) -> BundleCredentials:
        """Have the terminal's Ed25519 public key certified; get the city's bundle key."""
        response, content = self._request(
            "POST",
            self._url("terminals/me/bundle-credentials"),
            accept=frozenset({201}),
            json_body={"public_key": public_key},
        )
        return self._model(BundleCredentials, content, response)

    def bundle_revocations(self) -> Any:
        """The platform's signed list of revoked terminal certificates, as sent: the caller
        checks the signature over these exact values (kiosk.sync.revocation_pull)."""
        response, content = self._request(
            "GET", self._url("bundle-revocations"), accept=frozenset({200})
        )
        return _json_as_sent(response, content, "the revocation list")

    def relay_bundle(self, bundle: bytes) -> Any:
        """Forward a queue bundle this terminal imported; the platform's BundleImport answer as
        sent (kiosk.sync.relay_push validates it)."""
        response, content = self._request(
            "POST",
            self._url("terminals/me/relayed-bundles"),
            accept=frozenset({200}),
            headers={"Content-Type": "application/octet-stream"},
            data=bundle,
        )
        return _json_as_sent(response, content, "the answer to a relayed bundle")

    def tus_create(self, length: int, metadata: Mapping[str, str]) -> str:
        """Create an upload; returns its URL (checked to lie on the platform)."""
        encoded = ",".join(
            f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in metadata.items()
        )
        response, _ = self._request(
            "POST",
            self._url("uploads"),
            accept=frozenset({201}),
            headers={
                "Tus-Resumable": TUS_VERSION,
                "Upload-Length": str(length),
                "Upload-Metadata": encoded,
            },
            data=b"",
        )
        return self._check_upload_url(response.headers.get("Location"))

    def tus_offset(self, url: str) -> int:
        """The platform's offset of an upload (HEAD); NotFound if it is gone."""
        response, _ = self._request(
            "HEAD",
            self._check_upload_url(url),
            accept=frozenset({200}),
            headers={"Tus-Resumable": TUS_VERSION},
        )
        return self._offset_header(response)

    def tus_patch(
        self, url: str, offset: int, chunk: bytes, sha256: bytes | None = None
    ) -> int | None:
        """Send ``chunk`` at ``offset`` with its SHA-256; the new offset, None on 409 mismatch.

        ``sha256`` is the chunk's digest when the caller has computed it already.
        """
        digest = base64.b64encode(sha256 or hashlib.sha256(chunk).digest()).decode()
        response, _ = self._request(
            "PATCH",
            self._check_upload_url(url),
            accept=frozenset({204, 409}),
            headers={
                "Tus-Resumable": TUS_VERSION,
                "Upload-Offset": str(offset),
                "Upload-Checksum": f"sha256 {digest}",
                "Content-Type": OFFSET_CONTENT_TYPE,
            },
            data=chunk,
        )
        if response.status_code == 409:
            return None
        new_offset = self._offset_header(response)
        if new_offset != offset + len(chunk):
            raise BadAnswer(f"upload offset {new_offset} after sending to {offset + len(chunk)}")
        return new_offset

    @staticmethod
    def _offset_header(response: requests.Response) -> int:
        value = response.headers.get("Upload-Offset", "")
        if not value.isdigit():
            raise BadAnswer("tus answer without a valid Upload-Offset")
        return int(value)

    def submit(self, application_id: str, body: Mapping[str, Any]) -> SubmissionResult:
        """Submit an application with ``Idempotency-Key: application_id``."""
        response, content = self._request(
            "POST",
            self._url("applications"),
            accept=frozenset({200, 201}),
            json_body=body,
            headers={"Idempotency-Key": application_id},
        )
        result = self._model(SubmissionResult, content, response)
        if result.application_id != application_id:
            raise BadAnswer("the platform answered for another application")
        return result

    def status(self, number: str) -> ApplicationStatus:
        """Status and history by application id, official or receipt number."""
        response, content = self._request(
            "GET", self._url(f"applications/{_segment(number)}"), accept=frozenset({200})
        )
        return self._model(ApplicationStatus, content, response)

    def rate(self, application_id: str, level: str, reasons: list[str]) -> None:
        """Send a rating (the same rating again is accepted by the platform).

        AlreadyRated when the platform holds a different one (one rating per application):
        that 409 is final, unlike a 409 for a request still in progress.
        """
        response, content = self._request(
            "POST",
            self._url(f"applications/{_segment(application_id)}/rating"),
            accept=frozenset({200, 201, 409}),
            json_body={"level": level, "reasons": reasons},
        )
        if response.status_code == 409:
            code, detail = _error_code(content)
            if code == "already_rated":
                raise AlreadyRated(detail or "already rated", code, 409)
            raise TransientRefusal(f"409 {code}: {detail}", _retry_after(response))

    def heartbeat(self, body: Mapping[str, Any]) -> HeartbeatAck:
        """Report the terminal's health."""
        response, content = self._request(
            "POST", self._url("heartbeats"), accept=frozenset({200}), json_body=body
        )
        return self._model(HeartbeatAck, content, response)

    def terminal_config(self, etag: str | None) -> tuple[TerminalConfigAnswer | None, str]:
        """(the platform's settings for this terminal, or None if ours are current; ETag)."""
        headers = {"If-None-Match": etag} if etag else {}
        response, content = self._request(
            "GET", self._url("terminals/me/config"), accept=frozenset({200, 304}), headers=headers
        )
        new_etag = response.headers.get("ETag", "")
        if response.status_code == 304:
            return None, new_etag
        return self._model(TerminalConfigAnswer, content, response), new_etag

    def catalog(self, cursor: int | None, etag: str | None) -> tuple[bytes | None, int, str]:
        """(gzip bundle or None if ours is current, version, ETag)."""
        headers = {"If-None-Match": etag} if etag else {}
        params = f"?cursor={cursor:d}" if cursor is not None else ""
        response, content = self._request(
            "GET",
            self._url("catalog") + params,
            accept=frozenset({200, 304}),
            headers=headers,
            max_bytes=64 * 1024 * 1024,
        )
        version = response.headers.get("Catalog-Version", "")
        if not version.isdigit():
            raise BadAnswer("catalog answer without Catalog-Version")
        new_etag = response.headers.get("ETag", "")
        return (content if response.status_code == 200 else None), int(version), new_etag


def _segment(value: str) -> str:
    """A path segment from our own ids/numbers; refuse anything that could change the path."""
    if not value or any(c in value for c in "/?#%\\") or value in (".", ".."):
        raise ValueError(f"not a usable number: {value!r}")
    return value


def _require_json(response: requests.Response) -> None:
    """BadAnswer unless the platform said the body is JSON."""
    media = response.headers.get("Content-Type", "").split(";")[0].strip()
    if media != "application/json":
        raise BadAnswer(f"expected JSON, got {media or 'no content type'}")


def _json_as_sent(response: requests.Response, content: bytes, what: str) -> Any:
    """The JSON body as sent, for callers that check it themselves (signatures, models)."""
    _require_json(response)
    try:
        return json.loads(content)
    except ValueError:
        raise BadAnswer(f"{what} is not JSON") from None
