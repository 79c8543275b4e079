"""Article -> event mentions, by the rule files of its language.

One compiled pattern per language finds every trigger in a sentence; each
hit goes to the rules that own its words, which check their context, the
modality of the clause (conditional, negated, generic -> no event), and then
fill the slots (place, actors, target, counts) and the date. Slot readers are
shared by event families and take their vocabulary from the rule file. What a
sentence leaves out is then read from its article: dates and places of earlier
reports, the toll told in the sentence before or after a strike, the state an
article about an office change is about.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from extract import dates, datelines, gazetteer, grammar, rulebook
from extract.model import Article, Mention, Reject
from extract.numbers import parse_count
from extract.rulebook import Rule, Rulebook
from extract.text import Sentence, split_sentences

STRIKES = ("drone_strike", "missile_strike")
PERSONNEL = ("dismissal", "resignation", "appointment")
GATHERINGS = ("summit", "meeting", "agreement")

# --- Patterns of the clause and its parts -----------------------------------------------

# Where a clause begins or ends: strong punctuation, quotes, brackets, dashes; not the
# point or colon inside a number or a time ("2.5", "15:30"), nor the point of an
# abbreviation ("Dec. 18", "Mr. Lee", "U.S.").
_CLAUSE_BREAK = re.compile(r"[;!?()\[\]\"“”«»]|(?<!\d)(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})\.|(?<!\d):|[.:](?!\d)(?<!\b[A-Z]\.)(?<!\b[A-Z][a-z]\.)(?<!\b[A-Z][a-z]{2}\.)|\s[-–—]\s")
_WORD = re.compile(r"[\w’'-]+")
_WORD_START = re.compile(r"(?<!\w)\w")  # also after an elided article: "l'|incontro"
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_QUOTE = re.compile(r'“[^”]*(?:”|$)|«[^»]*(?:»|$)|"[^"]*(?:"|$)')


class _PerSentence(dict):
    """What a finder gives for each sentence, found the first time a reader asks for it:
    most sentences hold no trigger and are never looked at."""

    def __init__(self, find: Callable[[str], list], sentences: list[Sentence]) -> None:
        super().__init__()
        self.find, self.sentences = find, sentences

    def __missing__(self, index: int) -> list:
        self[index] = found = self.find(self.sentences[index].text)
        return found


@dataclass
class _Doc:
    """An article as the readers see it: its sentences, and the places and nationality
    adjectives of each, found once when first needed."""

    article: Article
    book: Rulebook
    sentences: list[Sentence]
    places: _PerSentence  # index -> gazetteer.Found list
    demonyms: _PerSentence  # index -> gazetteer.Demonym list

    @classmethod
    def of(cls, article: Article, book: Rulebook) -> _Doc:
        sentences = split_sentences(article.text, article.title)
        return cls(article, book, sentences, _PerSentence(gazetteer.find_places, sentences),
                   _PerSentence(lambda text: gazetteer.find_demonyms(text, book.language), sentences))

    @cached_property
    def names(self) -> frozenset[str]:
        """Capitalised words the article writes inside a sentence: names, not sentence openers."""
        return frozenset(w for s in self.sentences for m in grammar.of(self.book).name.finditer(s.text)
                         if s.text[:m.start()].rstrip()[-1:] not in ("", ".", "!", "?", ":", ";", '"', "“", "«", "(", "-", "–", "—")
                         for w in m.group().split())

    @cached_property
    def filed(self) -> gazetteer.Found | None:
        """Where the dispatch is filed from ("LUSAKA - ...")."""
        filed = datelines.filed_from(next((s.text for s in self.sentences if not s.heading), ""))
        found = gazetteer.find_places(filed) if filed else []
        return found[0] if found else None


def extract_batch(articles: list[Article]) -> tuple[list[Mention], list[Reject]]:
    """The mentions of many articles; an article the rules fail on keeps its place in the
    lake and gets a reject row saying why, rather than stopping the run."""
    mentions: list[Mention] = []
    failed: list[Reject] = []
    for article in articles:
        try:
            mentions += extract_mentions(article)
        except Exception as error:  # noqa: BLE001 - one article's failure must not stop the others
            failed.append(Reject(input=article.input, reason="failed",
                                 detail=f"event extraction failed: {type(error).__name__}: {error}"))
    return mentions, failed


def extract_mentions(article: Article, book: Rulebook | None = None) -> list[Mention]:
    """Every event mention in an article, by `book` or the rule file of its language;
    none for a language without rules."""
    book = book or rulebook.load(article.language)
    if book is None:
        return []
    doc = _Doc.of(article, book)
    mentions: list[Mention] = []
    anaphoric: list[Mention] = []
    settings: list[Mention] = []  # gatherings named as the setting of other reports ("on the sidelines of the summit")
    for sentence in doc.sentences:
        seen: set[tuple] = set()
        text = sentence.text
        fired, covered = [], 0
        for hit in book.triggers.finditer(text):
            if hit.start() < covered:  # inside a longer trigger found before ("ballistic missile")
                continue
            found = book.rules_at(text, hit.start())
            covered = max((m.end() for _, m in found), default=0)
            fired += [(rule, m) for rule, m in found if _fires(rule, book, text, m)]
        fired = [(r, h) for r, h in fired if not _glossed(text, h, [g for q, g in fired if q.type == r.type])]
        # a report pointing back to one told elsewhere ("after the talks") or naming the setting of
        # another ("on the sidelines of the SCO summit") owns no cue: the other report does
        g = grammar.of(book)
        reporting = [(r, h) for r, h in fired if not g.backref.search(text[max(0, h.start() - 40):h.start()])
                     and not g.sidelines.search(text[max(0, h.start() - 80):h.start()])]
        for rule, hit in fired:
            rivals = [h for r, h in reporting if r.type == rule.type and _apart(book, text, h, hit)]
            others = [h for r, h in reporting if r.type != rule.type and _apart(book, text, h, hit)]
            setting = bool(g.sidelines.search(text[max(0, hit.start() - 80):hit.start()]))
            for mention in _read(rule, doc, sentence, hit, rivals, others, mentions):
                told_elsewhere = setting or _anaphoric(book, text, hit, mention)
                key = (told_elsewhere, mention.event_type, mention.location, mention.target, mention.event_date)
                if key not in seen:
                    seen.add(key)
                    (settings if setting else anaphoric if told_elsewhere else mentions).append(mention)
    told = {m.event_type for m in mentions}
    # a setting stands for its gathering when the article tells no other of its type (the
    # BIMSTEC summit recalled as where a question was raised); a report pointing back
    # ("after the talks") when it tells no gathering at all
    mentions += [m for m in settings if m.event_type not in told]
    if told & {"summit", "meeting"}:
        told |= {"summit", "meeting"}
    mentions += [m for m in anaphoric if m.event_type not in told]
    mentions.sort(key=lambda m: m.sentence_index)
    mentions = [m for m in _carry_strikes(_carry_dates(book, mentions, doc.sentences), doc) if _concrete(book, m)]
    return _attach_headings(_carry_places(mentions, doc), doc.sentences)


def _anaphoric(book: Rulebook, text: str, hit: re.Match[str], mention: Mention) -> bool:
    """A report that points back to an event told elsewhere in the article: "After the
    talks, ..." with no date of its own, or a gathering that goes on or closes ("Il
    vertice proseguirà domani", "when the summit closes"), whose date is not the event's
    first day. It adds nothing when the article reports an event of its type otherwise,
    and stands for it when it does not."""
    if mention.date_basis == "publication" and grammar.of(book).backref.search(text[max(0, hit.start() - 40):hit.start()]):
        return True
    start, end = _clause_span(text, hit)
    return mention.event_type in ("summit", "meeting") and bool(book.slots["continuing"].search(text, start, end))


def _concrete(book: Rulebook, m: Mention) -> bool:
    """A strike with no place, no count, no attacker and no date cue, told with no verb of
    the past, is drones or missiles talked about in general ("navies now test drones for
    patrols", "a study of cheap rocket warfare"), not one attack."""
    return m.event_type not in STRIKES or m.date_basis != "publication" or bool(
        m.location or m.country or m.actors or m.killed is not None or m.injured is not None or m.quantity is not None
        or book.slots["past"].search(m.sentence))


# --- Does a trigger fire ----------------------------------------------------------------

def _fires(rule: Rule, book: Rulebook, text: str, hit: re.Match[str]) -> bool:
    """Context and modality: does this trigger report a real (or firmly scheduled) event?

    `requires` is looked for in the whole sentence; `excludes` in the trigger's clause
    (or the whole sentence, for a rule with `scope: sentence`); `not_in` only as a phrase
    that contains the trigger itself ("repeated rocket attacks" voids "rocket", not a
    strike told next to it)."""
    if rule.requires and not rule.requires.search(text):
        return False
    clause = (0, len(text)) if rule.scope == "sentence" else _clause_span(text, hit)
    if rule.excludes and rule.excludes.search(text, *clause):
        return False
    if rule.not_in and _inside(rule.not_in, text, hit, clause[0]):
        return False
    if _inside(book.slots["tally"], text, hit, clause[0]) or book.void_clause.search(text, *clause):
        return False  # "21 rounds of talks", "more than 200 drone attacks"; "the meeting was called off"
    if _question(text, hit):
        return False
    before, after = _modality_window(book, text, hit, after=9)
    return not (book.void_before.search(before) or book.void_after.search(after))


def _inside(pattern: re.Pattern[str], text: str, hit: re.Match[str], start: int) -> bool:
    """Does a match of `pattern` beginning in the trigger's clause cover the trigger?"""
    for word in _WORD_START.finditer(text, start, hit.start() + 1):
        m = pattern.match(text, word.start())
        if m and m.end() >= hit.end():
            return True
    return False


def _question(text: str, hit: re.Match[str]) -> bool:
    """A trigger in a clause ending with a question mark reports nothing."""
    end = hit.end() + len(_clause_after(text, hit.end()))
    return text[end:end + 1] == "?"


def _modality_window(book: Rulebook, text: str, hit: re.Match[str], after: int) -> tuple[str, str]:
    """See `_window`, kept by position: a trigger's window is read several times."""
    return _window(book, text, hit.start(), hit.end(), after)


@lru_cache(maxsize=4096)
def _window(book: Rulebook, text: str, start: int, end: int, after: int) -> tuple[str, str]:
    """The words of the trigger's clause that set its modality: up to `window` words before
    it and `after` words after it, each as one string. A void cue may stand up to nine words
    on ("agreed last week that she would go", "un nuovo round di colloqui tra gli Houthi e
    Riad potrebbe"); a cue of the future only close by, before the next verb takes over
    ("a meeting, and the envoy will fly home" is no scheduled meeting)."""
    # a name of several words holds no cue ("the For the Future of Montenegro alliance" says no
    # "future"); a relative clause between commas after the trigger says something else ("la
    # firma del trattato, il cui testo è ancora in discussione, potrebbe arrivare")
    g = grammar.of(book)
    unnamed = lambda part: g.name.sub(lambda m: m.group() if " " not in m.group() else " ", part)  # noqa: E731
    words_before = _WORD.findall(unnamed(_clause_before(text, start)))[-book.window:]
    words_after = _WORD.findall(unnamed(g.aside.sub(" ", _clause_after(text, end))))[:after]
    return " ".join(words_before), " ".join(words_after)


@lru_cache(maxsize=2048)
def _breaks(text: str) -> tuple[tuple[int, int], ...]:
    """The clause breaks of a sentence, (start, end) each, found once per sentence."""
    return tuple(m.span() for m in _CLAUSE_BREAK.finditer(text))


def _clause_before(text: str, pos: int) -> str:
    ends = [end for start, end in _breaks(text) if end <= pos]
    return text[ends[-1] if ends else 0:pos]


def _clause_after(text: str, pos: int) -> str:
    end = next((start for start, _ in _breaks(text) if start >= pos), len(text))
    return text[pos:end]


def _clause_span(text: str, hit: re.Match[str]) -> tuple[int, int]:
    """Where the trigger's clause starts and ends."""
    return hit.start() - len(_clause_before(text, hit.start())), hit.end() + len(_clause_after(text, hit.end()))


def _glossed(text: str, hit: re.Match[str], same: list[re.Match[str]]) -> bool:
    """A trigger inside brackets glosses the report outside them ("the pact was signed on
    Friday (the so-called Harbour Accord)"): it reports nothing new when a trigger of its
    type fires outside."""
    inside = [b.span() for b in _BRACKETS.finditer(text)]
    within = [span for span in inside if span[0] <= hit.start() < span[1]]
    return bool(within) and any(not (within[0][0] <= h.start() < within[0][1]) for h in same)


def _apart(book: Rulebook, text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Two triggers in different parts of a sentence (a comma, a dash or a subordinate
    clause between them) may report two events: each then owns the cues nearest to it."""
    first, second = sorted((a, b), key=lambda h: h.start())
    return first.end() <= second.start() and bool(grammar.of(book).parts.search(text, first.end(), second.start()))


def _gap(start: int, end: int, hit: re.Match[str]) -> int:
    """Characters between the span start:end and a trigger; 0 when they overlap."""
    return start - hit.end() if start >= hit.end() else max(0, hit.start() - end)


def _owned(text: str, start: int, end: int, hit: re.Match[str], rivals: list[re.Match[str]]) -> bool:
    """Is the cue at start:end another report's? It is when a rival trigger stands in its
    clause and this one does not ("raid on a school, 17 dead. Drones on the capital": the
    toll is the raid's), else when a rival is nearer to it."""
    clause = _clause_of(text, start)
    if (_clause_of(text, hit.start()) == clause) != any(_clause_of(text, r.start()) == clause for r in rivals):
        return _clause_of(text, hit.start()) != clause
    gap = _gap(start, end, hit)
    return any(_gap(start, end, r) < gap for r in rivals)


def _clause_of(text: str, pos: int) -> int:
    """Which clause of its sentence a position is in (the number of breaks before it)."""
    return sum(1 for _, end in _breaks(text) if end <= pos)


# --- What a trigger reports -------------------------------------------------------------

def _read(rule: Rule, doc: _Doc, sentence: Sentence, hit: re.Match[str], rivals: list[re.Match[str]],
          others: list[re.Match[str]], earlier: list[Mention]) -> list[Mention]:
    """The report(s) one trigger gives: one per person when it names several ("sacked A and B")."""
    book, text = doc.book, sentence.text
    places, demonyms = doc.places[sentence.index], doc.demonyms[sentence.index]
    calendar = dates.calendar_names(book.language)
    opening = _filed_end(text) if _first_of_paragraph(doc, sentence) else 0  # "ISTANBUL, July 9 (Reuters) -"
    names = [n for m in grammar.of(book).name.finditer(text) if (n := _trim(m, text, book, demonyms))
             and n.start() >= opening and not _is_place(n, places) and not _stopword(n, text, book, doc.names)
             and n.group().lower() not in calendar]
    own = [p for p in places if not _owned(text, p.start, p.end, hit, rivals)]
    location, country = _place(rule.type, book, text, hit, own or places, demonyms)
    if rule.type in STRIKES and location is None and country is None:
        location, country = _paragraph_place(doc, sentence, earlier)
    actors, targets = _parties(rule.type, book, text, hit, names, demonyms)
    if country is None and rule.type in PERSONNEL:
        country = _office_country(book, text, hit, actors, targets[0], places, demonyms)
    dated = _date(text, hit, rivals, others, sentence, doc, rule.type)
    if dated is None:
        return []  # a tally over a period, not one occurrence
    date, precision, basis, date_text = dated
    if rule.type in PERSONNEL and grammar.of(book).backref.search(text[max(0, hit.start() - 40):hit.start()]) \
            and (date_text is None or date_text not in text):
        return []  # "After the sackings, the mayor ...": a change reported elsewhere, with no date of its own
    before, after = _modality_window(book, text, hit, after=4)
    future = book.scheduled.search(f"{before} {after}") or (
        date_text is not None and date is not None and date > doc.article.published_at.date())
    mention = Mention(
        article_id=doc.article.article_id, event_type=rule.type, rule_id=rule.id, sentence=text,
        event_date=date, date_precision=precision, date_basis=basis, date_text=date_text,
        status="scheduled" if future and (
            basis != "relative" or date is not None and date > doc.article.published_at.date()) else "occurred",
        location=location, country=country, actors=actors, target=targets[0],
        killed=_count(book, text, "killed", hit, rivals + others) if rule.type in STRIKES else None,
        injured=_count(book, text, "injured", hit, rivals + others) if rule.type in STRIKES else None,
        quantity=_count(book, text, f"{rule.type}_weapons", hit, rivals + others) if rule.type in STRIKES else None,
        language=book.language, sentence_index=sentence.index,
    )
    if rule.type == "resignation" and len(targets) > 1 and actors == targets[:1]:  # each resigns alone
        return [replace(mention, target=t, actors=[t]) for t in targets]
    return [mention] + [replace(mention, target=t) for t in targets[1:]]


def _is_place(name: re.Match[str], places: list[gazetteer.Found]) -> bool:
    return any(p.start <= name.start() < p.end or name.start() <= p.start < name.end() for p in places
               if p.end - p.start >= name.end() - name.start() - 1)


def _trim(name: re.Match[str], text: str, book: Rulebook, demonyms: list[gazetteer.Demonym]) -> re.Match[str] | None:
    """A name without what only looks like one: a leading function word or nationality
    ("The Danish transport minister"), or the portfolio of a minister ("ministro degli
    Esteri Ada Ferri" names Ferri; "ministro degli Esteri" alone names no one)."""
    adjectives = {d.start for d in demonyms}
    portfolio = bool(grammar.of(book).portfolio.search(text[max(0, name.start() - 40):name.start()]))
    while name:
        word = re.match(r"\S+", name.group()).group()
        if not (portfolio or name.start() in adjectives or book.slots["subject_stop"].fullmatch(word)) or " " not in name.group():
            break
        portfolio = False
        name = grammar.of(book).name.match(text, name.start() + len(word) + 1, name.end())
    if name and (portfolio or name.start() in adjectives):
        return None
    return name


def _stopword(name: re.Match[str], text: str, book: Rulebook, names: frozenset[str]) -> bool:
    """A capitalised word opening a sentence, clause or quote ("Il", "Abbiamo") is no name
    unless it is a known actor or the article writes it capitalised inside a sentence too
    ("Giorgio Lenzi ... Lenzi ha annunciato"); nor is a lone function word ("Nel", "The")."""
    word = name.group()
    if " " in word:
        return False
    if book.slots["subject_stop"].fullmatch(word) or len(word) < 3:
        return True
    opens = re.search(r"(?:^|[.:;!?\"“«(\[]|\s[-–—])\s*$", text[:name.start()])
    return bool(opens) and word not in names and not gazetteer.actor_countries(word)


def _led(book: Rulebook, before: str) -> bool:
    """Is a name led by a preposition, past the words trimmed off its front ("to Deputy Mayor
    Lund")? Not the preposition of a minister's portfolio ("il ministro della Sanità Ann Roe")."""
    g = grammar.of(book)
    bare = re.sub(rf"(?:{gazetteer.CAPITALISED}\s+)+$", "", before)
    return bool(g.led.search(bare)) and not g.portfolio.search(bare)


# --- Places -----------------------------------------------------------------------------

def _place(event_type: str, book: Rulebook, text: str, hit: re.Match[str], places: list[gazetteer.Found],
           demonyms: list[gazetteer.Demonym]) -> tuple[str | None, str | None]:
    """The most specific place the event happened in, and its country.

    A strike reported across regions of a country is a country-level event: no
    location, the country the regions belong to. Otherwise places introduced by a
    locative ("a Parigi", "su Tula") come first, the nearest to the trigger winning,
    and places of the trigger's own clause before those of a clause joined by
    "mentre" / "while". Gatherings are held in a city or building: a country named
    near a summit is usually its subject ("aiuti al Perù"), so it does not place one;
    nor does the place a ceasefire or a war is about place the talks that settle it.
    """
    places = [p for p in places if not _origin(book, text, p)]
    if event_type not in STRIKES:
        places = [p for p in places if not _subject_place(book, text, p)]
    clause = [p for p in places if not grammar.of(book).contrast.search(_between(text, p, hit))]
    places = clause or places
    below = [p for p in places if p.place.level != "country"]
    if event_type in STRIKES and (book.slots["country_level"].search(text) or _interceptions_only(book, text)):
        return None, _wave_country(book, text, places, demonyms)
    gathering = event_type in ("summit", "meeting")
    locative = [p for p in below if _locative(book, text, p) or hit.start() <= p.start < hit.end()  # "arrived in X"
                or gathering and p.end < hit.start() and not text[p.end:hit.start()].strip()]  # "the Vilnius summit"
    located = gathering or event_type in PERSONNEL  # held at, or done at, a named place only
    pool = locative or ([] if located else below)
    if pool:  # a building names its city: the city, when also named, is the place
        chosen = min(pool, key=lambda p: (p.place.level == "landmark", _gap(p.start, p.end, hit), p.start < hit.start()))
        return chosen.place.name, chosen.place.iso3
    countries = [p for p in places if p.place.level == "country" and _locative(book, text, p)]
    if countries and not located:
        return None, min(countries, key=lambda p: _gap(p.start, p.end, hit)).place.iso3
    if event_type in STRIKES:  # "bombed Cambodian military positions", "the Yemeni port city of X"
        hit_area = [d for d in demonyms if book.slots["target_area"].fullmatch(_near_words(text, d))]
        if hit_area:
            return None, min(hit_area, key=lambda d: abs(d.start - hit.start())).iso3
    return None, None


def _between(text: str, found: gazetteer.Found, hit: re.Match[str]) -> str:
    return text[found.end:hit.start()] if found.end <= hit.start() else text[hit.end():found.start]


def _wave_country(book: Rulebook, text: str, places: list[gazetteer.Found],
                  demonyms: list[gazetteer.Demonym]) -> str | None:
    """The country a wave of drones or missiles was launched at: the place it was aimed at
    or shot down over ("on Ukraine", "Ukraine's regions", "le regioni russe"), else the
    state whose air defences downed it, else the country most places named belong to."""
    aimed = [p.place.iso3 for p in places if _locative(book, text, p)]
    if aimed:
        return aimed[0]
    for d in demonyms:
        if book.slots["wave_area"].fullmatch(_near_words(text, d)):
            return d.iso3
    owner = [p.place.iso3 for p in places if re.match(r"['’]s\s", text[p.end:p.end + 3])]
    if owner:
        return owner[0]
    iso = [p.place.iso3 for p in places]
    return max(iso, key=iso.count) if iso else None


def _near_words(text: str, d: gazetteer.Demonym) -> str:
    """The word before and the words after a nationality adjective ("regioni russe",
    "Ukrainian regions", "difese aeree ucraine"), as one string for the `wave_area` slot."""
    before = _WORD.findall(text[max(0, d.start - 25):d.start])[-2:]
    after = _WORD.findall(text[d.end:d.end + 25])[:2]
    return " ".join([*before, "#", *after])


def _office_country(book: Rulebook, text: str, hit: re.Match[str], actors: list[str], target: str | None,
                    places: list[gazetteer.Found], demonyms: list[gazetteer.Demonym]) -> str | None:
    """The state of an office: that of a known actor filling or changing it, else a
    nationality or country next to an office or institution ("il ministro francese",
    "Israel's defence minister", "il Parlamento ucraino"), else any known actor named."""
    known = gazetteer.actor_countries(" ".join([*actors, target or ""]))
    if known:
        return known[0]
    titled = [(start, iso3) for start, iso3, titled in _state_cues(book, text, places, demonyms) if titled]
    if titled:
        return min(titled, key=lambda c: abs(c[0] - hit.start()))[1]
    known = gazetteer.actor_countries(text)
    return known[0] if known else None


def _state_cues(book: Rulebook, text: str, places: list[gazetteer.Found],
                demonyms: list[gazetteer.Demonym]) -> list[tuple[int, str, bool]]:
    """Nationalities and countries or regions in a sentence, in order: (offset, ISO3, next to
    an office or institution). Cities are left out: many are also people's names ("Ann Bell")."""
    cues = [(d.start, d.end, d.iso3) for d in demonyms] + [(p.start, p.end, p.place.iso3) for p in places
                                                            if p.place.level in ("country", "region")]
    posted = book.slots["posted_to"]  # "an ambassador to Washington" serves another state
    return [(start, iso3, _titled(book, text, start, end) and not posted.search(text[max(0, start - 30):start].rstrip() + " #"))
            for start, end, iso3 in sorted(cues)]


def _titled(book: Rulebook, text: str, start: int, end: int) -> bool:
    """Is an office or institution within three words of this span, in its comma-free stretch?"""
    before = re.split(r"[,;:()\[\]]", text[max(0, start - 40):start])[-1]
    after = re.split(r"[,;:()\[\]]", text[end:end + 40])[0]
    window = " ".join(_WORD.findall(before)[-3:] + ["#"] + _WORD.findall(after)[:3])
    return bool(book.slots["titles"].search(window))


def _origin(book: Rulebook, text: str, found: gazetteer.Found) -> bool:
    """A place the attack or the news comes from ("lanciati da Mosca", "from Kyiv", "Kyiv said"),
    or a name read as a place that acts as a person ("X è stato ucciso"), is not where it happened."""
    return bool(grammar.of(book).origin.search(text[max(0, found.start - 12):found.start])) \
        or bool(book.slots["person_verbs"].match(text, found.end + 1)) and text[found.end:found.end + 1] == " "


def _subject_place(book: Rulebook, text: str, found: gazetteer.Found) -> bool:
    """A place a ceasefire, a peace or a war is about ("la tregua in Moldavia", "security
    in the Horn of Africa"), or that a declaration, a deal or talks are on ("a declaration
    on Ukraine's energy security")."""
    lead = grammar.of(book).place_lead
    return bool(re.search(rf"(?:(?:{book.raw_slots['about']})\s+(?:{book.raw_slots['locative']})|{book.raw_slots['topic']})\s+{lead}$",
                          text[max(0, found.start - 50):found.start], re.I))


def _interceptions_only(book: Rulebook, text: str) -> bool:
    """Drones or missiles only shot down over a place, with nobody hurt and nothing hit,
    are part of the night's wave: a country-level event, not one at that place."""
    return bool(book.slots["intercepted"].search(text)) and not book.slots["impact"].search(text) \
        and _count(book, text, "killed") is None and _count(book, text, "injured") is None


def _locative(book: Rulebook, text: str, found: gazetteer.Found) -> bool:
    """Is the place introduced by a locative word ("a", "su", "nella città di", "in"), maybe
    through a possessive or a compass adjective ("over Spain's eastern Valencia"), or
    the subject of a passive attack verb ("Kyiv was hit", "Odessa è stata colpita")?"""
    lead = text[max(0, found.start - 40):found.start]
    return bool(re.search(rf"(?<!\w)(?:{book.raw_slots['locative']})\s+{grammar.of(book).place_lead}$", lead, re.I)
                or re.search(rf"(?<!\w)(?:{book.raw_slots['locative']})\s*$", lead, re.I)) \
        or bool(book.slots["struck"].match(text, found.end + 1))


def _paragraph_place(doc: _Doc, sentence: Sentence, earlier: list[Mention]) -> tuple[str | None, str | None]:
    """A strike sentence naming no place continues the last strike of its paragraph, or,
    when none was reported yet, the story its paragraph opened with: the most specific
    place an earlier sentence of it puts something in ("A Ferrara il vento ha divelto...")."""
    for m in reversed(earlier):
        if m.event_type in STRIKES and doc.sentences[m.sentence_index].paragraph == sentence.paragraph:
            return m.location, m.country
    before = [s for s in doc.sentences[:sentence.index] if s.paragraph == sentence.paragraph and not s.heading]
    found = [(gazetteer.LEVEL_RANK[p.place.level], -s.index, p) for s in before for p in doc.places[s.index]
             if _locative(doc.book, s.text, p) and not _origin(doc.book, s.text, p)]
    if found:  # the most specific, then the nearest
        chosen = min(found, key=lambda f: f[:2])[2]
        return (None if chosen.place.level == "country" else chosen.place.name), chosen.place.iso3
    return None, None


# --- Parties ----------------------------------------------------------------------------

def _parties(event_type: str, book: Rulebook, text: str, hit: re.Match[str], names: list[re.Match[str]],
             demonyms: list[gazetteer.Demonym]) -> tuple[list[str], list[str | None]]:
    """Actors and targets by event family: attackers for strikes, the people for personnel changes."""
    if event_type in STRIKES:
        near = [d for d in demonyms if abs(d.start - hit.start()) < 60]
        near.sort(key=lambda d: abs(d.start - hit.start()))
        return ([near[0].state] if near else []), [None]
    if event_type in PERSONNEL:
        return _personnel(book, event_type, text, hit, names)
    people = list(dict.fromkeys(m.group() for m in names))
    if not people and event_type == "meeting":  # "Russian and Ukrainian delegations met": the two states
        start, end = _clause_span(text, hit)
        people = list(dict.fromkeys(d.state for d in demonyms if start <= d.start < end))
    return people, [None]


def _personnel(book: Rulebook, event_type: str, text: str, hit: re.Match[str],
               names: list[re.Match[str]]) -> tuple[list[str], list[str | None]]:
    """Who acts and who changes office.

    A trigger ending in its agent's preposition ("replaced by", "sostituito da") or a
    noun of appointment ("appointment of") names the person right after it. Otherwise
    only names of the trigger's own clause count (see `_clause_names`); the object ends
    where a subordinate clause begins (see `_object_end`), and a list of people or
    offices in it ("A and B") is one target each. In the passive, and for resignations,
    the person is the name before the trigger, the agent the one after "by"/"da"; a
    subject may also follow its verb ("si è dimesso il ministro X")."""
    g = grammar.of(book)
    if g.names_next.search(hit.group()):
        follows = [m for m in names if hit.end() <= m.start() <= hit.end() + 25]
        return [], [follows[0].group() if follows else None]
    own, relatives = _clause_names(book, text, hit, names)
    before = [m for m in own if m.end() <= hit.start()]
    limit = _object_end(book, text, hit)
    after = [m for m in own if hit.end() <= m.start() < limit]
    after = [m for m in after if not re.match(r"['’]s\b", text[m.end():m.end() + 2])]  # "Mr Lee's deputy": an owner
    people = [m for m in after if " " in m.group()] or after
    targets = _listed(book, text, people, relatives) if people else _offices_after(book, text, hit, limit)
    if g.passive.search(text[:hit.start()]) or event_type == "resignation":
        if before:
            targets = [before[-1].group()]
            if event_type == "resignation" and len(before) > 1 \
                    and g.paired_subject.fullmatch(text, before[-2].end(), hit.start()):
                targets = [before[-2].group(), targets[0]]  # "Sunak and Javid resigned": one event each
        elif targets == [None] and (group := g.group.match(text, _clause_span(text, hit)[0])):
            # "Two other members of the Cabinet, ..., also resigned": a group named by no one
            targets = [re.split(r"[,;:(]", text[group.start():hit.start()])[0].strip()]
        agent = [m.group() for m in names if m.start() >= hit.end()
                 and g.agent.match(text[hit.end():m.start()])][:1]
        person = targets[0]
        return (agent or ([person] if person and person[0].isupper() else [])), targets
    return ([before[-1].group()] if before else []), targets


def _clause_names(book: Rulebook, text: str, hit: re.Match[str], names: list[re.Match[str]]) -> tuple[list[re.Match[str]], list[tuple[int, int]]]:
    """The names of the trigger's clause that may act or change office, and the relative
    clauses after the trigger: names led by a preposition or inside a relative clause
    ("Ines Vo, who had chaired the board") are neither."""
    start, end = _clause_span(text, hit)
    relatives = [r.span() for r in grammar.of(book).relative.finditer(text, hit.end(), end)]
    own = [m for m in names if start <= m.start() and m.end() <= end and not _led(book, text[start:m.start()])
           and not any(a <= m.start() < b for a, b in relatives)]
    return own, relatives


def _object_end(book: Rulebook, text: str, hit: re.Match[str]) -> int:
    """Where the object of a personnel trigger ends: at a subordinate clause or the end of
    the clause; after a change recalled in an opening phrase ("After the sackings, the
    mayor ..."), at the comma, since what follows is another clause."""
    end = _clause_span(text, hit)[1]
    stop = grammar.of(book).object_end.search(text, hit.end(), end)
    limit = stop.start() if stop else end
    if grammar.of(book).backref.search(text[max(0, hit.start() - 40):hit.start()]):
        comma = text.find(",", hit.end(), limit)
        limit = comma if comma >= 0 else limit
    return limit


def _listed(book: Rulebook, text: str, people: list[re.Match[str]], relatives: list[tuple[int, int]]) -> list[str | None]:
    """The first person and those listed with it ("A, B and C"): joined by a comma or
    "and"/"e" only, relative clauses and appositions aside, with no other trigger between."""
    out = [people[0]]
    for m in people[1:]:
        between = text[out[-1].end():m.start()]
        for a, b in relatives:
            if out[-1].end() <= a < m.start():
                between = between.replace(text[a:b], " ")
        g = grammar.of(book)
        if not g.listed.search(between) or book.triggers.search(between):
            break
        if not g.and_word.search(between) and re.search(r"(?<![\w'’])[a-zà-ÿ]{4,}", between):
            break  # "Han, a former commander of the Southern Theatre, as minister": an apposition
        out.append(m)
    return [m.group() for m in out]


def _offices_after(book: Rulebook, text: str, hit: re.Match[str], limit: int) -> list[str | None]:
    """The offices named after a personnel trigger when no person is ("il capo dei servizi",
    "the port director and the harbour master": two)."""
    g = grammar.of(book)
    m = g.office.match(text[hit.end():limit])
    if not m:
        return [None]
    return [part.strip() for part in g.offices_split.split(m.group(1))]


# --- Counts -----------------------------------------------------------------------------

def _count(book: Rulebook, text: str, slot: str, hit: re.Match[str] | None = None,
           rivals: list[re.Match[str]] = ()) -> int | None:
    """People killed or injured, or weapons used: a number shortly before the noun ("due
    feriti", "three people were killed", "64 droni") or right after it ("killing five"),
    or one person when a singular verb says so ("è stato ucciso", "was wounded"), or none
    when the text says so ("no one was hurt"). An article read as a number ("un", "a")
    stands before the noun with at most two adjectives ("a ballistic missile"), and does
    not make it the modifier of an attack ("a drone attack" says nothing of how many).
    A count nearer to another report told apart in the sentence is that one's ("drones on
    Port Sudan; an air raid on Nyala, 22 dead")."""
    one = book.raw_slots.get(f"{slot}_one")
    if not book.slots[slot].search(text) and not (one and book.slots[f"{slot}_one"].search(text)):
        return 0 if slot in ("killed", "injured") and book.slots["no_casualties"].search(text) else None
    for m in grammar.count_pattern(book, slot, one).finditer(text):
        if hit is not None and _owned(text, m.start(), m.end(), hit, rivals):
            continue
        *numbers, singular = m.groups()
        value = 1 if singular else parse_count(next(g for g in numbers if g), book.language)
        if value is not None:
            return value
    if slot in ("killed", "injured") and book.slots["no_casualties"].search(text):
        return 0
    return None


# --- Dates ------------------------------------------------------------------------------

def _date(text: str, hit: re.Match[str], rivals: list[re.Match[str]], others: list[re.Match[str]],
          sentence: Sentence, doc: _Doc, rule_type: str) -> tuple[dt.date | None, str | None, str | None, str | None] | None:
    """The event's date by spec section 4: the date expression governing the trigger's
    clause, else one earlier in the paragraph, else the publication day; None when the
    trigger tells a tally over a period rather than one occurrence ("have fired hundreds
    of missiles since November 2023", "il quinto cambio dal 2019").

    Set aside: a date nearer to another report told apart from this one (after a comma, a
    dash, "while": "Varennes, appointed on Sept. 9, handed in his resignation on Monday"),
    unless this one has none of its own and follows a report of its type (an apposition,
    "a colloquio with X, the first bilateral meeting in a year": one occurrence), a date
    inside a quotation the
    trigger is not part of, a date before "the announcement of the summit", how long a
    truce holds ("for the harvest"), a bound or a deadline ("until Friday", "entro il
    2035"), and the dateline opening a dispatch. A date right after a verb of saying
    ("officials said Tuesday") dates the saying: it serves only when nothing else does.
    A future verb moves a weekday or a month without a year forward ("si terrà giovedì")."""
    article = doc.article
    reference = article.published_at
    if reference is None:
        return None, None, None, None
    quotes = [q.span() for q in _QUOTE.finditer(text) if not q.start() <= hit.start() < q.end()]
    g = grammar.of(doc.book)
    convened = bool(g.convened.search(text[max(0, hit.start() - 30):hit.start()]))
    opening = datelines.dateline_end(text) if _first_of_paragraph(doc, sentence) else 0
    clause = _clause_span(text, hit)
    found, tally = [], False
    for d in dates.find_dates(text, article.language, reference):
        before = text[max(0, d.start - 30):d.start]
        if d.start < opening or any(a <= d.start < b for a, b in quotes) or (convened and d.end <= hit.start()) \
                or g.span.search(text[max(0, d.start - 80):d.start]) or g.until.search(before) or g.until_word.match(d.text):
            continue
        if (g.since.search(before) or g.since_word.match(d.text) or g.since_clause.search(before)) and d.precision != "day":
            tally = tally or clause[0] <= d.start < clause[1]
            continue  # "dal 2019" opens a period; "dal 7 al 9 luglio" is the first day of the event
        owner = re.match(r"['’]s\b", text[d.end:d.end + 3])
        if (owner or g.of_date.search(before) and not g.time_of.search(before)) and not _modifies(g, text, d, hit, bool(owner)):
            continue  # "the flood of April 3", "last year's offensive": another event's date
        if any(m.start() <= d.start < m.end() for m in g.not_a_date.finditer(text, max(0, d.start - 30), d.end + 30)):
            continue  # "la città natale del presidente" is his home town, not Christmas
        if g.day_part.fullmatch(d.text):
            continue  # "in serata": the day of the story told before (see _carry_dates), not today
        if g.that_year.match(text, d.end) and d.precision != "year":
            d = _that_year(text, d, found) or d  # "in April that year"
        found.append(d)
    own = [d for d in found if not _owned(text, d.start, d.end, hit, rivals + others)]
    if not own and any(r.start() < hit.start() for r in rivals):
        own = [d for d in found if d.end <= hit.start() and not _owned(text, d.start, d.end, hit, others)]
    pool = [d for d in own if not g.reporting.search(text[max(0, d.start - 30):d.start])] or own
    if tally and not [d for d in pool if clause[0] <= d.start < clause[1]]:
        return None
    if rule_type in STRIKES and pool and all(d.basis == "relative" and d.precision != "day" for d in pool) \
            and g.counted.search(text, *clause):
        return None  # "drones have hit at least ten refineries this month": strikes counted over a period
    if pool:
        # a day an opening verb governs is the first day ("closed on Friday, opened on Thursday")
        opened = [d for d in pool if d.precision == "day" and _governor(doc.book, text, d) == "opening"]
        nearest = min(opened or pool, key=lambda d: (_gap(d.start, d.end, hit), d.start))
        explicit = [d for d in pool if d.basis == "explicit" and d.date == nearest.date and d.precision == nearest.precision]
        chosen = _first_of_range(g, text, explicit[0] if explicit else nearest)
        if _future(doc.book, text, hit, chosen):
            chosen = _ahead(chosen, reference.date(), article.language)
        days = _length(doc.book, text, hit) if chosen.precision == "day" else None
        if days and days > 1 and _ended(doc.book, text, chosen):
            return chosen.date - dt.timedelta(days - 1), "day", chosen.basis, chosen.text
        return chosen.date, chosen.precision, chosen.basis, chosen.text
    if not sentence.heading:
        for previous in reversed(doc.sentences[:sentence.index]):
            if previous.paragraph != sentence.paragraph or previous.heading:
                break
            context = [d for d in dates.find_dates(previous.text, article.language, reference)
                       if not g.noun_date.search(previous.text[max(0, d.start - 8):d.start])
                       and not g.since_word.match(d.text) and not g.until_word.match(d.text)
                       and not g.until.search(previous.text[max(0, d.start - 30):d.start])]
            if context:
                last = context[-1]
                return last.date, last.precision, last.basis, last.text
    return reference.date(), "day", "publication", None


def _modifies(g: grammar.Grammar, text: str, d: dates.DateMatch, hit: re.Match[str], owner: bool) -> bool:
    """Is the noun a date is attached to the trigger ("il vertice di Vilnius del luglio 2023",
    "the summit of July 2024", "Monday's summit"), or does the trigger's clause say it happened
    then ("il precedente del luglio 2017, quando il capo si era dimesso")? A possessive date
    names the noun after it ("Monday's drone attack"), one with "of"/"del" the noun before."""
    if d.end <= hit.start():
        between = text[d.end:hit.start()]
        return owner and len(_WORD.findall(between)) <= 3 or bool(g.when.search(between))
    return not owner and len(_WORD.findall(text[hit.end():d.start])) <= 4


def _that_year(text: str, d: dates.DateMatch, earlier: list[dates.DateMatch]) -> dates.DateMatch | None:
    """A date told "that year" takes the year of the last date with a year written before it
    ("the 2013 agreement, signed in April that year")."""
    years = [e.date.year for e in earlier if e.end <= d.start and re.search(r"\d{4}", e.text)]
    years = years or [int(y) for y in re.findall(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)", text[:d.start])]  # "the 2013 agreement"
    if not years:
        return None
    try:
        return d._replace(date=d.date.replace(year=years[-1]), basis="explicit")
    except ValueError:
        return None


def _filed_end(text: str) -> int:
    """Where the dateline opening a dispatch ends, with its agency in brackets ("ISTANBUL,
    July 9 (Reuters) -", "NEW DELHI:"): its names are no party to the news."""
    end = datelines.dateline_end(text)
    if not end and datelines.filed_from(text):
        end = re.match(r"[^,:(—–-]*", text).end()
    m = re.match(r"\s*(?:\([^)]{1,40}\))?\s*[-–—:]?", text[end:])
    return end + m.end() if end else 0


def _first_of_paragraph(doc: _Doc, sentence: Sentence) -> bool:
    """Does the sentence open its paragraph (where a dateline stands)?"""
    return sentence.index == 0 or doc.sentences[sentence.index - 1].paragraph != sentence.paragraph


def _first_of_range(g: grammar.Grammar, text: str, d: dates.DateMatch) -> dates.DateMatch:
    """The first day of a span of days written with one month ("il 7 e l'8 luglio",
    "March 3-5" is read by the date finder; "on 7 and 8 July" here)."""
    m = g.day_range.search(text, max(0, d.start - 16), d.start)
    if d.precision == "day" and m and 1 <= int(m.group(1)) < d.date.day:
        return d._replace(date=d.date.replace(day=int(m.group(1))), text=text[m.start(1):d.end])
    return d


def _future(book: Rulebook, text: str, hit: re.Match[str], d: dates.DateMatch) -> bool:
    """Is the trigger, or the verb its date stands by, told in the future ("will meet",
    "incontrerà", "si terrà giovedì il nuovo round di colloqui")?"""
    before, after = _modality_window(book, text, hit, after=4)
    near = " ".join(_WORD.findall(text[max(0, d.start - 30):d.start])[-3:] + _WORD.findall(text[d.end:d.end + 30])[:3])
    return bool(book.scheduled.search(f"{before} {after}") or book.scheduled.search(near))


def _ahead(d: dates.DateMatch, today: dt.date, language: str) -> dates.DateMatch:
    """A weekday or a date without its year, told in the future, is the next one, not the
    last (the date finder reads them as past, the most common case in news)."""
    if d.date >= today or re.search(r"\d{4}", d.text) or d.basis == "explicit" and d.precision != "month":
        return d  # a written day already takes the year nearest the publication (spec section 4)
    if d.basis == "relative":  # a weekday alone: the same one next week ("ieri" stays)
        alone = set(_WORD.findall(d.text.lower())) & dates.weekday_names(language)
        if alone and d.precision == "day" and d.date > today - dt.timedelta(days=7):
            return d._replace(date=d.date + dt.timedelta(days=7))
        return d
    try:
        return d._replace(date=d.date.replace(year=d.date.year + 1))
    except ValueError:  # 29 February
        return d


def _length(book: Rulebook, text: str, hit: re.Match[str]) -> int | None:
    """How many days the event lasts, when its length is told beside its trigger, in the same
    part of the sentence ("two days of talks", "a three-day summit", "il vertice di due giorni")."""
    if not grammar.duration_probe(book).search(text):
        return None
    for m in grammar.duration_pattern(book).finditer(text):
        between = text[m.end():hit.start()] if m.end() <= hit.start() else text[hit.end():max(hit.end(), m.start())]
        if len(_WORD.findall(between)) <= 2 and not grammar.of(book).parts.search(between):
            return parse_count(next(n for n in m.groups() if n), book.language)
    return None


def _ended(book: Rulebook, text: str, date: dates.DateMatch) -> bool:
    """Does a verb of ending govern the date ("concluded ... on Friday", "conclusi ieri")?"""
    return _governor(book, text, date) == "ending"


def _governor(book: Rulebook, text: str, date: dates.DateMatch) -> str | None:
    """The kind of verb, "opening" or "ending", that governs a date, if any. The verb of ending or opening that governs it stands in the date's part of the sentence,
    the nearest before it ("opened on Sunday and closed on Tuesday"), else the nearest after
    it ("On Friday the leaders wrapped up ..."). An event dated by its end began its length
    before; one dated by its opening ("opened on Thursday a two-day summit") began that day."""
    parts = grammar.of(book).parts
    start = max((m.end() for m in parts.finditer(text, 0, date.start)), default=0)
    stop = next((m.start() for m in parts.finditer(text, date.end)), len(text))
    verbs = [(m.start() < date.start, m.start(), kind)
             for kind in ("opening", "ending") for m in book.slots[kind].finditer(text, start, stop)]
    before = [v for v in verbs if v[0]]
    governing = max(before) if before else min(verbs, default=None)
    return governing[2] if governing else None


# --- What the article adds --------------------------------------------------------------

def _carry_dates(book: Rulebook, mentions: list[Mention], sentences: list[Sentence]) -> list[Mention]:
    """A body report with no date cue of its own ("the resignation", "Those sacked
    included ...") takes up an earlier dated report of the same type that it does
    not contradict (another named person); one saying "shortly after" / "poco dopo" / "in
    serata" takes the date of the report just before it, whatever its type. Other meetings
    keep the publication day: a story of talks moves from one to the next, and an undated
    one is most often today's. A summit told with no date, in an article that dates one summit
    at its place (or at none) from a week before to two weeks after it, is that summit
    ("il vertice dell'Aia", told on its second day; "the summit", told before it opens)."""
    summits = [m for m in mentions if m.event_type == "summit" and m.date_basis != "publication" and m.date_precision == "day"]
    out: list[Mention] = []
    for m in mentions:
        heading = sentences[m.sentence_index].heading
        if m.date_basis == "publication" and m.event_type == "summit" and m.event_date is not None:
            known = {(o.event_date, o.location): o for o in summits if -14 <= (m.event_date - o.event_date).days <= 7
                     and (m.location is None or o.location is None or o.location == m.location)}
            if len(known) == 1:
                o = known.popitem()[1]
                m = replace(m, event_date=o.event_date, date_basis=o.date_basis, date_text=o.date_text, status=o.status,
                            location=m.location or o.location, country=m.country or o.country)
        elif m.date_basis == "publication" and not heading:
            dated = [o for o in out if o.date_basis != "publication" and not sentences[o.sentence_index].heading]
            if grammar.of(book).sequence.search(m.sentence):
                source = dated[-1:]  # "shortly after", "in serata": whatever its type, meetings too
            elif m.event_type in ("meeting", "summit"):
                source = []
            elif m.event_type in PERSONNEL and grammar.of(book).succession.search(m.sentence):
                source = [o for o in dated if o.event_type in PERSONNEL][-1:]  # "appointed ... in his place"
            else:
                source = [o for o in dated if _same_kind(o, m) and (o.event_type != m.event_type or not _other_person(o, m))][-1:]
            if source:
                s = source[0]
                m = replace(m, event_date=s.event_date, date_precision=s.date_precision,
                            date_basis=s.date_basis, date_text=s.date_text)
        out.append(m)
    return out


def _same_kind(a: Mention, b: Mention) -> bool:
    """The same type, or two personnel changes read from one sentence (a dismissal naming the successor)."""
    return a.event_type == b.event_type or (
        a.sentence_index == b.sentence_index and a.event_type in PERSONNEL and b.event_type in PERSONNEL)


def _other_person(a: Mention, b: Mention) -> bool:
    """Both reports name a person (capitalised target) and not the same one."""
    if not (a.target and b.target and a.target[0].isupper() and b.target[0].isupper()):
        return False
    return not ({w[:5] for w in a.target.lower().split()} & {w[:5] for w in b.target.lower().split()})


def _carry_strikes(mentions: list[Mention], doc: _Doc) -> list[Mention]:
    """Counts a strike report does not give, from the sentences around it in its paragraph.

    A report of a strike is often followed or preceded by a sentence of its toll that
    names no weapon ("Tre i feriti, secondo il sindaco", "Two people were hurt in the
    town"). Such a sentence with no report of its own gives its counts to the strike
    that names no toll; when it names a place of its own, other than the strike's, it
    reports the strike on that place (a death in one region during a wave), and a
    breakdown of the wave by place ("31 were shot down over X, 18 over Y") gives that
    strike its number of drones or missiles.
    """
    book, sentences = doc.book, doc.sentences
    reported = {m.sentence_index for m in mentions}
    out: list[Mention] = []
    for m in mentions:
        out.append(m)
        if m.event_type not in STRIKES:
            continue
        here = sentences[m.sentence_index]
        around = [s for s in sentences if s.paragraph == here.paragraph and not s.heading and s.index not in reported
                  and (s.index < here.index or s.index == here.index + 1)]
        for s in around:
            killed, injured = _count(book, s.text, "killed"), _count(book, s.text, "injured")
            if killed is None and injured is None:
                continue
            spot = [p for p in doc.places[s.index] if p.place.level != "country" and _locative(book, s.text, p)
                    and not _origin(book, s.text, p)]
            if spot and s.index > here.index and spot[0].place.name != m.location:
                out.append(replace(m, sentence=s.text, sentence_index=s.index, location=spot[0].place.name,
                                   country=spot[0].place.iso3, killed=killed, injured=injured,
                                   quantity=_breakdown(doc, here.paragraph, spot[0].place.name)))
                reported.add(s.index)
            elif m.killed is None and m.injured is None:
                out[-1] = replace(m, killed=killed, injured=injured)
            break
    return out


def _breakdown(doc: _Doc, paragraph: int, place: str) -> int | None:
    """The number of drones or missiles a wave's breakdown by place gives this place, in a
    stretch of it that names no other ("sopra Ostrava ne sono stati fermati 31, sopra
    Brno 18")."""
    for s in doc.sentences:
        if s.paragraph != paragraph:
            continue
        offset = 0
        for segment in re.split(r"[,;]", s.text):
            start, end = offset, offset + len(segment)
            offset = end + 1
            named = {p.place.name for p in doc.places[s.index] if start <= p.start and p.end <= end}
            if named == {place} and doc.book.slots["weapons"].search(segment):
                count = _count(doc.book, segment[:segment.index(place)], "weapons")
                if count is not None:
                    return count
    return None


def _carry_places(mentions: list[Mention], doc: _Doc) -> list[Mention]:
    """Places a report does not name in its own sentence, from its article:

    - a personnel change takes the state of the one reported before it in the article,
      else the state its lead (title and first sentences) names next to an office, else
      the place the dispatch is filed from, else any state its lead names;
    - a summit, meeting or agreement takes the place of a gathering of that day or the
      day before told in the article (an accord signed at the talks, a meeting on the
      sidelines of a summit; the nearest, its paragraph first), a summit the venue named
      in the next sentence, a meeting between people of one known state that state, and
      any of them the place the dispatch is filed from ("NEW DELHI: ... held talks here");
    - a strike takes the country of a strike told in its sentence, else the one country
      of the article's strikes of its day, else that of the place of filing.
    """
    out: list[Mention] = []
    unknown = any(m.country is None and m.event_type in PERSONNEL for m in mentions)
    state = _article_state(doc) if unknown else None
    for m in mentions:
        if m.country is None and m.event_type in PERSONNEL:
            earlier = [o.country for o in out if o.event_type in PERSONNEL and o.country]
            m = replace(m, country=earlier[-1] if earlier else state)
        elif m.country is None and m.event_type in GATHERINGS:
            m = _gathering_place(m, out, mentions, doc)
        out.append(m)
    return [_strike_country(m, out, doc) if m.event_type in STRIKES and m.country is None else m for m in out]


def _strike_country(m: Mention, mentions: list[Mention], doc: _Doc) -> Mention:
    """See `_carry_places`. A report with its own count of weapons is a wave, never the
    city strike of its night (spec section 5): it takes a country at most."""
    placed = [o for o in mentions if o.event_type in STRIKES and o.country]
    located = {(o.location, o.country) for o in placed if o.location and o.event_type == m.event_type
               and o.event_date and m.event_date and abs((o.event_date - m.event_date).days) <= 1}
    if len(located) == 1 and m.quantity is None \
            and not any(o.country and not o.location and o.event_type == m.event_type for o in placed):
        location, country = located.pop()  # the one strike of its kind that day the article places
        return replace(m, location=location, country=country)
    same = [o.country for o in placed if o.sentence_index == m.sentence_index]
    if not same and m.event_date is not None:
        same = list({o.country for o in placed if o.event_date and abs((o.event_date - m.event_date).days) <= 1})
        same = same if len(same) == 1 else []
    if same:
        return replace(m, country=same[0])
    return replace(m, country=doc.filed.place.iso3) if doc.filed else m


def _article_state(doc: _Doc) -> str | None:
    """The state an article is about: a nationality or country next to an office in its
    lead (title and first sentences), else the place it is filed from, else any in the
    lead, else any next to an office elsewhere."""
    def cues(sentences: list[Sentence]) -> list[tuple[int, str, bool]]:
        return [c for s in sentences for c in _state_cues(doc.book, s.text, doc.places[s.index], doc.demonyms[s.index])]

    lead = cues(doc.sentences[:3])
    ranked = [iso3 for _, iso3, titled in lead if titled] + ([doc.filed.place.iso3] if doc.filed else []) \
        + [iso3 for _, iso3, _ in lead]
    if not ranked:
        ranked = [iso3 for _, iso3, titled in cues(doc.sentences) if titled]
    return ranked[0] if ranked else None


def _gathering_place(m: Mention, earlier: list[Mention], everyone: list[Mention], doc: _Doc) -> Mention:
    """See `_carry_places`."""
    sentences = doc.sentences
    paragraph = sentences[m.sentence_index].paragraph
    for o in reversed(earlier):
        if o.event_type in GATHERINGS and o.location and o.event_date == m.event_date \
                and sentences[o.sentence_index].paragraph == paragraph:
            return replace(m, location=o.location, country=o.country)
    near = [o for o in everyone if o.event_type in ("summit", "meeting") and o.location and o is not m
            and o.event_date and m.event_date and 0 <= (m.event_date - o.event_date).days <= 1]
    if near:
        o = min(near, key=lambda o: (sentences[o.sentence_index].paragraph != paragraph, abs(o.sentence_index - m.sentence_index)))
        return replace(m, location=o.location, country=o.country)
    following = sentences[m.sentence_index + 1] if m.sentence_index + 1 < len(sentences) else None
    if m.event_type == "summit" and following and following.paragraph == paragraph \
            and not doc.book.triggers.search(following.text):
        venues = [p for p in doc.places[following.index]
                  if p.place.level != "country" and _locative(doc.book, following.text, p)]
        if venues:
            return replace(m, location=venues[0].place.name, country=venues[0].place.iso3)
    if m.event_type == "meeting":
        states = set(gazetteer.actor_countries(" ".join(m.actors)))
        if len(states) == 1:
            return replace(m, country=states.pop())
    if doc.filed:
        return replace(m, location=doc.filed.place.name, country=doc.filed.place.iso3)
    return m


def _attach_headings(mentions: list[Mention], sentences: list[Sentence]) -> list[Mention]:
    """A headline repeats the body: its mention takes the date, place and target of the
    body mention of the same type it shares most names with, so both merge. So does a
    lead that tells the news with no date ("The prime minister has sacked his defence
    minister ..."), when the body tells it again dated to a day of the week before."""
    heading = {s.index for s in sentences if s.heading}
    lead = next((s.index for s in sentences if not s.heading), None)
    body = [m for m in mentions if m.sentence_index not in heading]
    out = []
    for m in mentions:
        same = [b for b in body if b.event_type == m.event_type]
        if m.sentence_index == lead and m.date_basis == "publication":
            # the same news: told in the body with a day of the past week, of no other person
            same = [b for b in same if b.sentence_index != lead and b.date_basis != "publication"
                    and b.date_precision == "day" and b.event_date is not None and m.event_date is not None
                    and 0 <= (m.event_date - b.event_date).days <= 7 and not _other_person(b, m)]
            summary = bool(same)
        else:
            summary = m.sentence_index in heading
        if summary and same:
            best = max(same, key=lambda b: (m.location is not None and b.location == m.location, b.status == m.status,
                                        len(set(b.actors) & set(m.actors)), bool(b.location), -same.index(b)))
            # the body's own toll wins: a headline's counts often sum the whole night
            m = replace(m, event_date=best.event_date, date_precision=best.date_precision,
                        date_basis=best.date_basis, date_text=best.date_text, location=best.location,
                        country=best.country, target=best.target,
                        killed=m.killed if best.killed is None else best.killed,
                        injured=m.injured if best.injured is None else best.injured,
                        quantity=m.quantity if best.quantity is None else best.quantity,
                        actors=list(dict.fromkeys(m.actors + best.actors)) if m.event_type == "meeting" else m.actors)
        out.append(m)
    return out
