"""Event rule files (`rules/events/<lang>.yaml`) loaded and compiled once.

All triggers of a language are joined into one compiled pattern, so one pass
over a sentence finds where triggers start; each start is then given to the
rules whose own trigger matches there, each with its own extent (several rules
may share a word: "incontro" is a meeting or a summit by its context; and one
rule's "visita di Stato" is not hidden by another's "visita").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

RULES_DIR = Path(__file__).parent / "rules" / "events"
EVENT_TYPES = (
    "summit", "meeting", "drone_strike", "missile_strike",
    "dismissal", "resignation", "appointment", "agreement",
)
FLAGS = re.IGNORECASE
SCOPES = ("clause", "sentence")  # where a rule's `excludes` are looked for


def _words(pattern: str) -> str:
    """A pattern matched on whole words only, not the second half of a hyphened word ("anti-drone")."""
    return rf"(?<![\w-])(?:{pattern})(?!\w)"


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    describe: str
    trigger: re.Pattern[str]
    at: re.Pattern[str]  # the trigger, matched where a hit of the joined pattern starts
    requires: re.Pattern[str] | None  # anywhere in the sentence
    excludes: re.Pattern[str] | None  # in the trigger's clause, or the sentence when scope is "sentence"
    not_in: re.Pattern[str] | None  # a phrase that, when it contains the trigger, voids it
    scope: str  # where `excludes` looks: "clause" (default) or "sentence"
    yes: tuple[str, ...]
    no: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # hashed by identity: one per language, cached
class Rulebook:
    language: str
    rules: tuple[Rule, ...]
    triggers: re.Pattern[str]  # every rule's trigger in one alternation
    window: int
    void_before: re.Pattern[str]
    void_after: re.Pattern[str]
    void_clause: re.Pattern[str]  # anywhere in the trigger's clause: "the meeting ... was called off"
    scheduled: re.Pattern[str]
    slots: dict[str, re.Pattern[str]]
    raw_slots: dict[str, str]
    grammar: dict[str, str]  # function words, built into patterns by extract/grammar.py

    def rules_at(self, text: str, start: int) -> list[tuple[Rule, re.Match[str]]]:
        """The rules whose trigger matches at this start, each with its own match."""
        return [(r, m) for r in self.rules if (m := r.at.match(text, start))]


def _clean(pattern: str) -> str:
    """Undo YAML line folding: one space between words, none after an alternation bar."""
    return re.sub(r"\|\s+", "|", " ".join(pattern.split()))


def _opt(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(_words(_clean(pattern)), FLAGS) if pattern else None


def parse(data: dict) -> Rulebook:
    """Build a Rulebook from a rule file's content; a malformed rule fails loudly with its id."""
    rules = []
    seen = set()
    for entry in data["rules"]:
        rid = entry.get("id", "?")
        if rid in seen or entry.get("type") not in EVENT_TYPES or not entry.get("trigger"):
            raise ValueError(f"rule {rid}: duplicate id, unknown type or no trigger")
        if entry.get("scope", "clause") not in SCOPES:
            raise ValueError(f"rule {rid}: scope must be one of {', '.join(SCOPES)}")
        seen.add(rid)
        examples = entry.get("examples") or {}
        rules.append(Rule(
            id=rid, type=entry["type"], describe=entry.get("describe", ""),
            trigger=re.compile(_clean(entry["trigger"]), FLAGS),
            at=re.compile(rf"(?:{_clean(entry['trigger'])})(?!\w)", FLAGS),
            requires=_opt(entry.get("requires")), excludes=_opt(entry.get("excludes")),
            not_in=_opt(entry.get("not_in")), scope=entry.get("scope", "clause"),
            # YAML 1.1 reads the keys `yes:` and `no:` as booleans
            yes=tuple(examples.get("yes", examples.get(True)) or ()),
            no=tuple(examples.get("no", examples.get(False)) or ()),
        ))
    modality = data["modality"]
    slots = {k: _clean(v) for k, v in data["slots"].items()}
    return Rulebook(
        language=data["language"],
        rules=tuple(rules),
        # the word bounds stand once around the alternation, not in every branch: half the cost
        triggers=re.compile(_words("|".join(f"(?:{r.trigger.pattern})" for r in rules)), FLAGS),
        window=int(modality.get("window", 7)),
        void_before=_opt(modality["void_before"]),
        void_after=_opt(modality["void_after"]),
        void_clause=_opt(modality["void_clause"]),
        scheduled=_opt(modality["scheduled"]),
        slots={k: re.compile(_words(v), FLAGS) for k, v in slots.items()},
        raw_slots=slots,
        grammar={k: _clean(v) for k, v in (data.get("grammar") or {}).items()},
    )


@lru_cache(maxsize=None)
def load(language: str) -> Rulebook | None:
    """The rulebook of a language, or None when the project has no rules for it."""
    path = RULES_DIR / f"{language}.yaml"
    if not path.exists():
        return None
    return parse(yaml.safe_load(path.read_text(encoding="utf-8")))
