"""Text folding shared by header matching and unit-name matching (CONTRACT §2.1, §2.2)."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s\u00a0]+")
_NON_WORD = re.compile(r"[^\w]+")


def clean(value: str | None) -> str | None:
    """NFC, trimmed, inner whitespace collapsed; None for an empty cell."""
    if value is None:
        return None
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()
    return text or None


def strip_diacritics(text: str) -> str:
    """Vietnamese text without tone and vowel marks (đ → d), as typed on a keyboard without them."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold_header(value: str | None) -> str:
    """A header as compared with the accepted names: case, diacritics, NFC/NFD, `_` and spaces
    do not matter."""
    text = clean(value) or ""
    return _SPACES.sub(" ", strip_diacritics(text).casefold().replace("_", " ")).strip()


def unit_key(value: str) -> str:
    """A unit name as compared with the registry: NFC, case-folded, `&` read as ` và `, spaces and
    punctuation collapsed. Diacritics are kept; see `strip_diacritics` for the looser match."""
    text = unicodedata.normalize("NFC", value).casefold().replace("&", " và ")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text).replace("_", " ")).strip()
