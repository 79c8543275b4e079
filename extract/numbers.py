"""Counts written in digits or words, in Italian and English.

Casualty and weapon counts are read from the words just before a noun
("un morto e due feriti", "three people were killed", "129 droni"); this
module turns those words into ints. Hand-written because no library reads
Italian number words inside running text; the vocabulary is data in
`rules/numbers.yaml`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

_DIGITS = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})+$|^\d+$")


@lru_cache(maxsize=None)
def _words(language: str) -> dict[str, int]:
    """Every number word of a language, compounds of tens and units included."""
    data = yaml.safe_load((Path(__file__).parent / "rules" / "numbers.yaml").read_text(encoding="utf-8"))[language]
    words: dict[str, int] = {**data["units"], **data["teens"], **data["tens"], **data["big"], **data["vague"], **data["about"]}
    for ten_word, ten in data["tens"].items():
        for unit_word, unit in data["units"].items():
            if unit_word in ("a", "an", "un", "una"):
                continue
            if language == "it":  # venti + uno -> ventuno, venti + otto -> ventotto
                stem = ten_word[:-1] if unit_word[0] in "uo" else ten_word
                words[stem + unit_word] = ten + unit
            else:
                words[f"{ten_word}-{unit_word}"] = ten + unit
    return words


def parse_count(token: str, language: str) -> int | None:
    """The value of one number token ("129", "1.200", "due", "twenty-two", "decine"), else None."""
    token = token.strip().lower()
    if _DIGITS.match(token):
        return int(re.sub(r"\D", "", token))
    return _words(language).get(token) if language in ("it", "en") else None


@lru_cache(maxsize=None)
def after_article(language: str) -> str:
    """A regex (no groups) of the number words an article may lead ("a dozen", "una ventina",
    "a hundred"): the round and big numbers."""
    data = yaml.safe_load((Path(__file__).parent / "rules" / "numbers.yaml").read_text(encoding="utf-8"))[language]
    return "|".join(map(re.escape, sorted({*data["about"], *data["big"]}, key=len, reverse=True))) or "(?!)"


@lru_cache(maxsize=None)
def number_pattern(language: str) -> str:
    """A regex (no groups) matching one number token of the language, for use inside rules."""
    words = sorted(_words(language), key=len, reverse=True)
    return r"(?:\d{1,3}(?:[.,]\d{3})+|\d+|" + "|".join(map(re.escape, words)) + r")"
