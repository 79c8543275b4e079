"""Near-duplicate articles: one report in two formats (page text and feed export).

Exact re-ingestion is caught by article ids; this catches the same report whose
chrome, headings or encoding differ, so its events count once. MinHash over
5-word shingles of a normalised text (case, quote styles and punctuation
folded) estimates Jaccard similarity; an LSH index finds candidates without
comparing every pair. The two seed samples (one Adnkronos report as page text
and as feed export) share about 0.37 of their shingles, because the page holds
more (summary, related items); distinct reports of one story share almost
none, as a 5-word run of the same words rarely recurs in another writer's
prose. THRESHOLD sits well between the two.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from datasketch import MinHash, MinHashLSH

SHINGLE = 5
THRESHOLD = 0.25
NUM_PERM = 256
SEED = 1  # fixed, so signatures and links are the same on every run
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The text's words, lowercased, quote styles folded and punctuation dropped."""
    folded = unicodedata.normalize("NFKC", text).lower().translate(_QUOTES).replace("'", " ")
    return _WORD.findall(folded)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Runs of `size` words; a text shorter than that is one shingle, an empty one none."""
    ws = words(text)
    if len(ws) < size:
        return {" ".join(ws)} if ws else set()
    return {" ".join(ws[i:i + size]) for i in range(len(ws) - size + 1)}


def signature(text: str) -> MinHash | None:
    """The text's MinHash, or None when it has no words to compare."""
    grams = shingles(text)
    if not grams:
        return None
    sig = MinHash(num_perm=NUM_PERM, seed=SEED)
    sig.update_batch([g.encode() for g in sorted(grams)])
    return sig


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two texts' shingles (0 when either has none)."""
    sa, sb = signature(a), signature(b)
    return sa.jaccard(sb) if sa and sb else 0.0


def link(existing: Iterable[tuple[str, str, str | None]], new: Mapping[str, str]) -> dict[str, str]:
    """Each new article that near-duplicates an earlier one -> the earliest article of its cluster.

    `existing` is the lake's (article_id, text, duplicate_of) in ingestion order;
    those rows never change, and they come before every new article. `new` maps
    article_id -> text; among new ones the smaller article_id counts as earlier.
    """
    index = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    rank: dict[str, int] = {}
    root: dict[str, str] = {}
    sigs: dict[str, MinHash] = {}
    for article_id, text, duplicate_of in existing:
        if article_id in rank:
            continue
        rank[article_id] = len(rank)
        root[article_id] = duplicate_of or article_id
        sig = signature(text)
        if sig is not None:
            sigs[article_id] = sig
            index.insert(article_id, sig)
    links: dict[str, str] = {}
    for article_id in sorted(new):
        if article_id in rank:
            continue
        rank[article_id] = len(rank)
        root[article_id] = article_id
        sig = signature(new[article_id])
        if sig is None:
            continue
        matches = [c for c in index.query(sig) if sigs[c].jaccard(sig) >= THRESHOLD]
        if matches:
            first = min((root[c] for c in matches), key=lambda r: rank.get(r, -1))
            root[article_id] = links[article_id] = first
        sigs[article_id] = sig
        index.insert(article_id, sig)
    return links
