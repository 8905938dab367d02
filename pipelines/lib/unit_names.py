"""Resolving the unit named in a file (a code or a name as people write it) to a registry code.

CONTRACT §2.2: a code; else a name or alias equal after NFC, case folding, `&` = `và` and
collapsed spaces and punctuation; else the same without diacritics, but only when that is unique.
Anything else is unknown (or ambiguous), and the message names the closest registry entries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from pipelines.readers.text import strip_diacritics, unit_key


@dataclass(frozen=True)
class RegistryUnit:
    code: str
    name: str
    aliases: tuple[str, ...]


class UnitMatcher:
    def __init__(self, units: Iterable[RegistryUnit]) -> None:
        self._units = {u.code: u for u in units}
        self._by_code: dict[str, str] = {}
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._by_plain: dict[str, set[str]] = defaultdict(set)
        for unit in self._units.values():
            self._by_code[unit.code.casefold()] = unit.code
            for name in (unit.name, *unit.aliases):
                key = unit_key(name)
                if key:
                    self._by_key[key].add(unit.code)
                    self._by_plain[strip_diacritics(key)].add(unit.code)
        self._choices = {key: sorted(codes) for key, codes in self._by_key.items()}

    def resolve(self, text: str) -> tuple[str | None, str | None]:
        """(code, None) when the text names one unit; (None, message) otherwise."""
        code = self._by_code.get(text.strip().casefold())
        if code is not None:
            return code, None
        key = unit_key(text)
        for index in (self._by_key, self._by_plain):
            codes = index.get(key if index is self._by_key else strip_diacritics(key), set())
            if len(codes) == 1:
                return next(iter(codes)), None
            if len(codes) > 1:
                return None, f"«{text}» khớp nhiều đơn vị: {self._describe(sorted(codes))}"
        return None, f"«{text}» không có trong danh mục{self._closest(key)}"

    def _closest(self, key: str) -> str:
        matches = process.extract(key, list(self._choices), scorer=fuzz.WRatio, limit=3,
                                  score_cutoff=60)
        codes: list[str] = []
        for choice, _score, _index in matches:
            codes.extend(c for c in self._choices[choice] if c not in codes)
        return f"; gần nhất: {self._describe(codes[:3])}" if codes else ""

    def _describe(self, codes: list[str]) -> str:
        return ", ".join(f"{self._units[c].name} ({c})" for c in codes)
