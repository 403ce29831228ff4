"""HKDF and the sealed box (AES-256-GCM, random nonce, algorithm id)."""

from __future__ import annotations

import pytest

from keys import DecryptionError, derive_key, open_sealed, seal

KEY = bytes(range(32))


def test_sealed_box_round_trips_and_carries_its_algorithm_id() -> None:
    sealed = seal(KEY, b"secret", b"context")
    assert sealed[0] == 0x01
    assert len(sealed) == 29 + len(b"secret")
    assert open_sealed(KEY, sealed, b"context") == b"secret"


def test_sealing_twice_gives_different_boxes() -> None:
    assert seal(KEY, b"secret", b"") != seal(KEY, b"secret", b"")


@pytest.mark.parametrize("key, aad", [(bytes(32), b"context"), (KEY, b"other context"), (KEY, b"")])
def test_box_opened_with_another_key_or_context_fails(key: bytes, aad: bytes) -> None:
    with pytest.raises(DecryptionError):
        open_sealed(key, seal(KEY, b"secret", b"context"), aad)


def test_every_byte_of_a_box_is_authenticated() -> None:
    sealed = seal(KEY, b"secret", b"context")
    for offset in range(len(sealed)):
        damaged = bytearray(sealed)
        damaged[offset] ^= 0x80
        with pytest.raises(DecryptionError):
            open_sealed(KEY, bytes(damaged), b"context")
    for length in range(len(sealed)):
        with pytest.raises(DecryptionError):
            open_sealed(KEY, sealed[:length], b"context")


def test_wrong_key_length_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        seal(b"short", b"secret", b"")
    with pytest.raises(ValueError):
        open_sealed(b"short", seal(KEY, b"secret", b""), b"")


def test_derived_keys_are_separated_by_info_and_salt() -> None:
    base = derive_key(KEY, "vault/v1/meta")
    assert len(base) == 32
    assert derive_key(KEY, "vault/v1/meta") == base
    assert derive_key(KEY, "vault/v1/header") != base
    assert derive_key(KEY, "vault/v1/meta", salt=b"\x01" * 16) != base


def test_no_salt_means_the_rfc_5869_default_of_zero_bytes() -> None:
    assert derive_key(KEY, "vault/v1/meta") == derive_key(KEY, "vault/v1/meta", salt=b"")
    assert derive_key(KEY, "vault/v1/meta") == derive_key(KEY, "vault/v1/meta", salt=bytes(32))


def test_secret_shorter_than_128_bits_is_refused() -> None:
    with pytest.raises(ValueError):
        derive_key(bytes(15), "vault/v1/meta")
