"""Tests for extract.dates: every construction in both languages, non-dates, and the
timex dev score. All sentences here are written for these tests."""
from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from extract import dates
from extract.dates import DateMatch, answer, find_dates, resolve

ROME = ZoneInfo("Europe/Rome")
# Thursday 8 January 2026, 07:15 in Rome.
REF = dt.datetime(2026, 1, 8, 7, 15, tzinfo=ROME)
SHARED = Path(__file__).resolve().parents[2] / "shared"


def got(text: str, language: str, ref: dt.datetime = REF) -> tuple[str, str, str] | None:
    found = resolve(text, language, ref)
    return found and (found.date.isoformat(), found.precision, found.basis)


@pytest.mark.parametrize("text, language, expected", [
    # written dates
    ("6 gennaio 2026", "it", ("2026-01-06", "day", "explicit")),
    ("martedì 6 gennaio", "it", ("2026-01-06", "day", "explicit")),
    ("il 1º marzo 2024", "it", ("2024-03-01", "day", "explicit")),
    ("il 3 dicembre", "it", ("2025-12-03", "day", "explicit")),
    ("06/01/2026", "it", ("2026-01-06", "day", "explicit")),
    ("06.01.2026", "it", ("2026-01-06", "day", "explicit")),
    ("2026-01-06", "it", ("2026-01-06", "day", "explicit")),
    ("28/12", "it", ("2025-12-28", "day", "explicit")),
    ("28 - 12", "it", ("2025-12-28", "day", "explicit")),
    ("5/11/98", "it", ("1998-11-05", "day", "explicit")),
    ("lo scorso 20 febbraio", "it", ("2025-02-20", "day", "explicit")),
    ("Jan. 6", "en", ("2026-01-06", "day", "explicit")),
    ("6th of January", "en", ("2026-01-06", "day", "explicit")),
    ("December 29, 2025", "en", ("2025-12-29", "day", "explicit")),
    ("Tuesday, January 6", "en", ("2026-01-06", "day", "explicit")),
    ("the second of December", "en", ("2025-12-02", "day", "explicit")),
    ("27-Dec-25", "en", ("2025-12-27", "day", "explicit")),
    ("11/30/2025", "en", ("2025-11-30", "day", "explicit")),
    ("30/11/2025", "en", ("2025-11-30", "day", "explicit")),
    ("12/24", "en", ("2025-12-24", "day", "explicit")),
    ("2025-11", "en", ("2025-11-01", "month", "explicit")),
    # month or year alone
    ("a novembre", "it", ("2025-11-01", "month", "explicit")),
    ("a marzo", "it", ("2026-03-01", "month", "explicit")),
    ("nel 2025", "it", ("2025-01-01", "year", "explicit")),
    ("settembre 2024", "it", ("2024-09-01", "month", "explicit")),
    ("in October", "en", ("2025-10-01", "month", "explicit")),
    ("in 2019", "en", ("2019-01-01", "year", "explicit")),
    ("August 2023", "en", ("2023-08-01", "month", "explicit")),
    ("in 300 AD", "en", ("0300-01-01", "year", "explicit")),
    # days around the reference
    ("oggi", "it", ("2026-01-08", "day", "relative")),
    ("stamattina", "it", ("2026-01-08", "day", "relative")),
    ("stasera", "it", ("2026-01-08", "day", "relative")),
    ("ieri", "it", ("2026-01-07", "day", "relative")),
    ("l'altro ieri", "it", ("2026-01-06", "day", "relative")),
    ("l'altroieri", "it", ("2026-01-06", "day", "relative")),
    ("altroieri", "it", ("2026-01-06", "day", "relative")),
    ("domani", "it", ("2026-01-09", "day", "relative")),
    ("dopodomani", "it", ("2026-01-10", "day", "relative")),
    ("today", "en", ("2026-01-08", "day", "relative")),
    ("yesterday", "en", ("2026-01-07", "day", "relative")),
    ("the day before yesterday", "en", ("2026-01-06", "day", "relative")),
    ("tomorrow", "en", ("2026-01-09", "day", "relative")),
    # counted spans
    ("tre giorni fa", "it", ("2026-01-05", "day", "relative")),
    ("2 settimane fa", "it", ("2025-12-25", "day", "relative")),
    ("fra 4 giorni", "it", ("2026-01-12", "day", "relative")),
    ("tra due settimane", "it", ("2026-01-22", "day", "relative")),
    ("sei mesi fa", "it", ("2025-07-01", "month", "relative")),
    ("three days ago", "en", ("2026-01-05", "day", "relative")),
    ("a week ago", "en", ("2026-01-01", "day", "relative")),
    ("in 10 days", "en", ("2026-01-18", "day", "relative")),
    ("5 days hence", "en", ("2026-01-13", "day", "relative")),
    ("two years ago", "en", ("2024-01-01", "month", "relative")),
    # last / next / this
    ("la settimana scorsa", "it", ("2025-12-29", "day", "relative")),
    ("il mese prossimo", "it", ("2026-02-01", "month", "relative")),
    ("lo scorso anno", "it", ("2025-01-01", "year", "relative")),
    ("quest'anno", "it", ("2026-01-01", "year", "relative")),
    ("lunedì scorso", "it", ("2026-01-05", "day", "relative")),
    ("sabato prossimo", "it", ("2026-01-10", "day", "relative")),
    ("next week", "en", ("2026-01-12", "day", "relative")),
    ("last month", "en", ("2025-12-01", "month", "relative")),
    ("this year", "en", ("2026-01-01", "year", "relative")),
    ("last Tuesday", "en", ("2026-01-06", "day", "relative")),
    ("next Saturday", "en", ("2026-01-17", "day", "relative")),
    ("last November", "en", ("2025-11-01", "month", "relative")),
    # weekday alone: most recent not after the reference
    ("lunedì", "it", ("2026-01-05", "day", "relative")),
    ("giovedì", "it", ("2026-01-08", "day", "relative")),
    ("on Friday", "en", ("2026-01-02", "day", "relative")),
    # ordinal weekdays and days of a month
    ("il primo martedì di ottobre", "it", ("2025-10-07", "day", "explicit")),
    ("l'ultima domenica di marzo 2026", "it", ("2026-03-29", "day", "explicit")),
    ("the last Sunday of March", "en", ("2026-03-29", "day", "explicit")),
    ("the second Monday of next month", "en", ("2026-02-09", "day", "relative")),
    ("the last day of February 2028", "en", ("2028-02-29", "day", "explicit")),
    # a count of units before or after a date: the date moved, as precise as the date
    ("tre mesi prima di maggio 2014", "it", ("2014-02-01", "month", "explicit")),
    ("due settimane dopo il 3 marzo", "it", ("2026-03-17", "day", "explicit")),
    ("una settimana prima di Natale", "it", ("2025-12-18", "day", "explicit")),
    ("quattro giorni dopo l'8 settembre 2023", "it", ("2023-09-12", "day", "explicit")),
    ("due anni dopo il 2019", "it", ("2021-01-01", "year", "explicit")),
    ("three months before May 2014", "en", ("2014-02-01", "month", "explicit")),
    ("two weeks after March 3", "en", ("2026-03-17", "day", "explicit")),
    ("a week before Christmas", "en", ("2025-12-18", "day", "explicit")),
    ("two days after May 2014", "en", ("2014-06-01", "month", "explicit")),  # after a month: after its end
    ("a year after February 29, 2024", "en", ("2025-02-28", "day", "explicit")),
    ("ten days after next Easter", "en", ("2026-04-15", "day", "relative")),  # the anchor's basis
    # a month something is set for, the nearest as any month alone
    ("rinviato per marzo", "it", ("2026-03-01", "month", "explicit")),
    ("previsto per il mese di ottobre", "it", ("2025-10-01", "month", "explicit")),
    ("set for March", "en", ("2026-03-01", "month", "explicit")),
    # holidays, nearest occurrence unless told otherwise
    ("Natale", "it", ("2025-12-25", "day", "explicit")),
    ("Capodanno", "it", ("2026-01-01", "day", "explicit")),
    ("Epifania", "it", ("2026-01-06", "day", "explicit")),
    ("Ferragosto", "it", ("2025-08-15", "day", "explicit")),
    ("Pasqua 2026", "it", ("2026-04-05", "day", "explicit")),
    ("Christmas Eve", "en", ("2025-12-24", "day", "explicit")),
    ("New Year's Day", "en", ("2026-01-01", "day", "explicit")),
    ("Halloween", "en", ("2025-10-31", "day", "explicit")),
    ("next Halloween", "en", ("2026-10-31", "day", "relative")),
    ("Thanksgiving 2024", "en", ("2024-11-28", "day", "explicit")),
    ("Christmas of last year", "en", ("2025-12-25", "day", "relative")),
    ("Eid al-Adha 2024", "en", ("2024-06-16", "day", "explicit")),
    ("Diwali 2024", "en", ("2024-10-31", "day", "explicit")),
    ("Chinese New Year 2024", "en", ("2024-02-10", "day", "explicit")),
    ("Yom Kippur 2023", "en", ("2023-09-24", "day", "explicit")),  # the eve, as the timex set cites it
])
def test_resolve(text: str, language: str, expected: tuple[str, str, str]) -> None:
    assert got(text, language) == expected


@pytest.mark.parametrize("text, language", [
    ("nella notte", "it"), ("stanotte", "it"), ("overnight", "en"), ("last night", "en"),
])
def test_night_cues_give_the_publication_day(text: str, language: str) -> None:
    found = resolve(text, language, REF)
    assert (found.date, found.basis, found.night) == (dt.date(2026, 1, 8), "relative", True)


def test_night_between_two_weekdays_is_the_morning_after() -> None:
    found = resolve("nella notte tra lunedì e martedì", "it", REF)
    assert (found.date, found.night) == (dt.date(2026, 1, 6), True)


@pytest.mark.parametrize("text, language", [
    ("LETTURA: 3 minuti", "it"), ("3 min read", "en"), ("ora", "it"), ("ora in", "it"),
    ("3 20", "it"), ("3,50 euro", "it"), ("$20", "en"), ("v2.1", "en"), ("versione 3.2", "it"),
    ("42", "en"), ("il 20% dei voti", "it"), ("alle 15:30", "it"), ("at 10:45", "en"),
    ("più di 2000 droni", "it"), ("they may attack", "en"), ("forze armate", "it"),
])
def test_non_dates_give_nothing(text: str, language: str) -> None:
    assert resolve(text, language, REF) is None
    assert find_dates(text, language, REF) == []


def test_find_dates_in_a_sentence_in_order_with_offsets() -> None:
    text = "Ieri il ministro ha detto che il vertice del 15 febbraio resta confermato, come a novembre."
    found = find_dates(text, "it", REF)
    assert [(f.text, f.date.isoformat(), f.precision) for f in found] == [
        ("Ieri", "2026-01-07", "day"), ("15 febbraio", "2026-02-15", "day"), ("a novembre", "2025-11-01", "month")]
    assert all(text[f.start:f.end] == f.text for f in found)


def test_find_dates_english_sentence() -> None:
    text = "Drones struck overnight, two days after the talks of Jan. 5 and a week before May 2026 polls."
    found = find_dates(text, "en", REF)
    assert [(f.text, f.date.isoformat()) for f in found] == [
        ("overnight", "2026-01-08"), ("Jan. 5", "2026-01-05"), ("a week before May 2026", "2026-04-01")]
    assert found[0].night


@pytest.mark.parametrize("text, language, expected", [
    # the date must follow the offset: "the talks" is none, so "4 March" stands alone
    ("The envoy quit two weeks before the governor's May 2027 election, three days after the talks of 4 March in Oslo.", "en",
     [("two weeks before the governor's May 2027", "2027-04-01", "month"), ("4 March", "2026-03-04", "day")]),
    ("Il piano, previsto per ottobre, fu firmato tre giorni dopo Ferragosto e due giorni dopo le nozze del 9 maggio a Bari.", "it",
     [("per ottobre", "2025-10-01", "month"), ("tre giorni dopo Ferragosto", "2025-08-18", "day"),
      ("9 maggio", "2026-05-09", "day")]),
    # a lower-case "may" is no month in running text, nor is a month's abbreviation alone
    ("It shut two weeks before may end and reopened a week after May 5.", "en", [("a week after May 5", "2026-05-12", "day")]),
    ("Due giorni prima di mar e gio la sala era vuota.", "it", []),
])
def test_an_offset_counts_from_the_date_right_after_it(text: str, language: str, expected: list) -> None:
    assert [(f.text, f.date.isoformat(), f.precision) for f in find_dates(text, language, REF)] == expected


def test_capitalised_only_month_word() -> None:
    assert [f.text for f in find_dates("It may 5 times fail; talks on May 5.", "en", REF)] == ["May 5"]


def test_reference_local_day_is_used() -> None:
    late = dt.datetime(2026, 1, 8, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert resolve("yesterday", "en", late).date == dt.date(2026, 1, 7)


def test_no_dates_found_in_running_text_of_a_language_without_rules() -> None:
    assert find_dates("Le ministre est parti hier soir.", "fr", REF) == []


@pytest.mark.parametrize("text, language, expected", [
    ("il y a trois jours", "fr", ("2026-01-05", "day", "relative")),
    ("hier", "fr", ("2026-01-07", "day", "relative")),
    ("mars 2024", "fr", ("2024-03-01", "month", "explicit")),
    ("5 de marzo de 2024", "es", ("2024-03-05", "day", "explicit")),
    ("en 2019", "es", ("2019-01-01", "year", "explicit")),
    ("gestern", "de", ("2026-01-07", "day", "relative")),
    ("vor drei Tagen", "de", ("2026-01-05", "day", "relative")),
    ("ontem", "pt", ("2026-01-07", "day", "relative")),
])
def test_languages_without_rules_are_read_by_dateparser(text: str, language: str, expected: tuple) -> None:
    assert got(text, language) == expected


@pytest.mark.parametrize("text, language", [("le ministre a parlé", "fr"), ("hier", "xx")])
def test_dateparser_non_dates_and_unknown_languages_give_nothing(text: str, language: str) -> None:
    assert resolve(text, language, REF) is None


def test_dateparser_readings_are_cached() -> None:
    dates._dateparser.cache_clear()
    resolve("avant-hier", "fr", REF)
    misses = dates._dateparser.cache_info().misses
    assert got("avant-hier", "fr") == ("2026-01-06", "day", "relative")
    assert dates._dateparser.cache_info().misses == misses


def _vocabulary(language: str) -> list[str]:
    """Every word listed in a language's rule file (the keys of its word tables too)."""
    words: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            words.update(map(str, value))
            value = list(value.values())
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            words.add(value)

    rules = Path(dates.__file__).parent / "rules" / "dates" / f"{language}.yaml"
    for value in yaml.safe_load(rules.read_text(encoding="utf-8")).values():
        walk(value)
    return sorted(x for x in words if not x.lstrip("-").isdigit())


@pytest.mark.parametrize("language", ["it", "en"])
def test_marker_hides_no_match(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The finders tried where the marker points find what they find tried after every
    separator of the text, on texts strung from the language's words, numbers and
    separators, sentences and longer; with long runs of blanks and digits of other
    scripts, which its keys do not spell."""
    rng = random.Random(7)
    lang = dates._language(language)
    words = _vocabulary(language) + ["3", "15", "2025", "1999", "06", "21st", "1º", "300", "il", "the", "city",
                                     "\u0663", "\u0661\u0665", "\u0968\u0966\u0968\u0967", "12345"]
    signs = [" ", " ", ", ", ". ", "\n", "(", "'", "’", "-", "/", ":", "«", "\u202f", "\xa0", "\u3000", "%", "",
             ".\n\n", "  \t ", "€", "_"]
    texts = ["".join(rng.choice(words) + rng.choice(signs) for _ in range(rng.randint(1, 40))) for _ in range(1500)]
    texts = [text.title() if rng.random() < 0.3 else text for text in texts]
    found = [[dates._scan(lang, text, REF.date(), whole) for whole in (False, True)] for text in texts]
    everywhere = re.compile(rf"{dates._BEFORE}(?=[{re.escape(''.join(lang.finders))}]|\d)")
    monkeypatch.setattr(dates, "_marks", lambda lang, low: [m.start() for m in everywhere.finditer(low)])
    for text, expected in zip(texts, found):
        assert expected == [dates._scan(lang, text, REF.date(), whole) for whole in (False, True)], text


@pytest.mark.parametrize("text, language, expected", [
    ("Lo ha detto tra \u0663 giorni.", "it", "tra \u0663 giorni"),  # a count in Arabic-Indic digits
    ("It opens in \u0968 weeks.", "en", "in \u0968 weeks"),  # in Devanagari digits
    ("Lo ha detto l'altro  \n\n  ieri.", "it", "l'altro  \n\n  ieri"),  # a long run of blanks
    ("It ended the day before\n\n\nyesterday.", "en", "the day before\n\n\nyesterday"),
])
def test_marker_keys_stretch_to_other_digits_and_long_runs(text: str, language: str, expected: str) -> None:
    assert [d.text for d in find_dates(text, language, REF)] == [expected]


def test_answer_record() -> None:
    record = {"text": "l'altro ieri", "language": "it", "reference_time": "2026-01-08T07:15:00+01:00"}
    assert answer(record) == {"date": "2026-01-06", "precision": "day", "basis": "relative"}
    assert answer({**record, "text": "3,50 euro"}) == {"date": None, "precision": None, "basis": None}


def test_match_is_frozen() -> None:
    found = resolve("oggi", "it", REF)
    assert isinstance(found, DateMatch)
    with pytest.raises(AttributeError):
        found.date = dt.date(2000, 1, 1)  # type: ignore[misc]


def _accuracy(path: Path) -> float:
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    n = {"day": 10, "month": 7, "year": 4}
    ok = 0
    for case in cases:
        date = answer(case)["date"]
        ok += bool(date) and date[:n[case["precision"]]] == case["expected_date"][:n[case["precision"]]]
    return ok / len(cases)


@pytest.mark.skipif(not (SHARED / "timex").exists(), reason="needs ../shared/timex beside the repo")
@pytest.mark.parametrize("name, floor", [("dev_it.jsonl", 1.0), ("dev_en.jsonl", 0.96)])
def test_timex_dev_accuracy(name: str, floor: float) -> None:
    assert _accuracy(SHARED / "timex" / name) >= floor
