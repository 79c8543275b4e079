"""Article -> event mentions, by the rule files of its language.

One compiled pattern per language finds every trigger in a sentence; each
hit goes to the rules that own its words, which check their context, the
modality of the clause (conditional, negated, generic -> no event), and then
fill the slots (place, actors, target, counts) and the date. Slot readers are
shared by event families and take their vocabulary from the rule file.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from extract import dates, gazetteer, rulebook
from extract.model import Article, Mention
from extract.numbers import number_pattern, parse_count
from extract.rulebook import Rule, Rulebook
from extract.text import Sentence, split_sentences

STRIKES = ("drone_strike", "missile_strike")
PERSONNEL = ("dismissal", "resignation", "appointment")

# Where a clause begins, for the modality window: strong punctuation, quotes, dashes.
_CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]\"“”«»]|\s[-–—]\s")
_WORD = re.compile(r"[\w’'-]+")
# A run of capitalised words: a name ("Vasyl Malyuk", "Coalizione dei Volenterosi").
_NAME = re.compile(
    rf"(?<![\w’']){gazetteer.CAPITALISED}(?:\s+(?:(?:di|del|dei|della|de|of|the|bin|al|von|van|da)\s+)?{gazetteer.CAPITALISED})*"
)
# A name led by a preposition ("in Senato", "by the 'Mail'") is a place, source or
# complement, never the person who resigns or is removed.
_LED = re.compile(r"(?:\b(?:a|ad|al|alla|allo|ai|da|dal|dalla|dai|in|nel|nella|su|sul|per|con|di|del|della|dei|"
                  r"by|to|from|in|at|on|for|with|of)\s+(?:the\s+|il\s+|la\s+|l['’])?[‘'\"“«]?)$", re.I)
# Where the object of a personnel verb ends: a subordinate clause or a new sentence part.
_OBJECT_END = re.compile(r"[;:()\"“”«»]|\s[-–—]\s|,\s*(?:che|who|which|after|dopo|mentre|while|because|perché)\b|"
                         r"\s(?:after|dopo|because|perché|when|quando|mentre|while)\s", re.I)
_PASSIVE = re.compile(r"(?:è|e'|sono|è stat[oa]|sono stat[ie]|è stat[oa] ufficialmente|was|were|has been|have been|had been|is|are)\s*$", re.I)


def extract_mentions(article: Article, book: Rulebook | None = None) -> list[Mention]:
    """Every event mention in an article, by `book` or the rule file of its language;
    none for a language without rules."""
    book = book or rulebook.load(article.language)
    if book is None:
        return []
    sentences = split_sentences(article.text, article.title)
    mentions: list[Mention] = []
    for sentence in sentences:
        seen: set[tuple] = set()
        for hit in book.triggers.finditer(sentence.text):
            for rule in book.rules_for(hit.group()):
                if not _fires(rule, book, sentence.text, hit):
                    continue
                mention = _read(rule, book, sentence, hit, article, sentences, mentions)
                key = (mention.event_type, mention.location, mention.target)
                if key not in seen:
                    seen.add(key)
                    mentions.append(mention)
    return _attach_headings(_carry_dates(mentions, sentences), sentences)


def _fires(rule: Rule, book: Rulebook, text: str, hit: re.Match[str]) -> bool:
    """Context and modality: does this trigger report a real (or firmly scheduled) event?"""
    if rule.requires and not rule.requires.search(text):
        return False
    if rule.excludes and rule.excludes.search(text):
        return False
    before = _clause_before(text, hit.start())
    window = " ".join(_WORD.findall(before)[-book.window:])
    if book.void_before.search(window):
        return False
    rest = _clause_after(text, hit.end())
    if text[hit.end() + len(rest):hit.end() + len(rest) + 1] == "?":  # a question reports nothing
        return False
    return not book.void_after.search(" ".join(_WORD.findall(rest)[:6]))


def _clause_before(text: str, pos: int) -> str:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, pos)]
    return text[breaks[-1] if breaks else 0:pos]


def _clause_after(text: str, pos: int) -> str:
    end = _CLAUSE_BREAK.search(text, pos)
    return text[pos:end.start() if end else len(text)]


def _read(rule: Rule, book: Rulebook, sentence: Sentence, hit: re.Match[str], article: Article,
          sentences: list[Sentence], earlier: list[Mention]) -> Mention:
    text = sentence.text
    places = gazetteer.find_places(text)
    demonyms = gazetteer.find_demonyms(text, book.language)
    names = [m for m in _NAME.finditer(text) if not _is_place(m, places) and not _stopword(m, text, book)]
    location, country = _place(rule.type, book, text, hit, places, demonyms)
    if rule.type in STRIKES and location is None and country is None:
        location, country = _paragraph_place(sentence, sentences, earlier)
    actors, target = _parties(rule.type, book, text, hit, names, demonyms)
    if country is None and rule.type in PERSONNEL:  # an office is in the state of who fills it
        known = gazetteer.actor_countries(" ".join([*actors, target or "", text]))
        country = known[0] if known else None
    date, precision, basis, date_text = _date(text, hit, sentence, sentences, article)
    window = " ".join(_WORD.findall(_clause_before(text, hit.start()))[-book.window:] + _WORD.findall(text[hit.end():])[:4])
    return Mention(
        article_id=article.article_id, event_type=rule.type, rule_id=rule.id, sentence=text,
        event_date=date, date_precision=precision, date_basis=basis, date_text=date_text,
        status="scheduled" if book.scheduled.search(window) and basis != "relative" else "occurred",
        location=location, country=country, actors=actors, target=target,
        killed=_count(book, text, "killed") if rule.type in STRIKES else None,
        injured=_count(book, text, "injured") if rule.type in STRIKES else None,
        quantity=_count(book, text, "weapons") if rule.type in STRIKES else None,
        language=book.language, sentence_index=sentence.index,
    )


def _is_place(name: re.Match[str], places: list[gazetteer.Found]) -> bool:
    return any(p.start <= name.start() < p.end or name.start() <= p.start < name.end() for p in places
               if p.end - p.start >= name.end() - name.start() - 1)


def _stopword(name: re.Match[str], text: str, book: Rulebook) -> bool:
    """A capitalised word opening a sentence, clause or quote ("Il", "Abbiamo") is no name
    unless it is a known actor; nor is a lone function word ("Nel", "The")."""
    word = name.group()
    if " " in word:
        return False
    if book.slots["subject_stop"].fullmatch(word) or len(word) < 3:
        return True
    opens = re.search(r"(?:^|[.:;!?\"“«(\[]|\s[-–—])\s*$", text[:name.start()])
    return bool(opens) and not gazetteer.actor_countries(word)


def _place(event_type: str, book: Rulebook, text: str, hit: re.Match[str], places: list[gazetteer.Found],
           demonyms: list[gazetteer.Demonym]) -> tuple[str | None, str | None]:
    """The most specific place the event happened in, and its country.

    A strike reported across regions of a country is a country-level event: no
    location, the country of the places listed. Otherwise places introduced by a
    locative ("a Parigi", "su Tver") come first, the nearest to the trigger winning.
    Gatherings are held in a city or building: a country named near a summit is
    usually its subject ("forza in Ucraina"), so it does not place one.
    """
    places = [p for p in places if not _origin(text, p)]
    below = [p for p in places if p.place.level != "country"]
    if event_type in STRIKES and (book.slots["country_level"].search(text) or _interceptions_only(book, text)):
        cities = [p.place.iso3 for p in below] or [p.place.iso3 for p in places]
        return None, max(cities, key=cities.count) if cities else None
    locative = [p for p in below if _locative(book, text, p)]
    gathering = event_type in ("summit", "meeting")
    pool = locative or ([] if gathering else below)
    if pool:  # a building names its city: the city, when also named, is the place
        chosen = min(pool, key=lambda p: (p.place.level == "landmark", _gap(p, hit), p.start < hit.start()))
        return chosen.place.name, chosen.place.iso3
    countries = [p for p in places if p.place.level == "country" and _locative(book, text, p)]
    if countries and not gathering:
        return None, min(countries, key=lambda p: _gap(p, hit)).place.iso3
    return None, None


def _origin(text: str, found: gazetteer.Found) -> bool:
    """A place the attack or the news comes from ("lanciati da Mosca", "from Kyiv") is not where it happened."""
    return bool(re.search(r"\b(?:da|dal|dalla|dai|from)\s*$", text[max(0, found.start - 12):found.start], re.I))


def _interceptions_only(book: Rulebook, text: str) -> bool:
    """Drones or missiles only shot down over a place, with nobody hurt and nothing hit,
    are part of the night's wave: a country-level event, not one at that place."""
    return bool(book.slots["intercepted"].search(text)) and not book.slots["impact"].search(text) \
        and _count(book, text, "killed") is None and _count(book, text, "injured") is None


def _locative(book: Rulebook, text: str, found: gazetteer.Found) -> bool:
    """Is the place introduced by a locative word ("a", "su", "nella città di", "in")?"""
    lead = text[max(0, found.start - 30):found.start]
    return bool(re.search(rf"(?:{book.raw_slots['locative']})\s*$", lead, re.I))


def _gap(found: gazetteer.Found, hit: re.Match[str]) -> int:
    return found.start - hit.end() if found.start >= hit.end() else hit.start() - found.end


def _paragraph_place(sentence: Sentence, sentences: list[Sentence], earlier: list[Mention]) -> tuple[str | None, str | None]:
    """A strike sentence naming no place continues the last strike of its paragraph."""
    for m in reversed(earlier):
        if m.event_type in STRIKES and sentences[m.sentence_index].paragraph == sentence.paragraph:
            return m.location, m.country
    return None, None


def _parties(event_type: str, book: Rulebook, text: str, hit: re.Match[str], names: list[re.Match[str]],
             demonyms: list[gazetteer.Demonym]) -> tuple[list[str], str | None]:
    """Actors and target by event family: attackers for strikes, the person for personnel changes."""
    if event_type in STRIKES:
        near = [d for d in demonyms if abs(d.start - hit.start()) < 60]
        near.sort(key=lambda d: abs(d.start - hit.start()))
        return ([near[0].state] if near else []), None
    if event_type in PERSONNEL:
        return _personnel(event_type, text, hit, names)
    return _unique([m.group() for m in names]), None


def _personnel(event_type: str, text: str, hit: re.Match[str], names: list[re.Match[str]]) -> tuple[list[str], str | None]:
    """Who acts and who changes office. Only names of the trigger's own clause count, and
    not those led by a preposition; a subject may follow its verb ("si è dimesso il
    ministro X", "avevano presentato le dimissioni i ministri..."). The object ends
    where a subordinate clause begins, so a name further on is no target."""
    start = hit.start() - len(_clause_before(text, hit.start()))
    end = hit.end() + len(_clause_after(text, hit.end()))
    own = [m for m in names if start <= m.start() and m.end() <= end and not _LED.search(text[start:m.start()])]
    before = [m for m in own if m.end() <= hit.start()]
    stop = _OBJECT_END.search(text, hit.end(), end)
    after = [m for m in own if m.start() >= hit.end() and (stop is None or m.start() < stop.start())]
    people = [m.group() for m in after if " " in m.group()] or [m.group() for m in after]
    passive = bool(_PASSIVE.search(text[:hit.start()])) or event_type == "resignation"
    if passive:
        person = before[-1].group() if before else (people[0] if people else _office_after(text, hit))
        agent = [m.group() for m in names if m.start() >= hit.end()
                 and re.match(r"\s*(?:da|dal|dalla|dai|by)\b", text[hit.end():m.start()])][:1]
        return (agent or ([person] if person and person[0].isupper() else [])), person
    subject = before[-1].group() if before else None
    target = people[0] if people else _office_after(text, hit)
    return ([subject] if subject else []), target


def _office_after(text: str, hit: re.Match[str]) -> str | None:
    """The office named after a personnel trigger when no person is ("il capo dei servizi")."""
    m = re.match(r"\s*((?:il|la|lo|l'|i|gli|le|the|his|her|its)\s+[^,.;:]{3,60})", text[hit.end():])
    return m.group(1).strip() if m else None


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _count(book: Rulebook, text: str, slot: str) -> int | None:
    """People killed or injured, or weapons used: a number shortly before the noun ("due
    feriti", "three people were killed", "129 droni") or right after it ("killing five").
    An article read as a number ("un", "a") must stand right before the noun."""
    for m in _count_pattern(book.language, book.raw_slots[slot]).finditer(text):
        value = parse_count(next(g for g in m.groups() if g), book.language)
        if value is not None:
            return value
    return None


@lru_cache(maxsize=None)
def _count_pattern(language: str, noun: str) -> re.Pattern[str]:
    number = number_pattern(language)
    article = r"un|uno|una|a|an|one"
    lead = r"(?:(?:almeno|oltre|più di|circa|at least|more than|over|some|about|nearly|around)\s+)?"
    gap = r"(?:[\w’'-]+\s+){0,3}?"
    return re.compile(
        rf"(?<!\w){lead}(?!(?:{article})\s)({number})\s+{gap}(?:{noun})(?!\w)"
        rf"|(?<!\w)({article})\s+(?:{noun})(?!\w)"
        rf"|(?<!\w)(?:{noun})\s+{lead}(?!(?:{article})\s)({number})\s",
        re.I,
    )


def _date(text: str, hit: re.Match[str], sentence: Sentence, sentences: list[Sentence],
          article: Article) -> tuple[dt.date | None, str | None, str | None, str | None]:
    """The event's date by spec section 4: the date expression governing the trigger's
    clause, else one earlier in the paragraph, else the publication day."""
    reference = article.published_at
    if reference is None:
        return None, None, None, None
    found = dates.find_dates(text, article.language, reference)
    if found:
        nearest = min(found, key=lambda d: (_distance(d, hit), d.start))
        explicit = [d for d in found if d.basis == "explicit" and d.date == nearest.date and d.precision == nearest.precision]
        chosen = explicit[0] if explicit else nearest
        return chosen.date, chosen.precision, chosen.basis, chosen.text
    if not sentence.heading:
        for previous in reversed(sentences[:sentence.index]):
            if previous.paragraph != sentence.paragraph or previous.heading:
                break
            context = [d for d in dates.find_dates(previous.text, article.language, reference)
                       if not _NOUN_DATE.search(previous.text[max(0, d.start - 8):d.start])]
            if context:
                last = context[-1]
                return last.date, last.precision, last.basis, last.text
    return reference.date(), "day", "publication", None


# "il massacro del 7 ottobre", "the attack of October 7": a date naming another event
_NOUN_DATE = re.compile(r"(?:\bdel|\bdell['’]|\bof)\s*$", re.I)


def _distance(d: dates.DateMatch, hit: re.Match[str]) -> int:
    if d.end <= hit.start():
        return hit.start() - d.end
    if d.start >= hit.end():
        return d.start - hit.end()
    return 0


def _carry_dates(mentions: list[Mention], sentences: list[Sentence]) -> list[Mention]:
    """A body report with no date cue of its own ("the resignation", "Amongst those
    dismissed were ...") takes up an earlier dated report of the same type that it does
    not contradict (another named person); one saying "shortly after" / "poco dopo"
    takes the date of the report just before it, whatever its type."""
    out: list[Mention] = []
    for m in mentions:
        heading = sentences[m.sentence_index].heading
        if m.date_basis == "publication" and not heading:
            dated = [o for o in out if o.date_basis != "publication" and not sentences[o.sentence_index].heading]
            if _SEQUENCE.search(m.sentence):
                source = dated[-1:]
            else:
                source = [o for o in dated if _same_kind(o, m) and not _other_person(o, m)][-1:]
            if source:
                s = source[0]
                m = replace(m, event_date=s.event_date, date_precision=s.date_precision,
                            date_basis=s.date_basis, date_text=s.date_text)
        out.append(m)
    return out


_SEQUENCE = re.compile(r"\b(?:shortly|soon|just|immediately) after(?:wards)?\b|\blater that day\b|"
                       r"\b(?:poco|subito) dopo\b|\bpoche ore dopo\b|\bin seguito\b", re.I)


def _same_kind(a: Mention, b: Mention) -> bool:
    """The same type, or two personnel changes read from one sentence (a dismissal naming the successor)."""
    return a.event_type == b.event_type or (
        a.sentence_index == b.sentence_index and a.event_type in PERSONNEL and b.event_type in PERSONNEL)


def _other_person(a: Mention, b: Mention) -> bool:
    """Both reports name a person (capitalised target) and not the same one."""
    if not (a.target and b.target and a.target[0].isupper() and b.target[0].isupper()):
        return False
    return not ({w[:5] for w in a.target.lower().split()} & {w[:5] for w in b.target.lower().split()})


def _attach_headings(mentions: list[Mention], sentences: list[Sentence]) -> list[Mention]:
    """A headline repeats the body: its mention takes the date, place and target of the
    body mention of the same type it shares most names with, so both merge."""
    heading = {s.index for s in sentences if s.heading}
    body = [m for m in mentions if m.sentence_index not in heading]
    out = []
    for m in mentions:
        same = [b for b in body if b.event_type == m.event_type]
        if m.sentence_index in heading and same:
            best = max(same, key=lambda b: (len(set(b.actors) & set(m.actors)), bool(b.location), -same.index(b)))
            m = replace(m, event_date=best.event_date, date_precision=best.date_precision,
                        date_basis=best.date_basis, date_text=best.date_text, location=best.location,
                        country=best.country, target=best.target, actors=_unique(m.actors + best.actors)
                        if m.event_type in ("meeting",) else m.actors)
        out.append(m)
    return out
