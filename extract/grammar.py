"""A language's function words, from the `grammar` section of its rule file, built into
the patterns the event reader uses to split clauses, find names, objects, agents and
counts, and to set dates aside.

The shape of each pattern (what stands before what, where it must end) is the same in
every language and lives here; the words are data, so a new language needs a rule file
and no code. Every key of GRAMMAR must be in the file: a missing one fails loudly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract import gazetteer
from extract.numbers import after_article, number_pattern
from extract.rulebook import Rulebook

GRAMMAR = (
    "parts", "contrast", "and", "name_links", "name_led", "article", "determiner", "portfolio",
    "relative", "subordinate", "participle", "passive", "names_next", "backref", "place_lead", "convened",
    "truce", "lasting", "date_lead", "noun_date", "of_date", "since", "since_clause", "until", "reporting", "range", "sequence",
    "paired_aux", "origin", "when", "succession", "that_year", "time_of", "day_part",
    "agent", "one", "approximately", "weapon_use", "group", "sidelines", "age",
)
I = re.IGNORECASE


@dataclass(frozen=True)
class Grammar:
    """Compiled once per language (see `of`)."""

    parts: re.Pattern[str]  # where another part of a sentence begins: a comma, a dash, "while"
    contrast: re.Pattern[str]  # a clause of contrast or simultaneity: "mentre a Lione pioveva"
    name: re.Pattern[str]  # a run of capitalised words: "Olga Brandt", "Lega dei Comuni"
    led: re.Pattern[str]  # a preposition before a name: a place, source or complement
    portfolio: re.Pattern[str]  # a minister's title before the name of the portfolio
    object_end: re.Pattern[str]  # where the object of a personnel verb ends
    relative: re.Pattern[str]  # a relative clause: "Ines Vo, who had chaired the board"
    aside: re.Pattern[str]  # a relative clause between commas: ", il cui testo è ancora in discussione,"
    passive: re.Pattern[str]  # an auxiliary of the passive right before the trigger
    names_next: re.Pattern[str]  # a trigger naming its person right after it: "replaced by"
    backref: re.Pattern[str]  # a change recalled by a preposition of time: "after the sackings"
    sidelines: re.Pattern[str]  # a gathering named as a setting: "on the sidelines of the summit"
    place_lead: str  # what may stand between a locative and its place
    convened: re.Pattern[str]  # "the announcement of the summit": its date is the announcement's
    span: re.Pattern[str]  # how long a truce holds: "for the harvest"
    noun_date: re.Pattern[str]  # a date naming another event or a bound: "the flood of April 3"
    since: re.Pattern[str]  # before a date opening a period: "since 2019", "dal 2019"
    since_word: re.Pattern[str]  # the same, as the date expression's own first word
    since_clause: re.Pattern[str]  # a period opened by an event: "since the war began in 2022"
    of_date: re.Pattern[str]  # a date that modifies a noun: "la frana del 3 aprile", "the flood of May 2023"
    when: re.Pattern[str]  # a clause told as happening at the time before it: ", quando ...", ", when ..."
    succession: re.Pattern[str]  # "in his place": the change that a report completes
    that_year: re.Pattern[str]  # right after a date: its year is that of the date told before
    time_of: re.Pattern[str]  # a time of day before "of"/"del": "the evening of Nov. 13"
    day_part: re.Pattern[str]  # a part of a day with no day: "in serata", "in the evening"
    not_a_date: re.Pattern[str]  # phrases the date finder reads as dates and are not: "la città natale"
    until: re.Pattern[str]  # before a bound or a deadline: "until Friday", "entro il 2035"
    until_word: re.Pattern[str]
    reporting: re.Pattern[str]  # a verb of saying right before a date: "officials said Tuesday"
    day_range: re.Pattern[str]  # a first day before another of one month: "il 7 e l'8 luglio"
    sequence: re.Pattern[str]  # a report told as following the one before: "shortly after"
    paired_subject: re.Pattern[str]  # between two people who change office together
    origin: re.Pattern[str]  # where an attack or the news comes from: "from Kyiv"
    agent: re.Pattern[str]  # the agent of a passive: "by"
    office: re.Pattern[str]  # an office named with its determiner: "the port director"
    offices_split: re.Pattern[str]  # between two offices: "and the"
    listed: re.Pattern[str]  # between people listed together: a comma or "and"
    and_word: re.Pattern[str]  # "and" as a word
    and_: str  # the words for "and"
    prepositions: str  # the prepositions that lead a name ("by", "di"): no adjective of a count
    one: str  # an article read as the number one
    approximately: str  # words before an approximate number
    counted: re.Pattern[str]  # an approximate count: "at least 10", "più di 30"
    weapon_use: str  # nouns that make a weapon a modifier: "a drone attack"
    group: re.Pattern[str]  # the start of a target that is a group of people: "three ministers"


def _w(words: str) -> str:
    return rf"(?<!\w)(?:{words})(?!\w)"


def _ends(words: str) -> re.Pattern[str]:
    """Words that end the text before a cue ("... replaced by", "dal"): searched at its end."""
    return re.compile(rf"(?<!\w)(?:{words})\s*$", I)


@lru_cache(maxsize=None)  # a Rulebook is hashed by identity: one grammar per loaded language
def of(book: Rulebook) -> Grammar:
    """The compiled grammar of a rulebook's language."""
    missing = [k for k in GRAMMAR if k not in book.grammar]
    if missing:
        raise ValueError(f"rule file {book.language}: grammar lacks {', '.join(missing)}")
    g = book.grammar
    punctuation_end = r"[;:()\"“”«»]|\s[-–—]\s"
    return Grammar(
        parts=re.compile(rf"[,;:]|\.\s|\s[-–—]\s|{_w(g['parts'])}", I),
        contrast=re.compile(_w(g["contrast"]), I),
        name=re.compile(rf"(?<![\w’']){gazetteer.CAPITALISED}(?:\s+(?:(?:{g['name_links']})\s+)?{gazetteer.CAPITALISED})*"),
        led=re.compile(rf"(?<!\w)(?:{g['name_led']})(?:\s+(?:(?:{g['article']})\s*)?|(?<=['’]))[‘'\"“«]?$", I),
        portfolio=_ends(g["portfolio"]),
        object_end=re.compile(rf"{punctuation_end}|,\s*(?:{g['relative']}|{g['subordinate']}|{g['participle']}|{g['reporting']})(?!\w)|"
                              rf"\s(?:{g['subordinate']})\s", I),
        relative=re.compile(rf"{_w(g['relative'])}[^,;]*", I),
        aside=re.compile(rf",\s*{_w(g['relative'])}[^,;]*,", I),
        passive=_ends(g["passive"]),
        names_next=re.compile(rf"(?<!\w)(?:{g['names_next']})$", I),
        backref=_ends(g["backref"]),
        # the setting phrase in any case, then up to five words of a name ("the Shanghai Cooperation Organisation (SCO)")
        sidelines=re.compile(rf"(?<!\w)(?i:{g['sidelines']})\s+(?:[A-Z(][\w()'’.-]*\s+){{0,5}}$"),
        place_lead=g["place_lead"],
        convened=_ends(g["convened"]),
        span=re.compile(rf"{_w(g['truce'])}[^,.;]{{0,40}}?(?<!\w)(?:{g['lasting']})\s+"
                        rf"(?:(?!(?:{g['date_lead']})(?!\w))[\w'’-]+\s+){{0,5}}$", I),
        noun_date=_ends(g["noun_date"]),
        since=_ends(g["since"]),
        since_word=re.compile(rf"(?:{g['since']})\b", I),
        since_clause=re.compile(rf"(?<!\w)(?:{g['since_clause']})(?!\w)[^,;:]{{0,90}}$", I),
        of_date=_ends(g["of_date"]),
        when=re.compile(rf"^[^,;:.]*,\s*(?:{g['when']})(?!\w)", I),
        succession=re.compile(_w(g["succession"]), I),
        that_year=re.compile(rf"\s*(?:{g['that_year']})(?!\w)", I),
        time_of=re.compile(rf"(?<!\w)(?:{g['time_of']})\s+(?:{g['of_date']})\s*$", I),
        day_part=re.compile(rf"(?:{g['day_part']})", I),
        not_a_date=re.compile(_w(g.get("not_a_date", "(?!)")), I),  # optional: most languages need none
        until=re.compile(rf"(?<!\w)(?:{g['until']})\s*(?:(?:{g['article']})\s*)?$", I),
        until_word=re.compile(rf"(?:{g['until']})\b", I),
        reporting=re.compile(rf"(?<!\w)(?:{g['reporting']})\s*$", I),
        day_range=re.compile(rf"(?<![\d.:/-])([0-3]?\d)(?:st|nd|rd|th)?\s*(?:{g['range']})\s*$", I),
        sequence=re.compile(_w(g["sequence"]), I),
        paired_subject=re.compile(rf"\s+(?:{g['and']})\s+[^,;:.()]{{3,40}}?,?\s+(?:(?:{g['paired_aux']})\s+)*", I),
        origin=_ends(g["origin"]),
        agent=re.compile(rf"\s*(?:{g['agent']})(?!\w)", I),
        office=re.compile(rf"\s*((?:{g['determiner']})\s+[^,.;:]{{3,80}})", I),
        offices_split=re.compile(rf"\s(?:{g['and']})\s(?=(?:{g['determiner']})\s)", I),
        listed=re.compile(rf",|{_w(g['and'])}", I),
        and_word=re.compile(_w(g["and"]), I),
        and_=g["and"],
        prepositions=g["name_led"],
        one=g["one"],
        approximately=g["approximately"],
        counted=re.compile(rf"(?<!\w)(?:{g['approximately']})\s+\d", I),
        weapon_use=g["weapon_use"],
        group=re.compile(rf"(?:{g['group']})(?!\w)", I),
    )


@lru_cache(maxsize=None)
def count_pattern(book: Rulebook, slot: str, singular: str | None) -> re.Pattern[str]:
    """A count of the nouns of `slot` (killed, injured, a weapon): a number shortly before
    them ("due feriti", "64 droni"), an article right before them ("un morto", not "a
    drone attack"), a number right after them ("killing five"), or a singular verb that
    says one ("è stato ucciso"). Each form has one group."""
    g = of(book)
    noun = book.raw_slots[slot]
    # a number, not an article read as one, unless it leads a round number ("a dozen", "una ventina")
    # ... and not an age ("una donna di 72 anni", "a 57-year-old man")
    counted = (rf"(?:(?:{g.one})\s+(?=(?:{after_article(book.language)})(?!\w))|(?!(?:{g.one})\s))"
               rf"({number_pattern(book.language)})(?!\s*(?:{book.grammar['age']})(?!\w))")
    lead = rf"(?:(?:{g.approximately})\s+)?"
    # up to three words between a number and its noun: not "and", nor a noun of another
    # count ("six dead and 11 hurt", "dozens hurt in Dnipro missile strike")
    other = "|".join(book.raw_slots[k] for k in ("killed", "injured", "weapons") if k != slot and not (
        slot.endswith("weapons") and k == "weapons"))
    gap = rf"(?:(?!(?:{g.and_}|{other})(?!\w))[\w’'-]+\s+){{0,3}}?"
    # "a ballistic missile": up to two adjectives after an article, for weapons only ("a drone strike killed")
    adjectives = rf"(?:(?!(?:{g.and_}|{g.prepositions})(?!\w))[\w-]+\s+){{0,2}}?" if slot.endswith("weapons") else ""
    alone = r"(?<![\w:./-])"  # not part of a time, a date or a code ("07:05", "20-09")
    return re.compile(
        rf"{alone}{lead}{counted}\s+{gap}(?:{noun})(?!\w)"
        rf"|(?<!\w)({g.one})\s+{adjectives}(?:{noun})(?!\w)(?!\s+(?:{g.weapon_use})(?!\w))"
        rf"|(?<!\w)(?:{noun})\s+{lead}{counted}(?![\w-])"
        rf"|(?<!\w)({singular or '(?!)'})(?!\w)",
        I,
    )


@lru_cache(maxsize=None)
def duration_probe(book: Rulebook) -> re.Pattern[str]:
    """The `duration` slot with any word for its number: a cheap test before the full pattern."""
    any_word = r"[\w-]+"
    return re.compile(rf"(?<!\w)(?:{book.raw_slots['duration'].replace('#', any_word)})(?!\w)", I)


@lru_cache(maxsize=None)
def duration_pattern(book: Rulebook) -> re.Pattern[str]:
    """The `duration` slot on whole words, each # in it a number (one group each)."""
    number = f"({number_pattern(book.language)})"
    return re.compile(rf"(?<!\w)(?:{book.raw_slots['duration'].replace('#', number)})(?!\w)", I)
