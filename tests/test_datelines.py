"""Publication times from datelines and URLs, in the outlet's zone."""
from __future__ import annotations

import datetime as dt

from extract.article import build
from extract.datelines import complete, from_url, match_dateline
from extract.formats import Record
from extract.model import Article

BODY = "Il consiglio dei ministri ha approvato ieri sera il nuovo piano per la difesa civile."


def test_url_dates() -> None:
    assert from_url("https://www.example.it/esteri/2024/08/18/notizia.html").day == 18
    assert (from_url("https://example.com/news/2024-12-31-story").month, from_url("https://example.com/news/2024-12-31-story").day) == (12, 31)
    assert from_url("https://example.com/a/2024/02/30/x") is None  # no such day
    assert from_url("https://example.com/item?id=20240101") is None  # a query is no path
    assert from_url(None) is None


def test_yearless_dateline_takes_the_url_year() -> None:
    written = match_dateline("ROMA, 7 DIC - " + BODY)
    assert written and written.year is None
    assert complete(written, from_url("https://x.it/2025/12/07/a")).year == 2025
    assert complete(written, from_url("https://x.it/2026/01/02/a")).year == 2025  # a December dateline filed in January


def test_article_published_from_url_in_outlet_zone() -> None:
    article = build(Record(text=BODY, format="plain_text", url="https://www.example.it/politica/2025/03/04/piano.html"),
                    "in.txt", "in.txt")
    assert isinstance(article, Article)
    assert article.published_at == dt.datetime(2025, 3, 4, tzinfo=article.published_at.tzinfo)
    assert str(article.published_at.tzinfo) == "Europe/Rome" and article.published_precision == "day"


def test_article_without_time_is_kept_unresolved() -> None:
    article = build(Record(text=BODY, format="plain_text"), "in.txt", "in.txt")
    assert isinstance(article, Article) and article.published_at is None
