"""PIV (NIST SP 800-73-4) profile for staff and technician cards: certificate, PIN, key proof."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.x509.oid import NameOID

from devices.cardreader.apdu import ApduChannel, chained_commands, command
from devices.cardreader.errors import (
    CardAuthenticationFailed,
    CardDataError,
    CardStatusError,
    PinBlocked,
    PinRequired,
    StaffCardInResidentReader,
    WrongPin,
)
from devices.cardreader.identity import DocumentType, Identity, IdentitySource
from devices.cardreader.tlv import encode_tlv, parse_tlvs, read_tlv

log = logging.getLogger(__name__)

PIV_AID = bytes.fromhex("A0 00 00 03 08 00 00 10 00 01 00")
AUTH_CERT_OBJECT = bytes.fromhex("5F C1 05")  # X.509 Certificate for PIV Authentication
PIV_AUTH_KEY = 0x9A
PIV_PIN_REF = 0x80
ALG_RSA_2048 = 0x07
ALG_ECC_P256 = 0x11
ALG_ECC_P384 = 0x14
SW_PIN_BLOCKED = 0x6983
NOT_THIS_CARD = {0x6A82, 0x6A86, 0x6D00, 0x6E00, 0x6999}
# DigestInfo prefix of SHA-256 (RFC 8017 9.2): the card does raw RSA, the host pads.
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


@dataclass(frozen=True)
class PinPrompt:
    """What the PIN entry screen shows: tries left, if the card said (None before the first try)."""

    retries_left: int | None


PinProvider = Callable[[PinPrompt], str | None]
"""Asks the holder for the PIN (on a worker thread, may block); None means cancelled."""


def encode_pin(pin: str) -> bytes:
    """The PIV PIN block: 6-8 digits (ASCII) padded with FF to 8 bytes."""
    if not (pin.isascii() and pin.isdigit() and 6 <= len(pin) <= 8):
        raise ValueError("a PIV PIN has 6 to 8 digits")
    return pin.encode("ascii").ljust(8, b"\xff")


def parse_certificate_object(data: bytes) -> x509.Certificate:
    """The certificate inside a PIV certificate data object (53 { 70 cert, 71 info, FE lrc })."""
    tag, body, _ = read_tlv(data)
    if tag != 0x53:
        raise CardDataError(f"certificate object has tag {tag:X}, expected 53")
    fields = parse_tlvs(body)
    if 0x70 not in fields:
        raise CardDataError("certificate object has no certificate (tag 70)")
    if fields.get(0x71, b"\x00")[:1] != b"\x00":
        raise CardDataError("compressed certificates are not supported")
    try:
        return x509.load_der_x509_certificate(fields[0x70])
    except ValueError:
        raise CardDataError("certificate is not valid DER") from None


def pin_status(sw: int) -> int | None:
    """Tries left from a VERIFY status word (63Cx), 0 when blocked, None if the PIN was right."""
    if sw == 0x9000:
        return None
    if sw & 0xFFF0 == 0x63C0:
        return sw & 0x0F
    if sw == SW_PIN_BLOCKED:
        return 0
    raise CardStatusError("VERIFY", sw)


def _challenge_block(public_key: object, challenge: bytes) -> tuple[int, bytes]:
    """The algorithm id and the block the card must sign for ``challenge``."""
    digest = hashlib.sha256(challenge).digest()
    if isinstance(public_key, rsa.RSAPublicKey):
        if public_key.key_size != 2048:
            raise CardDataError(f"RSA key of {public_key.key_size} bits is not supported")
        info = SHA256_DIGEST_INFO + digest
        block = b"\x00\x01" + b"\xff" * (256 - len(info) - 3) + b"\x00" + info
        return ALG_RSA_2048, block
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        if isinstance(public_key.curve, ec.SECP256R1):
            return ALG_ECC_P256, digest
        raise CardDataError(f"curve {public_key.curve.name} is not supported")
    raise CardDataError("the certificate's key type is not supported")


def verify_signature(cert: x509.Certificate, challenge: bytes, signature: bytes) -> None:
    """Check the card's signature of ``challenge``; raises CardAuthenticationFailed."""
    key = cert.public_key()
    digest = hashlib.sha256(challenge).digest()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, challenge, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, digest, ec.ECDSA(Prehashed(hashes.SHA256())))
        else:
            raise CardDataError("the certificate's key type is not supported")
    except InvalidSignature:
        raise CardAuthenticationFailed("signature does not match the certificate") from None


def identity_from_certificate(cert: x509.Certificate) -> Identity:
    """The staff member named by the certificate (CN; serialNumber or the certificate serial)."""
    subject = cert.subject
    names = subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    serials = subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    name = str(names[0].value) if names else ""
    number = str(serials[0].value) if serials else format(cert.serial_number, "X")
    return Identity(
        source=IdentitySource.PCSC,
        document_type=DocumentType.PIV_STAFF_CARD,
        number=number,
        name=name,
        valid_from=cert.not_valid_before_utc.date(),
        valid_until=cert.not_valid_after_utc.date(),
    )


class PivProfile:
    """Reads a PIV card: authentication certificate, PIN, GENERAL AUTHENTICATE on a challenge."""

    name = "piv"

    def __init__(self, pin_provider: PinProvider | None = None) -> None:
        self._pin_provider = pin_provider

    def prefers(self, atr: bytes) -> bool:
        """PIV cards are T=1; the SELECT decides."""
        return len(atr) > 1 and bool(atr[1] & 0x80)

    def select(self, channel: ApduChannel) -> bool:
        """SELECT the PIV application by AID."""
        response = channel.send(command(0x00, 0xA4, 0x04, 0x00, PIV_AID, le=256))
        if response.ok:
            return True
        if response.sw in NOT_THIS_CARD:
            return False
        raise CardStatusError("SELECT PIV", response.sw)

    def read_certificate(self, channel: ApduChannel) -> x509.Certificate:
        """GET DATA of the PIV Authentication certificate."""
        response = channel.send(
            command(0x00, 0xCB, 0x3F, 0xFF, encode_tlv(0x5C, AUTH_CERT_OBJECT), le=256)
        )
        if not response.ok:
            raise CardStatusError("GET DATA 5FC105", response.sw)
        return parse_certificate_object(response.data)

    def verify_pin(self, channel: ApduChannel) -> None:
        """Ask for the PIN until the card accepts it; raises on cancel, block or refusal."""
        if self._pin_provider is None:
            raise PinRequired("no PIN entry available")
        # VERIFY without data asks for the tries left without spending one.
        retries = pin_status(channel.send(command(0x00, 0x20, 0x00, PIV_PIN_REF)).sw)
        if retries is None:
            return
        if retries == 0:
            raise PinBlocked("PIN blocked")
        while True:
            pin = self._pin_provider(PinPrompt(retries_left=retries))
            if pin is None:
                raise PinRequired("PIN entry cancelled")
            try:
                block = encode_pin(pin)
            except ValueError:
                raise WrongPin(retries) from None
            retries = pin_status(channel.send(command(0x00, 0x20, 0x00, PIV_PIN_REF, block)).sw)
            if retries is None:
                return
            if retries == 0:
                raise PinBlocked("PIN blocked")

    def authenticate(self, channel: ApduChannel, cert: x509.Certificate) -> None:
        """GENERAL AUTHENTICATE with key 9A on a fresh random challenge, checked against cert."""
        challenge = secrets.token_bytes(32)
        algorithm, block = _challenge_block(cert.public_key(), challenge)
        template = encode_tlv(0x7C, encode_tlv(0x82, b"") + encode_tlv(0x81, block))
        *head, last = chained_commands(0x00, 0x87, algorithm, PIV_AUTH_KEY, template, le=256)
        for part in head:
            answer = channel.send(part)
            if not answer.ok:
                raise CardStatusError("GENERAL AUTHENTICATE (chained)", answer.sw)
        response = channel.send(last)
        if not response.ok:
            raise CardStatusError("GENERAL AUTHENTICATE", response.sw)
        tag, body, _ = read_tlv(response.data)
        if tag != 0x7C:
            raise CardDataError(f"GENERAL AUTHENTICATE answered tag {tag:X}")
        signature = parse_tlvs(body).get(0x82)
        if not signature:
            raise CardDataError("GENERAL AUTHENTICATE returned no signature")
        verify_signature(cert, challenge, signature)

    def read(self, channel: ApduChannel) -> Identity:
        """Certificate, PIN, proof of key possession; the identity comes from the certificate.

        Without PIN entry (a reader for residents' cards) a PIV card is a staff card put in the
        wrong reader: StaffCardInResidentReader, before anything is read from it.
        """
        if self._pin_provider is None:
            raise StaffCardInResidentReader("PIV card in a reader without PIN entry")
        cert = self.read_certificate(channel)
        self.verify_pin(channel)
        self.authenticate(channel, cert)
        identity = identity_from_certificate(cert)
        if identity.expired(dt.datetime.now(dt.UTC).date()):
            log.info("PIV certificate has expired")
        return identity
