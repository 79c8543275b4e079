"""Find and resolve date expressions in Italian and English news text.

Events are dated by the words around them (spec/events.md section 4), so every
sentence is scanned for dates. The words of each language live in
`rules/dates/{it,en}.yaml` and the holiday rules in `rules/dates/holidays.yaml`;
from them one regex per language is compiled once, so a sentence costs a single
regex pass, and small pure functions turn each match into a date against the
article's reference time. Lunar and lunisolar holidays come from the tables of
the `holidays` package and the Hebrew calendar of `pyluach`.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import yaml
from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

RULES = Path(__file__).parent / "rules" / "dates"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
UNIT_KEYS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class DateMatch:
    """One date expression found in a text, resolved against the reference time."""

    start: int  # char offsets in the text searched
    end: int
    text: str  # the words matched, e.g. "martedì 6 gennaio", "ieri"
    date: dt.date  # resolved date (first day of month/year for coarser precision)
    precision: str  # "day" | "month" | "year"
    basis: str  # "explicit" (a written date) | "relative" (ieri, last Tuesday...)
    night: bool = False  # a night cue (nella notte, stanotte, overnight, last night)


# --------------------------------------------------------------------------- vocabulary

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


def _alternation(words) -> str:
    """One regex for a word list, as a trie ("ma(?:rzo|ggio)") so that the regex engine
    rejects a non-matching word after a character or two; longer words win."""
    trie: dict = {}
    for word in {w.lower().replace("’", "'") for w in words}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [_char_pattern(ch, "" in child and len(child) == 1) + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(trie) + ")"


def _table(mapping: dict) -> dict[str, object]:
    """Invert {value: [words]} into {key(word): value}."""
    return {_key(w): value for value, words in mapping.items() for w in words}


@dataclass(frozen=True)
class _Language:
    words: dict  # the parsed yaml file
    tables: dict[str, dict[str, object]]  # kind -> key(word) -> value
    regex: re.Pattern


# The constructions, most specific first: at one position the first that matches wins.
# <<NAME>> is a word list from the language file; named groups carry the parts.
_NUMERIC_START = r"(?<![\d.,/\-])"
_NUMERIC_END = r"(?![.,/\-]?\d|\s*%)"
_CONSTRUCTIONS: list[tuple[str, str]] = [
    ("iso", _NUMERIC_START + r"(?P<iso_y>[12]\d{3})[\-/.](?P<iso_m>\d{1,2})(?:[\-/.](?P<iso_d>\d{1,2}))?"
     + _NUMERIC_END),
    ("dotted", _NUMERIC_START + r"(?P<dot_a>\d{1,2})\.(?P<dot_b>\d{1,2})\.(?P<dot_y>\d{4}|\d{2})" + _NUMERIC_END),
    ("numeric", _NUMERIC_START + r"(?P<num_a>\d{1,2})\s*[/\-]\s*(?P<num_b>\d{1,2})"
     r"(?:\s*[/\-]\s*(?P<num_y>\d{4}|\d{2}))?" + _NUMERIC_END),
    ("dmy", r"(?:(?P<dmy_wd><<WDA>>)\.?,?\s+)?(?:<<ART>>)?(?:(?P<dmy_mod><<MOD>>)\s+)?(?P<dmy_d><<DAY>>)"
     r"(?:\s+(?:<<OF>>)?|\s*[\-/]\s*)(?P<dmy_m><<MONTH>>)\.?"
     r"(?:(?:,?\s+(?:<<OF>>)?|\s*[\-/]\s*)(?P<dmy_y>[12]\d{3})(?!\d)|\s*[\-/]\s*(?P<dmy_yy>\d{2})"
     r"|\s+['’](?P<dmy_ya>\d{2}))?"),
    ("mdy", r"(?:(?P<mdy_wd><<WDA>>)\.?,?\s+)?(?P<mdy_m><<MONTH>>)\.?\s+(?:<<ART>>)?(?P<mdy_d><<DAY>>)"
     r"(?:,?\s+(?P<mdy_y>[12]\d{3}))?(?!\s*[:.]\d)"),
    ("month_year", r"(?P<my_m><<MONTH>>)\.?,?\s+(?:<<OF>>)?(?P<my_y>[12]\d{3})(?!\d)"),
    ("ordinal_weekday", r"(?:<<ART>>)?(?P<ow_n><<ORD>>)\s+(?P<ow_wd><<WD>>)\s+(?:<<OF>>)"
     r"(?:(?P<ow_m><<MONTH>>)(?:\s+(?P<ow_y>[12]\d{3}))?|(?P<ow_rel><<MONTHREL>>))"),
    ("weekday_after", r"(?:<<ART>>)?(?P<owa_n><<ORD>>)\s+(?P<owa_wd><<WD>>)\s+(?:<<AFTER>>)\s+"
     r"(?P<owa_h>(?:<<ART>>)?<<HOL>>(?:\s+(?:<<OF>>)?[12]\d{3})?)"),
    ("day_of_month", r"(?:<<ART>>)?(?:(?P<dm_n><<ORD>>|<<DAY>>)\s+)?(?P<dm_last><<LAST>>\s+)?<<DAYUNIT>>\s+"
     r"(?:<<OF>>)(?:(?P<dm_m><<MONTH>>)(?:\s+(?P<dm_y>[12]\d{3}))?|(?P<dm_rel><<MONTHREL>>))"),
    ("day_of_rel_month", r"(?:<<ART>>)?(?P<dr_d><<DAY>>)\s+(?:<<OF>>)(?P<dr_rel><<MONTHREL>>)"),
    ("ides", r"(?:<<ART>>)?<<IDES>>\s+(?:<<OF>>)(?P<ides_m><<MONTH>>)(?:\s+(?P<ides_y>[12]\d{3}))?"),
    ("holiday", r"(?:<<ART>>)?(?:(?P<h_mod><<MOD>>|<<NEAREST>>)\s+)?(?P<h_name><<HOL>>)"
     r"(?:\s+(?P<h_mod2><<MOD>>))?"
     r"(?:,?\s+(?:(?:<<YCUE>>)\s+)?(?P<h_y>[12]\d{3})(?!\d)|\s+(?:<<OF>>)?(?P<h_rel><<YEARREL>>))?"),
    ("ago", r"(?:(?P<ago_n><<NUM>>)\s+)?(?P<ago_u><<UNITS>>)\s+(?:<<AGO>>)"),
    ("in", r"(?:<<IN>>)\s+(?P<in_n><<NUM>>)\s+(?P<in_u><<UNITS>>)"),
    ("hence", r"(?P<hn_n><<NUM>>)\s+(?P<hn_u><<UNITS>>)\s+(?:<<HENCE>>)"),
    ("upcoming", r"(?:(?P<up_n><<NUM>>)\s+(?:<<UPCOMING>>)\s+(?P<up_u><<UNITS>>)"
     r"|(?:<<UPCOMING>>)\s+(?P<up_n2><<NUM>>)\s+(?P<up_u2><<UNITS>>))"),
    ("weekday_count", r"(?P<wc_n><<NUM>>)\s+(?P<wc_wd><<WD>>)\s+(?:(?P<wc_hence><<HENCE>>)|<<AGO>>)"),
    ("rel_unit", r"(?:<<ART>>)?(?:(?P<nu_m><<MOD>>)\s*(?P<nu_u><<UNIT>>)|(?P<nu_u2><<UNIT>>)\s+(?P<nu_m2><<MOD>>))"),
    ("weekday_of_week", r"(?P<ww_wd><<WD>>)\s+(?:<<OF>>)(?:<<ART>>)?"
     r"(?:(?P<ww_m><<MOD>>)\s*<<WEEKUNIT>>|<<WEEKUNIT>>\s+(?P<ww_m2><<MOD>>))"),
    ("weekday_after_next", r"(?P<wan_wd><<WD>>)\s+(?:<<AFTERNEXT>>)"),
    ("weekday_mod", r"(?:<<ART>>)?(?:(?P<wm_m><<MOD>>)\s+(?P<wm_wd><<WD>>)|(?P<wm_wd2><<WD>>)\s+(?P<wm_m2><<MOD>>))"),
    ("weekday_day", r"(?P<wdn_wd><<WD>>),?\s+(?:<<ART>>)?(?P<wdn_d>(?:0?[1-9]|[12]\d|3[01]))(?:st|nd|rd|th|º|°)?"
     r"(?![.,:]?\d)"),
    ("night", r"(?:<<NIGHT>>|(?:<<ART>>)?<<NIGHTWORD>>(?=\s+(?:<<NIGHTLINKS>>)\s+(?:<<ART>>)?<<WD>>))"
     r"(?:\s+(?:<<NIGHTLINKS>>)\s+(?:<<ART>>)?(?P<n_wd><<WD>>)"
     r"(?:\s+(?:<<NIGHTAND>>)\s+(?:<<ART>>)?(?P<n_wd2><<WD>>))?)?"),
    ("relative_day", r"(?P<rd><<REL>>)"),
    ("weekday", r"(?P<wd><<WD>>)"),
    ("month_mod", r"(?:<<ART>>)?(?:(?P<mm_mod><<MOD>>)\s+(?P<mm_m><<MONTHFULL>>)"
     r"|(?P<mm_m2><<MONTHFULL>>)\s+(?P<mm_mod2><<MOD>>))"),
    ("month", r"(?:<<MCUE>>)\s+(?P<mo_m><<MONTHFULL>>)(?:,?\s+(?:<<OF>>)?(?P<mo_y>[12]\d{3})(?!\d))?"),
    ("year", r"(?:(?:<<YCUE>>)\s+(?P<yr_y>[12]\d{3})(?:\s*(?P<yr_era><<ERA>>))?"
     r"|(?:(?:<<YCUE>>)\s+)?(?P<yr_y2>\d{1,4})\s*(?P<yr_era2><<ERA>>))"),
]


def _build_regex(w: dict) -> re.Pattern:
    """Compile the language's one regex from its word lists."""
    lists = {
        "MONTH": _alternation(x for names in w["months"].values() for x in names),
        "MONTHFULL": _alternation(names[0] for names in w["months"].values()),
        "WD": _alternation(x for names in w["weekdays"].values() for x in names),
        "WDA": _alternation([x for names in w["weekdays"].values() for x in names]
                            + [x for names in w["weekday_abbreviations"].values() for x in names]),
        "NUM": r"(?:\d{1,3}|" + _alternation(w["numbers"])[3:],
        "ORD": r"(?:\d{1,2}(?:st|nd|rd|th|º|°|ª)|" + _alternation(w["ordinals"])[3:],
        "DAY": r"(?:(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|º|°|ª)?(?!\d)|" + _alternation(w["day_words"])[3:],
        "UNIT": _alternation(x for k in UNIT_KEYS[1:] for x in w["units"][k]),
        "UNITS": _alternation(x for k in UNIT_KEYS for x in w["units"][k] + w["units_plural"][k]),
        "DAYUNIT": _alternation(w["units"]["day"]),
        "WEEKUNIT": _alternation(w["units"]["week"]),
        "MONTHUNIT": _alternation(w["units"]["month"]),
        "YEARUNIT": _alternation(w["units"]["year"] + w["units_plural"]["year"]),
        "REL": _alternation(x for names in w["relative_days"].values() for x in names),
        "MOD": _alternation(w["last"] + w["next"] + w["this"]),
        "ERA": _alternation(x for names in w["eras"].values() for x in names),
        "HOL": _alternation(x for names in w["holidays"].values() for x in names),
        "MCUE": _alternation(w["month_cues"]),
        "YCUE": _alternation(w["year_cues"]),
    }
    for name in ("night", "night_word", "night_links", "night_and", "ago", "hence", "in", "upcoming",
                 "after", "after_next", "last", "nearest", "ides"):
        lists[name.upper().replace("_", "")] = _alternation(w[name])
    lists["ART"] = _alternation(a if a.endswith("'") else a + " " for a in w["articles"])
    lists["OF"] = _alternation(a if a.endswith("'") else a + " " for a in w["of"])
    # "next month", "il mese prossimo", "the current month", "del mese"
    lists["MONTHREL"] = (r"(?:(?:<<ART>>)?(?:<<MOD>>\s*)?<<MONTHUNIT>>(?:\s+<<MOD>>)?)")
    # the year part of "Thanksgiving of next year", "Natale dell'anno scorso", "... 1 year ago"
    lists["YEARREL"] = (r"(?:(?:<<ART>>)?<<MOD>>\s*<<YEARUNIT>>|(?:<<ART>>)?<<YEARUNIT>>\s+<<MOD>>"
                        r"|<<NUM>>\s+<<YEARUNIT>>\s+<<AGO>>|<<IN>>\s+<<NUM>>\s+<<YEARUNIT>>)")

    def fill(pattern: str) -> str:
        while "<<" in pattern:
            pattern = re.sub(r"<<([A-Z]+)>>", lambda m: lists[m.group(1)], pattern)
        return pattern

    alternatives = "|".join(f"(?P<{name}>{fill(body)})" for name, body in _CONSTRUCTIONS)
    # Case-sensitive over lower-cased text: the engine then skips a branch on its first letter.
    return re.compile(rf"(?<![\w$€£])(?:{alternatives})(?!\w)")


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
    return _Language(w, tables, _build_regex(w))


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
    found = [d for d in candidates if d is not None]
    return min(found, key=lambda d: (abs((d - ref).days), d)) if found else None


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


def _lookup(lang: _Language, table: str, word: str | None):
    return None if word is None else lang.tables[table].get(_key(word))


def _number(lang: _Language, word: str | None) -> int | None:
    if word is None:
        return None
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else _lookup(lang, "number", word)


def _day(lang: _Language, word: str) -> int | None:
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else _lookup(lang, "day", word)


def _rank(lang: _Language, word: str) -> int | None:
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    return _lookup(lang, "ordinal", word) or _lookup(lang, "day", word)


def _month(lang: _Language, word: str | None) -> int | None:
    return _lookup(lang, "month", word)


def _sub(lang: _Language, text: str, ref: dt.date) -> DateMatch | None:
    """Resolve a part of a match ("next year" in "Thanksgiving of next year")."""
    found = _scan(lang, text, ref, whole=True)
    return found[0] if found else None


def _year(m: re.Match, ref: dt.date, four: str, *two: str) -> int | None:
    if m.group(four):
        return int(m.group(four))
    for name in two:
        if m.group(name):
            return _two_digit_year(int(m.group(name)), ref)
    return None


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
        days = [d for d in (_date(y, month, day) for y in (ref.year - 1, ref.year, ref.year + 1)) if d]
        if mod in (-1, 1):
            days = [d for d in days if (d - ref).days * mod >= 0]
        d = _nearest(ref, [d for d in days if d.weekday() == weekday] or days)
    return (d, "day", "explicit", False) if d else None


def _in_month(lang: _Language, m: re.Match, ref: dt.date, prefix: str) -> tuple[dt.date, str] | None:
    """The month a construction points at: a named month (nearest year if none) or
    "this/next/last month"; returns its first day and the basis."""
    parts = m.groupdict()
    month = _month(lang, parts.get(prefix + "_m"))
    if month:
        year = parts.get(prefix + "_y")
        if year:
            return dt.date(int(year), month, 1), "explicit"
        return _nearest_month(ref, month), "explicit"
    if m.group(prefix + "_rel") is None:
        return None
    sub = _sub(lang, m.group(prefix + "_rel"), ref)
    return (sub.date if sub and sub.precision == "month" else _month_start(ref)), "relative"


# --------------------------------------------------------------------------- constructions

def _r_iso(lang, m, ref) -> Resolved:
    year, month = int(m["iso_y"]), int(m["iso_m"])
    if m["iso_d"]:
        return _written(ref, year, month, int(m["iso_d"]))
    return (dt.date(year, month, 1), "month", "explicit", False) if 1 <= month <= 12 else None


def _r_numeric(lang, m, ref, a="num_a", b="num_b", y="num_y") -> Resolved:
    parts = _day_month(lang, int(m[a]), int(m[b]))
    if parts is None:
        return None
    year = m[y] and (int(m[y]) if len(m[y]) == 4 else _two_digit_year(int(m[y]), ref))
    return _written(ref, year, parts[1], parts[0])


def _r_dotted(lang, m, ref) -> Resolved:
    return _r_numeric(lang, m, ref, "dot_a", "dot_b", "dot_y")


def _r_dmy(lang, m, ref) -> Resolved:
    return _written(ref, _year(m, ref, "dmy_y", "dmy_yy", "dmy_ya"), _month(lang, m["dmy_m"]),
                    _day(lang, m["dmy_d"]), _lookup(lang, "weekday", m["dmy_wd"]), _lookup(lang, "mod", m["dmy_mod"]))


def _r_mdy(lang, m, ref) -> Resolved:
    return _written(ref, _year(m, ref, "mdy_y"), _month(lang, m["mdy_m"]), _day(lang, m["mdy_d"]),
                    _lookup(lang, "weekday", m["mdy_wd"]))


def _r_month_year(lang, m, ref) -> Resolved:
    month = _month(lang, m["my_m"])
    return (dt.date(int(m["my_y"]), month, 1), "month", "explicit", False) if month else None


def _r_ordinal_weekday(lang, m, ref) -> Resolved:
    n, weekday = _rank(lang, m["ow_n"]), _lookup(lang, "weekday", m["ow_wd"])
    if m["ow_m"] and not m["ow_y"]:
        month = _month(lang, m["ow_m"])
        if month is None:
            return None
        years = (ref.year - 1, ref.year, ref.year + 1)
        d = _nearest(ref, (_nth_weekday(dt.date(y, month, 1), weekday, n) for y in years))
        return (d, "day", "explicit", False) if d else None
    target = _in_month(lang, m, ref, "ow")
    d = target and _nth_weekday(target[0], weekday, n)
    return (d, "day", target[1], False) if d else None


def _r_weekday_after(lang, m, ref) -> Resolved:
    base = _sub(lang, m["owa_h"], ref)
    if base is None:
        return None
    d = _weekday_after(base.date, _lookup(lang, "weekday", m["owa_wd"]), _rank(lang, m["owa_n"]))
    return d, "day", base.basis, False


def _r_day_of_month(lang, m, ref) -> Resolved:
    n = _rank(lang, m["dm_n"]) if m["dm_n"] else None
    if m["dm_last"]:
        n = -abs(n or 1)
    if not n:
        return None
    if m["dm_m"] and not m["dm_y"]:
        month = _month(lang, m["dm_m"])
        years = (ref.year - 1, ref.year, ref.year + 1)
        d = month and _nearest(ref, (_nth_day(dt.date(y, month, 1), n) for y in years))
        return (d, "day", "explicit", False) if d else None
    target = _in_month(lang, m, ref, "dm")
    d = target and _nth_day(target[0], n)
    return (d, "day", target[1], False) if d else None


def _r_day_of_rel_month(lang, m, ref) -> Resolved:
    target = _in_month(lang, m, ref, "dr")
    d = target and _nth_day(target[0], _day(lang, m["dr_d"]) or 0)
    return (d, "day", "relative", False) if d else None


def _r_ides(lang, m, ref) -> Resolved:
    month = _month(lang, m["ides_m"])
    if month is None:
        return None
    day = 15 if month in (3, 5, 7, 10) else 13  # the Roman calendar's full-moon day
    return _written(ref, m["ides_y"] and int(m["ides_y"]), month, day)


def _r_holiday(lang, m, ref) -> Resolved:
    holiday = _lookup(lang, "holiday", m["h_name"])
    if m["h_y"] or m["h_rel"]:
        if m["h_y"]:
            year = int(m["h_y"])
        else:
            sub = _sub(lang, m["h_rel"], ref)
            if sub is None:
                return None
            year = sub.date.year
        days = _holiday_dates(holiday, year)
        return (days[0], "day", "explicit" if m["h_y"] else "relative", False) if days else None
    mod = _lookup(lang, "mod", m["h_mod"] or m["h_mod2"])
    d = _holiday_near(holiday, ref, mod)
    return (d, "day", "explicit" if mod is None else "relative", False) if d else None


def _shift(ref: dt.date, n: int, unit: str) -> Resolved:
    """n units from the reference (negative: ago). Months and years give a month."""
    if unit in ("day", "week"):
        return ref + dt.timedelta(n * (7 if unit == "week" else 1)), "day", "relative", False
    return _month_start(ref, n * (12 if unit == "year" else 1)), "month", "relative", False


def _r_ago(lang, m, ref) -> Resolved:
    return _shift(ref, -(_number(lang, m["ago_n"]) or 1), _lookup(lang, "unit", m["ago_u"]))


def _r_in(lang, m, ref) -> Resolved:
    return _shift(ref, _number(lang, m["in_n"]), _lookup(lang, "unit", m["in_u"]))


def _r_hence(lang, m, ref) -> Resolved:
    return _shift(ref, _number(lang, m["hn_n"]), _lookup(lang, "unit", m["hn_u"]))


def _r_upcoming(lang, m, ref) -> Resolved:
    return _shift(ref, _number(lang, m["up_n"] or m["up_n2"]), _lookup(lang, "unit", m["up_u"] or m["up_u2"]))


def _r_weekday_count(lang, m, ref) -> Resolved:
    n, weekday = _number(lang, m["wc_n"]), _lookup(lang, "weekday", m["wc_wd"])
    d = _weekday_after(ref, weekday, n) if m["wc_hence"] else _weekday_before(ref, weekday, n)
    return d, "day", "relative", False


def _r_rel_unit(lang, m, ref) -> Resolved:
    mod = _lookup(lang, "mod", m["nu_m"] or m["nu_m2"])
    unit = _lookup(lang, "unit", m["nu_u"] or m["nu_u2"])
    if unit == "week":
        return _week_start(ref, mod), "day", "relative", False
    if unit == "month":
        return _month_start(ref, mod), "month", "relative", False
    return dt.date(ref.year + mod, 1, 1), "year", "relative", False


def _r_weekday_of_week(lang, m, ref) -> Resolved:
    weeks = _lookup(lang, "mod", m["ww_m"] or m["ww_m2"])
    return _week_start(ref, weeks) + dt.timedelta(_lookup(lang, "weekday", m["ww_wd"])), "day", "relative", False


def _r_weekday_after_next(lang, m, ref) -> Resolved:
    return _weekday_after(ref, _lookup(lang, "weekday", m["wan_wd"]), 2), "day", "relative", False


def _r_weekday_mod(lang, m, ref) -> Resolved:
    mod = _lookup(lang, "mod", m["wm_m"] or m["wm_m2"])
    weekday = _lookup(lang, "weekday", m["wm_wd"] or m["wm_wd2"])
    if mod == -1:
        d = _weekday_before(ref, weekday)
    elif mod == 0:
        d = _week_start(ref) + dt.timedelta(weekday)
    elif lang.words["next_weekday"] == "following_week":
        d = _week_start(ref, 1) + dt.timedelta(weekday)
    else:
        d = _weekday_after(ref, weekday)
    return d, "day", "relative", False


def _r_weekday_day(lang, m, ref) -> Resolved:
    """"Tuesday the 19th": the nearest 19th that is a Tuesday, else nothing (likely a count)."""
    weekday, day = _lookup(lang, "weekday", m["wdn_wd"]), int(m["wdn_d"])
    start = _month_start(ref)
    days = (_nth_day(_month_start(start, k), day) for k in (-1, 0, 1))
    d = _nearest(ref, (d for d in days if d and day <= 31 and d.day == day and d.weekday() == weekday))
    return (d, "day", "explicit", False) if d else None


def _not_after(ref: dt.date, weekday: int) -> dt.date:
    """A weekday alone: the most recent such day not after the reference (spec 4)."""
    return ref - dt.timedelta((ref.weekday() - weekday) % 7)


def _r_night(lang, m, ref) -> Resolved:
    """The night that ends on the reference morning, or the morning after the named night's
    eve ("la notte tra sabato e domenica" -> domenica)."""
    named = m["n_wd2"] or m["n_wd"]
    d = _not_after(ref, _lookup(lang, "weekday", named)) if named else ref
    return d, "day", "relative", True


def _r_relative_day(lang, m, ref) -> Resolved:
    return ref + dt.timedelta(_lookup(lang, "relative", m["rd"])), "day", "relative", False


def _r_weekday(lang, m, ref) -> Resolved:
    return _not_after(ref, _lookup(lang, "weekday", m["wd"])), "day", "relative", False


def _r_month_mod(lang, m, ref) -> Resolved:
    month = _month(lang, m["mm_m"] or m["mm_m2"])
    mod = _lookup(lang, "mod", m["mm_mod"] or m["mm_mod2"])
    if month is None:
        return None
    year = ref.year + {-1: -(month >= ref.month), 0: 0, 1: month <= ref.month}[mod]
    return dt.date(year, month, 1), "month", "relative", False


def _r_month(lang, m, ref) -> Resolved:
    month = _month(lang, m["mo_m"])
    if month is None:
        return None
    d = dt.date(int(m["mo_y"]), month, 1) if m["mo_y"] else _nearest_month(ref, month)
    return d, "month", "explicit", False


def _r_year(lang, m, ref) -> Resolved:
    era = _lookup(lang, "era", m["yr_era"] or m["yr_era2"])
    year = int(m["yr_y"] or m["yr_y2"])
    if era == "bc" or year < 1:
        return None  # no date before year 1 in datetime
    return dt.date(year, 1, 1), "year", "explicit", False


_RESOLVERS: dict[str, Callable[..., Resolved]] = {
    name: globals()["_r_" + name] for name, _ in _CONSTRUCTIONS
}


# --------------------------------------------------------------------------- public API

def _ambiguous(lang: _Language, m: re.Match, text: str) -> bool:
    """A month name that is also a common word ("may") written in lower case."""
    return any(value in lang.words["capitalized_only"] and text[m.start(name)].islower()
               for name, value in m.groupdict().items() if value and name.endswith(("_m", "_m2")))


def _scan(lang: _Language, text: str, ref: dt.date, whole: bool) -> list[DateMatch]:
    """One pass of the language regex; `whole` says the text is known to be a date."""
    low = text.lower()
    if len(low) != len(text):  # keep offsets when a character lower-cases to two
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    out = []
    for m in lang.regex.finditer(low):
        if not whole and _ambiguous(lang, m, text):
            continue
        got = _RESOLVERS[m.lastgroup](lang, m, ref)
        if got:
            out.append(DateMatch(m.start(), m.end(), text[m.start():m.end()], *got))
    return out


def find_dates(text: str, language: str, reference: dt.datetime) -> list[DateMatch]:
    """All date expressions in a sentence, in order, resolved against the reference's local day.

    Languages without a rule file have no dates.
    """
    lang = _language(language)
    return _scan(lang, text, reference.date(), whole=False) if lang else []


def resolve(text: str, language: str, reference: dt.datetime) -> DateMatch | None:
    """The whole text read as one date expression (None if it holds no date).

    Unlike `find_dates`, ambiguous words ("may") count as dates here: the caller
    already says the text is a date.
    """
    lang = _language(language)
    found = _scan(lang, text.strip(), reference.date(), whole=True) if lang else []
    return found[0] if found else None


def answer(record: dict) -> dict:
    """One `geoevents dates` answer: {"text", "language", "reference_time"} in,
    {"date", "precision", "basis"} out (nulls when the text holds no date)."""
    found = resolve(record["text"], record["language"], dt.datetime.fromisoformat(record["reference_time"]))
    if found is None:
        return {"date": None, "precision": None, "basis": None}
    return {"date": found.date.isoformat(), "precision": found.precision, "basis": found.basis}
