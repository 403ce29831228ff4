"""The two exceptions the key layer raises on purpose.

Everything else (``ValueError`` for a wrong-length key or a malformed document id) is a
programming error of the caller, not something an attacker can provoke by editing data.
"""


class DecryptionError(Exception):
    """Decryption, unwrapping or opening failed.

    One opaque error for every cause (wrong key, wrong context, truncation, bit flip,
    unknown version): callers cannot, and must not, tell them apart.
    """

    def __init__(self, message: str = "decryption failed") -> None:
        super().__init__(message)


class InvalidRecoveryCode(ValueError):
    """A recovery code has the wrong length, an unknown character or a bad checksum."""
