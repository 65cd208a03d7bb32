"""Digests, without loading OpenSSL on every run.

``import hashlib`` loads OpenSSL's libcrypto: about 6 ms, a noticeable share of a ``check`` on a
small repository. What every run needs, the stamps of the scan cache (its file name and the
scanner's version), comes from CPython's own BLAKE2. The SHA digests (the ids git gives blobs,
report fingerprints) import ``hashlib`` where they are computed, like the other heavy modules.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without its own BLAKE2
    from hashlib import blake2b

__all__ = ["blake2b", "stamp"]


def stamp(data: bytes) -> str:
    """A 256-bit BLAKE2b digest of ``data``, in hex."""
    return blake2b(data, digest_size=32).hexdigest()
