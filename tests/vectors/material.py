"""Deterministic stand-ins for randomness, the plaintext rule, and the mutation language of negative vectors.

Mutations (applied in order to a byte string):

    {"op": "truncate", "length": n}                keep the first n bytes
    {"op": "xor", "offset": o, "mask": m}          byte o ^= m (1 <= m <= 255)
    {"op": "append", "hex": h}                      add bytes at the end
    {"op": "delete", "offset": o, "length": n}      remove n bytes at o
    {"op": "duplicate", "offset": o, "length": n}   insert a copy of the n bytes at o right after them
    {"op": "swap", "a": a, "b": b, "length": n}    exchange the n bytes at a and at b (a + n <= b)
    {"op": "replace", "offset": o, "hex": h}        overwrite len(h)/2 bytes at o
"""

from __future__ import annotations

import hashlib
from typing import Any

LABEL = b"vault test vectors|"
PATTERN_MODULUS = 251


def material(label: str, size: int) -> bytes:
    """``size`` bytes fixed by ``label``: SHA-256(LABEL || label || "|" || counter) blocks."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(LABEL + label.encode() + b"|" + counter.to_bytes(4, "big")).digest()
        counter += 1
    return bytes(out[:size])


def document_id(label: str) -> str:
    return material("document id|" + label, 16).hex()


def pattern(size: int) -> bytes:
    """The plaintext rule of dv1.json: byte i is i mod 251."""
    block = bytes(range(PATTERN_MODULUS))
    repeats = size // PATTERN_MODULUS + 1
    return (block * repeats)[:size]


def mutate(data: bytes, mutations: list[dict[str, Any]]) -> bytes:
    """Apply the mutations described in this module's docstring."""
    out = bytearray(data)
    for mutation in mutations:
        out = _apply(out, mutation)
    return bytes(out)


def _apply(out: bytearray, m: dict[str, Any]) -> bytearray:
    op = m["op"]
    if op == "truncate":
        return out[: m["length"]]
    if op == "xor":
        out[m["offset"]] ^= m["mask"]
        return out
    if op == "append":
        return out + bytes.fromhex(m["hex"])
    if op == "delete":
        return out[: m["offset"]] + out[m["offset"] + m["length"] :]
    if op == "duplicate":
        end = m["offset"] + m["length"]
        return out[:end] + out[m["offset"] : end] + out[end:]
    if op == "swap":
        a, b, n = m["a"], m["b"], m["length"]
        return out[:a] + out[b : b + n] + out[a + n : b] + out[a : a + n] + out[b + n :]
    if op == "replace":
        new = bytes.fromhex(m["hex"])
        return out[: m["offset"]] + new + out[m["offset"] + len(new) :]
    raise ValueError(f"unknown mutation {op!r}")
