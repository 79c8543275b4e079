"""Page chrome and export debris out of article text, by the lists in `rules/chrome/`.

Text is handled as lines, then paragraphs (blank-line separated): chrome comes
as whole lines on a page, and a paragraph cut by a removed line (an ad, a
"---" break) is rejoined when its sentence plainly goes on.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extract import rules

# "(Adnkronos) –", "(ANSA) -": the agency that wrote the piece, before its first words.
AGENCY_LEAD = re.compile(r"\((?P<agency>[A-Z][\w .&'’-]{1,30})\)\s*[-–—]?\s*")
_NO_WORDS = re.compile(r"[\W_]*")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_KEY_TRIM = " \t:>»›|•·*#-–—"
_SOCIAL_SPLIT = re.compile(r"[\s|,·•/]+")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_OPEN_SENTENCE = re.compile(r"[\w,]$")  # a paragraph stopping mid-sentence
_LONGEST_CHROME = 200  # characters; a longer line is text, and skipping it keeps clean-up fast


@dataclass(frozen=True)
class _Chrome:
    lines: frozenset[str]
    patterns: re.Pattern[str]
    footer: frozenset[str]
    social: frozenset[str]


def _key(line: str) -> str:
    """A line as the chrome lists write it: lower case, single spaces, no bullets or colon."""
    return " ".join(line.lower().split()).strip(_KEY_TRIM)


@functools.cache
def _chrome() -> _Chrome:
    """Every language's chrome rules merged, compiled once."""
    lines: set[str] = set()
    patterns: list[str] = []
    footer: set[str] = set()
    social: set[str] = set()
    for data in rules.by_language("chrome").values():
        lines.update(_key(str(x)) for x in data.get("lines", []))
        patterns.extend(data.get("patterns", []))
        footer.update(_key(str(x)) for x in data.get("footer", []))
        social.update(w for x in data.get("social_networks", []) for w in str(x).lower().split())
    return _Chrome(
        lines=frozenset(lines),
        patterns=re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE),
        footer=frozenset(footer),
        social=frozenset(social),
    )


def is_chrome(line: str) -> bool:
    """True for a line of page furniture: a listed line, a listed pattern, a share bar."""
    if len(line) > _LONGEST_CHROME:
        return False
    key = _key(line)
    if not key:
        return False
    chrome = _chrome()
    if key in chrome.lines:
        return True
    words = _SOCIAL_SPLIT.split(key)
    if words[0] in chrome.social and all(w in chrome.social for w in words if w):
        return True
    return chrome.patterns.fullmatch(key) is not None


def is_prose(line: str) -> bool:
    """A line that reads as running text rather than a label, a link or a headline."""
    words = len(line.split())
    return words >= 20 or (words >= 8 and bool(_TERMINAL.search(line.rstrip())))


def drop_chrome(lines: list[str]) -> list[str]:
    """Cut the page footer, then blank every chrome line (blanks keep paragraphs apart)."""
    footer = _chrome().footer
    end = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if is_prose(lines[i]):
            break
        if _key(lines[i]) in footer:
            end = i
    return ["" if is_chrome(line) else line for line in lines[:end]]


def _is_debris(line: str) -> bool:
    """Stray dashes, quotes and rules, or an agency lead left alone on its line."""
    return bool(_NO_WORDS.fullmatch(line)) or AGENCY_LEAD.fullmatch(line) is not None


def _goes_on(before: str, after: str) -> bool:
    """True when `after` continues the sentence `before` left open."""
    return bool(_OPEN_SENTENCE.search(before)) and after[:1].islower()


def tidy(text: str) -> str:
    """Normalise spacing, drop debris lines, rejoin cut sentences; paragraphs end with a blank line."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = _SPACES.sub(" ", raw).strip()
        if line and _is_debris(line):
            line = ""
        if line:
            if current and _goes_on(current[-1], line):
                current[-1] += " " + line
            else:
                current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    merged: list[str] = []
    for paragraph in paragraphs:
        if merged and _goes_on(merged[-1], paragraph):
            merged[-1] += " " + paragraph
        else:
            merged.append(paragraph)
    return "\n\n".join(merged)


def clean_text(text: str) -> str:
    """Article text without chrome or debris, paragraphs separated by one blank line."""
    return tidy("\n".join(drop_chrome(text.splitlines())))
