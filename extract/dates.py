"""Find and resolve date expressions in Italian and English news text.

Events are dated by the words around them (spec/events.md section 4), so every
sentence is scanned for dates, and that must stay cheap. The words of each language
live in `rules/dates/{it,en}.yaml` and the holiday rules in `rules/dates/holidays.yaml`.
From them are built once per language: a marker, an Aho-Corasick automaton that marks
in one pass in C where an expression may start; a regex finder per first character,
tried only at those marks, that says which construction matches and where it ends; and
a regex parser per construction that reads its parts. Small pure functions then turn the
parts into a date against the article's reference time. Lunar and lunisolar holidays
come from the tables of the `holidays` package and the Hebrew calendar of `pyluach`.

dateparser serves where it is good: reading one expression already known to be a date
in a language without rules (`resolve`), behind a cache; never searching whole texts.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

import ahocorasick
import yaml
from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

RULES = Path(__file__).parent / "rules" / "dates"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
UNIT_KEYS = ("day", "week", "month", "year")


class DateMatch(NamedTuple):
    """One date expression found in a text, resolved against the reference time (immutable;
    a named tuple because it is built for every date of every sentence, and costs a third
    of a frozen dataclass to make)."""

    start: int  # char offsets in the text searched
    end: int
    text: str  # the words matched, e.g. "martedì 6 gennaio", "ieri"
    date: dt.date  # resolved date (first day of month/year for coarser precision)
    precision: str  # "day" | "month" | "year"
    basis: str  # "explicit" (a written date) | "relative" (ieri, last Tuesday...)
    night: bool = False  # a night cue (nella notte, stanotte, overnight, last night)


# --------------------------------------------------------------------------- vocabulary

@lru_cache(maxsize=8192)
def _key(word: str) -> str:
    """Spelling-insensitive key: "Mother's Day", "mothers-day" and "MOTHERS DAY" agree."""
    return re.sub(r"[\s'’.\-]+", "", word.lower())


def _char_pattern(ch: str, final: bool) -> str:
    """Regex for one character of a listed word: any spacing, optional inner hyphens,
    apostrophes and dots; an elided article ("l'", "dell'") keeps its apostrophe."""
    if ch == " ":
        return r"\s+"
    if ch == "-":
        return r"[\s\-]?"
    if ch in "'’":
        return r"['’]\s*" if final else r"['’]?"
    if ch == ".":
        return r"\.?"
    return re.escape(ch)


def _alternation(words, char: Callable[[str, bool], str] = _char_pattern) -> str:
    """One regex for a word list, as a trie ("ma(?:rzo|ggio)") so that the regex engine
    rejects a non-matching word after a character or two; longer words win. `char`
    spells each character."""
    trie: dict = {}
    for word in {w.lower().replace("’", "'") for w in words}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = word

    def emit(node: dict) -> list[str]:
        branches = [char(ch, "" in child and len(child) == 1) + join(child, emit(child))
                    for ch, child in sorted(node.items()) if ch]
        if "" in node:  # a word ends here: an empty rest
            branches.append("")
        return branches

    def join(node: dict, branches: list[str]) -> str:
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return "(?:" + "|".join(emit(trie)) + ")"


def _table(mapping: dict) -> dict[str, object]:
    """Invert {value: [words]} into {key(word): value}."""
    return {_key(w): value for value, words in mapping.items() for w in words}


Finder = tuple[re.Pattern, dict[int, str]]  # a pattern and its marker group number -> construction


@dataclass(frozen=True)
class _Language:
    words: dict  # the parsed yaml file
    tables: dict[str, dict[str, object]]  # kind -> key(word) -> value
    finders: dict[str, Finder]  # first character of an expression -> the finder for it (see _build)
    parsers: dict[str, re.Pattern]  # construction -> regex that reads the parts of its span
    cues: dict[str, frozenset[str]]  # "month_cues"/"year_cues" -> the cue words, spaced by one blank
    marker: ahocorasick.Automaton  # where a finder may match (see _marker and _marks)
    number: re.Pattern  # what a number the marker finds must be followed by
    reach: int  # how many words before a long run of blanks a marker's key may start
    capitalized_only: frozenset[str]  # words taken for dates only when capitalised in running text


# The constructions, most specific first: (name, resolver, lead, rest). `lead` is the class
# of the expression's first word (see _classes), `rest` what follows it; <<NAME>> is a
# word list of the language, named groups carry the parts the resolver (_r_NAME) reads.
_NUMERIC_END = r"(?![.,/\-]?\d|\s*%)"
_SEP = r"(?:\s+(?:<<OF>>)?|\s*[\-/]\s*)"
_YEAR_AFTER = (r"(?:(?:,?\s+(?:<<OF>>)?|\s*[\-/]\s*)(?P<y>[12]\d{3})(?!\d)|\s*[\-/]\s*(?P<yy>\d{2})"
               r"|\s+['’](?P<ya>\d{2}))?")
_MONTHREL = r"(?P<rel>(?:<<ART>>)?(?:<<MOD>>\s*)?<<MONTHUNIT>>(?:\s+<<MOD>>)?)"
_IN_MONTH = r"(?:(?P<m><<MONTH>>)(?:\s+(?P<y>[12]\d{3}))?|" + _MONTHREL + ")"
_HOLIDAY_REST = (r"(?:\s+(?P<mod2><<MOD>>))?(?:,?\s+(?:(?:<<YCUE>>)\s+)?(?P<y>[12]\d{3})(?!\d)"
                 r"|\s+(?:<<OF>>)?(?P<yrel>(?:<<ART>>)?<<MOD>>\s*<<YEARUNIT>>|(?:<<ART>>)?<<YEARUNIT>>\s+<<MOD>>"
                 r"|<<NUM>>\s+<<YEARUNIT>>\s+<<AGO>>|<<IN>>\s+<<NUM>>\s+<<YEARUNIT>>))?")
# The date an offset counts from ("tre mesi prima di maggio 2014", "a week before Christmas",
# "two weeks after the March 3 vote", "before Poroshenko's May 2014 election"): after an
# article, an "of" word or a possessive, a holiday, a written day, a month with or without
# its year, or a year. Its groups are read by _anchor.
_ANCHOR = (r"(?:<<OF>>|<<ART>>)?(?:<<POSS>>)?(?:(?:(?P<hmod><<MODNEAR>>)\s+)?(?P<h><<HOL>>)" + _HOLIDAY_REST
           + r"|(?:(?P<d><<DAY>>)" + _SEP + r")?(?P<m><<MONTH>>)\.?(?:\s+(?:<<ART>>)?(?P<d2><<DAY>>)(?!\s*[:.]\d))?"
           r"(?:,?\s+(?:<<OF>>)?(?P<my>[12]\d{3})(?!\d))?|(?P<ay>[12]\d{3})(?!\d))")
_CONSTRUCTIONS: list[tuple[str, str, str, str]] = [
    # name, resolver, lead class (its word is group "lead"), rest
    ("iso", "iso", "DIGITS", r"[\-/.](?P<m>\d{1,2})(?:[\-/.](?P<d>\d{1,2}))?" + _NUMERIC_END),
    ("dotted", "numeric", "DIGITS", r"\.(?P<b>\d{1,2})\.(?P<y>\d{4}|\d{2})" + _NUMERIC_END),
    ("numeric", "numeric", "DIGITS", r"\s*[/\-]\s*(?P<b>\d{1,2})(?:\s*[/\-]\s*(?P<y>\d{4}|\d{2}))?" + _NUMERIC_END),
    ("dmy_weekday", "dmy", "WDA", r"\.?,?\s+(?:<<ART>>)?(?:(?P<mod><<MOD>>)\s+)?(?P<d><<DAY>>)" + _SEP
     + r"(?P<m><<MONTH>>)\.?" + _YEAR_AFTER),
    ("dmy_mod", "dmy", "MOD", r"\s+(?P<d><<DAY>>)" + _SEP + r"(?P<m><<MONTH>>)\.?" + _YEAR_AFTER),
    ("dmy", "dmy", "DAY", _SEP + r"(?P<m><<MONTH>>)\.?" + _YEAR_AFTER),
    ("mdy_weekday", "mdy", "WDA", r"\.?,?\s+(?P<m><<MONTH>>)\.?\s+(?:<<ART>>)?(?P<d><<DAY>>)"
     r"(?:,?\s+(?P<y>[12]\d{3}))?(?!\s*[:.]\d)"),
    ("mdy", "mdy", "MONTH", r"\.?\s+(?:<<ART>>)?(?P<d><<DAY>>)(?:,?\s+(?P<y>[12]\d{3}))?(?!\s*[:.]\d)"),
    ("month_year", "month_year", "MONTH", r"\.?,?\s+(?:<<OF>>)?(?P<y>[12]\d{3})(?!\d)"),
    ("ordinal_weekday", "ordinal_weekday", "ORD", r"\s+(?P<wd><<WD>>)\s+(?:<<OF>>)" + _IN_MONTH),
    ("weekday_after", "weekday_after", "ORD", r"\s+(?P<wd><<WD>>)\s+(?:<<AFTER>>)\s+"
     r"(?P<h>(?:<<ART>>)?<<HOL>>(?:\s+(?:<<OF>>)?[12]\d{3})?)"),
    ("day_of_month", "day_of_month", "ORDDAY", r"(?:\s+(?P<last><<LAST>>))?\s+<<DAYUNIT>>\s+(?:<<OF>>)" + _IN_MONTH),
    ("day_of_rel_month", "day_of_rel_month", "DAY", r"\s+(?:<<OF>>)" + _MONTHREL),
    ("ides", "ides", "IDES", r"\s+(?:<<OF>>)(?P<m><<MONTH>>)(?:\s+(?P<y>[12]\d{3}))?"),
    ("holiday_mod", "holiday", "MODNEAR", r"\s+(?P<h><<HOL>>)" + _HOLIDAY_REST),
    ("holiday", "holiday", "HOL", _HOLIDAY_REST),
    ("offset", "offset", "NUM", r"\s+(?P<u><<UNITS>>)\s+(?:(?P<before><<BEFORE>>)|<<AFTER>>)\s+" + _ANCHOR),
    ("ago", "ago", "NUM", r"\s+(?P<u><<UNITS>>)\s+(?:<<AGO>>)"),
    ("in", "in", "IN", r"\s+(?P<n><<NUM>>)\s+(?P<u><<UNITS>>)"),
    ("hence", "hence", "NUM", r"\s+(?P<u><<UNITS>>)\s+(?:<<HENCE>>)"),
    ("upcoming", "upcoming", "NUM", r"\s+(?:<<UPCOMING>>)\s+(?P<u><<UNITS>>)"),
    ("upcoming_first", "upcoming", "UPCOMING", r"\s+(?P<n><<NUM>>)\s+(?P<u><<UNITS>>)"),
    ("weekday_count", "weekday_count", "NUM", r"\s+(?P<wd><<WD>>)\s+(?:(?P<hence><<HENCE>>)|<<AGO>>)"),
    ("unit_mod", "rel_unit", "UNIT", r"\s+(?P<mod><<MOD>>)"),
    ("mod_unit", "rel_unit", "MOD", r"\s*(?P<u><<UNIT>>)"),
    ("weekday_of_week", "weekday_of_week", "WD", r"\s+(?:<<OF>>)(?:<<ART>>)?"
     r"(?:(?P<mod><<MOD>>)\s*<<WEEKUNIT>>|<<WEEKUNIT>>\s+(?P<mod2><<MOD>>))"),
    ("weekday_after_next", "weekday_after_next", "WD", r"\s+(?:<<AFTERNEXT>>)"),
    ("weekday_mod", "weekday_mod", "WD", r"\s+(?P<mod><<MOD>>)"),
    ("mod_weekday", "weekday_mod", "MOD", r"\s+(?P<wd><<WD>>)"),
    ("weekday_day", "weekday_day", "WD", r",?\s+(?:<<ART>>)?(?P<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|º|°)?"
     r"(?![.,:]?\d)"),
    ("night", "night", "NIGHT", r"(?:\s+(?:<<NIGHTLINKS>>)\s+(?:<<ART>>)?(?P<wd><<WD>>)"
     r"(?:\s+(?:<<NIGHTAND>>)\s+(?:<<ART>>)?(?P<wd2><<WD>>))?)?"),
    ("night_between", "night", "NIGHTWORD", r"\s+(?:<<NIGHTLINKS>>)\s+(?:<<ART>>)?(?P<wd><<WD>>)"
     r"(?:\s+(?:<<NIGHTAND>>)\s+(?:<<ART>>)?(?P<wd2><<WD>>))?"),
    ("relative_day", "relative_day", "REL", ""),
    ("weekday", "weekday", "WD", ""),
    ("mod_month", "month_mod", "MOD", r"\s+(?P<m><<MONTHFULL>>)"),
    ("month_mod", "month_mod", "MONTHFULL", r"\s+(?P<mod><<MOD>>)"),
    ("month", "month", "MONTHFULL", r"(?:,?\s+(?:<<OF>>)?(?P<y>[12]\d{3})(?!\d))?"),
    ("year_era", "year", "DIGITS", r"\s*(?P<era><<ERA>>)"),
    ("year", "year", "DIGITS", "<<YEARCUE>>"),
]
# Constructions whose words are dates only after a cue ("in March", "nel 2025"): the cue
# is looked for before the match, so that common words like "in" need not start one.
_CUES = {"month": "month_cues", "year": "year_cues"}
_DIGIT_CLASSES = {"DIGITS", "NUM", "DAY", "ORD", "ORDDAY"}
_BARE = frozenset(name for name, _, _, rest in _CONSTRUCTIONS if not rest)  # a first word alone
# What may stand just before an expression: blanks and punctuation, spelled out.
_SIGNS = ",.;:!?\"'’‘“”«»()[]{}<>/\\|-–—…*+=~#@&"
_BEFORE = "[\\s" + re.escape(_SIGNS) + "]"
# Every character of _BEFORE but the blank: the marker reads the text with these blanked.
_BLANKED = tuple(_SIGNS) + tuple(c for c in map(chr, range(0x3001)) if c.isspace() and c != " ")  # \s ends at U+3000
_SIGN = re.compile("[" + re.escape("".join(_BLANKED)) + "]")
# The finder reads any number as a first word; these checks, placed right after it,
# keep each construction to the numbers its parser accepts (a year, a day, a count).
_AT_MOST_2_DIGITS, _AT_MOST_3_DIGITS = r"(?<!\d\d\d)", r"(?<!\d\d\d\d)"
_NUMBER_CHECK = {"iso": r"(?<=(?<!\d)[12]\d{3})", "dotted": _AT_MOST_2_DIGITS, "numeric": _AT_MOST_2_DIGITS,
                 "DAY": _AT_MOST_2_DIGITS, "ORD": _AT_MOST_2_DIGITS, "ORDDAY": _AT_MOST_2_DIGITS,
                 "NUM": _AT_MOST_3_DIGITS}


def _classes(w: dict) -> dict[str, list[str]]:
    """The word classes that can start an expression (digits are added to theirs)."""
    mod = w["last"] + w["next"] + w["this"]
    return {
        "MONTH": [x for names in w["months"].values() for x in names],
        "MONTHFULL": [names[0] for names in w["months"].values()],
        "WD": [x for names in w["weekdays"].values() for x in names],
        "WDA": [x for table in ("weekdays", "weekday_abbreviations") for names in w[table].values() for x in names],
        "NUM": list(w["numbers"]), "DAY": list(w["day_words"]), "ORD": list(w["ordinals"]),
        "ORDDAY": list(w["ordinals"]) + list(w["day_words"]),
        "MOD": mod, "MODNEAR": mod + w["nearest"], "LAST": w["last"],
        "HOL": [x for names in w["holidays"].values() for x in names],
        "REL": [x for names in w["relative_days"].values() for x in names],
        "NIGHT": w["night"], "NIGHTWORD": w["night_word"], "IN": w["in"], "UPCOMING": w["upcoming"],
        "IDES": w["ides"], "UNIT": [x for k in UNIT_KEYS[1:] for x in w["units"][k]],
        "DIGITS": [],
    }


def _lists(w: dict, classes: dict[str, list[str]]) -> dict[str, str]:
    """The <<NAME>> sub-patterns of the language."""
    lists = {name: _alternation(words) for name, words in classes.items() if words}
    lists |= {
        "NUM": r"(?:\d{1,3}|" + _alternation(w["numbers"]) + ")",
        "ORD": r"(?:\d{1,2}(?:st|nd|rd|th|º|°|ª)|" + _alternation(w["ordinals"]) + ")",
        "DAY": r"(?:(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|º|°|ª)?(?!\d)|" + _alternation(w["day_words"]) + ")",
        "DIGITS": r"\d{1,4}",
        "UNITS": _alternation(x for k in UNIT_KEYS for x in w["units"][k] + w["units_plural"][k]),
        "DAYUNIT": _alternation(w["units"]["day"]),
        "WEEKUNIT": _alternation(w["units"]["week"]),
        "MONTHUNIT": _alternation(w["units"]["month"]),
        "YEARUNIT": _alternation(w["units"]["year"] + w["units_plural"]["year"]),
        "ERA": _alternation(x for names in w["eras"].values() for x in names),
        "YCUE": _alternation(w["year_cues"]),
        "ART": _alternation(a if a.endswith("'") else a + " " for a in w["articles"]),
        "OF": _alternation(a if a.endswith("'") else a + " " for a in w["of"]),
    }
    lists["ORDDAY"] = f"(?:{lists['ORD']}|{lists['DAY']})"
    # Read just after the digits: first a check that they are a year at all.
    lists["YEARCUE"] = r"(?<=(?<!\d)[12]\d{3})" + _cue_lookbehinds(
        w["year_cues"], r"\s", "['’]", r"(?<![\w'’])", r"\s[12]\d\d\d")
    # A name made a determiner by its ending ("Poroshenko's May 2014 election"); none in some languages.
    endings = "|".join(re.escape(e).replace("'", "['’]") for e in w["possessives"])
    lists["POSS"] = rf"(?:[^\W\d_][\w\-]*(?:{endings})\s+)" if endings else "(?!)"
    for name in ("night_links", "night_and", "ago", "hence", "after", "after_next", "before"):
        lists[name.upper().replace("_", "")] = _alternation(w[name])
    return lists


def _cue_lookbehinds(cues: list[str], space: str, apostrophe: str, before: str, after: str) -> str:
    """Fixed-width look-behinds for "<cue><after>", one per cue length: a year alone needs a
    cue before it ("nel 2025")."""
    by_width: dict[int, list[str]] = {}
    for cue in cues:
        spelled = "".join(space if c == " " else apostrophe if c in "'’" else re.escape(c) for c in cue.lower())
        by_width.setdefault(len(cue), []).append(spelled)
    return "(?:" + "|".join(f"(?<={before}(?:{'|'.join(group)}){after})" for _, group in sorted(by_width.items())) + ")"


def _fill(pattern: str, lists: dict[str, str]) -> str:
    return re.sub(r"<<([A-Z]+)>>", lambda m: lists[m.group(1)], pattern)


def _build(w: dict) -> tuple[dict[str, Finder], dict[str, re.Pattern]]:
    """Compile the language's finders and the per-construction parsers.

    There is one finder per first character of an expression (a digit, or a letter that
    starts some first word), tried where the marker points (see _marks): a trie of the first words,
    grouped by the classes they share (holidays first, so that "mercoledì delle ceneri"
    beats "mercoledì"), then the rests of the constructions each group can start, in the
    order of _CONSTRUCTIONS. It has no capture groups beyond one empty marker per
    construction, runs over lower-cased text, and starts on the blank or sign before the
    word (the text gets a leading blank); the parser of the construction whose marker
    matched then reads the parts.
    """
    classes = _classes(w)
    lists = _lists(w, classes)
    parsers = {name: re.compile(f"(?P<lead>{lists[lead]}){_fill(rest, lists)}")
               for name, _, lead, rest in _CONSTRUCTIONS}
    signature: dict[str, set[str]] = {}
    for name, words in classes.items():
        for word in words:
            signature.setdefault(word.lower().replace("’", "'"), set()).add(name)
    by_first: dict[str, dict[frozenset, list[str]]] = {}
    for word, names in signature.items():
        by_first.setdefault(word[0], {}).setdefault(frozenset(names), []).append(word)
    order = {lead: i for i, (_, _, lead, _) in reversed(list(enumerate(_CONSTRUCTIONS)))}
    marks = iter(range(10**6))

    def rests(names: frozenset) -> str:
        return "|".join(_NUMBER_CHECK.get(name, _NUMBER_CHECK.get(lead, "")) + _fill(rest, lists)
                        + f"(?P<{name}__{next(marks)}>)" for name, _, lead, rest in _CONSTRUCTIONS if lead in names)

    def finder(body: str) -> Finder:
        body = re.sub(r"\(\?P<(?!\w+__\d+>)\w+>", "(?:", body)  # parts are read by the parsers
        pattern = re.compile(rf"{_BEFORE}{body.replace(')?', '|)')}(?!\w)")
        return pattern, {i: name.split("__")[0] for name, i in pattern.groupindex.items()}

    # The digits are taken whole (no rest can follow a digit), so a failing number is tried once.
    number = finder(r"\d(?<![.,/\-]\d)\d*+(?:st|nd|rd|th|º|°|ª)?(?:" + rests(frozenset(_DIGIT_CLASSES)) + ")")
    finders = {"0": number}  # for every digit
    for first, groups in sorted(by_first.items()):
        subs = [_alternation(x[1:] for x in words) + "(?:" + rests(names) + ")"
                for names, words in sorted(groups.items(), key=lambda g: (
                    "HOL" not in g[0], min(order.get(n, 99) for n in g[0])))
                if any(lead in names for _, _, lead, _ in _CONSTRUCTIONS)]
        if subs:
            finders[first] = finder(re.escape(first) + "(?:" + "|".join(subs) + ")")
    return finders, parsers


def _blanked_char(ch: str, final: bool) -> str:
    """Like _char_pattern, for text whose separators are all blanks (see _BLANKED)."""
    if ch == " ":
        return " +"
    if ch in "-.'’":
        return " *" if final and ch in "'’" else " ?"
    return re.escape(ch)


def _spellings(phrase: str, gaps: int) -> list[tuple[str, bool]]:
    """How a listed phrase may look in blanked text, as (spelling, whole): a hyphen, dot or
    inner apostrophe is a blank or nothing, a space 1 to _RUN blanks. A spelling stops short
    (whole False) before an apostrophe that ends the phrase, as any blanks may follow it,
    and before a space once `gaps` spaces are spelled, so that the spellings stay few."""
    out = [""]
    for i, ch in enumerate(phrase):
        if ch == " ":
            if not gaps:
                return [(s, False) for s in out]
            gaps -= 1
            out = [s + " " * n for s in out for n in range(1, _RUN + 1)]
        elif ch in "-.'":
            if ch == "'" and i == len(phrase) - 1:
                return [(s, False) for s in out]
            out = [s + x for s in out for x in ("", " ")]
        else:
            out = [s + ch for s in out]
    return [(s, True) for s in out]


# What a marker's key stands for (see _marker): a place to try, one if no letter or digit
# follows (the word must end there), a number at the start of a word.
_PLAIN, _WORD_END, _NUMBER = range(3)
_RUN = 6  # the keys spell a space between words as 1 to _RUN blanks (see _marks for longer runs)


def _marker(w: dict, classes: dict[str, list[str]]) -> tuple[ahocorasick.Automaton, re.Pattern, int]:
    """Where a finder may match: an Aho-Corasick automaton, one pass in C over the text
    with its separators blanked (see _blank), whose keys are a blank and the first word
    of some construction with what must follow it; the number a key's match must still
    pass; and how many words before a long run of blanks a key may start (see _marks).

    Every key is a blank and the start of a spelling of a first word (see _spellings),
    in ASCII digits for numbers (_marks sees to the digits of other scripts).
    First words that are common words ("un", "in", "two") are keyed with the start of
    what their constructions put after them; a modifier may run on into its unit
    ("quest'anno") or stand before a holiday, so it stands alone; any other first word
    must end there, which _marks checks. A key holds one space at most. Numbers are keyed
    by their first digit; the pattern returned then asks for a digit or a word that can
    follow a number in a date, or a cue before it as a year. The keys mark every place
    where a finder can match (and a few where none does), so nothing is hidden from the
    finders, as the marker tests in tests/test_dates.py check.
    """
    units = [x for k in UNIT_KEYS for x in w["units"][k] + w["units_plural"][k]]
    of = [a if a.endswith("'") else a + " " for a in w["of"]]
    digits = list("0123456789")
    counted = digits + list(w["numbers"])  # "3 giorni", "a few days": a count, then its unit
    follows = {
        "NUM": units + w["upcoming"] + classes["WD"],
        "IN": counted, "UPCOMING": counted,
        "ORD": classes["WD"], "ORDDAY": w["last"] + w["units"]["day"],
        "DAY": of + classes["MONTH"], "IDES": of, "UNIT": classes["MOD"],
        "NIGHTWORD": w["night_links"],
        "WDA": digits + classes["MONTH"] + classes["MOD"] + classes["DAY"] + w["articles"],
        "MONTH": digits + of + classes["DAY"] + w["articles"],
    }
    leads: dict[str, set[str]] = {}
    for name in {lead for _, _, lead, _ in _CONSTRUCTIONS} - {"DIGITS"}:
        for x in classes[name]:
            leads.setdefault(x.lower().replace("’", "'"), set()).add(name)
    keys: dict[str, int] = {}

    def add(key: str, kind: int) -> None:
        keys[key] = min(kind, keys.get(key, kind))

    for word, names in leads.items():
        need = "MOD" not in names and names <= follows.keys() and " " not in word
        for spelling, whole in _spellings(word, 1):
            if not (whole and need):
                add(" " + spelling, _WORD_END if whole and "MOD" not in names else _PLAIN)
                continue
            for after in {x.lower().replace("’", "'") for name in names for x in follows[name]}:
                for tail, _ in _spellings(after, 0):
                    for n in range(1, _RUN + 1):
                        add(" " + spelling + " " * n + tail, _PLAIN)
    # A key's one space comes after its first word, spelled in as many words as it has
    # inner hyphens, dots and apostrophes ("l'altro ieri").
    reach = max(1 + sum(map(word.split(" ")[0].count, "-.'")) for word in leads)
    for d in digits:
        add(" " + d, _NUMBER)
    # The automaton tries the letters that may follow a blank one by one, in the order
    # the keys were added: the common first letters of words come first.
    rank = {ch: i for i, ch in enumerate(w["initials"])}
    automaton = ahocorasick.Automaton()
    for key, kind in sorted(keys.items(), key=lambda item: rank.get(item[0][1], len(rank))):
        automaton.add_word(key, (len(key) - 1, kind))
    automaton.make_automaton()

    def blanked(words) -> str:
        return _alternation(words, _blanked_char)

    # What may follow a number in a date: "15 marzo", "3 giorni", "2 lunedì", "300 d.C.",
    # "15 del mese", or digits ("06/01", "2026-01-06"); a year alone follows a cue.
    after = blanked([x for name in ("MONTH", "WD", "MOD") for x in classes[name]] + w["upcoming"] + units
                    + [x for names in w["eras"].values() for x in names])
    of_what = blanked(classes["MONTH"] + classes["MOD"] + w["articles"] + w["units"]["month"])
    year = _cue_lookbehinds(w["year_cues"], " ", " ", r"(?<!\w)", r" [12]\d{3}")
    number = re.compile(rf" \d++(?:(?:st|nd|rd|th|º|°|ª)? *(?:{after}|{blanked(of)}{of_what})| +\d|{year})")
    return automaton, number, reach


@lru_cache(maxsize=None)
def _language(code: str) -> _Language | None:
    """Load and compile a language once; None for languages without a rule file."""
    path = RULES / f"{code}.yaml"
    if not path.exists():
        return None
    w = yaml.safe_load(path.read_text(encoding="utf-8"))
    mods = {**{_key(x): -1 for x in w["last"]}, **{_key(x): 1 for x in w["next"]},
            **{_key(x): 0 for x in w["this"]}}
    tables = {
        "month": _table(w["months"]),
        "month_name": {_key(names[0]): n for n, names in w["months"].items()},
        "weekday": _table(w["weekdays"]) | _table(w["weekday_abbreviations"]),
        "number": {_key(k): v for k, v in w["numbers"].items()},
        "ordinal": {_key(k): v for k, v in w["ordinals"].items()},
        "day": {_key(k): v for k, v in w["day_words"].items()},
        "unit": _table(w["units"]) | _table(w["units_plural"]),
        "relative": _table(w["relative_days"]),
        "mod": mods,
        "era": _table(w["eras"]),
        "holiday": _table(w["holidays"]),
    }
    cues = {name: frozenset(" ".join(c.lower().split()) for c in w[name]) for name in _CUES.values()}
    finders, parsers = _build(w)
    return _Language(w, tables, finders, parsers, cues, *_marker(w, _classes(w)), frozenset(w["capitalized_only"]))


@lru_cache(maxsize=None)
def calendar_names(code: str) -> frozenset[str]:
    """A language's weekday and month names (lower case): capitalised, they are no one's name."""
    language = _language(code)
    if not language:
        return frozenset()
    return frozenset(x.lower() for key in ("weekdays", "months") for names in language.words[key].values() for x in names)


@lru_cache(maxsize=None)
def weekday_names(code: str) -> frozenset[str]:
    """A language's weekday names (full only, lower case): "lunedì", "monday"."""
    language = _language(code)
    return frozenset(x.lower() for names in language.words["weekdays"].values() for x in names) if language else frozenset()


@lru_cache(maxsize=1)
def _holiday_rules() -> dict[str, dict]:
    return yaml.safe_load((RULES / "holidays.yaml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- calendars

def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest(ref: dt.date, candidates) -> dt.date | None:
    """The candidate closest to the reference; on a tie the earlier one (news looks back)."""
    best, distance = None, 0
    for d in candidates:
        if d is not None:
            gap = abs((d - ref).days)
            if best is None or gap < distance or gap == distance and d < best:
                best, distance = d, gap
    return best


def _nearest_month(ref: dt.date, month: int) -> dt.date:
    """A month alone: the one (measured from its middle) nearest the reference."""
    mid = _nearest(ref, (dt.date(y, month, 15) for y in (ref.year - 1, ref.year, ref.year + 1)))
    return mid.replace(day=1)


def _two_digit_year(yy: int, ref: dt.date) -> int:
    """'74 -> 1974 and '15 -> 2015 for a 2013 reference: the century nearest the reference."""
    century = ref.year // 100 * 100
    return min((century - 100 + yy, century + yy, century + 100 + yy), key=lambda y: abs(y - ref.year))


def _month_start(d: dt.date, months: int = 0) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _nth_day(month_start: dt.date, n: int) -> dt.date | None:
    """Day n of the month, or the n-th last for negative n (-1 = the last day)."""
    last = calendar.monthrange(month_start.year, month_start.month)[1]
    day = n if n > 0 else last + n + 1
    return month_start.replace(day=day) if 1 <= day <= last else None


def _nth_weekday(month_start: dt.date, weekday: int, n: int) -> dt.date | None:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = month_start + dt.timedelta((weekday - month_start.weekday()) % 7)
        d = first + dt.timedelta(7 * (n - 1))
        return d if d.month == month_start.month else None
    end = _nth_day(month_start, -1)
    d = end - dt.timedelta((end.weekday() - weekday) % 7) + dt.timedelta(7 * (n + 1))
    return d if d.month == month_start.month else None


def _weekday_after(d: dt.date, weekday: int, n: int = 1) -> dt.date:
    """The n-th given weekday strictly after d."""
    return d + dt.timedelta((weekday - d.weekday() - 1) % 7 + 1 + 7 * (n - 1))


def _weekday_before(d: dt.date, weekday: int, n: int = 1) -> dt.date:
    """The n-th given weekday strictly before d."""
    return d - dt.timedelta((d.weekday() - weekday - 1) % 7 + 1 + 7 * (n - 1))


def _week_start(d: dt.date, weeks: int = 0) -> dt.date:
    return d - dt.timedelta(d.weekday()) + dt.timedelta(7 * weeks)


@lru_cache(maxsize=None)
def _lunar_calendar(kind: str):
    """The `holidays` package's date tables, loaded on first use (they are large)."""
    from holidays.calendars import _ChineseLunisolar, _HinduLunisolar, _IslamicLunar
    return {"islamic": _IslamicLunar, "hindu": _HinduLunisolar, "chinese": _ChineseLunisolar}[kind]()


def _hebrew(year: int, month: int, day: int) -> list[dt.date]:
    from pyluach.dates import HebrewDate
    out = []
    for hebrew_year in (year + 3760, year + 3761):
        try:
            d = HebrewDate(hebrew_year, month, day).to_pydate()
        except ValueError:
            continue
        if d.year == year:
            out.append(d)
    return out


@lru_cache(maxsize=4096)
def _holiday_dates(holiday: str, year: int) -> tuple[dt.date, ...]:
    """Every date the holiday falls on in a Gregorian year (Islamic ones can fall twice)."""
    rule = _holiday_rules()[holiday]
    if "fixed" in rule:
        days = [dt.date(year, *rule["fixed"])]
    elif "nth_weekday" in rule:
        month, weekday, n = rule["nth_weekday"]
        days = [_nth_weekday(dt.date(year, month, 1), WEEKDAYS.index(weekday), n)]
    elif "easter" in rule:
        days = [easter(year, EASTER_WESTERN) + dt.timedelta(rule["easter"])]
    elif "orthodox_easter" in rule:
        days = [easter(year, EASTER_ORTHODOX) + dt.timedelta(rule["orthodox_easter"])]
    elif "hebrew" in rule:
        days = _hebrew(year, *rule["hebrew"])
    elif "islamic" in rule:
        days = [d for d, _ in getattr(_lunar_calendar("islamic"), rule["islamic"] + "_dates")(year)
                if d.year == year]
    elif "drift" in rule:
        base_year, month, day, every = rule["drift"]
        days = [dt.date(year, month, day) - dt.timedelta((year - base_year) // every)]
    else:
        kind = "hindu" if "hindu" in rule else "chinese"
        tables = rule[kind] if isinstance(rule[kind], list) else [rule[kind]]
        found = (getattr(_lunar_calendar(kind), table + "_date")(year)[0] for table in tables)
        days = [next((d for d in found if d is not None), None)]
    out = []
    for d in (d for d in days if d is not None):
        d += dt.timedelta(rule.get("offset", 0))
        d += dt.timedelta(rule.get("shift", {}).get(WEEKDAYS[d.weekday()], 0))
        out.append(d - dt.timedelta(1) if rule.get("eve") else d)
    return tuple(out)


def _holiday_near(holiday: str, ref: dt.date, mod: int | None) -> dt.date | None:
    """Last (-1), next (+1), this year's (0) or, for None, the nearest occurrence."""
    years = range(ref.year - 2, ref.year + 3)
    days = [d for y in years for d in _holiday_dates(holiday, y)]
    if mod == -1:
        return max((d for d in days if d < ref), default=None)
    if mod == 1:
        return min((d for d in days if d > ref), default=None)
    if mod == 0:
        return _nearest(ref, (d for d in days if d.year == ref.year))
    return _nearest(ref, days)


# --------------------------------------------------------------------------- words to values

Resolved = tuple[dt.date, str, str, bool] | None  # date, precision, basis, night


_DIGITS = re.compile(r"\d+")


def _lookup(lang: _Language, table: str, word: str | None):
    """The value of a word of a table; a word read from lower-cased text is mostly its own key."""
    if word is None:
        return None
    values = lang.tables[table]
    value = values.get(word)
    return values.get(_key(word)) if value is None else value


def _number(lang: _Language, word: str | None) -> int | None:
    if word is None:
        return None
    digits = _DIGITS.match(word)
    return int(digits.group()) if digits else _lookup(lang, "number", word)


def _day(lang: _Language, word: str) -> int | None:
    digits = _DIGITS.match(word)
    return int(digits.group()) if digits else _lookup(lang, "day", word)


def _rank(lang: _Language, word: str) -> int | None:
    digits = _DIGITS.match(word)
    if digits:
        return int(digits.group())
    return _lookup(lang, "ordinal", word) or _lookup(lang, "day", word)


def _month(lang: _Language, word: str | None) -> int | None:
    return _lookup(lang, "month", word)


def _sub(lang: _Language, text: str, ref: dt.date) -> DateMatch | None:
    """Resolve a part of a match ("next year" in "Thanksgiving of next year")."""
    found = _scan(lang, text, ref, whole=True)
    return found[0] if found else None


class _Parts(dict):
    """The named parts of a match; a part the construction lacks reads as None."""

    def __missing__(self, key: str) -> None:
        return None


def _year(g: _Parts, ref: dt.date) -> int | None:
    if g["y"]:
        return int(g["y"]) if len(g["y"]) == 4 else _two_digit_year(int(g["y"]), ref)
    return _two_digit_year(int(g["yy"] or g["ya"]), ref) if g["yy"] or g["ya"] else None


def _day_month(lang: _Language, a: int, b: int) -> tuple[int, int] | None:
    """(day, month) of an all-number date, in the language's order unless only the other fits."""
    day, month = (a, b) if lang.words["numeric_order"] == "dmy" else (b, a)
    if month > 12 >= day:
        day, month = month, day
    return (day, month) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _written(ref: dt.date, year: int | None, month: int | None, day: int | None,
             weekday: int | None = None, mod: int | None = None) -> Resolved:
    """A written day; without a year, the year nearest the reference, narrowed by a
    weekday that agrees ("martedì 6 gennaio") or by "scorso/prossimo" (-1/+1)."""
    if month is None or day is None:
        return None
    if year:
        d = _date(year, month, day)
    else:
        days = [d for y in (ref.year - 1, ref.year, ref.year + 1)
                if (d := _date(y, month, day)) and (mod not in (-1, 1) or (d - ref).days * mod >= 0)]
        if weekday is not None:
            days = [d for d in days if d.weekday() == weekday] or days
        d = _nearest(ref, days)
    return (d, "day", "explicit", False) if d else None


def _in_month(lang: _Language, g: _Parts, ref: dt.date) -> tuple[dt.date, str] | None:
    """The month a construction points at: a named month (nearest year if none) or
    "this/next/last month"; returns its first day and the basis."""
    month = _month(lang, g["m"])
    if month:
        return (dt.date(int(g["y"]), month, 1) if g["y"] else _nearest_month(ref, month)), "explicit"
    if g["rel"] is None:
        return None
    sub = _sub(lang, g["rel"], ref)
    return (sub.date if sub and sub.precision == "month" else _month_start(ref)), "relative"


# --------------------------------------------------------------------------- constructions

def _r_iso(lang, g, ref) -> Resolved:
    year, month = int(g["lead"]), int(g["m"])
    if year < 1000:
        return None
    if g["d"]:
        return _written(ref, year, month, int(g["d"]))
    return (dt.date(year, month, 1), "month", "explicit", False) if 1 <= month <= 12 else None


def _r_numeric(lang, g, ref) -> Resolved:
    parts = _day_month(lang, int(g["lead"]), int(g["b"]))
    return _written(ref, _year(g, ref), parts[1], parts[0]) if parts else None


def _r_dmy(lang, g, ref) -> Resolved:
    weekday = _lookup(lang, "weekday", g["lead"]) if g["d"] else None
    mod = _lookup(lang, "mod", g["mod"] or (g["lead"] if g["d"] and weekday is None else None))
    return _written(ref, _year(g, ref), _month(lang, g["m"]), _day(lang, g["d"] or g["lead"]), weekday, mod)


def _r_mdy(lang, g, ref) -> Resolved:
    weekday = _lookup(lang, "weekday", g["lead"]) if g["m"] else None
    return _written(ref, _year(g, ref), _month(lang, g["m"] or g["lead"]), _day(lang, g["d"]), weekday)


def _r_month_year(lang, g, ref) -> Resolved:
    month = _month(lang, g["lead"])
    return (dt.date(int(g["y"]), month, 1), "month", "explicit", False) if month else None


def _r_ordinal_weekday(lang, g, ref) -> Resolved:
    n, weekday = _rank(lang, g["lead"]), _lookup(lang, "weekday", g["wd"])
    if g["m"] and not g["y"]:
        month = _month(lang, g["m"])
        years = (ref.year - 1, ref.year, ref.year + 1)
        d = month and _nearest(ref, (_nth_weekday(dt.date(y, month, 1), weekday, n) for y in years))
        return (d, "day", "explicit", False) if d else None
    target = _in_month(lang, g, ref)
    d = target and _nth_weekday(target[0], weekday, n)
    return (d, "day", target[1], False) if d else None


def _r_weekday_after(lang, g, ref) -> Resolved:
    base = _sub(lang, g["h"], ref)
    if base is None:
        return None
    return _weekday_after(base.date, _lookup(lang, "weekday", g["wd"]), _rank(lang, g["lead"])), "day", base.basis, False


def _r_day_of_month(lang, g, ref) -> Resolved:
    n = _rank(lang, g["lead"])
    if g["last"] and n:
        n = -abs(n)
    if not n:
        return None
    if g["m"] and not g["y"]:
        month = _month(lang, g["m"])
        years = (ref.year - 1, ref.year, ref.year + 1)
        d = month and _nearest(ref, (_nth_day(dt.date(y, month, 1), n) for y in years))
        return (d, "day", "explicit", False) if d else None
    target = _in_month(lang, g, ref)
    d = target and _nth_day(target[0], n)
    return (d, "day", target[1], False) if d else None


def _r_day_of_rel_month(lang, g, ref) -> Resolved:
    target = _in_month(lang, g, ref)
    d = target and _nth_day(target[0], _day(lang, g["lead"]) or 0)
    return (d, "day", "relative", False) if d else None


def _r_ides(lang, g, ref) -> Resolved:
    month = _month(lang, g["m"])
    if month is None:
        return None
    day = 15 if month in (3, 5, 7, 10) else 13  # the Roman calendar's full-moon day
    return _written(ref, g["y"] and int(g["y"]), month, day)


def _r_holiday(lang, g, ref) -> Resolved:
    holiday = _lookup(lang, "holiday", g["h"] or g["lead"])
    if g["y"] or g["yrel"]:
        sub = None if g["y"] else _sub(lang, g["yrel"], ref)
        if not g["y"] and sub is None:
            return None
        days = _holiday_dates(holiday, int(g["y"]) if g["y"] else sub.date.year)
        return (days[0], "day", "explicit" if g["y"] else "relative", False) if days else None
    mod = _lookup(lang, "mod", g["mod2"] or (g["lead"] if g["h"] else None))
    d = _holiday_near(holiday, ref, mod)
    return (d, "day", "explicit" if mod is None else "relative", False) if d else None


def _shift(ref: dt.date, n: int | None, unit: str) -> Resolved:
    """n units from the reference (negative: ago). Months and years give a month."""
    if n is None:
        return None
    if unit in ("day", "week"):
        return ref + dt.timedelta(n * (7 if unit == "week" else 1)), "day", "relative", False
    return _month_start(ref, n * (12 if unit == "year" else 1)), "month", "relative", False


def _r_ago(lang, g, ref) -> Resolved:
    n = _number(lang, g["lead"])
    return _shift(ref, n and -n, _lookup(lang, "unit", g["u"]))


def _r_in(lang, g, ref) -> Resolved:
    return _shift(ref, _number(lang, g["n"]), _lookup(lang, "unit", g["u"]))


def _r_hence(lang, g, ref) -> Resolved:
    return _shift(ref, _number(lang, g["lead"]), _lookup(lang, "unit", g["u"]))


def _r_upcoming(lang, g, ref) -> Resolved:
    return _shift(ref, _number(lang, g["n"] or g["lead"]), _lookup(lang, "unit", g["u"]))


def _anchor(lang: _Language, g: _Parts, ref: dt.date) -> Resolved:
    """The date an offset counts from (see _ANCHOR)."""
    if g["h"]:
        return _r_holiday(lang, _Parts(h=g["h"], lead=g["hmod"], mod2=g["mod2"], y=g["y"], yrel=g["yrel"]), ref)
    if g["ay"]:
        return dt.date(int(g["ay"]), 1, 1), "year", "explicit", False
    month, day, year = _month(lang, g["m"]), g["d"] or g["d2"], g["my"] and int(g["my"])
    if g["d"] and g["d2"]:
        return None
    if day:
        return _written(ref, year, month, _day(lang, day))
    if not year and _lookup(lang, "month_name", g["m"]) is None:
        return None  # an abbreviation alone ("mar", "ago") is too often another word
    return (dt.date(year, month, 1) if year else _nearest_month(ref, month)), "month", "explicit", False


def _r_offset(lang, g, ref) -> Resolved:
    """"tre mesi prima di maggio 2014", "two weeks after March 3": a count of units back from
    the anchor's first day, or on from its last. The anchor bounds what the text supports:
    its precision and basis are kept ("three months before May 2014" is a month,
    "a year after 3 March 2020" a day)."""
    anchor, n, unit = _anchor(lang, g, ref), _number(lang, g["lead"]), _lookup(lang, "unit", g["u"])
    if anchor is None or n is None:
        return None
    d, precision, basis, _ = anchor
    if not g["before"]:
        d = _nth_day(d, -1) if precision == "month" else d.replace(month=12, day=31) if precision == "year" else d
    n = -n if g["before"] else n
    if unit in ("day", "week"):
        d += dt.timedelta(n * (7 if unit == "week" else 1))
    else:
        start = _month_start(d, n * (12 if unit == "year" else 1))
        d = start.replace(day=min(d.day, calendar.monthrange(start.year, start.month)[1]))
    if precision != "day":
        d = d.replace(day=1) if precision == "month" else d.replace(month=1, day=1)
    return d, precision, basis, False


def _r_weekday_count(lang, g, ref) -> Resolved:
    n, weekday = _number(lang, g["lead"]), _lookup(lang, "weekday", g["wd"])
    d = _weekday_after(ref, weekday, n) if g["hence"] else _weekday_before(ref, weekday, n)
    return d, "day", "relative", False


def _r_rel_unit(lang, g, ref) -> Resolved:
    mod = _lookup(lang, "mod", g["mod"] or g["lead"])
    unit = _lookup(lang, "unit", g["u"] or g["lead"])
    if unit == "week":
        return _week_start(ref, mod), "day", "relative", False
    if unit == "month":
        return _month_start(ref, mod), "month", "relative", False
    return dt.date(ref.year + mod, 1, 1), "year", "relative", False


def _r_weekday_of_week(lang, g, ref) -> Resolved:
    weeks = _lookup(lang, "mod", g["mod"] or g["mod2"])
    return _week_start(ref, weeks) + dt.timedelta(_lookup(lang, "weekday", g["lead"])), "day", "relative", False


def _r_weekday_after_next(lang, g, ref) -> Resolved:
    return _weekday_after(ref, _lookup(lang, "weekday", g["lead"]), 2), "day", "relative", False


def _r_weekday_mod(lang, g, ref) -> Resolved:
    mod = _lookup(lang, "mod", g["mod"] or g["lead"])
    weekday = _lookup(lang, "weekday", g["wd"] or g["lead"])
    if mod == -1:
        d = _weekday_before(ref, weekday)
    elif mod == 0:
        d = _week_start(ref) + dt.timedelta(weekday)
    elif lang.words["next_weekday"] == "following_week":
        d = _week_start(ref, 1) + dt.timedelta(weekday)
    else:
        d = _weekday_after(ref, weekday)
    return d, "day", "relative", False


def _r_weekday_day(lang, g, ref) -> Resolved:
    """"Tuesday the 19th": the nearest 19th that is a Tuesday, else nothing (likely a count)."""
    weekday, day = _lookup(lang, "weekday", g["lead"]), int(g["d"])
    days = (_nth_day(_month_start(ref, k), day) for k in (-1, 0, 1))
    d = _nearest(ref, (d for d in days if d and d.day == day and d.weekday() == weekday))
    return (d, "day", "explicit", False) if d else None


def _not_after(ref: dt.date, weekday: int) -> dt.date:
    """A weekday alone: the most recent such day not after the reference (spec 4)."""
    return ref - dt.timedelta((ref.weekday() - weekday) % 7)


def _r_night(lang, g, ref) -> Resolved:
    """The night that ends on the reference morning, or the morning after the named night's
    eve ("la notte tra sabato e domenica" -> domenica)."""
    named = g["wd2"] or g["wd"]
    d = _not_after(ref, _lookup(lang, "weekday", named)) if named else ref
    return d, "day", "relative", True


def _r_relative_day(lang, g, ref) -> Resolved:
    return ref + dt.timedelta(_lookup(lang, "relative", g["lead"])), "day", "relative", False


def _r_weekday(lang, g, ref) -> Resolved:
    return _not_after(ref, _lookup(lang, "weekday", g["lead"])), "day", "relative", False


def _r_month_mod(lang, g, ref) -> Resolved:
    month = _month(lang, g["m"] or g["lead"])
    mod = _lookup(lang, "mod", g["mod"] or g["lead"])
    if month is None or mod is None:
        return None
    year = ref.year + {-1: -(month >= ref.month), 0: 0, 1: month <= ref.month}[mod]
    return dt.date(year, month, 1), "month", "relative", False


def _r_month(lang, g, ref) -> Resolved:
    month = _month(lang, g["lead"])
    d = dt.date(int(g["y"]), month, 1) if g["y"] else _nearest_month(ref, month)
    return d, "month", "explicit", False


def _r_year(lang, g, ref) -> Resolved:
    year = int(g["lead"])
    if _lookup(lang, "era", g["era"]) == "bc" or year < 1 or (not g["era"] and year < 1000):
        return None  # no date before year 1 in datetime; bare short numbers are no years
    return dt.date(year, 1, 1), "year", "explicit", False


_RESOLVERS: dict[str, Callable[[_Language, _Parts, dt.date], Resolved]] = {
    name: globals()["_r_" + resolver] for name, resolver, _, _ in _CONSTRUCTIONS
}


# --------------------------------------------------------------------------- public API

def _cue_start(lang: _Language, low: str, start: int, cues: str) -> int | None:
    """Where the cue before a month or year alone begins ("in March", "fino a marzo"), or None."""
    before = low[max(0, start - 40):start]
    words = before.split()
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]) in lang.cues[cues]:
            return start - len(before) + before.rfind(words[-n])
    return None


def _blank(low: str) -> str:
    """The text with every separator a blank, offsets kept (for the marker). One regex
    substitution is cheaper for a sentence, one str.replace per sign for a longer text."""
    if len(low) < 200:
        return _SIGN.sub(" ", low)
    for sign in _BLANKED:
        low = low.replace(sign, " ")
    return low


_LONG_RUN = " " * (_RUN + 1)
_OTHER_DIGIT = re.compile(r"(?<= )[\u0660-\U0010ffff](?<=\d)")  # a word's first digit past ASCII


def _marks(lang: _Language, low: str) -> list[int]:
    """Where a finder may match in the lower-cased text (led by a blank), in order: where
    the marker's keys are found in the blanked text, but for first words that run on into
    a longer word and numbers that nothing datelike follows; and, rarely, the words just
    before a run of more than _RUN blanks or before digits of another script, where a key
    may start that the run or the digits keep from matching."""
    blanked = _blank(low)
    marks: set[int] = set()
    for end, (back, kind) in lang.marker.iter(blanked):
        start = end - back
        if kind == _PLAIN:
            marks.add(start)
        elif kind == _WORD_END:
            after = blanked[end + 1:end + 2]
            if not (after.isalnum() or after == "_"):
                marks.add(start)
        elif lang.number.match(blanked, start):
            marks.add(start)
    try:
        blanked.encode("latin-1")  # cheap, and it fails on any digit of another script
    except UnicodeEncodeError:
        for digit in _OTHER_DIGIT.finditer(blanked):
            if lang.number.match(blanked, digit.start() - 1):
                marks.add(digit.start() - 1)
            _words_before(blanked, digit.start() - 1, lang.reach, marks)
    run = blanked.find(_LONG_RUN)
    while run >= 0:
        _words_before(blanked, run, lang.reach, marks)
        run = blanked.find(_LONG_RUN, run + len(_LONG_RUN))
    return sorted(marks)


def _words_before(blanked: str, at: int, count: int, marks: set[int]) -> None:
    """Mark the blanks before the last `count` words that end before `at`."""
    head = blanked[:at].rstrip(" ")
    for _ in range(count):
        at = head.rfind(" ")
        if at < 0:
            return
        marks.add(at)
        head = head[:at].rstrip(" ")


def _scan(lang: _Language, text: str, ref: dt.date, whole: bool) -> list[DateMatch]:
    """Every expression in the text, leftmost first and none overlapping: the marker's
    one pass over the blanked text says where one may start, the finder for its first
    character tries there; `whole` says the text is known to be a date."""
    low = text.lower()
    if len(low) != len(text):  # keep offsets when a character lower-cases to two
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    low = " " + low  # the finder consumes the character before each match; offsets shift by one
    out, end = [], 0
    for start in _marks(lang, low):
        if start < end:
            continue
        first = low[start + 1]
        finder = lang.finders.get("0" if first.isdecimal() else first)
        if finder is None:
            continue
        found = finder[0].match(low, start)
        if found is None:
            continue
        start, end = found.start() + 1, found.end()
        name = finder[1][found.lastindex]
        cue = _cue_start(lang, low, start, _CUES[name]) if name in _CUES else start
        if cue is None:
            continue
        if name in _BARE:  # the span is its first word alone: nothing to parse
            parsed, g = None, _Parts(lead=low[start:end])
        else:
            parsed = lang.parsers[name].fullmatch(low, start, end)
            if parsed is None:
                continue
            g = _Parts(parsed.groupdict())
        if not whole and lang.capitalized_only and any(
                g[k] in lang.capitalized_only and text[(parsed.start(k) if parsed else start) - 1].islower()
                for k in ("lead", "m")):
            continue
        got = _RESOLVERS[name](lang, g, ref)
        if got:
            out.append(DateMatch(cue - 1, end - 1, text[cue - 1:end - 1], *got))
    return out


def find_dates(text: str, language: str, reference: dt.datetime) -> list[DateMatch]:
    """All date expressions in a sentence, in order, resolved against the reference's local day.

    Languages without a rule file have no dates: finding dates in running text is what
    the rules are for (dateparser's search over a text is slow and finds dates in "ora").
    """
    lang = _language(language)
    return _scan(lang, text, reference.date(), whole=False) if lang else []


def resolve(text: str, language: str, reference: dt.datetime) -> DateMatch | None:
    """The whole text read as one date expression (None if it holds no date).

    Unlike `find_dates`, ambiguous words ("may") count as dates here: the caller
    already says the text is a date. A language without a rule file is read by
    dateparser (see _foreign).
    """
    text = text.strip()
    lang = _language(language)
    if lang is None:
        return _foreign(text, language, reference.replace(tzinfo=None))
    found = _scan(lang, text, reference.date(), whole=True)
    return found[0] if found else None


_PERIODS = {"month": "month", "year": "year"}  # dateparser's period -> our precision; the rest are days


@lru_cache(maxsize=4096)
def _dateparser(text: str, language: str, base: dt.datetime) -> tuple[dt.date, str] | None:
    """dateparser's reading of one whole expression against a local reference time:
    its date and precision, or None. Cached: a call costs a millisecond or more, and
    the same expressions come back with the same publication time."""
    from dateparser.date import DateDataParser  # loaded on first use: it is slow to import

    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    try:
        data = DateDataParser(languages=[language], settings=settings).get_date_data(text)
    except ValueError:  # a language dateparser does not know either
        return None
    if data.date_obj is None:
        return None
    day, precision = data.date_obj.date(), _PERIODS.get(data.period, "day")
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = day.replace(month=1, day=1)
    return day, precision


def _foreign(text: str, language: str, base: dt.datetime) -> DateMatch | None:
    """An expression in a language without rules (fr, es, de, pt...), read by dateparser.
    Its basis is relative when its date moves with the reference: read a week later,
    "hier" or "il y a trois jours" give another day, "5 de marzo de 2024" the same one."""
    read = _dateparser(text, language, base)
    if read is None:
        return None
    later = _dateparser(text, language, base + dt.timedelta(days=7))
    basis = "explicit" if later == read else "relative"
    return DateMatch(0, len(text), text, read[0], read[1], basis)


def answer(record: dict) -> dict:
    """One `geoevents dates` answer: {"text", "language", "reference_time"} in,
    {"date", "precision", "basis"} out (nulls when the text holds no date)."""
    found = resolve(record["text"], record["language"], dt.datetime.fromisoformat(record["reference_time"]))
    if found is None:
        return {"date": None, "precision": None, "basis": None}
    return {"date": found.date.isoformat(), "precision": found.precision, "basis": found.basis}
