"""The sealed hand-over file: what it holds and how it is opened. No Flask.

When a tablet cannot sync (broken, no signal for weeks, about to be wiped), the recruiter
exports the outbox to a file that only this server can read: the records are encrypted with a
fresh AES-256-GCM key, and that key with the server's RSA-OAEP (SHA-256) public key, which the
tablet holds from /api/v1/settings. The file can travel by USB stick or e-mail without exposing
a family; regional staff upload it and the records go through the same save and submit as a
sync would (see services.py).

File (JSON): {"format": "campo-outbox-export", "version": 1, "key_id", "wrapped_key", "iv",
"ciphertext"} (base64); the first three, joined, are the AES-GCM additional data, so a header
cannot be changed without the file failing to open. The plain payload:
{"exported_at", "owner": {"id", "username"}, "records": [...outbox entries...]}.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from campo import errors
from campo.errors import CampoError

FORMAT = "campo-outbox-export"
VERSION = 1
RSA_BITS = 3072  # NIST's 128-bit security level, as AES-256 gives the records themselves
_OAEP = padding.OAEP(
    mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
)


@dataclass(frozen=True)
class HandoverKey:
    private_key: rsa.RSAPrivateKey

    @property
    def public_der(self) -> bytes:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    @property
    def public_key_b64(self) -> str:
        """The public key as base64 SPKI, the form WebCrypto's importKey("spki") takes."""
        return base64.b64encode(self.public_der).decode("ascii")

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.public_der).hexdigest()[:16]


def load_or_create_key(path: Path) -> HandoverKey:
    """The server's key pair from ``path`` (PEM); made on first use, readable by the owner only."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        private_key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
        pem = private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # Written aside, then linked into place: two processes starting at once agree on one key.
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process was first: use its key
        finally:
            draft.unlink()
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, rsa.RSAPrivateKey):
        raise ValueError(f"{path} does not hold an RSA private key")
    return HandoverKey(loaded)


def _additional_data(key_id: str) -> bytes:
    return f"{FORMAT}:{VERSION}:{key_id}".encode()


def _b64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise CampoError(errors.HANDOVER_UNREADABLE)
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as error:
        raise CampoError(errors.HANDOVER_UNREADABLE) from error


def open_file(key: HandoverKey, envelope: dict[str, Any]) -> dict[str, Any]:
    """The payload of a sealed file, or a coded error saying why it cannot be opened."""
    if envelope.get("format") != FORMAT or envelope.get("version") != VERSION:
        raise CampoError(errors.HANDOVER_UNREADABLE)
    if envelope.get("key_id") != key.key_id:
        raise CampoError(errors.HANDOVER_UNKNOWN_KEY)
    wrapped, iv, ciphertext = (
        _b64(envelope.get(name)) for name in ("wrapped_key", "iv", "ciphertext")
    )
    try:
        content_key = key.private_key.decrypt(wrapped, _OAEP)
        plain = AESGCM(content_key).decrypt(iv, ciphertext, _additional_data(key.key_id))
        payload = json.loads(plain)
    except (ValueError, InvalidTag) as error:  # wrong key, tampered file, not JSON inside
        raise CampoError(errors.HANDOVER_UNREADABLE) from error
    if not isinstance(payload, dict) or not isinstance(payload.get("records"), list):
        raise CampoError(errors.HANDOVER_UNREADABLE)
    return payload


def seal_file(public_der: bytes, payload: dict[str, Any]) -> dict[str, Any]:
    """Seal ``payload`` as a tablet does (pwa/src/handover.js); used by tools and tests."""
    public_key = serialization.load_der_public_key(public_der)
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise ValueError("not an RSA public key")
    key_id = hashlib.sha256(public_der).hexdigest()[:16]
    content_key = AESGCM.generate_key(bit_length=256)
    iv = os.urandom(12)
    ciphertext = AESGCM(content_key).encrypt(
        iv, json.dumps(payload).encode(), _additional_data(key_id)
    )

    def text(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return {
        "format": FORMAT,
        "version": VERSION,
        "key_id": key_id,
        "wrapped_key": text(public_key.encrypt(content_key, _OAEP)),
        "iv": text(iv),
        "ciphertext": text(ciphertext),
    }
