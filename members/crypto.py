"""Encryption at rest for sensitive personal data (DOMAIN §8): AES-256-GCM for the value, and a keyed
HMAC-SHA256 for uniqueness and exact lookup. The key comes from settings (FIELD_ENCRYPTION_KEY, from the
environment), never from the database."""

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_VERSION = b"v1"


def _master_key() -> bytes:
    try:
        key = base64.b64decode(settings.FIELD_ENCRYPTION_KEY, validate=True)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be base64 of 32 bytes") from error
    if len(key) != 32:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be base64 of 32 bytes")
    return key


def _derive(purpose: bytes) -> bytes:
    # Separate keys for encryption and hashing, so one never leaks anything about the other.
    return hmac.new(_master_key(), purpose, hashlib.sha256).digest()


def encrypt(plaintext: str) -> str:
    """Encrypt to text: version, 12-byte nonce and ciphertext, base64."""
    if not plaintext:
        return ""
    nonce = os.urandom(12)
    sealed = AESGCM(_derive(b"encrypt")).encrypt(nonce, plaintext.encode(), _VERSION)
    return (_VERSION + b":" + base64.b64encode(nonce + sealed)).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    version, _, payload = token.encode().partition(b":")
    raw = base64.b64decode(payload)
    return AESGCM(_derive(b"encrypt")).decrypt(raw[:12], raw[12:], version).decode()


def blind_index(value: str) -> str:
    """Keyed hash of a normalised value: equal values give equal hashes, and nobody without the key can
    test a guess against the database."""
    if not value:
        return ""
    return hmac.new(_derive(b"index"), value.encode(), hashlib.sha256).hexdigest()


def seal_bytes(data: bytes) -> bytes:
    """Encrypt a file's bytes (uploads waiting for their preview, finished export files)."""
    nonce = os.urandom(12)
    return _VERSION + b":" + nonce + AESGCM(_derive(b"files")).encrypt(nonce, data, _VERSION)


def unseal_bytes(blob: bytes) -> bytes:
    version, _, payload = bytes(blob).partition(b":")
    return AESGCM(_derive(b"files")).decrypt(payload[:12], payload[12:], version)
