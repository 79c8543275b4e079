"""Publication dates as outlets write them, read with the patterns in `rules/datelines/`.

A dateline is read into its parts first and given a time zone later, because
the zone depends on the outlet, which the caller may learn elsewhere in the page.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from extract import rules

_ISO = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
)
_RFC2822 = re.compile(r"(?:\w{3}, )?\d{1,2} \w{3} \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|\w{1,5})")
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")


PLAUSIBLE_YEARS = (1800, 2200)


@dataclass(frozen=True)
class Dateline:
    """The parts of a date as written; `zone` only when the text names one."""

    year: int | None
    month: int
    day: int
    hour: int | None = None
    minute: int | None = None
    zone: dt.tzinfo | None = None

    def to_datetime(self, local: dt.tzinfo) -> tuple[dt.datetime, str] | None:
        """The aware time and its precision ("minute"/"day"); None if not a real date.

        The time stays in the zone the text names ("01:31 am EDT" is the outlet's
        local time), told in `local` only when that zone has the same offset then;
        with no zone named, `local` (the outlet's zone as far as it is known).
        """
        if self.year is None or not PLAUSIBLE_YEARS[0] <= self.year <= PLAUSIBLE_YEARS[1]:
            return None  # no year, or one no news archive holds: the time is unknown, not guessed
        try:
            if self.hour is None or self.minute is None:
                return dt.datetime(self.year, self.month, self.day, tzinfo=local), "day"
            stamp = dt.datetime(self.year, self.month, self.day, self.hour, self.minute,
                                tzinfo=self.zone or local)
        except ValueError:
            return None
        in_local = stamp.astimezone(local)
        return (in_local if in_local.utcoffset() == stamp.utcoffset() else stamp), "minute"


def zone(name: str) -> dt.tzinfo:
    """An IANA zone, a "+01:00" offset, or an abbreviation from rules/outlets.yaml."""
    name = rules.table("outlets")["time_zones"]["abbreviations"].get(name.upper(), name)
    offset = _OFFSET.fullmatch(name)
    if offset:
        sign = -1 if offset[1] == "-" else 1
        return dt.timezone(sign * dt.timedelta(hours=int(offset[2]), minutes=int(offset[3])))
    return dt.timezone.utc if name.upper() == "UTC" else ZoneInfo(name)


def _names(words: Iterable[object]) -> str:
    """An alternation of words, longest first so that "gennaio" beats "gen"."""
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _patterns() -> list[tuple[re.Pattern[str], dict[str, int]]]:
    """Every language's dateline patterns, compiled once, with that language's month names."""
    abbreviations = _names(rules.table("outlets")["time_zones"]["abbreviations"])
    words = rules.by_language("dates")
    compiled = []
    for language, data in rules.by_language("datelines").items():
        names = words.get(language, {})
        months = {str(name).lower(): int(n) for n, group in names.get("months", {}).items() for name in group}
        weekdays = [w for key in ("weekdays", "weekday_abbreviations")
                    for group in names.get(key, {}).values() for w in group]
        separators = _names(data.get("separators", []))
        parts = {
            "weekday": rf"(?:{_names(weekdays)})",
            "day": r"(?P<day>[0-3]?\d)(?!\d)",
            "month": rf"(?P<month>{_names(months)})\b",
            "monthnum": r"(?P<monthnum>[01]?\d)(?!\d)",
            "year": r"(?P<year>(?:19|20)\d{2})(?!\d)",
            "time": (r"(?P<hour>[01]?\d|2[0-3])[:.h](?P<minute>[0-5]\d)(?:[:.][0-5]\d)?"
                     r"(?: ?(?P<ampm>[ap]\.?m\.?))?"
                     rf"(?: ?(?P<zone>(?:{abbreviations})\b|[+-]\d{{2}}:?\d{{2}}))?"),
            "sep": rf"\s*[|,·•–—-]?\s*(?:\b(?:{separators})\b\.?\s*)?" if separators else r"\s*[|,·•–—-]?\s*",
            "place": r"(?-i:[A-ZÀ-Ý])[\w'’.-]*(?: [\w'’.-]+){0,3}",
            "dash": r"[-–—]",
        }
        for template in data["patterns"]:
            source = re.sub(r" (?![?*+{])", r"\\s+", template)
            source = re.sub(r"\{(\w+)\}", lambda m: parts[m[1]], source)
            compiled.append((re.compile(source, re.IGNORECASE), months))
    return compiled


def _from_match(m: re.Match[str], months: dict[str, int]) -> Dateline | None:
    groups = m.groupdict()
    month = months[groups["month"].lower()] if groups.get("month") else int(groups["monthnum"])
    if not 1 <= month <= 12:
        return None
    hour = int(groups["hour"]) if groups.get("hour") else None
    if hour is not None and groups.get("ampm"):
        hour = hour % 12 + (12 if groups["ampm"][0].lower() == "p" else 0)
    return Dateline(
        year=int(groups["year"]) if groups.get("year") else None,
        month=month,
        day=int(groups["day"]),
        hour=hour,
        minute=int(groups["minute"]) if groups.get("minute") else None,
        zone=zone(groups["zone"]) if groups.get("zone") else None,
    )


def _machine(text: str) -> Dateline | None:
    """ISO 8601 and RFC 2822 stamps, as feeds and page metadata write them."""
    iso = _ISO.fullmatch(text)
    if iso:
        try:
            stamp = dt.datetime.fromisoformat(text.replace(" ", "T"))
        except ValueError:
            return None
        if iso["time"] is None:
            return Dateline(stamp.year, stamp.month, stamp.day)
        return Dateline(stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.tzinfo)
    if _RFC2822.fullmatch(text):
        try:
            stamp = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        return Dateline(stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute,
                        stamp.tzinfo or dt.timezone.utc)
    return None


def parse_date(text: str) -> Dateline | None:
    """`text` read as a date and nothing else: a dateline line or a feed's date field."""
    text = " ".join(text.split())
    if not text or len(text) > 80 or not any(c.isdigit() for c in text):
        return None
    found = _machine(text)
    if found:
        return found
    for pattern, months in _patterns():
        m = pattern.fullmatch(text)
        if m:
            return _from_match(m, months)
    return None


# Dates outlets put in article URLs: /2024/08/18/, /2024-08-18-, _20240818_.
_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?:/|-|_)?(?P<m>0[1-9]|1[0-2])(?:/|-|_)?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")


def from_url(url: str | None) -> Dateline | None:
    """The date in an article's URL path, if it holds a whole one."""
    if not url:
        return None
    m = _URL_DATE.search(url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0])
    if not m:
        return None
    try:
        dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return Dateline(int(m["y"]), int(m["m"]), int(m["d"]))


def complete(written: Dateline | None, url: Dateline | None) -> Dateline | None:
    """A dateline with no year ("ROMA, 7 DIC -") takes the year of the URL's date;
    with no dateline at all, the URL's date stands."""
    if written is None:
        return url
    if written.year is None and url is not None:
        year = url.year - 1 if (written.month, url.month) == (12, 1) else url.year  # late-December datelines
        return Dateline(year, written.month, written.day, written.hour, written.minute, written.zone)
    return written


def match_dateline(text: str) -> Dateline | None:
    """A dateline opening a paragraph ("ROMA, 7 DIC - ...", "OSLO, Aug. 14 — ...")."""
    head = text[:120]
    for pattern, months in _patterns():
        m = pattern.match(head)
        if m:
            return _from_match(m, months)
    return None


def dateline_end(text: str) -> int:
    """Where a dateline opening this text ends (0 when none): its date is the dispatch's,
    not that of what the dispatch reports."""
    head = text[:120]
    return max((m.end() for pattern, _ in _patterns() if (m := pattern.match(head))), default=0)


# A place in capitals opening a dispatch: "LUSAKA -", "IL CAIRO, 6 MAG -", "NEW DELHI:".
_FILED_FROM = re.compile(r"\s*((?:[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+)(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ'’.-]*){0,3})\s*(?=[,(:]|[-–—]\s)")


def filed_from(text: str) -> str | None:
    """The place a dispatch is filed from, as its opening capitals give it, in title case
    ("NEW DELHI: ..." -> "New Delhi"); None when the text opens otherwise."""
    m = _FILED_FROM.match(text)
    if not m or len(m.group(1).replace(" ", "")) < 3:
        return None
    return " ".join(w[:1] + w[1:].lower() for w in m.group(1).split())
