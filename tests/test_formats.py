"""One input of every format, container and encoding the readers take, written for these tests."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import zipfile
from pathlib import Path

import fsspec
import pytest

from extract.model import Article, Reject
from extract.read import read_source
from extract.sources import Source, iter_sources

BODY_EN = ("The foreign ministers of the two countries met in Vienna on Tuesday and agreed "
           "to reopen talks on the border crossing before the end of the month.")
BODY_IT = ("Il ministro degli Esteri è arrivato martedì a Vienna, dove ha incontrato il suo "
           "omologo per discutere della riapertura del valico di frontiera entro la fine del mese.")


def read(path: Path | str) -> list[Article | Reject]:
    return [item for s in iter_sources([str(path)]) for item in
            ([s] if isinstance(s, Reject) else read_source(s))]


def line(**fields: object) -> str:
    return json.dumps({"id": "x", "url": "https://example.it/a", "title": "Vertice a Vienna",
                       "text": BODY_IT, "published": "2025-03-04", "source": "example.it",
                       "language": "it", **fields}) + "\n"


# --- JSON lines ----------------------------------------------------------------

def test_jsonl_one_article_per_line_and_one_reject_per_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(line(id="a-1", published="2025-03-04T08:15") + "{not json\n\n"
                    + line(id="a-2", text=BODY_EN, language="en", published="2025-03-05T10:00:00+02:00",
                           source="example.com") + '["a list"]\n' + line(id="a-3", text="", file="x.txt"))
    found = read(path)
    by_input = {item.input: item for item in found}
    assert sorted(by_input) == [f"{path}#{n}" for n in (1, 2, 4, 5, 6)]
    first, second = by_input[f"{path}#1"], by_input[f"{path}#4"]
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.origin_id, first.language, first.source, first.format) == ("a-1", "it", "example.it", "jsonl")
    assert first.published_at == dt.datetime(2025, 3, 4, 8, 15, tzinfo=first.published_at.tzinfo)
    assert str(first.published_at.tzinfo) == "Europe/Rome" and first.published_precision == "minute"
    assert second.published_at.utcoffset() == dt.timedelta(hours=2) and second.language == "en"
    assert [(r.reason, "line 2" in r.detail) for r in [by_input[f"{path}#2"]]] == [("malformed", True)]
    assert by_input[f"{path}#5"].reason == "malformed"
    assert by_input[f"{path}#6"].reason == "no_text"


def test_jsonl_language_given_wins_over_detection(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(line(text=BODY_EN, language="it"))
    [article] = read(path)
    assert article.language == "it"


def test_jsonl_utf16_dump_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes((line(id="w1") + line(id="w2", text=BODY_EN)).encode("utf-16"))
    assert [a.origin_id for a in read(path)] == ["w1", "w2"]


# --- feeds ---------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example</title><link>https://news.example.com/</link>
<item><title>Talks in Vienna</title><link>https://news.example.com/2025/03/04/talks</link>
<guid>tag:example,1</guid><pubDate>Tue, 04 Mar 2025 09:30:00 +0100</pubDate>
<description>&lt;p&gt;{BODY_EN}&lt;/p&gt;&lt;p&gt;More &lt;b&gt;talks&lt;/b&gt; follow.&lt;/p&gt;</description>
<category>Diplomacy</category></item>
<item><title>Only a title</title></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Esempio</title>
<entry><title>Vertice a Vienna</title><id>urn:x:1</id><link href="https://esempio.it/vienna"/>
<published>2025-03-04T08:00:00+01:00</published><author><name>Anna Neri</name></author>
<content type="html">&lt;div&gt;{BODY_IT}&lt;/div&gt;</content></entry></feed>"""

RDF = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example.org/"><title>R</title><link>https://rdf.example.org/</link></channel>
<item rdf:about="https://rdf.example.org/1"><title>Talks</title><link>https://rdf.example.org/1</link>
<description>{BODY_EN}</description><dc:date>2025-03-04</dc:date></item></rdf:RDF>"""


def test_rss_entries_with_dates_links_and_stripped_html(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS)
    article, title_only = read(path)
    assert isinstance(article, Article) and isinstance(title_only, Reject)
    assert (article.input, title_only.input, title_only.reason) == (f"{path}#1", f"{path}#2", "no_text")
    assert article.url == "https://news.example.com/2025/03/04/talks" and article.origin_id == "tag:example,1"
    assert article.published_at.utcoffset() == dt.timedelta(hours=1) and article.published_at.hour == 9
    assert "<" not in article.text and "More talks follow." in article.text and article.tags == ["Diplomacy"]
    assert article.format == "feed" and article.source == "news.example.com"


def test_atom_and_rdf(tmp_path: Path) -> None:
    (tmp_path / "a.atom").write_text(ATOM)
    (tmp_path / "r.rdf").write_text(RDF)
    atom, rdf = read(tmp_path)
    assert (atom.author, atom.language, atom.url) == ("Anna Neri", "it", "https://esempio.it/vienna")
    assert atom.published_at.date() == dt.date(2025, 3, 4) and atom.text.startswith("Il ministro")
    assert rdf.published_precision == "day" and rdf.url == "https://rdf.example.org/1"


@pytest.mark.parametrize(("data", "reason"), [
    (b"<rss><channel><item><title>cut", "no_text"),  # feedparser reads the entry as far as it goes
    (b"<rss><channel><title>cut", "malformed"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>no entries</title></channel></rss>', "malformed"),
])
def test_broken_or_empty_feed_is_a_reject(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "f.xml"
    path.write_bytes(data)
    [reject] = read(path)
    assert isinstance(reject, Reject) and reject.reason == reason


# --- HTML ----------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Talks in Vienna | Example News</title>
<meta property="og:title" content="Talks in Vienna">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2025-03-04T09:30:00+01:00">
<link rel="canonical" href="https://news.example.com/2025/03/04/talks"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Talks in Vienna</h1><p>{BODY_EN}</p>
<p>Officials from both sides said a technical team would meet again next week to settle the details.</p></article>
<footer><p>Subscribe to our newsletter for the best stories every morning.</p></footer></body></html>"""


def test_html_page_body_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    [article] = read(path)
    assert isinstance(article, Article) and article.format == "html"
    assert article.title == "Talks in Vienna" and article.author == "Jane Roe"
    assert article.published_at.date() == dt.date(2025, 3, 4)
    assert BODY_EN in article.text and "newsletter" not in article.text and "Home" not in article.text
    assert article.url == "https://news.example.com/2025/03/04/talks"


# --- containers and places -------------------------------------------------------

def test_gz_zip_folder_glob_and_memory_urls(tmp_path: Path) -> None:
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "d.jsonl.gz").write_bytes(gzip.compress(line(id="gz").encode()))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("feeds/f.xml", RSS)
        z.writestr("dump.jsonl", line(id="zipped"))
    (tmp_path / "deep" / "bundle.zip").write_bytes(archive.getvalue())
    found = read(tmp_path)
    ids = sorted(a.origin_id for a in found if isinstance(a, Article))
    assert ids == ["gz", "tag:example,1", "zipped"]
    assert f"{tmp_path}/deep/bundle.zip!feeds/f.xml#1" in {a.input for a in found}
    assert [a.origin_id for a in read(f"{tmp_path}/**/*.gz")] == ["gz"]
    memory = fsspec.filesystem("memory")
    memory.pipe("/geoevents-test/in/page.html", PAGE.encode())
    memory.pipe("/geoevents-test/in/sub/d.jsonl", line(id="mem").encode())
    try:
        got = read("memory://geoevents-test/in")
        assert sorted(a.origin_id for a in got) == ["mem", "page.html"]
        assert [a.origin_id for a in read("memory://geoevents-test/in/**/*.jsonl")] == ["mem"]
    finally:
        memory.rm("/geoevents-test", recursive=True)


def test_broken_zip_is_a_reject(tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_bytes(b"PK\x03\x04 not really")
    [reject] = read(tmp_path / "x.zip")
    assert isinstance(reject, Reject) and reject.reason == "malformed"


# --- encodings -------------------------------------------------------------------

TEXT_FR = "Les négociateurs se sont réunis à Genève: « accord préliminaire » conclu, déclare le ministre français."
TEXT_DE = "Die Außenminister trafen sich in München und vereinbarten, die Gespräche über Grenzübergänge fortzusetzen."


@pytest.mark.parametrize(("encoding", "body"), [
    ("cp1252", f"Vertice a Vienna\n\n{BODY_IT} Un’intesa “storica”, ha detto il ministro – così."),
    ("latin-1", f"Réunion à Genève\n\n{TEXT_FR}"),
    ("utf-16", f"Gespräche in München\n\n{TEXT_DE}"),
])
def test_encodings_decoded_right(tmp_path: Path, encoding: str, body: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(body.encode(encoding))
    [article] = read(path)
    assert isinstance(article, Article)
    assert body.split("\n\n", 1)[1] in article.text
