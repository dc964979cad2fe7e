"""Applications: submission with Idempotency-Key, official numbers, status history, ratings.

Idempotency follows the IETF draft "The Idempotency-Key HTTP Header Field": the key is the
application id; the same key with the same payload returns the original answer, with another
payload 422, and while the first request is still being processed 409. The "in progress"
claim is held in memory (it ends with the request, or with the server); results are stored.
A new application's form data is checked against the schema of the form it names
(central.form_schemas) when the platform runs with form validation. A terminal submits only in
its own name: a ``terminal_id`` other than the authenticated terminal's is refused
(``origin_mismatch``); an application made on another terminal reaches the platform in that
terminal's signed queue bundle (central.routes_bundles), whose signer is its verified origin.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, Field

from central.auth import Terminal, now_utc
from central.errors import ApiError
from central.form_schemas import FormSchemas
from central.storage import PlatformDB
from central.uploads import UploadStore

MAX_ATTACHMENTS = 64


class Status(StrEnum):
    """Where an application stands at the platform."""

    RECEIVED = "received"
    ACCEPTED = "accepted"
    NEEDS_MORE = "needs_more"
    APPROVED = "approved"
    REJECTED = "rejected"
    COMPLETED = "completed"


NEXT: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.ACCEPTED, Status.NEEDS_MORE, Status.REJECTED}),
    Status.NEEDS_MORE: frozenset({Status.ACCEPTED, Status.REJECTED}),
    Status.ACCEPTED: frozenset({Status.APPROVED, Status.REJECTED}),
    Status.APPROVED: frozenset({Status.COMPLETED}),
    Status.REJECTED: frozenset(),
    Status.COMPLETED: frozenset(),
}

Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
ShortText = Annotated[str, Field(min_length=1, max_length=128)]


class SubmittedAttachment(BaseModel):
    """A material's file, uploaded before by tus, named by its upload id."""

    upload_id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    attachment_id: ShortText
    material_code: ShortText
    pages: Annotated[int, Field(ge=0, le=10_000)]
    size: Annotated[int, Field(ge=0)]
    sha256: Sha256Hex


class AssistingStaff(BaseModel):
    """The field staff member who made an assisted application (帮办代办) with the resident."""

    staff_id: Annotated[str, Field(min_length=1, max_length=64)]
    name: Annotated[str, Field(min_length=1, max_length=64)]


class LocationSource(StrEnum):
    """Where a mobile service unit's location came from."""

    GPS = "gps"
    PLACE = "place"
    UNKNOWN = "unknown"


class ServiceLocation(BaseModel):
    """Where a mobile service unit made the application: GPS fix, place name, or unknown."""

    source: LocationSource
    place_name: Annotated[str, Field(max_length=64)] | None = None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None
    fixed_at: datetime | None = None


class ApplicationSubmission(BaseModel):
    """What a terminal submits; ``application_id`` is also the Idempotency-Key."""

    application_id: Annotated[str, Field(pattern=r"^[0-9a-f-]{36}$")]
    receipt_number: ShortText
    terminal_id: Annotated[
        str,
        Field(
            min_length=1,
            max_length=128,
            description="the submitting terminal's own id (the one its credentials were issued"
            " for); an application made on another terminal goes in that terminal's queue"
            " bundle (POST /terminals/me/relayed-bundles)",
        ),
    ]
    service_code: ShortText
    form_id: ShortText
    form_version: Annotated[int, Field(ge=1)]
    finalized_at: datetime
    data: dict[str, Any]
    identity: dict[str, str] = Field(default_factory=dict)
    consent: dict[str, Any] = Field(default_factory=dict)
    attachments: Annotated[list[SubmittedAttachment], Field(max_length=MAX_ATTACHMENTS)]
    # Mobile service units: the assisting staff member and where the unit served.
    assisted_by: AssistingStaff | None = None
    location: ServiceLocation | None = None


class SubmissionResult(BaseModel):
    """The platform's answer: the official application number (办件编号)."""

    application_id: str
    official_number: str
    status: Status
    received_at: datetime


class StatusEvent(BaseModel):
    """One step of an application's history."""

    status: Status
    at: datetime
    note: str | None = None


class RatingLevel(StrEnum):
    """好差评: five levels, 非常满意 … 非常不满意."""

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    BASIC = "basic"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"


NEEDS_REASONS = frozenset({RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED})


class Rating(BaseModel):
    """A resident's rating of one application; reasons are required for the two lowest."""

    level: RatingLevel
    reasons: Annotated[list[ShortText], Field(max_length=10)] = Field(default_factory=list)
    comment: Annotated[str, Field(max_length=500)] | None = None


class ApplicationStatus(BaseModel):
    """An application's status and history, and its rating if any."""

    application_id: str
    official_number: str
    receipt_number: str
    service_code: str
    status: Status
    history: list[StatusEvent]
    rating: Rating | None = None


class ApplicationRecord(BaseModel):
    """Admin / back office: one stored application as the platform keeps it (no form data)."""

    application_id: str
    official_number: str
    receipt_number: str
    terminal_id: str
    service_code: str
    status: Status
    received_at: datetime
    assisted_by: AssistingStaff | None = None
    location: ServiceLocation | None = None


class StatusChange(BaseModel):
    """Admin / back office: move an application forward."""

    status: Status
    note: Annotated[str, Field(max_length=500)] | None = None


def fingerprint(submission: BaseModel) -> str:
    """SHA-256 of the canonical JSON of a payload: what "the same payload" means."""
    dumped = submission.model_dump(mode="json")
    # Fields added later are left out while empty, so a retry from an older terminal (or of a
    # payload taken before they existed) keeps the fingerprint it had.
    for key in ("assisted_by", "location"):
        if dumped.get(key, ...) is None:
            del dumped[key]
    canonical = json.dumps(
        dumped,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_origin(terminal: Terminal, submission: ApplicationSubmission) -> None:
    """Nothing when ``submission`` names the authenticated terminal as where it was made;
    otherwise ApiError 422 ``origin_mismatch`` (the claim cannot be checked, so it is refused)."""
    if submission.terminal_id != terminal.terminal_id:
        raise ApiError(
            422,
            "origin_mismatch",
            f"the application names terminal {submission.terminal_id}, but the credentials are"
            f" terminal {terminal.terminal_id}'s: a terminal submits only its own applications;"
            " one made on another terminal goes in that terminal's queue bundle"
            " (POST /terminals/me/relayed-bundles)",
        )


def content_fingerprint(body: dict[str, Any]) -> str:
    """SHA-256 of what an application says, whichever terminal sent it and however its files
    were uploaded: the submission without the attachments' upload ids. A queue bundle makes one
    application reach the platform from two terminals; this is how it is known to be the same.
    """
    dumped = dict(body)
    dumped["attachments"] = [
        {k: v for k, v in a.items() if k != "upload_id"} for a in body.get("attachments", [])
    ]
    for key in ("assisted_by", "location"):
        if dumped.get(key, ...) is None:
            del dumped[key]
    canonical = json.dumps(dumped, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class Applications:
    """Submissions, statuses and ratings."""

    def __init__(
        self,
        db: PlatformDB,
        uploads: UploadStore,
        submit_delay_s: Callable[[], float] = lambda: 0.0,
        form_schemas: FormSchemas | None = None,
    ) -> None:
        self._db = db
        self._uploads = uploads
        self._submit_delay_s = submit_delay_s
        # None: form data is stored unchecked (a platform started without form validation).
        self._form_schemas = form_schemas
        self._claims: dict[tuple[str, str], str] = {}
        self._claims_lock = threading.Lock()

    # --- submission ---------------------------------------------------------------------------

    def submit(
        self, terminal: Terminal, key: str | None, submission: ApplicationSubmission
    ) -> tuple[SubmissionResult, bool]:
        """(result, replayed): store the application once, whatever the retries."""
        if not key:
            raise ApiError(400, "idempotency_key_missing", "send Idempotency-Key: application id")
        if key != submission.application_id:
            raise ApiError(400, "idempotency_key_mismatch", "Idempotency-Key must be the id")
        payload_print = fingerprint(submission)
        replay = self._claim(terminal, key, payload_print)
        if replay is not None:
            return replay, True
        try:
            # After this terminal's own replays (an answer it was given stays its answer) and
            # before anything is looked up or stored: a terminal speaks only for itself.
            check_origin(terminal, submission)
            stored = self.already_stored(submission)
            if stored is not None:
                self._remember(terminal, key, payload_print, stored)
                return stored, True
            # Only a new application is checked: a replay of one accepted before gets its
            # original answer above, even if the form has since been republished.
            self.check_form_data(submission)
            self._check(terminal, submission)
            delay = self._submit_delay_s()
            if delay > 0:
                time.sleep(delay)
            try:
                result = self._store(terminal, key, submission)
            except sqlite3.IntegrityError:
                # Another terminal stored the same application (from a queue bundle) meanwhile.
                stored = self.already_stored(submission)
                if stored is None:
                    raise
                self._remember(terminal, key, payload_print, stored)
                return stored, True
        finally:
            with self._claims_lock:
                self._claims.pop((terminal.client_id, key), None)
        return result, False

    def _claim(self, terminal: Terminal, key: str, payload_print: str) -> SubmissionResult | None:
        # "In progress" lives in memory: it ends with the request, and a server crash ends
        # every request, so it needs no fsync. Only the finished result is stored.
        with self._db.transaction() as conn, self._claims_lock:
            row = conn.execute(
                "SELECT fingerprint, response FROM idempotency WHERE client_id = ? AND key = ?",
                (terminal.client_id, key),
            ).fetchone()
            claimed = self._claims.get((terminal.client_id, key))
            if (row is not None and row[0] != payload_print) or (
                claimed is not None and claimed != payload_print
            ):
                raise ApiError(
                    422,
                    "idempotency_key_reused",
                    "this Idempotency-Key was used with a different payload",
                )
            if row is not None:
                return SubmissionResult.model_validate_json(row[1])
            if claimed is not None:
                raise ApiError(
                    409,
                    "request_in_progress",
                    "a request with this Idempotency-Key is still being processed",
                    {"Retry-After": "1"},
                )
            self._claims[(terminal.client_id, key)] = payload_print
            return None

    def already_stored(self, submission: ApplicationSubmission) -> SubmissionResult | None:
        """The original answer when this same application was already stored (sent by another
        terminal from a queue bundle, or imported by the platform); 422 if the id was used for
        different content."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT body, official_number, received_at FROM applications"
                " WHERE application_id = ?",
                (submission.application_id,),
            ).fetchone()
        if row is None:
            return None
        if content_fingerprint(json.loads(row[0])) != content_fingerprint(
            submission.model_dump(mode="json")
        ):
            raise ApiError(422, "application_exists", "another terminal used this application id")
        return SubmissionResult(
            application_id=submission.application_id,
            official_number=row[1],
            status=Status.RECEIVED,
            received_at=row[2],
        )

    def _remember(
        self, terminal: Terminal, key: str, payload_print: str, result: SubmissionResult
    ) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO idempotency (client_id, key, fingerprint, state, status_code,"
                " response, claimed_at) VALUES (?, ?, ?, 'done', 201, ?, ?)"
                " ON CONFLICT (client_id, key) DO NOTHING",
                (
                    terminal.client_id,
                    key,
                    payload_print,
                    result.model_dump_json(),
                    now_utc().isoformat(),
                ),
            )

    def check_form_data(self, submission: ApplicationSubmission) -> None:
        """Nothing when form validation is off or ``submission.data`` matches its form's data
        schema; otherwise the 422 ApiError of central.form_schemas (paths only, no values)."""
        if self._form_schemas is not None:
            self._form_schemas.check(submission.form_id, submission.form_version, submission.data)

    def import_bundled(
        self, relay: Terminal, submission: ApplicationSubmission
    ) -> tuple[SubmissionResult, bool]:
        """(result, new): store an application from a queue bundle the platform imported
        itself (its files already stored and checked, its form data checked with
        ``check_form_data`` before them), once, like a submission."""
        stored = self.already_stored(submission)
        if stored is not None:
            return stored, False
        try:
            return self._store(relay, submission.application_id, submission), True
        except sqlite3.IntegrityError:  # a terminal sent it at the same moment
            stored = self.already_stored(submission)
            if stored is None:
                raise
            return stored, False

    def _check(self, terminal: Terminal, submission: ApplicationSubmission) -> None:
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT reason FROM withdrawn_services WHERE service_code = ?",
                (submission.service_code,),
            ).fetchone()
            taken = conn.execute(
                "SELECT 1 FROM applications WHERE application_id = ?",
                (submission.application_id,),
            ).fetchone()
        if row is not None:
            raise ApiError(422, "service_withdrawn", f"the service is not offered: {row[0]}")
        if taken is not None:
            raise ApiError(422, "application_exists", "another terminal used this application id")
        for attachment in submission.attachments:
            upload, digest = self._uploads.sha256_of(terminal, attachment.upload_id)
            if not upload.complete:
                raise ApiError(
                    422,
                    "attachment_incomplete",
                    f"attachment {attachment.attachment_id} is not fully uploaded",
                )
            if upload.length != attachment.size or digest != attachment.sha256:
                raise ApiError(
                    422,
                    "attachment_checksum_mismatch",
                    f"attachment {attachment.attachment_id} does not match its SHA-256",
                )

    def _store(
        self, terminal: Terminal, key: str, submission: ApplicationSubmission
    ) -> SubmissionResult:
        now = now_utc()
        with self._db.transaction() as conn:
            number = self._next_number(conn, now)
            result = SubmissionResult(
                application_id=submission.application_id,
                official_number=number,
                status=Status.RECEIVED,
                received_at=now,
            )
            conn.execute(
                "INSERT INTO applications (application_id, client_id, terminal_id,"
                " official_number, receipt_number, service_code, body, received_at, status)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    submission.application_id,
                    terminal.client_id,
                    terminal.terminal_id,
                    number,
                    submission.receipt_number,
                    submission.service_code,
                    submission.model_dump_json(),
                    now.isoformat(),
                    Status.RECEIVED.value,
                ),
            )
            conn.execute(
                "INSERT INTO status_history (application_id, status, at, note) VALUES (?, ?, ?, ?)",
                (submission.application_id, Status.RECEIVED.value, now.isoformat(), None),
            )
            conn.execute(
                "INSERT INTO idempotency (client_id, key, fingerprint, state, status_code,"
                " response, claimed_at) VALUES (?, ?, ?, 'done', 201, ?, ?)",
                (
                    terminal.client_id,
                    key,
                    fingerprint(submission),
                    result.model_dump_json(),
                    now.isoformat(),
                ),
            )
        return result

    @staticmethod
    def _next_number(conn: sqlite3.Connection, now: datetime) -> str:
        day = now.strftime("%Y%m%d")
        row = conn.execute(
            "INSERT INTO number_sequence (day, last) VALUES (?, 1)"
            " ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last",
            (day,),
        ).fetchone()
        return f"BJ5107{day}{int(row[0]):06d}"

    # --- status -------------------------------------------------------------------------------

    def status(self, number: str) -> ApplicationStatus:
        """Status by application id, official number or receipt number; 404 if unknown."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT application_id, official_number, receipt_number, service_code, status"
                " FROM applications WHERE application_id = ? OR official_number = ?"
                " OR receipt_number = ?",
                (number, number, number),
            ).fetchone()
            if row is None:
                raise ApiError(404, "application_not_found", "no application with this number")
            history = conn.execute(
                "SELECT status, at, note FROM status_history WHERE application_id = ?"
                " ORDER BY rowid",
                (row[0],),
            ).fetchall()
            rating = conn.execute(
                "SELECT level, reasons, comment FROM ratings WHERE application_id = ?", (row[0],)
            ).fetchone()
        return ApplicationStatus(
            application_id=row[0],
            official_number=row[1],
            receipt_number=row[2],
            service_code=row[3],
            status=Status(row[4]),
            history=[StatusEvent(status=Status(h[0]), at=h[1], note=h[2]) for h in history],
            rating=(
                Rating(
                    level=RatingLevel(rating[0]), reasons=json.loads(rating[1]), comment=rating[2]
                )
                if rating
                else None
            ),
        )

    def record(self, application_id: str) -> ApplicationRecord:
        """One stored application with who assisted and where (admin); 404 if unknown."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT application_id, official_number, receipt_number, terminal_id,"
                " service_code, status, received_at, body FROM applications"
                " WHERE application_id = ? OR official_number = ? OR receipt_number = ?",
                (application_id, application_id, application_id),
            ).fetchone()
        if row is None:
            raise ApiError(404, "application_not_found", "no application with this number")
        body = json.loads(row[7])
        return ApplicationRecord(
            application_id=row[0],
            official_number=row[1],
            receipt_number=row[2],
            terminal_id=row[3],
            service_code=row[4],
            status=Status(row[5]),
            received_at=row[6],
            assisted_by=body.get("assisted_by"),
            location=body.get("location"),
        )

    def move(self, application_id: str, change: StatusChange) -> ApplicationStatus:
        """Move an application forward (admin, back office); 409 for a move not allowed."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT status FROM applications WHERE application_id = ?", (application_id,)
            ).fetchone()
            if row is None:
                raise ApiError(404, "application_not_found", "no application with this id")
            current = Status(row[0])
            if change.status not in NEXT[current]:
                raise ApiError(
                    409,
                    "illegal_status_change",
                    f"{current.value} cannot move to {change.status.value}",
                )
            conn.execute(
                "UPDATE applications SET status = ? WHERE application_id = ?",
                (change.status.value, application_id),
            )
            conn.execute(
                "INSERT INTO status_history (application_id, status, at, note) VALUES (?, ?, ?, ?)",
                (application_id, change.status.value, now_utc().isoformat(), change.note),
            )
        return self.status(application_id)

    def open_ids(self) -> list[tuple[str, Status]]:
        """(id, status) of every application not yet final."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT application_id, status FROM applications WHERE status NOT IN (?, ?)",
                (Status.REJECTED.value, Status.COMPLETED.value),
            ).fetchall()
        return [(str(r[0]), Status(r[1])) for r in rows]

    def withdraw_service(self, service_code: str, reason: str) -> None:
        """Refuse further submissions for a service (a permanent refusal)."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO withdrawn_services (service_code, reason) VALUES (?, ?)"
                " ON CONFLICT (service_code) DO UPDATE SET reason = excluded.reason",
                (service_code, reason),
            )

    # --- ratings ------------------------------------------------------------------------------

    def rate(self, application_id: str, rating: Rating) -> tuple[Rating, bool]:
        """(stored rating, replayed); one per application, reasons needed for the two lowest."""
        if rating.level in NEEDS_REASONS and not rating.reasons:
            raise ApiError(422, "reasons_required", "say why for 不满意 and 非常不满意")
        with self._db.transaction() as conn:
            app = conn.execute(
                "SELECT 1 FROM applications WHERE application_id = ?", (application_id,)
            ).fetchone()
            if app is None:
                raise ApiError(404, "application_not_found", "no application with this id")
            row = conn.execute(
                "SELECT level, reasons, comment FROM ratings WHERE application_id = ?",
                (application_id,),
            ).fetchone()
            if row is not None:
                stored = Rating(
                    level=RatingLevel(row[0]), reasons=json.loads(row[1]), comment=row[2]
                )
                if stored == rating:
                    return stored, True
                raise ApiError(409, "already_rated", "this application has already been rated")
            conn.execute(
                "INSERT INTO ratings (application_id, level, reasons, comment, rated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    application_id,
                    rating.level.value,
                    json.dumps(rating.reasons, ensure_ascii=False),
                    rating.comment,
                    now_utc().isoformat(),
                ),
            )
        return rating, False

    # --- inspection (admin, tests) --------------------------------------------------------------

    def inventory(self) -> list[dict[str, Any]]:
        """Every stored application with its attachments' ids and checksums (admin view)."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT application_id, official_number, terminal_id, body FROM applications"
                " ORDER BY received_at"
            ).fetchall()
        out = []
        for row in rows:
            body = json.loads(row[3])
            out.append(
                {
                    "application_id": row[0],
                    "official_number": row[1],
                    "terminal_id": row[2],
                    # Differs from terminal_id when another terminal relayed a queue bundle.
                    "origin_terminal_id": body.get("terminal_id"),
                    "assisted_by": body.get("assisted_by"),
                    "location": body.get("location"),
                    "attachments": [
                        {
                            "attachment_id": a["attachment_id"],
                            "declared_sha256": a["sha256"],
                            "stored_sha256": self._uploads.file_sha256(a["upload_id"]),
                        }
                        for a in body["attachments"]
                    ],
                }
            )
        return out
