"""Write (or check) the test vectors in this directory.

    python -m tests.vectors.generate           rewrite every *.json file
    python -m tests.vectors.generate --check   exit 1 if a file would change

All "random" inputs come from ``material(label)`` (SHA-256 of a label) and are injected
through the key layer's private ``_..._from_parts`` functions, so every file is
reproduced byte for byte, except the HPKE document slots whose encapsulation is random
inside the library: those are carried forward from the saved file while they still open.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.vectors import build_dv1, build_keys, build_slots

DIRECTORY = Path(__file__).resolve().parent


def builders() -> dict[str, Callable[[dict[str, Any] | None], dict[str, Any]]]:
    """File name -> function from the saved content (or None) to the content to save."""
    return {
        "dv1.json": lambda _: build_dv1.build(),
        "symmetric.json": lambda _: build_keys.build_symmetric(),
        "passphrase.json": lambda _: build_keys.build_passphrase(),
        "recovery.json": lambda _: build_keys.build_recovery(),
        "keyring.json": lambda _: build_slots.build_keyring(),
        "slots.json": build_slots.build_slots,
        "metadata.json": lambda _: build_slots.build_metadata(),
    }


def render(content: dict[str, Any]) -> str:
    return json.dumps(content, indent=1, ensure_ascii=False) + "\n"


def saved(name: str, directory: Path = DIRECTORY) -> dict[str, Any] | None:
    path = directory / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def generate(directory: Path = DIRECTORY) -> dict[str, str]:
    """File name -> the text the generator produces for it now."""
    return {name: render(build(saved(name, directory))) for name, build in builders().items()}


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = []
    for name, text in generate().items():
        path = DIRECTORY / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    print(("would change: " if check else "written: ") + (", ".join(changed) or "nothing"))
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
