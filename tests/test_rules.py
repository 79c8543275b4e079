"""Every rule's own examples, and that a rule file alone decides what fires."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import yaml

from extract import rulebook
from extract.events import extract_mentions
from extract.model import Article

PUBLISHED = dt.datetime(2026, 3, 10, 9, 30, tzinfo=ZoneInfo("Europe/Rome"))


def _article(sentence: str, language: str) -> Article:
    return Article(article_id="t", origin_id="t", input="t", text=sentence, language=language, published_at=PUBLISHED)


def _cases(kind: str) -> list:
    return [pytest.param(lang, rule, s, id=f"{rule.id}:{s[:40]}")
            for lang in ("it", "en") for rule in rulebook.load(lang).rules for s in getattr(rule, kind)]


@pytest.mark.parametrize(("language", "rule", "sentence"), _cases("yes"))
def test_positive_examples_fire(language: str, rule: rulebook.Rule, sentence: str) -> None:
    fired = {m.rule_id for m in extract_mentions(_article(sentence, language))}
    assert rule.id in fired, f"{rule.id} did not fire on its example"


@pytest.mark.parametrize(("language", "rule", "sentence"), _cases("no"))
def test_negative_examples_stay_silent(language: str, rule: rulebook.Rule, sentence: str) -> None:
    fired = {m.rule_id for m in extract_mentions(_article(sentence, language))}
    assert rule.id not in fired, f"{rule.id} fired on a counter-example"


def test_every_rule_has_examples_both_ways() -> None:
    for language in ("it", "en"):
        for rule in rulebook.load(language).rules:
            assert rule.yes and rule.no and rule.describe, rule.id


def test_adding_a_trigger_to_the_rule_file_adds_the_event() -> None:
    sentence = "Il presidente ha esonerato ieri il capo della polizia, Marco Rossi."
    assert not extract_mentions(_article(sentence, "it"))
    data = yaml.safe_load((rulebook.RULES_DIR / "it.yaml").read_text(encoding="utf-8"))
    rule = next(r for r in data["rules"] if r["id"] == "it.dismissal.removed")
    rule["trigger"] += "|ha esonerato"
    mentions = extract_mentions(_article(sentence, "it"), rulebook.parse(data))
    assert [(m.event_type, m.rule_id, m.target, m.event_date) for m in mentions] == [
        ("dismissal", "it.dismissal.removed", "Marco Rossi", dt.date(2026, 3, 9))]


def test_a_broken_rule_names_itself() -> None:
    data = {"language": "xx", "modality": {"void_before": "no", "void_after": "no", "scheduled": "will"},
            "slots": {}, "rules": [{"id": "xx.bad", "type": "parade", "trigger": "march"}]}
    with pytest.raises(ValueError, match="xx.bad"):
        rulebook.parse(data)


def test_an_unknown_scope_names_its_rule() -> None:
    data = {"language": "xx", "modality": {"void_before": "no", "void_after": "no", "scheduled": "will"},
            "slots": {}, "rules": [{"id": "xx.wide", "type": "summit", "trigger": "summit", "scope": "paragraph"}]}
    with pytest.raises(ValueError, match="xx.wide"):
        rulebook.parse(data)


def test_a_rule_file_without_a_grammar_word_list_names_it() -> None:
    data = yaml.safe_load((rulebook.RULES_DIR / "en.yaml").read_text(encoding="utf-8"))
    del data["grammar"]["agent"]
    with pytest.raises(ValueError, match="grammar lacks agent"):
        extract_mentions(_article("The minister was sacked by the premier on Monday.", "en"), rulebook.parse(data))


def test_function_words_come_from_the_rule_file() -> None:
    """The passive agent is read through the file's `agent` words, not words in code."""
    sentence = "The harbour master, Ivo Lind, was dismissed by Mayor Ada Moss on Monday."
    data = yaml.safe_load((rulebook.RULES_DIR / "en.yaml").read_text(encoding="utf-8"))
    [before] = extract_mentions(_article(sentence, "en"), rulebook.parse(data))
    data["grammar"]["agent"] = "through"
    [after] = extract_mentions(_article(sentence, "en"), rulebook.parse(data))
    assert (before.target, before.actors, after.actors) == ("Ivo Lind", ["Mayor Ada Moss"], ["Ivo Lind"])


def _read(text: str, language: str) -> list[tuple]:
    return [(m.event_type, m.location, m.country, m.killed, m.injured, m.target, m.event_date)
            for m in extract_mentions(_article(text, language))]


def test_a_toll_sentence_without_trigger_completes_the_strike() -> None:
    text = ("Tre passanti sono rimasti feriti e uno è morto. "
            "Lo ha riferito il sindaco di Mykolaiv, dove all'alba è esploso un drone sopra il porto.")
    assert _read(text, "it") == [("drone_strike", "Mykolaiv", "UKR", 1, 3, None, dt.date(2026, 3, 10))]


def test_a_toll_elsewhere_during_a_wave_is_a_strike_there() -> None:
    text = ("La difesa aerea ha abbattuto 60 droni sulle regioni russe. "
            "Un uomo è stato ucciso a Belgorod.")
    assert [(t, loc, c, k) for t, loc, c, k, *_ in _read(text, "it")] == [
        ("drone_strike", None, "RUS", None), ("drone_strike", "Belgorod", "RUS", 1)]


def test_the_state_of_an_office_comes_from_the_nationality_beside_it() -> None:
    assert _read("The Dutch foreign minister resigned on Monday.", "en")[0][2] == "NLD"
    assert _read("Il ministro dell'Interno polacco si è dimesso ieri.", "it")[0][2] == "POL"


def test_people_listed_after_a_personnel_verb_are_one_event_each() -> None:
    text = "The president dismissed the interior minister, Lena Ford, and the army chief, Omar Reyes, on Monday."
    assert [m[5] for m in _read(text, "en")] == ["Lena Ford", "Omar Reyes"]


def test_weapons_talked_about_in_general_give_no_strike() -> None:
    assert _read("Coast guards now count on small drones for patrols and, at times, for attack.", "en") == []


def test_a_date_inside_a_quotation_does_not_date_the_event_outside_it() -> None:
    text = 'Asked about her resignation, the mayor smiled: "The council knew it back in May."'
    assert _read(text, "en")[0][6] == PUBLISHED.date()


def _fired(text: str, language: str) -> set[str]:
    return {m.rule_id for m in extract_mentions(_article(text, language))}


@pytest.mark.parametrize(("language", "text", "rule_id"), [
    # a habitual phrase voids only the trigger inside it, not a strike told beside it
    ("en", "Nightly drone raids have worn the town down; on Sunday a drone hit its water plant.", "en.drone_strike.drones"),
    ("en", "After months of constant attacks on the port, a missile struck a grain silo there today.", "en.missile_strike.missiles"),
    ("it", "Dopo settimane di ripetuti attacchi alla rete, un missile ha colpito la diga di Nova Kakhovka.",
     "it.missile_strike.missiles"),
    # weapons asked for or supplied, next to a strike
    ("en", "The governor begged for more air defence systems after rockets hit two schools in Kharkiv.",
     "en.missile_strike.missiles"),
    ("it", "Sei missili diretti su Odessa sono stati intercettati dai sistemi di difesa aerea.", "it.missile_strike.missiles"),
    # "test" is a word of its own, not the start of "testimoni" or "testa"
    ("it", "Un razzo è caduto sulla testa di ponte, ferendo quattro soldati.", "it.missile_strike.missiles"),
    # the sea bounds a test only when the missile fell into it
    ("it", "Un missile ha colpito in mare un peschereccio, uccidendo due marinai.", "it.missile_strike.missiles"),
    # a leader who meets a bloc's leaders has a meeting
    ("en", "The Slovak premier met European leaders in Prague on Monday.", "en.meeting.met"),
    # a future decree is a scheduled report, read by the modality of the clause
    ("en", "On Friday the mayor will issue a decree dismissing the port chief, Ada Moss.", "en.dismissal.dismissed"),
])
def test_a_general_rule_keeps_the_event_beside_its_exception(language: str, text: str, rule_id: str) -> None:
    assert rule_id in _fired(text, language)


@pytest.mark.parametrize(("language", "text", "rule_id"), [
    # talks a bloc's leaders hold are their summit
    ("en", "European leaders held talks with Premier Ola Berg over dinner in Vienna.", "en.meeting.met"),
    # "volenterosi" as a plain adjective names no coalition
    ("it", "Gli elettori volenterosi si sono messi in fila per la riunione di quartiere.",
     "it.summit.gathering"),
    # a phrase may start after an elided article
    ("it", "L'incontro tra i capi del G7 si è chiuso ieri a Tokyo.", "it.meeting.incontro"),
    # a missile that fell into the sea hit nothing
    ("en", "Two rockets launched during the naval drill splashed down into the sea.", "en.missile_strike.missiles"),
])
def test_an_exception_still_voids_its_own_trigger(language: str, text: str, rule_id: str) -> None:
    assert rule_id not in _fired(text, language)


def test_a_future_decree_is_scheduled() -> None:
    mentions = extract_mentions(_article("The mayor will issue a decree dismissing the port chief, Ada Moss.", "en"))
    assert [(m.event_type, m.status, m.target) for m in mentions] == [("dismissal", "scheduled", "Ada Moss")]


def test_a_clause_scoped_exclusion_stops_at_the_clause() -> None:
    """`excludes` looks only at the trigger's clause: a press conference in another clause
    does not void a conference of ministers."""
    text = "The ministers of the alliance opened a conference in Oslo; later a press conference was held."
    assert "en.summit.gathering" in _fired(text, "en")
    data = yaml.safe_load((rulebook.RULES_DIR / "en.yaml").read_text(encoding="utf-8"))
    rule = next(r for r in data["rules"] if r["id"] == "en.summit.gathering")
    rule["scope"] = "sentence"
    assert "en.summit.gathering" not in {m.rule_id for m in extract_mentions(_article(text, "en"), rulebook.parse(data))}


def test_a_gathering_announced_takes_its_own_date_not_the_announcements() -> None:
    text = "The ministry confirmed on Monday the convening of a summit, to be held in Braga on 4 May."
    assert [(m[0], m[6]) for m in _read(text, "en")] == [("summit", dt.date(2026, 5, 4))]


def test_a_change_recalled_after_a_preposition_of_time_is_reported_elsewhere() -> None:
    assert _read("After the resignations, the mayor thanked the staff for their work.", "en") == []
    assert [m[0] for m in _read("The resignations of two aides, Jo Fell and Mark Dunn, came on Tuesday.", "en")] \
        == ["resignation", "resignation"]


def test_a_trigger_in_brackets_glosses_the_report_outside_them() -> None:
    text = "The two villages signed a water pact on Friday (first signed in 1998 by their founders)."
    assert [(m[0], m[6]) for m in _read(text, "en")] == [("agreement", dt.date(2026, 3, 6))]


def test_a_truce_for_a_period_is_not_dated_by_that_period() -> None:
    text = "The two clans agreed a truce for the whole of May."
    assert {m[6] for m in _read(text, "en")} == {PUBLISHED.date()}


@pytest.mark.parametrize(("language", "text", "first_day"), [
    # ended on the date: it began its length before (PUBLISHED is Tuesday 10 March)
    ("en", "The Chilean foreign minister concluded two days of talks with President Ana Ruiz in Lima on Friday.",
     dt.date(2026, 3, 5)),
    ("en", "Nordic leaders wrapped up a three-day summit in Bergen on 12 May.", dt.date(2026, 5, 10)),
    ("en", "On Friday the Nordic leaders wrapped up a two-day summit in Bergen.", dt.date(2026, 3, 5)),
    ("it", "Si è chiuso venerdì a Bruxelles il vertice di due giorni dei leader europei.", dt.date(2026, 3, 5)),
    ("it", "Dopo tre giorni di colloqui con il ministro Carlo Neri, conclusi ieri a Ginevra, il premier è rientrato.",
     dt.date(2026, 3, 7)),
    # opened on the date: it began that day
    ("en", "The premier opened on Thursday a two-day summit of Baltic leaders in Riga.", dt.date(2026, 3, 5)),
    ("en", "The three-day summit of Nordic leaders opened in Bergen on Sunday and closed on Tuesday.", dt.date(2026, 3, 8)),
    ("it", "Si è aperto giovedì a Vienna il vertice di due giorni dei ministri della Difesa.", dt.date(2026, 3, 5)),
])
def test_an_event_told_with_its_length_and_its_end_takes_its_first_day(language: str, text: str,
                                                                         first_day: dt.date) -> None:
    assert [m[6] for m in _read(text, language)] == [first_day]


def test_the_verbs_of_ending_come_from_the_rule_file() -> None:
    text = "Nordic leaders wrapped up a three-day summit in Bergen on 12 May."
    data = yaml.safe_load((rulebook.RULES_DIR / "en.yaml").read_text(encoding="utf-8"))
    data["slots"]["ending"] = data["slots"]["ending"].replace("wrapped up|", "")
    assert [m.event_date for m in extract_mentions(_article(text, "en"), rulebook.parse(data))] == [dt.date(2026, 5, 12)]


@pytest.mark.parametrize(("language", "text", "status"), [
    # a forecast of what someone will do gives no event
    ("en", "EU leaders are expected to hold a summit in Vienna on 4 May.", None),
    ("en", "The two presidents are expected to hold talks with Premier Ola Berg in Geneva on 4 May.", None),
    ("it", "Si prevede che il vertice Ue si tenga a Vienna il 4 maggio.", None),
    ("it", "Ci si aspetta che il premier incontri il cancelliere Paul Weber a Vienna il 4 maggio.", None),
    # a timetable is a scheduled event
    ("en", "EU leaders are scheduled to hold a summit in Vienna on 4 May.", "scheduled"),
    ("en", "The two presidents are due to hold talks with Premier Ola Berg in Geneva on 4 May.", "scheduled"),
    ("it", "Il vertice Ue è atteso a Vienna il 4 maggio.", "scheduled"),
    ("it", "Il vertice Ue si terrà a Vienna il 4 maggio.", "scheduled"),
])
def test_a_forecast_is_no_event_and_a_timetable_is_scheduled(language: str, text: str, status: str | None) -> None:
    assert [m.status for m in extract_mentions(_article(text, language))] == ([status] if status else [])


def test_two_people_who_resign_together_are_two_events() -> None:
    """Spec section 5: one person per resignation; an apposition is not a second person."""
    cases = {("Rishi Sunak and Sajid Javid resigned yesterday.", "en"): ["Rishi Sunak", "Sajid Javid"],
             ("Mario Rossi e Luca Bianchi si sono dimessi ieri.", "it"): ["Mario Rossi", "Luca Bianchi"],
             ("Il portavoce, Mario Rossi, ha detto che Luca Bianchi si è dimesso ieri.", "it"): ["Luca Bianchi"]}
    for (sentence, language), people in cases.items():
        mentions = extract_mentions(_article(sentence, language))
        assert [(m.event_type, m.target, m.actors) for m in mentions] == [("resignation", p, [p]) for p in people]
