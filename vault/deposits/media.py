"""What a deposit link accepts: PDFs and photos, checked by their first bytes too.

A declared type is only a claim: the first bytes of the file must carry the
signature of that type, so a page or a script cannot arrive dressed as a PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from vault.documents.names import clean_media_type
from vault.errors import UnsupportedMedia

ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "application/x-pdf": "application/pdf"}
SIGNATURES: dict[str, tuple[tuple[int, bytes], ...]] = {
    "application/pdf": ((0, b"%PDF-"),),
    "image/jpeg": ((0, b"\xff\xd8\xff"),),
    "image/png": ((0, b"\x89PNG\r\n\x1a\n"),),
    "image/webp": ((0, b"RIFF"), (8, b"WEBP")),
    "image/heic": ((4, b"ftyp"),),
    "image/heif": ((4, b"ftyp"),),
}
ACCEPTED = tuple(SIGNATURES)
PREFIX = 16


def accepted_type(declared: str | None) -> str:
    """The media type to store, or `UnsupportedMedia`."""
    media_type = clean_media_type(declared)
    media_type = ALIASES.get(media_type, media_type)
    if media_type not in SIGNATURES:
        raise UnsupportedMedia("send a PDF or a photo (JPEG, PNG, WebP, HEIC)")
    return media_type


def matching(media_type: str, chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Pass `chunks` through once their first bytes carry `media_type`'s signature."""
    held = b""
    pieces = iter(chunks)
    for chunk in pieces:
        held += chunk
        if len(held) >= PREFIX:
            break
    if held and not _signed(media_type, held):
        raise UnsupportedMedia("the file's content is not what its type says")
    if held:
        yield held
    yield from pieces


def _signed(media_type: str, head: bytes) -> bool:
    return all(head[offset : offset + len(mark)] == mark for offset, mark in SIGNATURES[media_type])
