"""Crockford base32 digits (0-9, A-Z without I, L, O, U) for codes people read aloud and type."""

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUES = {digit: value for value, digit in enumerate(ALPHABET)}
_LOOKALIKES = {"O": "0", "I": "1", "L": "1"}
_SEPARATORS = frozenset(" -\t\n\r_.")


def encode(number: int, digits: int) -> str:
    """``number`` as exactly ``digits`` base32 digits, most significant first."""
    if not 0 <= number < 32**digits:
        raise ValueError("number does not fit")
    return "".join(ALPHABET[(number >> (5 * shift)) & 31] for shift in reversed(range(digits)))


def normalize(text: str) -> str | None:
    """Upper-case ``text``, drop separators, read O as 0 and I, L as 1; ``None`` on any other character."""
    out = []
    for char in text.upper():
        if char in _SEPARATORS:
            continue
        char = _LOOKALIKES.get(char, char)
        if char not in _VALUES:
            return None
        out.append(char)
    return "".join(out)


def values(normalized: str) -> list[int]:
    """Digit values of an already ``normalize``d string."""
    return [_VALUES[char] for char in normalized]


def group(text: str, size: int) -> str:
    """``text`` cut into groups of ``size`` joined by dashes."""
    return "-".join(text[i : i + size] for i in range(0, len(text), size))
