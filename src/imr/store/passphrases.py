"""Signing passphrases: salted scrypt hashes (stdlib), compared in constant time."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from imr.errors import InputError

SCHEME = "scrypt"
# scrypt cost: N=2**14, r=8, p=1 takes 16 MiB and some tens of milliseconds: cheap for one
# signature, expensive for guessing.
N, R, P = 2**14, 8, 1
MIN_LENGTH = 10
MAX_FAILURES = 5  # wrong passphrases within LOCKOUT before signing pauses
LOCKOUT = dt.timedelta(minutes=15)
MAX_LENGTH = 200


def check_new(passphrase: str) -> None:
    """Refuse a passphrase too short or too long to be one, with the rule it breaks."""
    if len(passphrase.strip()) < MIN_LENGTH:
        raise InputError(
            f"the signing passphrase is too short (expected at least {MIN_LENGTH} characters; "
            "a few words are easiest to remember)"
        )
    if len(passphrase) > MAX_LENGTH:
        raise InputError(f"the signing passphrase is longer than {MAX_LENGTH} characters")


def hash_passphrase(passphrase: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(passphrase, salt, N, R, P)
    return f"{SCHEME}${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify(passphrase: str, stored: str) -> bool:
    """True when `passphrase` is the one `stored` was made from (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != SCHEME:
            return False
        candidate = _scrypt(passphrase[:MAX_LENGTH], bytes.fromhex(salt), int(n), int(r), int(p))
        return hmac.compare_digest(candidate, bytes.fromhex(digest))
    except ValueError:
        return False


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32
    )
