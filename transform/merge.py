"""Mentions -> events, by spec/events.md section 5.

Two reports are one occurrence when type, date (night strikes: within a
day), place and, where the type has one, the party agree. Reports that name
no place join the event they agree with on everything else (within their own
article first) rather than bridging two events. Event ids hash the event's
identifying fields, so the same inputs give the same ids on every run.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from extract import grammar, rulebook
from extract.gazetteer import seat
from extract.model import Mention

NIGHT_TOLERANT = ("drone_strike", "missile_strike")
PARTY_TYPES = ("dismissal", "resignation", "appointment", "meeting")


@dataclass
class Event:
    """One real-world occurrence and the mentions that report it."""

    event_id: str
    mentions: list[Mention] = field(default_factory=list)
    canonical: Mapping[str, str] = field(default_factory=dict)  # near-duplicate article -> the one it duplicates

    def row(self) -> dict:
        """The `events` table row: voted fields, united actors, the evidence sentence."""
        ms = self.mentions
        lead = _lead(ms)
        return {
            "event_id": self.event_id,
            "event_type": lead.event_type,
            "event_date": lead.event_date,
            "date_precision": lead.date_precision,
            "date_basis": lead.date_basis,
            "status": "occurred" if any(m.status == "occurred" for m in ms) else "scheduled",
            "location": _vote([m.location for m in ms]),
            "country": _vote([m.country for m in ms]),
            "actors": _union([a for m in ms for a in m.actors]),
            "target": _vote([m.target for m in ms]),
            "killed": _vote_count([m.killed for m in ms]),
            "injured": _vote_count([m.injured for m in ms]),
            "quantity": _vote_count([m.quantity for m in ms]),
            "evidence": lead.sentence,
            "mention_count": len(ms),
            # one report in two formats is one article
            "article_count": len({self.canonical.get(m.article_id, m.article_id) for m in ms}),
        }


def fold(text: str | None) -> str:
    """Case-, accent- and spacing-insensitive form for comparing names."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("’", "'").split())


def _surnames(names: list[str]) -> set[str]:
    """Last words of names, cut to 4 letters so transliterations and typos meet
    (Zelensky/Zelenskyj, Zaluzhnyi/Zaluyzhnyi)."""
    return {fold(n).split()[-1][:4] for n in names if fold(n)}


def _lead(ms: list[Mention]) -> Mention:
    """The report that speaks for the event: a body sentence with the firmest date."""
    rank = {"explicit": 0, "relative": 1, "publication": 2, None: 3}
    return min(ms, key=lambda m: (rank[m.date_basis], m.sentence_index == 0, m.article_id, m.sentence_index, m.rule_id))


def _vote(values: list[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], -values.index(v)))


def _vote_count(values: list[int | None]) -> int | None:
    """The value most reports give; ties go to the largest (spec section 5)."""
    counts = Counter(v for v in values if v is not None)
    return max(counts, key=lambda v: (counts[v], v)) if counts else None


def _union(names: list[str]) -> list[str]:
    out: dict[str, str] = {}
    for n in names:
        out.setdefault(fold(n), n)
    return sorted(out.values(), key=fold)


def _dates_agree(a: Mention, b: Mention) -> bool:
    if a.event_date is None or b.event_date is None:
        return a.event_date == b.event_date
    tolerance = 1 if a.event_type in NIGHT_TOLERANT else 0
    return abs((a.event_date - b.event_date).days) <= tolerance


def _party(m: Mention) -> set[str]:
    """Who a report is about. A target that names no one ("the head of security") is an
    office, no party to compare; a group named by no one ("i ministri della Giustizia,
    dell'Ambiente", "three ministers") is one party of its own, not any person named."""
    if m.event_type == "meeting":
        return _surnames(m.actors)
    book = rulebook.load(m.language) if m.target else None
    if book and grammar.of(book).group.match(m.target):
        return {"<group>"}
    return _surnames([m.target]) if m.target and m.target[0].isupper() else set()


def _agree(a: Mention, b: Mention) -> bool:
    """Spec section 5: same type, date, place and party. A report that names no place or
    party does not disagree; but a strike at country level is not one at a city in it,
    unless it gives the same death toll (a loose report of that strike)."""
    if a.event_type != b.event_type or not _dates_agree(a, b):
        return False
    if a.location and b.location and not _same_place(a.location, b.location):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if a.event_type in NIGHT_TOLERANT and a.country and b.country and bool(a.location) != bool(b.location):
        # a report at country level giving the same death toll names the city strike loosely
        return a.killed is not None and a.killed == b.killed
    if a.event_type in PARTY_TYPES:
        pa, pb = _party(a), _party(b)
        if a.event_type != "meeting" and pa and pb and ("<group>" in pa) != ("<group>" in pb):
            return False  # "three ministers resigned" is not the resignation of one named person
        if a.event_type == "meeting":
            # at one named place on one day, a report naming a single party does not contradict
            same_place = a.location is not None and b.location is not None and _same_place(a.location, b.location)
            return not pa or not pb or len(pa & pb) >= min(2, len(pa), len(pb)) or (same_place and min(len(pa), len(pb)) == 1)
        return not pa or not pb or bool(pa & pb)
    return True


def _same_place(a: str, b: str) -> bool:
    """One named place: the same name, or a landmark and the town it stands in ("Eliseo", "Parigi")."""
    return fold(a) == fold(b) or fold(seat(a)) == fold(seat(b))


def _placed(m: Mention) -> bool:
    return bool(m.location or m.country or (m.event_type in PARTY_TYPES and _party(m)))


def _key(m: Mention) -> tuple:
    """Everything `_agree` reads of a report: reports with one key agree with the same reports."""
    return m.event_type, m.event_date, fold(seat(m.location)) if m.location else None, m.country, m.killed, frozenset(_party(m))


@dataclass
class _Group:
    """An event being built: its reports, and one report per distinct key to compare with."""

    mentions: list[Mention] = field(default_factory=list)
    distinct: dict[tuple, Mention] = field(default_factory=dict)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.distinct.setdefault(_key(m), m)

    def accepts(self, m: Mention) -> bool:
        return all(_agree(m, o) for o in self.distinct.values())


def _home(m: Mention, groups: list[_Group]) -> _Group | None:
    """The first group m agrees with in full, preferring one holding its own article."""
    candidates = [g for g in groups if g.accepts(m)]
    own = [g for g in candidates if any(o.article_id == m.article_id for o in g.mentions)]
    return (own or candidates or [None])[0]


def _near_days(m: Mention) -> list[tuple[str, dt.date | None]]:
    """The (type, day) buckets a report can agree with: its day and, for strikes, either side."""
    if m.event_date is None:
        return [(m.event_type, None)]
    return [(m.event_type, m.event_date + dt.timedelta(days=d)) for d in (-1, 0, 1)]


def merge(mentions: list[Mention], canonical: Mapping[str, str] | None = None) -> list[Event]:
    """Group mentions into events; deterministic for a given set of mentions.

    Groups are indexed by type and day, and a report is compared with one report
    of each distinct key in a group, so merging stays near linear in the lake's size.
    `canonical` maps a near-duplicate article to the one it duplicates, so the
    events count that report once.
    """
    ordered = sorted(mentions, key=lambda m: (m.event_type, str(m.event_date), m.article_id, m.sentence_index, m.rule_id,
                                              str(m.location), str(m.target), m.actors, m.sentence))
    groups: list[_Group] = []
    by_day: dict[tuple[str, dt.date | None], list[int]] = defaultdict(list)
    # placed reports first, so that one naming nothing cannot bridge two events
    for m in [m for m in ordered if _placed(m)] + [m for m in ordered if not _placed(m)]:
        near = sorted({i for key in _near_days(m) for i in by_day.get(key, ())})
        home = _home(m, [groups[i] for i in near])
        if home is None:
            groups.append(_Group())
            home, index = groups[-1], len(groups) - 1
        else:
            index = next(i for i in near if groups[i] is home)
        home.add(m)
        if index not in by_day[(m.event_type, m.event_date)]:
            by_day[(m.event_type, m.event_date)].append(index)
    return [Event(event_id(g.mentions), g.mentions, canonical or {}) for g in groups]


def event_id(group: list[Mention]) -> str:
    """Hash of the event's identity (type, first date, place, party): stable across runs."""
    first = min(group, key=lambda m: (str(m.event_date), m.article_id, m.sentence_index))
    place = _vote([m.location for m in group]) or _vote([m.country for m in group]) or ""
    party = sorted(set().union(*(_party(m) for m in group)))
    key = "|".join([first.event_type, str(min(str(m.event_date) for m in group)), fold(place), ",".join(party),
                    first.article_id, str(first.sentence_index)])
    return hashlib.sha1(key.encode()).hexdigest()[:16]
