"""OCR tagging: recognise what a document is and read its key fields, in memory.

    result = tag_document(data, "image/jpeg", TaggingOptions())
    result.type, result.fields, result.tags, result.cues

See pipeline.py for the contract, tesseract.py for why no file is ever
written, rules/default.json for the classification rules, pool.py for the
bounded worker pool that keeps tagging off the request path.
"""

from vault.tagging.media import sniff
from vault.tagging.model import DOCUMENT_TYPES, TaggingFailed, TaggingOptions, TagResult
from vault.tagging.options import options_from_settings
from vault.tagging.pipeline import describe, is_taggable, tag_document
from vault.tagging.pool import TaggingPool, TaggingQueueFull

__all__ = [
    "DOCUMENT_TYPES",
    "TagResult",
    "TaggingFailed",
    "TaggingOptions",
    "TaggingPool",
    "TaggingQueueFull",
    "describe",
    "is_taggable",
    "options_from_settings",
    "sniff",
    "tag_document",
]
