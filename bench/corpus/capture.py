"""Turning a drawn document into a file as people produce them: a phone photo
(perspective, lighting, blur, JPEG artefacts, sometimes sideways), a scan
(slight skew, noise), or a digital PDF with or without a text layer."""

from __future__ import annotations

import io
import random

import pillow_heif
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from bench.corpus.common import Spec
from bench.corpus.layout import to_image, to_pdf

EXIF_ORIENTATION = 0x0112


def _solve(matrix: list[list[float]], values: list[float]) -> list[float]:
    size = len(values)
    rows = [row[:] + [value] for row, value in zip(matrix, values)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(size):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    return [rows[i][size] / rows[i][i] for i in range(size)]


def _perspective(image: Image.Image, rng: random.Random, strength: float, background: tuple[int, int, int]) -> Image.Image:
    w, h = image.size
    jitter = [(rng.uniform(-strength, strength) * w, rng.uniform(-strength, strength) * h) for _ in range(4)]
    target = [(0, 0), (w, 0), (w, h), (0, h)]
    source = [(tx + jx, ty + jy) for (tx, ty), (jx, jy) in zip(target, jitter)]
    matrix, values = [], []
    for (x, y), (u, v) in zip(target, source):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values.extend([u, v])
    coeffs = _solve(matrix, values)
    return image.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=background)


def _lighting(image: Image.Image, rng: random.Random) -> Image.Image:
    w, h = image.size
    shade = Image.linear_gradient("L").rotate(rng.uniform(0, 360)).resize((w, h))
    low = rng.randint(150, 215)
    shade = shade.point(lambda v: low + (255 - low) * v // 255)
    return ImageChops.multiply(image, Image.merge("RGB", [shade] * 3))


def _noise(size: tuple[int, int], sigma: float) -> Image.Image:
    small = Image.effect_noise((max(1, size[0] // 3), max(1, size[1] // 3)), sigma)
    return small.resize(size, Image.Resampling.BILINEAR).convert("RGB")


def photo(page_image: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo of the document lying on a table."""
    background = rng.choice([(92, 64, 40), (60, 60, 64), (150, 140, 120), (30, 40, 60), (200, 200, 195)])
    w, h = page_image.size
    margin = rng.uniform(0.04, 0.12)
    canvas = Image.new("RGB", (round(w * (1 + 2 * margin)), round(h * (1 + 2 * margin))), background)
    canvas.paste(page_image, (round(w * margin), round(h * margin)))
    canvas = _perspective(canvas, rng, rng.uniform(0.0, 0.045), background)
    canvas = canvas.rotate(rng.uniform(-7, 7), resample=Image.Resampling.BILINEAR, fillcolor=background)
    canvas = _lighting(canvas, rng)
    noise = _noise(canvas.size, rng.uniform(6, 18))
    canvas = ImageChops.add(ImageChops.multiply(canvas, Image.new("RGB", canvas.size, (235, 235, 235))), ImageChops.multiply(noise, Image.new("RGB", canvas.size, (20, 20, 20))))
    return canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 1.4)))


def scan(page_image: Image.Image, rng: random.Random) -> Image.Image:
    """A flatbed scan: slightly skewed, a little noise and softness."""
    image = page_image.rotate(rng.uniform(-3, 3), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(250, 250, 250))
    if rng.random() < 0.5:
        image = image.convert("L").convert("RGB")
    noise = _noise(image.size, 8)
    image = ImageChops.subtract(image, ImageChops.invert(noise).point(lambda v: v // 10))
    return image.filter(ImageFilter.GaussianBlur(rng.uniform(0.0, 0.8)))


def _turned(image: Image.Image, rng: random.Random) -> tuple[Image.Image, int | None]:
    """Sometimes sideways or upside down, sometimes with an EXIF tag that says so
    (a positive EXIF orientation), sometimes not (minus the degrees turned)."""
    roll = rng.random()
    if roll > 0.18:
        return image, None
    turn = rng.choice([90, 180, 270])
    stored = image.rotate(turn, expand=True)
    if roll < 0.09:
        return stored, {90: 6, 180: 3, 270: 8}[turn]
    return stored, -turn


def encode(image: Image.Image, fmt: str, rng: random.Random, orientation: int | None = None) -> tuple[bytes, str, str]:
    """Bytes, MIME type and file extension of `image` saved as `fmt`."""
    buffer = io.BytesIO()
    if fmt == "JPEG":
        exif = Image.Exif()
        if orientation:
            exif[EXIF_ORIENTATION] = orientation
        image.convert("RGB").save(buffer, "JPEG", quality=rng.randint(45, 88), exif=exif)
        return buffer.getvalue(), "image/jpeg", "jpg"
    if fmt == "WEBP":
        image.save(buffer, "WEBP", quality=rng.randint(50, 85))
        return buffer.getvalue(), "image/webp", "webp"
    if fmt == "HEIC":
        small = image.convert("RGB")
        small.thumbnail((1800, 1800))
        heif = pillow_heif.from_pillow(small)
        heif.save(buffer, format="HEIF", quality=rng.randint(50, 80), enc_params={"preset": "ultrafast"})
        return buffer.getvalue(), "image/heic", "heic"
    image.save(buffer, "PNG", compress_level=2)
    return buffer.getvalue(), "image/png", "png"


CAPTURES = ("photo", "scan", "pdf-image", "pdf-text")


def materialise(spec: Spec, rng: random.Random, how: str | None = None) -> tuple[bytes, str, str, str]:
    """The file for `spec`: bytes, MIME type, extension and how it was captured.

    `how` forces one of CAPTURES; by default it is drawn (text PDFs only for paper).
    """
    if how is None and spec.medium == "paper" and rng.random() < 0.2:
        how = "pdf-text"
    if how == "pdf-text":
        return to_pdf(spec.pages), "application/pdf", "pdf", "pdf-text"
    how = how or rng.choices(["photo", "scan", "pdf-image"], weights=[6, 3, 1 if spec.medium == "paper" else 0])[0]
    dpi = rng.randint(430, 620) if spec.medium == "card" else rng.randint(170, 240) if how == "photo" else rng.randint(190, 260)
    images = [to_image(page, dpi) for page in spec.pages]
    if how == "pdf-image":
        buffer = io.BytesIO()
        scanned = [scan(image, rng).convert("L") for image in images]
        scanned[0].save(buffer, "PDF", resolution=float(dpi), save_all=True, append_images=scanned[1:])
        return buffer.getvalue(), "application/pdf", "pdf", how
    image = photo(images[0], rng) if how == "photo" else scan(images[0], rng)
    image, orientation = _turned(image, rng)
    fmt = rng.choices(["JPEG", "WEBP", "HEIC", "PNG"], weights=[7, 1, 1, 1])[0] if how == "photo" else rng.choice(["PNG", "JPEG"])
    if orientation and orientation > 0 and fmt != "JPEG":
        image = image.rotate(-{6: 90, 3: 180, 8: 270}[orientation], expand=True)
        orientation = None
    note = "" if not orientation else f"-exif{orientation}" if orientation > 0 else f"-turned{-orientation}"
    data, mime, ext = encode(image, fmt, rng, orientation if orientation and orientation > 0 else None)
    return data, mime, ext, f"{how}-{fmt.lower()}{note}"
