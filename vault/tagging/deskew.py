"""Deskew by projection profile: text lines are sharpest when they are level.

The page is binarised and shrunk, rotated through candidate angles, and each
angle is scored by how sharply its row darkness changes between neighbouring
rows (level text lines give dark bands and white gaps). Only a clear gain over
the unrotated page leads to a rotation, so a straight page is never touched.
"""

from __future__ import annotations

from PIL import Image, ImageOps

PROBE_SIDE = 800
COARSE = [a / 2 for a in range(-20, 21)]
MIN_ANGLE = 0.4
MIN_GAIN = 1.15


def _sharpness(ink: Image.Image, angle: float) -> float:
    rotated = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
    rows = rotated.resize((1, rotated.height), Image.Resampling.BOX).tobytes()
    return float(sum((a - b) ** 2 for a, b in zip(rows, rows[1:])))


def _probe(image: Image.Image) -> Image.Image:
    scale = PROBE_SIDE / max(image.size)
    small = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
    ink = ImageOps.invert(ImageOps.autocontrast(small, cutoff=2))
    return ink.point(lambda v: 255 if v > 110 else 0)


def skew_angle(image: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that levels the text; 0.0 if unsure."""
    ink = _probe(image)
    scores = {angle: _sharpness(ink, angle) for angle in COARSE}
    best = max(scores, key=lambda a: scores[a])
    fine = [best + step / 10 for step in range(-4, 5) if step]
    scores.update({angle: _sharpness(ink, angle) for angle in fine})
    best = max(scores, key=lambda a: scores[a])
    if abs(best) < MIN_ANGLE or scores[best] < MIN_GAIN * max(scores[0.0], 1.0):
        return 0.0
    return best


def deskew(image: Image.Image) -> Image.Image:
    """`image` levelled when its text lines are visibly skewed."""
    angle = skew_angle(image)
    if angle == 0.0:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
