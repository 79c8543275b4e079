"""Reading inputs into articles: sources, formats, clean-up, dates, ids and rejects.

Every article text here is written for these tests, except the two seed
samples in data/samples/, which are the project's own sample input.
"""
from __future__ import annotations

import datetime as dt
import gzip
import random
import re
import shutil
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import fsspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.article import article_id
from extract.clean import clean_text
from extract.datelines import match_dateline, parse_date
from extract.model import Article, Reject
from extract.read import read_source
from extract.rejects import REASONS
from extract.sources import Source, iter_sources

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
SEED_PAGE = SAMPLES / "000_b42b57fb5f2f7971.txt"
SEED_FEED = SAMPLES / "001_48bd98ad5744dff8.txt"
ROME = ZoneInfo("Europe/Rome")
MOJIBAKE = ("Ã", "â€", "â??", "Â")
_RNG = random.Random(1)
NOISE = bytes(_RNG.randrange(128, 256) for _ in range(400))  # high bytes no encoding reads plausibly


def read_path(path: Path | str) -> list[Article | Reject]:
    return read_source(Source(str(path)))


def read_one(path: Path | str) -> Article:
    [result] = read_path(path)
    assert isinstance(result, Article), result
    return result


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- the seeds ---------------------------------------------------------------

def test_seed_page_text() -> None:
    a = read_one(SEED_PAGE)
    assert a.format == "page_text"
    assert a.title == 'Ucraina, vertice dei Volenterosi a Parigi. La bozza: "Garanzia sostegno Usa in caso attacco russo"'
    assert a.published_at == dt.datetime(2026, 1, 6, 8, 44, tzinfo=ROME)
    assert a.published_at.utcoffset() == dt.timedelta(hours=1)
    assert a.published_precision == "minute"
    assert a.source == "adnkronos.com"
    assert a.language == "it"
    assert a.origin_id == "000_b42b57fb5f2f7971.txt"
    assert a.input == str(SEED_PAGE)
    assert re.fullmatch(r"[0-9a-f]{16}", a.article_id)
    lines = a.text.splitlines()
    for chrome in ("Leggi anche", "Riproduzione riservata", "Copyright", "Tag", "Vedi anche", "SEGUICI",
                   "instagram", "ora in", "Prima pagina", "articoli", "in Evidenza", "LETTURA"):
        assert chrome not in lines and not any(line.startswith(chrome) for line in lines), chrome
    assert "06 gennaio 2026 | 08.44" not in a.text
    assert "Ucraina, vertice dei Volenterosi a Parigi. La bozza:" not in lines  # the repeated headline
    paragraphs = a.text.split("\n\n")
    assert paragraphs[0].startswith("Nella capitale francese anche la premier")  # the standfirst
    assert paragraphs[1].startswith("Vertice dei 'Volenterosi'")
    assert "Nuovi attacchi incrociati" in paragraphs  # subheadings stay as paragraphs
    assert paragraphs[-1].endswith("mentre la guerra continua.")


def test_seed_feed_markdown() -> None:
    a = read_one(SEED_FEED)
    assert a.format == "feed_markdown"
    assert a.title == "Ucraina, vertice dei Volenterosi a Parigi: leader al lavoro su sicurezza e cessate il fuoco"
    assert a.published_at == dt.datetime(2026, 1, 6, tzinfo=ROME)
    assert a.published_precision == "day"
    assert a.author == "redazione"
    assert a.tags == ["Ultimora"]
    assert a.source == "adnkronos.com"
    assert a.language == "it"
    assert a.origin_id == "001_48bd98ad5744dff8.txt"
    assert "---" not in a.text
    assert "al confine con l'Ucraina." in a.text
    for bad in MOJIBAKE:
        assert bad not in a.text and bad not in (a.title or "")
    for leftover in ("##", "webinfo@", "internazionale/esteri", "(Adnkronos)", "Comunicati", "redazione"):
        assert leftover not in a.text
    assert a.text.startswith("Vertice dei “Volenterosi” per l’Ucraina, oggi, martedì 6 gennaio")
    assert a.text.endswith("mentre la guerra continua.")


def test_same_article_same_id(tmp_path: Path) -> None:
    copy = tmp_path / "renamed.txt"
    shutil.copy(SEED_PAGE, copy)
    first, again, moved = read_one(SEED_PAGE), read_one(SEED_PAGE), read_one(copy)
    assert first.article_id == again.article_id == moved.article_id
    assert moved.origin_id == "renamed.txt"
    assert first.article_id != read_one(SEED_FEED).article_id


def test_article_id_ignores_spacing_case_and_quote_style() -> None:
    base = article_id("Il vertice", "Il ministro ha detto: “basta”.\n\nPoi è partito l’aereo.")
    assert base == article_id("Il  vertice", "Il ministro ha detto: \"basta\".  Poi è partito l'aereo. ")
    assert base == article_id(None, "il vertice IL MINISTRO ha detto: \"basta\". poi è partito l'aereo.")
    assert base != article_id("Il vertice", "Il ministro ha detto: “basta”. Poi è partito il treno.")


# --- page text, written here -----------------------------------------------

IT_PAGE = """\
Menu
Cerca
Frana sulla statale, tre paesi isolati in Valtellina

La protezione civile ha aperto un centro di accoglienza a Sondrio per le famiglie evacuate nella notte

Frana sulla statale, tre paesi isolati
12 marzo 2025 | 17:05
di Giulia Bianchi
LETTURA: 2 minuti

Una frana ha interrotto ieri sera la strada statale che collega tre paesi della Valtellina, lasciando isolate circa duemila persone. Non ci sono feriti, secondo i vigili del fuoco.

Pubblicità

I tecnici della regione hanno detto che la strada resterà chiusa per almeno una settimana, mentre si valuta la stabilità del versante.

Leggi anche
Maltempo, allerta arancione in Lombardia
Riproduzione riservata
© Copyright Gazzetta di Prova
Tag
Frane
Valtellina
Condividi
facebook | twitter | whatsapp
"""

EN_PAGE = """\
Harbour strike halts shipping in the northern port

By Jane Doe, Staff Reporter
Tuesday, January 6, 2026 10:30 GMT
5 min read

Dock workers walked out on Monday after talks over pay broke down, leaving more than forty ships waiting offshore, the port authority said.

Advertisement

The union said the strike would last until the employers returned to the table, while the authority
said that perishable cargo was being moved to other ports.

Read more
Port traffic hit record high last year
Share this article
Follow us
"""


def test_italian_page_text(tmp_path: Path) -> None:
    a = read_one(write(tmp_path, "frana.txt", IT_PAGE))
    assert a.format == "page_text"
    assert a.title == "Frana sulla statale, tre paesi isolati in Valtellina"
    assert a.published_at == dt.datetime(2025, 3, 12, 17, 5, tzinfo=ROME)
    assert a.published_precision == "minute"
    assert a.author == "Giulia Bianchi"
    assert a.language == "it"
    assert a.text.split("\n\n") == [
        "La protezione civile ha aperto un centro di accoglienza a Sondrio per le famiglie evacuate nella notte",
        "Una frana ha interrotto ieri sera la strada statale che collega tre paesi della Valtellina, lasciando "
        "isolate circa duemila persone. Non ci sono feriti, secondo i vigili del fuoco.",
        "I tecnici della regione hanno detto che la strada resterà chiusa per almeno una settimana, mentre si "
        "valuta la stabilità del versante.",
    ]


def test_english_page_text(tmp_path: Path) -> None:
    a = read_one(write(tmp_path, "strike.txt", EN_PAGE))
    assert a.format == "page_text"
    assert a.title == "Harbour strike halts shipping in the northern port"
    assert a.author == "Jane Doe"
    assert a.language == "en"
    assert a.source is None
    # 10:30 GMT, told in the zone of an English text of unknown outlet: UTC.
    assert a.published_at == dt.datetime(2026, 1, 6, 10, 30, tzinfo=dt.timezone.utc)
    assert a.published_precision == "minute"
    assert a.text.split("\n\n") == [
        "Dock workers walked out on Monday after talks over pay broke down, leaving more than forty ships "
        "waiting offshore, the port authority said.",
        "The union said the strike would last until the employers returned to the table, while the authority "
        "said that perishable cargo was being moved to other ports.",
    ]


def test_sentence_cut_by_an_ad_is_rejoined() -> None:
    text = "The minister said on Friday that the\n\nAdvertisement\n\ntalks would resume next week.\n\nShare"
    assert clean_text(text) == "The minister said on Friday that the talks would resume next week."


# --- feed markdown, written here ---------------------------------------------

EN_FEED = """\
Floods force evacuation of riverside towns

## Description

(Newswire) –

Heavy rain swollen the river overnight and emergency crews evacuated about 3,000 residents from two towns, officials said on Sunday.

Rescue teams used boats to reach families trapped on upper floors, and the

---

regional government asked the army for help.

'

world/europe

desk@example-news.com (News Desk)

### Category

1. World

### Tags

- Floods
- Europe

### Date created

2025-11-02T07:15:00+01:00

### Author

Mark Green
"""

IT_FEED_TWO = """\
Sciopero dei treni, disagi in tutta Italia

## Descrizione

I sindacati hanno confermato lo sciopero nazionale dei treni di venerdì, con fasce di garanzia al mattino e alla sera.

### Data di creazione

Marzo 3, 2025

### Categoria

### Autore

redazione

Nuovo governo in Olanda, giurano i ministri

## Descrizione

I ministri del nuovo governo olandese hanno giurato davanti al re nel pomeriggio, dopo sei mesi di trattative.

### Data di creazione

Marzo 4, 2025

### Tag

1. Esteri
2. Olanda
"""


def test_english_feed_markdown(tmp_path: Path) -> None:
    a = read_one(write(tmp_path, "feed-entry.md", EN_FEED))
    assert a.format == "feed_markdown"
    assert a.title == "Floods force evacuation of riverside towns"
    assert a.author == "Mark Green"
    assert a.tags == ["Floods", "Europe"]
    assert a.source == "example-news.com"
    assert a.language == "en"
    assert a.published_at == dt.datetime(2025, 11, 2, 7, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert a.published_at.utcoffset() == dt.timedelta(hours=1)  # the zone the input names is kept
    assert a.published_precision == "minute"
    assert a.text.split("\n\n") == [
        "Heavy rain swollen the river overnight and emergency crews evacuated about 3,000 residents from two "
        "towns, officials said on Sunday.",
        "Rescue teams used boats to reach families trapped on upper floors, and the regional government asked "
        "the army for help.",
    ]


def test_feed_markdown_with_two_entries(tmp_path: Path) -> None:
    path = write(tmp_path, "export.md", IT_FEED_TWO)
    first, second = read_path(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.input, second.input) == (f"{path}#1", f"{path}#2")
    assert first.origin_id == second.origin_id == "export.md"
    assert first.title == "Sciopero dei treni, disagi in tutta Italia"
    assert first.author == "redazione"
    assert first.published_at == dt.datetime(2025, 3, 3, tzinfo=ROME)
    assert second.title == "Nuovo governo in Olanda, giurano i ministri"
    assert second.tags == ["Esteri", "Olanda"]
    assert second.published_at == dt.datetime(2025, 3, 4, tzinfo=ROME)
    assert "Nuovo governo" not in first.text and "redazione" not in first.text


def test_format_is_recognised_by_structure_not_name(tmp_path: Path) -> None:
    assert read_one(write(tmp_path, "page.md", EN_PAGE)).format == "page_text"
    assert read_one(write(tmp_path, "export.txt", EN_FEED)).format == "feed_markdown"


# --- plain text, written here ----------------------------------------------

def test_plain_italian_agency_dateline(tmp_path: Path) -> None:
    text = ("Accordo sui migranti, firmata l'intesa\n\n"
            "(AGI) – Roma, 4 settembre 2025 – I ministri dell'Interno di Italia e Spagna hanno firmato oggi "
            "un'intesa sui rimpatri.\n")
    a = read_one(write(tmp_path, "intesa.txt", text))
    assert a.format == "plain_text"
    assert a.title == "Accordo sui migranti, firmata l'intesa"
    assert a.published_at == dt.datetime(2025, 9, 4, tzinfo=ROME)
    assert a.published_precision == "day"
    assert a.source == "agi.it"  # from the agency lead, as no other sign of the outlet is given
    assert a.text.startswith("(AGI) – Roma, 4 settembre 2025 – I ministri")


def test_plain_text_without_year_or_headline(tmp_path: Path) -> None:
    text = ("ROMA, 7 DIC - Il consiglio dei ministri ha approvato in serata il decreto sulle bollette, "
            "che ora passa all'esame delle Camere.\n")
    a = read_one(write(tmp_path, "decreto.txt", text))
    assert a.title is None
    assert a.published_at is None and a.published_precision is None
    assert a.text == text.strip()


def test_plain_english_dateline(tmp_path: Path) -> None:
    text = ("January 23, 2014 (ADDIS ABABA) – Leaders of the regional bloc agreed on Thursday to send "
            "observers to monitor the ceasefire.\n")
    a = read_one(write(tmp_path, "bloc.txt", text))
    assert a.language == "en"
    assert a.published_at == dt.datetime(2014, 1, 23, tzinfo=dt.timezone.utc)
    assert a.published_precision == "day"


@pytest.mark.parametrize(("line", "expected"), [
    ("06 gennaio 2026 | 08.44", (2026, 1, 6, 8, 44)),
    ("martedì 6 gennaio 2026, ore 8:44", (2026, 1, 6, 8, 44)),
    ("Gennaio 6, 2026", (2026, 1, 6, None, None)),
    ("06/01/2026", (2026, 1, 6, None, None)),
    ("Jan. 6th 2026", (2026, 1, 6, None, None)),
    ("31 Dec 2018", (2018, 12, 31, None, None)),
    ("January 6, 2026 at 10:30 pm", (2026, 1, 6, 22, 30)),
    ("Tue, 06 Jan 2026 08:44:00 +0100", (2026, 1, 6, 8, 44)),
    ("2026-01-06", (2026, 1, 6, None, None)),
    ("Il vertice di Parigi", None),
    ("30 febbraio 2026", (2026, 2, 30, None, None)),  # read, then refused as a date below
])
def test_parse_date(line: str, expected: tuple[int, ...] | None) -> None:
    found = parse_date(line)
    got = None if found is None else (found.year, found.month, found.day, found.hour, found.minute)
    assert got == expected


def test_named_zone_is_kept_and_local_zone_preferred_when_equal() -> None:
    edt = parse_date("March 2, 2024 — 09:15 am EDT")
    assert edt is not None
    stamp, precision = edt.to_datetime(dt.timezone.utc) or (None, None)
    assert precision == "minute" and stamp is not None
    assert (stamp.hour, stamp.utcoffset()) == (9, dt.timedelta(hours=-4))
    cet = parse_date("2 marzo 2024, 09:15 CET")
    assert cet is not None
    assert cet.to_datetime(ROME) == (dt.datetime(2024, 3, 2, 9, 15, tzinfo=ROME), "minute")


def test_impossible_date_gives_no_time() -> None:
    found = parse_date("30 febbraio 2026")
    assert found is not None and found.to_datetime(ROME) is None


@pytest.mark.parametrize(("opening", "expected"), [
    ("ROMA, 7 DIC - Il governo ha deciso", (None, 12, 7)),
    ("OSLO, Aug. 14 — Harbour officials said", (None, 8, 14)),
    ("WASHINGTON, Jan. 6, 2026 (Newswire) - Officials said", (2026, 1, 6)),
    ("January 23, 2014 (ADDIS ABABA) – Leaders met", (2014, 1, 23)),
    ("Il presidente, 7 dicembre, ha parlato", None),
])
def test_match_dateline(opening: str, expected: tuple[int | None, int, int] | None) -> None:
    found = match_dateline(opening)
    assert (None if found is None else (found.year, found.month, found.day)) == expected


# --- rejects -----------------------------------------------------------------

@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"  \n\t\n", "empty"),
    (b"Il testo\x00\x00\x01 binario", "binary"),
    (NOISE, "undecodable"),
    ("Leggi anche\nRiproduzione riservata\n© Copyright Prova\nSEGUICI SUI SOCIAL\n".encode(), "no_text"),
    (b"---\n\n'\n\n--\n", "no_text"),
    (b"<!DOCTYPE html><html><body><nav>Home</nav></body></html>", "no_text"),
    (b"<rss><channel><title>t</title></channel></rss>", "malformed"),
])
def test_rejects(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path, "input.bin", data)
    [result] = read_path(path)
    assert isinstance(result, Reject)
    assert (result.input, result.reason) == (str(path), reason)
    assert result.detail


def test_unreadable_source_is_missing(tmp_path: Path) -> None:
    [result] = read_source(Source(str(tmp_path / "gone.txt")))
    assert isinstance(result, Reject) and result.reason == "missing"


@pytest.mark.parametrize("data", [b"plain text, not gzip", gzip.compress(EN_PAGE.encode())[:60]])
def test_broken_gzip_is_malformed(tmp_path: Path, data: bytes) -> None:
    [result] = read_path(write(tmp_path, "page.txt.gz", data))
    assert isinstance(result, Reject) and result.reason == "malformed"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_give_articles_or_documented_rejects(tmp_path_factory: pytest.TempPathFactory,
                                                       data: bytes) -> None:
    path = tmp_path_factory.mktemp("any") / "input"
    path.write_bytes(data)
    results = read_path(path)
    assert results
    for result in results:
        if isinstance(result, Reject):
            assert result.reason in REASONS
        else:
            assert result.text.strip() and re.fullmatch(r"[0-9a-f]{16}", result.article_id)


# --- sources -----------------------------------------------------------------

def test_iter_sources(tmp_path: Path) -> None:
    for name in ("b/2.txt", "b/1.txt", "a.txt", "b/c/3.md", ".hidden", "b/.git/config"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    folder = [s.input for s in iter_sources([str(tmp_path)]) if isinstance(s, Source)]
    assert folder == [str(tmp_path / n) for n in ("a.txt", "b/1.txt", "b/2.txt", "b/c/3.md")]

    results = list(iter_sources([str(tmp_path / "b" / "*.txt"), str(tmp_path / "a.txt"),
                                 str(tmp_path / "a.txt"), str(tmp_path / "none" / "*.txt"),
                                 str(tmp_path / "absent.txt")]))
    assert results[:3] == [Source(str(tmp_path / "b/1.txt")), Source(str(tmp_path / "b/2.txt")),
                           Source(str(tmp_path / "a.txt"))]  # a path named twice is read once
    assert [(r.input, r.reason) for r in results[3:] if isinstance(r, Reject)] == [
        (str(tmp_path / "none" / "*.txt"), "missing"), (str(tmp_path / "absent.txt"), "missing")]
    assert len(results) == 5


def test_recursive_glob_and_seeds_folder() -> None:
    seeds = [s.input for s in iter_sources([str(SAMPLES)])]
    assert seeds == [str(SEED_PAGE), str(SEED_FEED)]
    assert [s.input for s in iter_sources([str(SAMPLES.parent / "**" / "0*.txt")])] == seeds


def test_gzipped_input_is_read_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "strike.txt.gz"
    path.write_bytes(gzip.compress(EN_PAGE.encode("utf-8")))
    a = read_one(path)
    assert a.title == "Harbour strike halts shipping in the northern port"
    assert a.origin_id == "strike.txt.gz"


def test_odd_file_names_and_urls(tmp_path: Path) -> None:
    text = EN_PAGE.encode("utf-8")
    for name in ("a#1.txt", "b::c.txt", "d[1].txt", "e f?.txt"):
        [source] = iter_sources([str(write(tmp_path, name, text))])
        assert isinstance(source, Source)
        assert read_one(source.input).origin_id == name
    url = f"memory://geoevents-test-{uuid.uuid4().hex}/strike.txt"
    with fsspec.open(url, "wb") as handle:
        handle.write(text)
    [source] = iter_sources([url])
    assert isinstance(source, Source) and read_one(url).origin_id == "strike.txt"
    [gone] = read_path(url + ".missing")
    assert isinstance(gone, Reject) and gone.reason == "missing"
