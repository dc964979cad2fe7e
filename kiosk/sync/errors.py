"""What can go wrong talking to the platform, sorted by what the engine does about it.

- ``PlatformUnreachable``, ``PlatformThrottled``, ``BadAnswer``: the platform as a whole is not
  usable now; stop the cycle and back off (honouring ``retry_after_s``).
- ``TransientRefusal``: this request failed for now (a 5xx, a 409 in progress); retry this item
  later, carry on with the others.
- ``PermanentRefusal``: the platform will never accept this; quarantine the item with the reason.
- ``CredentialsRefused``: 401; nothing works until a technician acts (revoked, not enrolled).
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync failure; ``retry_after_s`` is the platform's wish, if it said one."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class PlatformUnreachable(SyncError):
    """No answer: connection refused or reset, timeout, TLS failure, cut-off body."""


class PlatformThrottled(SyncError):
    """429 or 503: the platform asks everyone to slow down."""


class BadAnswer(SyncError):
    """An answer we refuse: not JSON, wrong schema, too big, a redirect, a foreign upload URL."""


class TransientRefusal(SyncError):
    """A failure of this one request that a later retry may fix (5xx, 409)."""


class PermanentRefusal(SyncError):
    """The platform refuses this item for good; ``code`` is its machine reason."""

    def __init__(self, message: str, code: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


class NotFound(PermanentRefusal):
    """404: the thing asked for is unknown to the platform."""


class CredentialsRefused(SyncError):
    """401: the terminal's credentials are missing, wrong or revoked (``code`` says which)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class AlreadyRated(PermanentRefusal):
    """409 ``already_rated``: the platform holds another rating of this application."""
