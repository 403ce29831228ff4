"""Blob key rules.

A key is one or more segments joined by ``/``, for example
``documents/0123456789abcdef0123456789abcdef``. Each segment starts with a
lower-case letter or digit and continues with ``[a-z0-9._-]``. ``..`` never
appears, nor a leading, trailing or doubled ``/``. The rules make every key a
safe relative path on any file system and a plain S3 object name, and they leave
names starting with ``.`` free for a backend's own files (temporary uploads).
"""

import re

from storage.errors import InvalidBlobKey

MAX_KEY_LENGTH = 255

_SEGMENT = r"[a-z0-9][a-z0-9._-]*"
_KEY = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")
_PREFIX = re.compile(rf"(?:{_SEGMENT}/)*(?:{_SEGMENT})?")


def validate_key(key: str) -> str:
    """Return ``key`` unchanged if it is a valid blob key.

    Raises:
        InvalidBlobKey: the key is empty, too long, absolute, contains ``..``,
            an empty segment, or a character outside ``[a-z0-9._-/]``.
    """
    if not _matches(_KEY, key):
        raise InvalidBlobKey(f"invalid blob key {key!r}")
    return key


def validate_prefix(prefix: str) -> str:
    """Return ``prefix`` unchanged if some valid key could start with it.

    The empty prefix is valid (it selects every blob); so are ``documents/``
    and ``documents/ab``.

    Raises:
        InvalidBlobKey: the prefix could not begin any valid key.
    """
    if not _matches(_PREFIX, prefix):
        raise InvalidBlobKey(f"invalid blob key prefix {prefix!r}")
    return prefix


def _matches(pattern: re.Pattern[str], text: str) -> bool:
    return (
        isinstance(text, str)
        and len(text) <= MAX_KEY_LENGTH
        and ".." not in text
        and pattern.fullmatch(text) is not None
    )
