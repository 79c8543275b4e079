"""Near-duplicates: one report in two formats is linked, two reports of one story are not."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import SAMPLES
from extract.model import Mention
from extract.read import read_source
from extract.sources import iter_sources
from transform import lake as lakefs
from transform.dedupe import THRESHOLD, NearDuplicates, similarity, words
from transform.merge import merge

# One made-up story told by two writers: same facts, names and date, different prose.
REPORT_A = (
    "I ministri degli Esteri di dodici paesi si sono riuniti oggi a Lisbona per discutere della crisi "
    "nel Mar Rosso. Al termine dell'incontro, durato oltre sei ore, il ministro portoghese ha annunciato "
    "una missione navale comune che partirà entro la fine del mese. Secondo fonti diplomatiche, la Francia "
    "e la Spagna forniranno due fregate ciascuna, mentre l'Italia metterà a disposizione un cacciatorpediniere. "
    "Resta aperta la questione del comando, che sarà discussa in una nuova riunione a Bruxelles."
)
REPORT_B = (
    "Vertice a Lisbona sul Mar Rosso: dodici paesi lanciano una missione navale. Dopo una lunga giornata di "
    "colloqui, i capi della diplomazia hanno trovato un accordo sulla missione, che dovrebbe prendere il mare "
    "prima della fine del mese. Parigi e Madrid invieranno quattro fregate in tutto, Roma un cacciatorpediniere. "
    "Non è stato ancora deciso chi guiderà le navi: se ne parlerà a Bruxelles, ha spiegato il ministro portoghese "
    "ai giornalisti."
)
# REPORT_A as a feed export: a heading, other quote styles, a byline and a footer around it.
REPORT_A_FEED = (
    "## Mar Rosso, missione navale da Lisbona\n\nredazione | 12 marzo 2026\n\n"
    + REPORT_A.replace("dell'incontro", "dell’incontro").replace("l'Italia", "l’Italia")
    + "\n\nRiproduzione riservata © Copyright"
)


def test_words_fold_case_quotes_and_punctuation() -> None:
    assert words("L’Italia, «oggi» l'ITALIA!") == ["l", "italia", "oggi", "l", "italia"]


def link(earlier: list[tuple[str, str]], new: list[tuple[str, str]]) -> dict[str, str]:
    """Feed the index as runs do: an earlier batch, then the new articles in order."""
    index = NearDuplicates()
    index.check(earlier)
    return index.check(new)[0]


def test_one_report_in_two_formats_is_linked() -> None:
    assert similarity(REPORT_A, REPORT_A_FEED) >= THRESHOLD
    assert link([], [("a", REPORT_A), ("b", REPORT_A_FEED)]) == {"b": "a"}


def test_two_reports_of_one_story_are_not_linked() -> None:
    assert similarity(REPORT_A, REPORT_B) < THRESHOLD / 2
    assert link([], [("a", REPORT_A), ("b", REPORT_B)]) == {}


def test_the_seeds_are_near_duplicates() -> None:
    first, feed = [a for s in iter_sources([str(SAMPLES)]) for a in read_source(s)]
    assert similarity(first.text, feed.text) >= THRESHOLD


def test_links_point_at_the_earliest_ingested_report() -> None:
    # a lake article comes before any new one, whatever the ids
    assert link([("z", REPORT_A)], [("a", REPORT_A_FEED)]) == {"a": "z"}
    # a lake article that is itself a duplicate passes on the article it duplicates
    assert link([("y", REPORT_A), ("z", REPORT_A_FEED)], [("a", REPORT_A + " Fine.")]) == {"a": "y"}
    # nothing without words to compare
    assert link([("z", "")], [("a", ""), ("b", "!!")]) == {}


def test_events_count_near_duplicate_articles_once() -> None:
    def mention(article_id: str) -> Mention:
        return Mention(article_id=article_id, event_type="summit", rule_id="it.summit.test", sentence="s",
                       event_date=dt.date(2026, 3, 12), date_precision="day", date_basis="explicit",
                       date_text="oggi", location="Lisbona", country="PRT")

    mentions = [mention("a"), mention("b"), mention("c")]
    (event,) = merge(mentions, {"b": "a"})
    assert event.row()["article_count"] == 2 and event.row()["mention_count"] == 3
    (plain,) = merge(mentions)
    assert plain.row()["article_count"] == 3


def test_sample_lake_links_the_seeds(sample_lake: Path) -> None:
    rows = lakefs.read(sample_lake, "articles")
    linked = [r for r in rows if r["duplicate_of"]]
    assert len(linked) == 1 and linked[0]["duplicate_of"] in {r["article_id"] for r in rows if r is not linked[0]}
    assert not [r for r in rows if r is not linked[0] and r["duplicate_of"]]
    assert {e["article_count"] for e in lakefs.read(sample_lake, "events")} == {1}


def test_a_later_run_links_to_the_lake(prefect_server, tmp_path: Path) -> None:
    from flows.pipeline import run_pipeline

    lake = tmp_path / "lake"
    first, feed = sorted(SAMPLES.iterdir())
    run_pipeline([str(first)], lake=str(lake))
    (original,) = lakefs.read(lake, "articles")
    summary = run_pipeline([str(feed)], lake=str(lake))
    assert summary.near_duplicates == 1
    linked = {r["origin_id"]: r["duplicate_of"] for r in lakefs.read(lake, "articles")}
    assert linked == {first.name: None, feed.name: original["article_id"]}
    assert {r["article_id"] for r in lakefs.read(lake, "signatures")} == {original["article_id"], *[
        r["article_id"] for r in lakefs.read(lake, "articles")]}
