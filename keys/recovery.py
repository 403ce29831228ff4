"""Recovery codes: 128 random bits a person writes down once, and the key they open.

A code is 26 Crockford base32 digits carrying the 128 bits (so the first digit is 0-7),
then 2 check digits holding ``sum((i + 1) * digit_i for i in 0..25) mod 1021``. The
modulus is a prime above every possible weighted difference, so any single wrong digit
and any swap of two neighbouring digits (check digits included) changes the check.
Shown as 7 groups of 4 joined by dashes: ``0ABC-DEFG-HJKM-NPQR-STVW-XYZ0-12CK``.
"""

import os

from keys import _crockford
from keys._checks import require_size
from keys.errors import InvalidRecoveryCode
from keys.format import (
    INFO_RECOVERY_PREFIX,
    RECOVERY_CHECK_DIGITS,
    RECOVERY_CHECK_MODULUS,
    RECOVERY_CODE_SIZE,
    RECOVERY_DATA_DIGITS,
    RECOVERY_GROUP,
)
from keys.symmetric import derive_key


def generate_recovery_code() -> str:
    """A new random recovery code in its printed form."""
    return _recovery_code_from_parts(os.urandom(RECOVERY_CODE_SIZE))


def parse_recovery_code(text: str) -> bytes:
    """The 16 bytes behind a typed code; tolerant of case, spaces, dashes and O/0, I/L/1.

    Raises ``InvalidRecoveryCode`` on an unknown character, a wrong length or a bad check.
    """
    normalized = _crockford.normalize(text)
    if normalized is None:
        raise InvalidRecoveryCode("the recovery code contains an unexpected character")
    if len(normalized) != RECOVERY_DATA_DIGITS + RECOVERY_CHECK_DIGITS:
        raise InvalidRecoveryCode("the recovery code has the wrong length")
    digits = _crockford.values(normalized)
    data, check = digits[:RECOVERY_DATA_DIGITS], digits[RECOVERY_DATA_DIGITS:]
    if check[0] * 32 + check[1] != _checksum(data):
        raise InvalidRecoveryCode("the recovery code has a typo")
    number = 0
    for value in data:
        number = number << 5 | value
    if number >> (8 * RECOVERY_CODE_SIZE):
        raise InvalidRecoveryCode("the recovery code is out of range")
    return number.to_bytes(RECOVERY_CODE_SIZE, "big")


def derive_recovery_kek(code: bytes, user_id: str) -> bytes:
    """RKEK = HKDF(code, info="vault/v1/recovery|" + user_id); no server key, so it survives its loss."""
    require_size("recovery code", code, RECOVERY_CODE_SIZE)
    return derive_key(code, INFO_RECOVERY_PREFIX + user_id)


def _recovery_code_from_parts(code: bytes) -> str:
    require_size("recovery code", code, RECOVERY_CODE_SIZE)
    data = _crockford.encode(int.from_bytes(code, "big"), RECOVERY_DATA_DIGITS)
    check = _crockford.encode(_checksum(_crockford.values(data)), RECOVERY_CHECK_DIGITS)
    return _crockford.group(data + check, RECOVERY_GROUP)


def _checksum(data: list[int]) -> int:
    return sum(weight * value for weight, value in enumerate(data, start=1)) % RECOVERY_CHECK_MODULUS
