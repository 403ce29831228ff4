"""What a handle and a passphrase must be. No composition rules (ASVS): a
minimum length and a check against guessable choices."""

from __future__ import annotations

import re
import unicodedata

from vault.errors import InvalidInput

HANDLE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
LANGUAGES = ("fr", "en", "ar")
COMMON = {
    "motdepasse", "motdepasse123", "azertyuiop", "azerty123456", "qwertyuiop", "password123",
    "1234567890", "0123456789", "123456789a", "iloveyou123", "soleil1234", "bonjour123",
    "marseille13", "doudou1234", "loulou1234", "chouchou12", "passw0rd123", "administrator",
}


def normalize_handle(handle: str) -> str:
    value = unicodedata.normalize("NFKC", handle).strip().lower()
    if not HANDLE.match(value):
        raise InvalidInput("a handle is 3 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit")
    return value


def check_language(language: str | None, default: str) -> str:
    if language is None:
        return default
    if language not in LANGUAGES:
        raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}")
    return language


def check_passphrase(passphrase: str, handle: str, min_length: int) -> None:
    """Reject short or guessable passphrases with a reason a person can act on."""
    if len(passphrase) > 1024:
        raise InvalidInput("the passphrase is too long (1024 characters at most)")
    if len(passphrase) < min_length:
        raise InvalidInput(f"the passphrase must have at least {min_length} characters; several words are easiest")
    folded = passphrase.lower()
    if len(set(folded)) < 5 or folded in COMMON or handle in folded:
        raise InvalidInput("this passphrase is too easy to guess; try a few unrelated words")
