"""Throughput of DV1 encryption and decryption against bare AES-256-GCM on the same 64 KiB chunks.

    python -m bench.crypto [--mib 128] [--repeat 3] [--slice 65536]

Prints MB/s (10**6 bytes per second) for each and the ratio DV1 / raw; the best of
``--repeat`` runs is kept. The raw baseline reuses one AESGCM object and counter nonces,
so the ratio is the cost of framing, buffering and key derivation.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Iterable

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from keys import CHUNK_SIZE, decrypt_stream, encrypt_stream, new_document_key

DOCUMENT_ID = "0123456789abcdef0123456789abcdef"


def best_rate(run: Callable[[], int], repeat: int) -> float:
    """Best MB/s of ``repeat`` calls of ``run`` (which returns the plaintext bytes processed)."""
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        size = run()
        rates.append(size / (time.perf_counter() - start) / 1e6)
    return max(rates)


def drain(pieces: Iterable[bytes]) -> int:
    return sum(len(piece) for piece in pieces)


def raw_encrypt(aead: AESGCM, chunks: list[bytes]) -> int:
    return sum(len(aead.encrypt(index.to_bytes(12, "big"), chunk, None)) for index, chunk in enumerate(chunks))


def raw_decrypt(aead: AESGCM, sealed: list[bytes]) -> int:
    return sum(len(aead.decrypt(index.to_bytes(12, "big"), chunk, None)) for index, chunk in enumerate(sealed))


def _plain(_: int, plaintext_size: int) -> int:
    return plaintext_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=128)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slice", type=int, default=CHUNK_SIZE, help="size of the input slices fed to DV1")
    args = parser.parse_args()
    data = os.urandom(args.mib * 1024 * 1024)
    chunks = [data[i : i + CHUNK_SIZE] for i in range(0, len(data), CHUNK_SIZE)]
    slices = [data[i : i + args.slice] for i in range(0, len(data), args.slice)]
    dek, aead = new_document_key(), AESGCM(os.urandom(32))
    blob = list(encrypt_stream(dek, DOCUMENT_ID, slices))
    sealed = [aead.encrypt(index.to_bytes(12, "big"), chunk, None) for index, chunk in enumerate(chunks)]
    results = {
        "encrypt": (best_rate(lambda: _plain(drain(encrypt_stream(dek, DOCUMENT_ID, slices)), len(data)), args.repeat),
                    best_rate(lambda: _plain(raw_encrypt(aead, chunks), len(data)), args.repeat)),
        "decrypt": (best_rate(lambda: drain(decrypt_stream(dek, DOCUMENT_ID, blob)), args.repeat),
                    best_rate(lambda: raw_decrypt(aead, sealed), args.repeat)),
    }
    print(f"{args.mib} MiB, input slices of {args.slice} bytes, best of {args.repeat}")
    for name, (dv1, raw) in results.items():
        print(f"{name:8s} DV1 {dv1:8.0f} MB/s   raw AES-GCM {raw:8.0f} MB/s   ratio {dv1 / raw:.2f}")


if __name__ == "__main__":
    main()
