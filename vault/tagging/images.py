"""Decoding untrusted image bytes into a clean grayscale page for OCR.

Pillow's decompression-bomb guard stays on: we never touch
`Image.MAX_IMAGE_PIXELS`, and we refuse anything larger than
`TaggingOptions.max_image_pixels` (40 Mpx by default, below Pillow's own
warning threshold) from the header alone, before a single pixel is decoded;
Pillow's `DecompressionBombError`/`Warning` are failures too. HEIC/HEIF goes
through pillow-heif's reader directly (no global opener registration).
"""

from __future__ import annotations

import io
import struct
import warnings

import pillow_heif
from PIL import Image, ImageFilter, ImageMath, ImageOps

from vault.tagging.model import TaggingFailed, TaggingOptions

IMAGE_FORMATS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/heic": "HEIF",
    "image/heif": "HEIF",
}
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, RuntimeError)
LONG_SIDE_MIN = 1800
LONG_SIDE_MAX = 2600


def decode(data: bytes, mime: str, options: TaggingOptions) -> Image.Image:
    """The upright (EXIF-transposed) image in `data`, fully decoded.

    Raises TaggingFailed: pixel_flood, unreadable_image, unsupported_type.
    """
    expected = IMAGE_FORMATS.get(mime)
    if expected is None:
        raise TaggingFailed("unsupported_type", mime)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = _open_heif(data, options) if expected == "HEIF" else _open(data, expected, options)
            return ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise TaggingFailed("pixel_flood", "decompression bomb") from exc
        except DECODE_ERRORS as exc:
            raise TaggingFailed("unreadable_image", type(exc).__name__) from exc


def _check_pixels(size: tuple[int, int], options: TaggingOptions) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise TaggingFailed("unreadable_image", "empty image")
    if width * height > options.max_image_pixels:
        raise TaggingFailed("pixel_flood", f"{width}x{height} pixels")


def _open(data: bytes, expected: str, options: TaggingOptions) -> Image.Image:
    image = Image.open(io.BytesIO(data), formats=[expected])
    _check_pixels(image.size, options)
    image.load()
    return image


def _open_heif(data: bytes, options: TaggingOptions) -> Image.Image:
    heif = pillow_heif.open_heif(io.BytesIO(data), convert_hdr_to_8bit=True)
    _check_pixels(heif.size, options)
    return heif.to_pillow()


def grayscale(image: Image.Image) -> Image.Image:
    """8-bit grayscale, transparent areas on white."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    return image.convert("L")


def normalise_size(image: Image.Image) -> Image.Image:
    """Scale so the long side lies in [LONG_SIDE_MIN, LONG_SIDE_MAX] pixels."""
    long_side = max(image.size)
    if LONG_SIDE_MIN <= long_side <= LONG_SIDE_MAX:
        return image
    target = LONG_SIDE_MIN if long_side < LONG_SIDE_MIN else LONG_SIDE_MAX
    scale = target / long_side
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def flatten_lighting(image: Image.Image) -> Image.Image:
    """Divide by an estimate of the paper's brightness (shadows, vignetting)."""
    small = image.reduce(8)
    paper = small.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.GaussianBlur(6))
    paper = paper.resize(image.size, Image.Resampling.BILINEAR)
    flat: Image.Image = ImageMath.lambda_eval(
        lambda env: env["min"](env["convert"](env["a"], "F") * 255.0 / (env["convert"](env["b"], "F") + 1.0), 255.0),
        a=image,
        b=paper,
    )
    return flat.convert("L")

