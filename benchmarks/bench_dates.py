"""Time extract.dates.find_dates against dateparser's search_dates on the dev articles.

Why: finding dates runs on every article, so it must stay far cheaper than a
general parser. Both run over each whole article text (find_dates is also timed
sentence by sentence, for the cost of the extra calls). Prints per-article costs
and their ratio (the goal is at least 100x), then what reading one expression of a
language without rules costs through dateparser, with its cache cold and warm.
Run it by hand, it asserts nothing.

    .venv/bin/python benchmarks/bench_dates.py
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract import dates  # noqa: E402
from extract.dates import find_dates, resolve  # noqa: E402

ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "articles.jsonl"
ROME = ZoneInfo("Europe/Rome")
# Expressions written for this benchmark, in languages the rules do not cover.
FOREIGN = [("il y a trois jours", "fr"), ("mars 2024", "fr"), ("5 de marzo de 2024", "es"),
           ("en 2019", "es"), ("gestern", "de"), ("vor drei Tagen", "de"), ("ontem", "pt")]


def reference(published: str) -> dt.datetime:
    """The publication time as an aware datetime (dev dates are local to Rome)."""
    value = dt.datetime.fromisoformat(published)
    return value if value.tzinfo else value.replace(tzinfo=ROME)


def sentences(text: str) -> list[str]:
    """A plain split on sentence ends: enough to feed realistic pieces."""
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def per_article(run, articles: list[dict], rounds: int) -> float:
    """Mean seconds per article over `rounds` passes."""
    start = time.perf_counter()
    for _ in range(rounds):
        for article in articles:
            run(article)
    return (time.perf_counter() - start) / (rounds * len(articles))


def main() -> None:
    if not ARTICLES.exists():
        sys.exit(f"bench_dates: {ARTICLES} is missing; it needs the shared/ folder beside the repo.")
    from dateparser.search import search_dates

    articles = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    for article in articles:
        article["_ref"] = reference(article["published"])
        article["_sentences"] = sentences(article["text"])

    def ours(article: dict) -> int:
        return len(find_dates(article["text"], article["language"], article["_ref"]))

    def ours_by_sentence(article: dict) -> int:
        return sum(len(find_dates(s, article["language"], article["_ref"])) for s in article["_sentences"])

    def theirs(article: dict) -> int:
        settings = {"RELATIVE_BASE": article["_ref"].replace(tzinfo=None)}
        return len(search_dates(article["text"], languages=[article["language"]], settings=settings) or [])

    ours(articles[0])  # compile the regexes outside the timing
    theirs(articles[0])  # and load dateparser's language data
    found_ours = sum(ours(a) for a in articles)
    found_theirs = sum(theirs(a) for a in articles)
    found_sentences = sum(ours_by_sentence(a) for a in articles)
    t_ours = min(per_article(ours, articles, rounds=20) for _ in range(3))
    t_sentences = min(per_article(ours_by_sentence, articles, rounds=20) for _ in range(3))
    t_theirs = min(per_article(theirs, articles, rounds=1) for _ in range(3))
    chars = sum(len(a["text"]) for a in articles) / len(articles)
    print(f"articles: {len(articles)} (mean {chars:.0f} chars); best of 3 runs")
    print(f"extract.dates.find_dates, whole text:   {t_ours * 1e3:8.3f} ms/article, {found_ours} dates found")
    print(f"extract.dates.find_dates, by sentence:  {t_sentences * 1e3:8.3f} ms/article, {found_sentences} dates found")
    print(f"dateparser search_dates, whole text:    {t_theirs * 1e3:8.3f} ms/article, {found_theirs} dates found")
    print(f"ratio (whole text): {t_theirs / t_ours:.0f}x faster; by sentence: {t_theirs / t_sentences:.0f}x")
    foreign()


def foreign(rounds: int = 20) -> None:
    """resolve() of expressions in languages without rules: dateparser behind a cache."""
    ref = dt.datetime(2026, 1, 8, 7, 15, tzinfo=ROME)
    for text, language in FOREIGN:  # load dateparser and its languages outside the timing
        resolve(text, language, ref)

    def cold() -> None:
        for text, language in FOREIGN:
            dates._dateparser.cache_clear()
            resolve(text, language, ref)

    def warm() -> None:
        for text, language in FOREIGN:
            resolve(text, language, ref)

    per_call = {}
    for name, run in (("uncached", cold), ("cached", warm)):
        run()  # the cached calls find their readings there
        start = time.perf_counter()
        for _ in range(rounds):
            run()
        per_call[name] = (time.perf_counter() - start) / (rounds * len(FOREIGN))
    print(f"resolve() via dateparser, {len(FOREIGN)} fr/es/de/pt expressions: "
          f"uncached {per_call['uncached'] * 1e3:.3f} ms/call, cached {per_call['cached'] * 1e6:.2f} µs/call")


if __name__ == "__main__":
    main()
