"""OCR tagging benchmark: accuracy per type and per field, speed on this machine.

    python bench/tagging.py [--seed 11] [--count 120] [--workers 2] [--corpus DIR] [--json OUT]

Generates a synthetic corpus (bench/corpus) unless --corpus names one, tags
every file through TaggingPool exactly as the service does, and prints:
type accuracy (per true type), field accuracy (a field counts as right only
when equal to the truth; `wrong` counts values that are present but false,
worse than missing ones), CV tag sets, hostile files refused, OCR seconds per
page and pages per minute with the given number of workers.
Targets: type >= 95 %, fields >= 90 %, >= 20 pages/min on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus.generate import generate  # noqa: E402
from vault.tagging import TaggingFailed, TaggingOptions, TaggingPool, TagResult  # noqa: E402
from vault.tagging.textmatch import compact  # noqa: E402


def same(field: str, expected: str, got: str | None) -> bool:
    if got is None:
        return False
    if field == "employer":
        return compact(expected) == compact(got)
    return expected == got


def tag_all(corpus: Path, truth: list[dict[str, Any]], workers: int) -> tuple[dict[str, TagResult | TaggingFailed], float, float]:
    """Tag every file through the pool: results, wall seconds, CPU seconds of the workers and Tesseract."""
    results: dict[str, TagResult | TaggingFailed] = {}
    started = time.monotonic()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with TaggingPool(TaggingOptions(), workers=workers, max_queue=len(truth)) as pool:
        futures = {item["file"]: pool.submit((corpus / item["file"]).read_bytes(), item["mime"]) for item in truth}
        for name, future in futures.items():
            try:
                results[name] = future.result()
            except TaggingFailed as failure:
                results[name] = failure
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    return results, time.monotonic() - started, cpu


def score(truth: list[dict[str, Any]], results: dict[str, TagResult | TaggingFailed]) -> dict[str, Any]:
    types: dict[str, Counter[str]] = defaultdict(Counter)
    fields: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[str] = []
    for item in truth:
        if "expect" in item:
            continue
        got = results[item["file"]]
        kind = got.type if isinstance(got, TagResult) else f"failed:{got.reason}"
        types[item["type"]]["total"] += 1
        types[item["type"]]["right" if kind == item["type"] else "wrong"] += 1
        if kind != item["type"]:
            misses.append(f"{item['file']} ({item['variant']}, {item['capture']}): {kind}")
        found = got.fields if isinstance(got, TagResult) else {}
        for field, expected in item["fields"].items():
            counter = fields[f"{item['type']}.{field}"]
            counter["total"] += 1
            value = found.get(field)
            verdict = "right" if same(field, expected, value) else "missing" if value is None else "wrong"
            counter[verdict] += 1
            if verdict != "right":
                misses.append(f"{item['file']} ({item['variant']}, {item['capture']}): {field} {verdict} {value!r} != {expected!r}")
        if item["type"] == "cv":
            tags = got.tags if isinstance(got, TagResult) else []
            for prefix in ("language", "skill"):
                want = {t for t in item["tags"] if t.startswith(prefix)}
                have = {t for t in tags if t.startswith(prefix)}
                counter = fields[f"cv.{prefix}s"]
                counter["total"] += 1
                counter["right" if want == have else "wrong"] += 1
                if want != have:
                    misses.append(f"{item['file']} ({item['variant']}, {item['capture']}): {prefix} missing {sorted(want - have)} extra {sorted(have - want)}")
    return {"types": types, "fields": fields, "misses": misses}


def speed(truth: list[dict[str, Any]], results: dict[str, TagResult | TaggingFailed], wall: float, cpu: float, workers: int) -> dict[str, float]:
    """Wall-clock speed on this (possibly shared) machine, and the speed `workers`
    dedicated cores would give, from the CPU time the workers and Tesseract used."""
    tagged = [results[item["file"]] for item in truth if isinstance(results[item["file"]], TagResult)]
    pages = sum(r.pages for r in tagged if isinstance(r, TagResult))
    ocr = [r for r in tagged if isinstance(r, TagResult) and r.ocr_pages == r.pages]
    ocr_pages = sum(r.ocr_pages for r in ocr)
    return {
        "documents": len(truth),
        "pages": pages,
        "wall_seconds": round(wall, 1),
        "pages_per_minute": round(pages / wall * 60, 1),
        "cpu_seconds": round(cpu, 1),
        "cpu_seconds_per_page": round(cpu / max(pages, 1), 2),
        "pages_per_minute_on_dedicated_cores": round(pages / max(cpu / workers, 1e-9) * 60, 1),
        "ocr_seconds_per_page": round(sum(r.seconds for r in ocr) / max(ocr_pages, 1), 2),
    }


def hostile(truth: list[dict[str, Any]], results: dict[str, TagResult | TaggingFailed]) -> dict[str, str]:
    return {
        item["file"]: (got.reason if isinstance(got, TaggingFailed) else f"NOT REFUSED: {got.type}")
        for item in truth
        if "expect" in item
        for got in [results[item["file"]]]
    }


def percent(counter: Counter[str]) -> str:
    return f"{100 * counter['right'] / max(counter['total'], 1):5.1f} %  ({counter['right']}/{counter['total']}, wrong {counter['wrong']})"


def report(scores: dict[str, Any], speeds: dict[str, float], refused: dict[str, str]) -> None:
    types, fields = scores["types"], scores["fields"]
    overall_types: Counter[str] = sum((c for c in types.values()), Counter())
    overall_fields: Counter[str] = sum((c for c in fields.values()), Counter())
    print("type accuracy")
    for name, counter in sorted(types.items()):
        print(f"  {name:28s} {percent(counter)}")
    print(f"  {'ALL':28s} {percent(overall_types)}")
    print("field accuracy")
    for name, counter in sorted(fields.items()):
        print(f"  {name:28s} {percent(counter)}")
    print(f"  {'ALL':28s} {percent(overall_fields)}")
    print("hostile files")
    for name, reason in refused.items():
        print(f"  {name:32s} {reason}")
    print("speed", json.dumps(speeds))
    if scores["misses"]:
        print("misses")
        for line in scores["misses"]:
            print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description="OCR tagging benchmark")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tagging-corpus-") as scratch:
        corpus = args.corpus or Path(scratch)
        if args.corpus and (corpus / "truth.json").exists():
            truth = json.loads((corpus / "truth.json").read_text("utf-8"))
        else:
            truth = generate(corpus, args.seed, args.count, with_hostile=True)
        results, wall, cpu = tag_all(corpus, truth, args.workers)
    scores, speeds, refused = score(truth, results), speed(truth, results, wall, cpu, args.workers), hostile(truth, results)
    report(scores, speeds, refused)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"seed": args.seed, "speed": speeds, "hostile": refused, **scores}, indent=1), "utf-8")


if __name__ == "__main__":
    main()
