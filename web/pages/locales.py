"""Page strings, one JSON file per language in `web/locales/`.

A file is `{"_meta": {"name": "<the language's own name>", "dir": "ltr"|"rtl"},
"<key>": "<text>", ...}`. Dropping a new file (fa.json, ps.json, ti.json) into
the directory adds the language: nothing else changes. A key missing from a
language falls back to the default language, then to the key itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


@dataclass(frozen=True)
class Catalog:
    code: str
    name: str
    direction: str
    strings: dict[str, str]


class Locales:
    """Every catalog found in a directory; `default` must be one of them."""

    def __init__(self, catalogs: dict[str, Catalog], default: str) -> None:
        if default not in catalogs:
            raise ValueError(f"no catalog for the default language {default!r}")
        self.catalogs = catalogs
        self.default = default

    @classmethod
    def load(cls, directory: Path, default: str) -> Locales:
        catalogs = {}
        for path in sorted(directory.glob("*.json")):
            if CODE.match(path.stem):
                catalogs[path.stem] = _catalog(path.stem, json.loads(path.read_text(encoding="utf-8")))
        return cls(catalogs, default)

    def known(self, code: str | None) -> bool:
        return code is not None and code in self.catalogs

    def choices(self) -> list[Catalog]:
        """Every language, the default first, then by their own names."""
        return sorted(self.catalogs.values(), key=lambda c: (c.code != self.default, c.name))

    def default_strings(self) -> dict[str, str]:
        return self.catalogs[self.default].strings

    def text(self, code: str, key: str, **values: Any) -> str:
        """The string `key` in language `code`, with `{name}` fields filled from `values`."""
        template = self.catalogs[code].strings.get(key) or self.catalogs[self.default].strings.get(key) or key
        return template.format(**values) if values else template


def _catalog(code: str, raw: dict[str, Any]) -> Catalog:
    meta = raw.get("_meta", {})
    direction = meta.get("dir", "ltr")
    if direction not in ("ltr", "rtl"):
        raise ValueError(f"{code}.json: _meta.dir must be ltr or rtl")
    strings = {key: str(value) for key, value in raw.items() if key != "_meta"}
    return Catalog(code, str(meta.get("name", code)), direction, strings)
