"""Generate a corpus: `python -m bench.corpus.generate OUT [--seed N] [--count N] [--hostile]`.

Writes one file per document and `truth.json`: a list of
`{"file", "mime", "type", "fields", "tags", "variant", "capture"}` (hostile
files carry `"expect": "failed"` instead of a type). The same seed gives the
same corpus on a machine with the same fonts.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from pathlib import Path

from bench.corpus import hostile
from bench.corpus.capture import materialise
from bench.corpus.common import Spec
from bench.corpus.cvs import cv
from bench.corpus.decisions import decision
from bench.corpus.others import other
from bench.corpus.payslips import payslip
from bench.corpus.permits import recepisse, residence_card

BUILDERS: dict[str, Callable[[random.Random], Spec]] = {
    "residence_permit": lambda rng: recepisse(rng) if rng.random() < 0.2 else residence_card(rng),
    "asylum_decision": decision,
    "payslip": payslip,
    "cv": cv,
    "other": other,
}


def document(seed: int, index: int, kind: str | None = None, how: str | None = None) -> tuple[Spec, bytes, str, str, str]:
    """The index-th document of the corpus for `seed` (its type cycles unless given;
    `how` forces a capture, see capture.CAPTURES)."""
    rng = random.Random(f"{seed}:{index}")
    kind = kind or list(BUILDERS)[index % len(BUILDERS)]
    spec = BUILDERS[kind](rng)
    data, mime, ext, how = materialise(spec, rng, how)
    return spec, data, mime, ext, how


def generate(out: Path, seed: int, count: int, with_hostile: bool = False, types: list[str] | None = None) -> list[dict[str, object]]:
    """Write `count` documents (and the hostile set) into `out`; returns the truth list."""
    out.mkdir(parents=True, exist_ok=True)
    truth: list[dict[str, object]] = []
    kinds = types or list(BUILDERS)
    for index in range(count):
        spec, data, mime, ext, how = document(seed, index, kinds[index % len(kinds)])
        name = f"{index:04d}-{spec.type}.{ext}"
        (out / name).write_bytes(data)
        truth.append({"file": name, "mime": mime, "type": spec.type, "fields": spec.fields, "tags": spec.tags,
                      "variant": spec.variant, "capture": how})
    if with_hostile:
        for name, (data, mime) in hostile.files().items():
            (out / name).write_bytes(data)
            truth.append({"file": name, "mime": mime, "expect": "failed"})
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False), "utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--hostile", action="store_true")
    args = parser.parse_args()
    truth = generate(args.out, args.seed, args.count, args.hostile)
    print(f"{len(truth)} files in {args.out}")


if __name__ == "__main__":
    main()
