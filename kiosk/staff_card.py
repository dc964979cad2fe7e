"""Staff sign-in with a PIV card: certificate from the staff CA, PIN, proof of the card's key.

The order matters: the certificate is read and checked against the configured staff CA first
(no PIN try is spent on a card we would refuse anyway), then VERIFY PIN, then GENERAL
AUTHENTICATE on a fresh random challenge checked against the certificate's public key, so a
copied certificate on another card is refused. Staff id and name come from the certificate
subject (serialNumber and CN). Every failure is a ``StaffCardError`` with a technical,
personal-data-free ``reason``; screens map the class to their own translated text.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from config.schema import KioskSettings
from devices.cardreader.apdu import ApduChannel, command
from devices.cardreader.errors import CardAuthenticationFailed, CardError, CardStatusError
from devices.cardreader.pcsc_channel import card_channel, list_readers, readers_with_card
from devices.cardreader.piv import (
    PIV_PIN_REF,
    PivProfile,
    encode_pin,
    identity_from_certificate,
    pin_status,
)

log = logging.getLogger(__name__)


class StaffCardError(Exception):
    """A staff card sign-in failed; ``reason`` is safe to log and show to a technician."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class WrongPin(StaffCardError):
    """The PIN was wrong; ``retries_left`` tries remain before the card blocks."""

    def __init__(self, retries_left: int) -> None:
        super().__init__(f"wrong card PIN, {retries_left} tries left")
        self.retries_left = retries_left


class CardBlocked(StaffCardError):
    """The card's PIN is blocked: it cannot sign in until the issuer unblocks it."""


class BadPinFormat(StaffCardError):
    """The typed card PIN cannot be a PIV PIN (6 to 8 digits); no try was spent."""


class NotAStaffCard(StaffCardError):
    """The card has no PIV application (a resident's card, or an unknown card)."""


class UntrustedCard(StaffCardError):
    """The card's certificate is not from the staff CA, has expired, or its key proof failed."""


class NoStaffCa(StaffCardError):
    """No staff CA is configured (or it cannot be read): staff cards cannot be trusted."""


class CardReadFailed(StaffCardError):
    """The card or reader failed mid-exchange (removed, mute, reader gone)."""


class NoCardInReader(CardReadFailed):
    """No card is in the staff reader."""


@dataclass(frozen=True)
class StaffIdentity:
    """Who signed in: staff number (for audit and records), name (for the screen), subject."""

    staff_id: str
    name: str
    certificate_subject: str

    def __repr__(self) -> str:
        # The name is personal data: keep it out of logs and tracebacks.
        return f"StaffIdentity(staff_id={self.staff_id!r})"


@dataclass(frozen=True)
class StaffCa:
    """The staff CA certificates a card's certificate must be issued by."""

    certificates: tuple[x509.Certificate, ...]


def load_staff_ca(path: Path) -> StaffCa:
    """Read the CA certificate(s) from a PEM file; raises NoStaffCa when unusable."""
    try:
        certificates = tuple(x509.load_pem_x509_certificates(path.read_bytes()))
    except (OSError, ValueError) as error:
        raise NoStaffCa(f"staff CA file {path} cannot be used: {error}") from None
    if not certificates:
        raise NoStaffCa(f"staff CA file {path} holds no certificate")
    return StaffCa(certificates)


def staff_ca_for(settings: KioskSettings) -> StaffCa | None:
    """The configured staff CA, or None when the terminal has none configured."""
    path = settings.staff_card.ca_file
    return None if path is None else load_staff_ca(path.expanduser())


def _is_ca(certificate: x509.Certificate) -> bool:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        return False
    return constraints.value.ca


def check_certificate(certificate: x509.Certificate, ca: StaffCa, now: dt.datetime) -> None:
    """Raise UntrustedCard unless ``certificate`` is in its validity period and issued by ``ca``."""
    if now < certificate.not_valid_before_utc:
        raise UntrustedCard("the card's certificate is not valid yet")
    if now > certificate.not_valid_after_utc:
        raise UntrustedCard("the card's certificate has expired")
    for issuer in ca.certificates:
        try:
            certificate.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature):
            continue
        if not _is_ca(issuer):
            continue
        if not issuer.not_valid_before_utc <= now <= issuer.not_valid_after_utc:
            raise UntrustedCard("the staff CA certificate that issued this card has expired")
        return
    raise UntrustedCard("the card's certificate is not issued by the staff CA")


def _verify_pin(channel: ApduChannel, pin: str) -> None:
    # VERIFY without data reports tries left without spending one: a blocked card says so.
    if pin_status(channel.send(command(0x00, 0x20, 0x00, PIV_PIN_REF)).sw) == 0:
        raise CardBlocked("the card's PIN is blocked")
    try:
        block = encode_pin(pin)
    except ValueError:
        raise BadPinFormat("a card PIN has 6 to 8 digits") from None
    retries = pin_status(channel.send(command(0x00, 0x20, 0x00, PIV_PIN_REF, block)).sw)
    if retries == 0:
        raise CardBlocked("the card's PIN is blocked")
    if retries is not None:
        raise WrongPin(retries)


def sign_in_on_channel(
    channel: ApduChannel, pin: str, trusted_ca: StaffCa | None, now: dt.datetime | None = None
) -> StaffIdentity:
    """The sign-in steps over an open channel (see the module docstring for the order)."""
    if trusted_ca is None:
        raise NoStaffCa("no staff CA is configured on this terminal: staff cards are refused")
    profile = PivProfile()
    try:
        if not profile.select(channel):
            raise NotAStaffCard("this card has no PIV application")
        certificate = profile.read_certificate(channel)
        check_certificate(certificate, trusted_ca, now or dt.datetime.now(dt.UTC))
        _verify_pin(channel, pin)
        profile.authenticate(channel, certificate)
    except CardAuthenticationFailed:
        raise UntrustedCard("the card could not prove it holds its certificate's key") from None
    except CardStatusError as error:
        raise CardReadFailed(str(error)) from None
    except CardError as error:
        raise CardReadFailed(error.detail or type(error).__name__) from None
    identity = identity_from_certificate(certificate)
    log.info("staff card signed in", extra={"staff_id": identity.number})
    return StaffIdentity(
        staff_id=identity.number,
        name=identity.name,
        certificate_subject=certificate.subject.rfc4514_string(),
    )


def sign_in_with_staff_card(
    reader: str | ApduChannel,
    pin: str,
    trusted_ca: StaffCa | None,
    *,
    now: dt.datetime | None = None,
    timeout_s: float = 10.0,
) -> StaffIdentity:
    """Sign in with the staff card in PC/SC ``reader`` (a name, or an open channel) and its PIN."""
    if trusted_ca is None:
        raise NoStaffCa("no staff CA is configured on this terminal: staff cards are refused")
    if isinstance(reader, ApduChannel):
        return sign_in_on_channel(reader, pin, trusted_ca, now)
    try:
        with card_channel(reader, timeout_s) as (channel, _atr):
            return sign_in_on_channel(channel, pin, trusted_ca, now)
    except CardError as error:
        raise CardReadFailed(error.detail or type(error).__name__) from None


def staff_reader_filter(settings: KioskSettings) -> str | None:
    """The reader-name filter of the terminal's first PC/SC reader; None when it has none."""
    for reader in settings.devices.card_readers:
        if reader.backend == "pcsc":
            return reader.reader_name
    return None


def staff_card_entry_available(settings: KioskSettings) -> bool:
    """True when a staff CA is configured and a PC/SC reader is present (asks pcscd: blocking)."""
    name_filter = staff_reader_filter(settings)
    if settings.staff_card.ca_file is None or name_filter is None:
        return False
    return bool(list_readers(name_filter))


def sign_in_at_terminal(settings: KioskSettings, pin: str) -> StaffIdentity:
    """Sign in with the staff card in this terminal's PC/SC reader, against its staff CA."""
    trusted = staff_ca_for(settings)
    name_filter = staff_reader_filter(settings)
    if trusted is None or name_filter is None:
        raise NoStaffCa("no staff CA or PC/SC reader is configured on this terminal")
    readers = readers_with_card(name_filter)
    if not readers:
        raise NoCardInReader("no card in the reader")
    return sign_in_with_staff_card(readers[0], pin, trusted)
