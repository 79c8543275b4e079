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


class NearDuplicates:
    """An index of the articles seen so far, fed one article at a time.

    Each article has an order: the lake's articles come first, in the order they
    were first read (they may be fed in any order, and never change), then a
    run's new ones as they stream in, so a link always points at the earliest
    report of its cluster. Memory grows with the number of articles (one
    signature each), not with their text.
    """

    def __init__(self) -> None:
        self._index = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._order: dict[str, tuple] = {}
        self._root: dict[str, str] = {}
        self._sigs: dict[str, MinHash] = {}

    def known(self, article_id: str, text: str, duplicate_of: str | None, order: tuple = ()) -> None:
        """An article already in the lake, with the link it was given then; `order` sorts
        the lake's articles among themselves (when first read)."""
        if article_id not in self._order:
            self._remember(article_id, (0, *order, article_id), duplicate_of or article_id, signature(text))

    def check(self, article_id: str, text: str) -> str | None:
        """A new article: the earliest article it near-duplicates, or None; it is remembered."""
        if article_id in self._order:
            return None
        sig = signature(text)
        first = None
        if sig is not None:
            matches = [c for c in self._index.query(sig) if self._sigs[c].jaccard(sig) >= THRESHOLD]
            if matches:
                first = min((self._root[c] for c in matches), key=lambda r: self._order.get(r, (-1,)))
        self._remember(article_id, (1, len(self._order)), first or article_id, sig)
        return first

    def _remember(self, article_id: str, order: tuple, root: str, sig: MinHash | None) -> None:
        self._order[article_id] = order
        self._root[article_id] = root
        if sig is not None:
            self._sigs[article_id] = sig
            self._index.insert(article_id, sig)
