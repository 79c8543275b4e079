"""Near-duplicate articles: one report in two formats (page text and feed export).

Exact re-ingestion is caught by article ids; this catches the same report whose
chrome, headings or encoding differ, so its events count once. MinHash over
5-word shingles of a normalised text (case, quote styles and punctuation
folded) estimates Jaccard similarity; an LSH index finds candidates without
comparing every pair: its bands live in DuckDB (on disk beside the run's stage),
so memory stays flat however many articles the lake and the run hold. The two
seed samples (one Adnkronos report as page text
and as feed export) share about 0.37 of their shingles, because the page holds
more (summary, related items); distinct reports of one story share almost
none, as a 5-word run of the same words rarely recurs in another writer's
prose. THRESHOLD sits well between the two.
"""
from __future__ import annotations

import re
import unicodedata

from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
from datasketch import MinHash

SHINGLE = 5
THRESHOLD = 0.25
NUM_PERM = 128
# 64 bands of 2 rows: two reports sharing a quarter of their shingles meet in some band
# with probability 0.98, unrelated ones (J ~ 0.02) in 2.5% of cases, then are told apart
# by their whole signatures.
BANDS = 64
SEED = 1  # fixed, so signatures and links are the same on every run
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED)  # permutations made once, shared by every signature
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
    sig = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_TEMPLATE.permutations, scheme=_TEMPLATE.scheme)
    sig.update_batch([g.encode() for g in sorted(grams)])
    return sig


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two texts' shingles (0 when either has none)."""
    sa, sb = signature(a), signature(b)
    return sa.jaccard(sb) if sa and sb else 0.0


class NearDuplicates:
    """An index of the articles seen so far, in ingestion order.

    The lake's articles come first, in the order they were first read (they
    never change), then a run's new ones batch by batch, so a link always points
    at the earliest report of its cluster.
    """

    def __init__(self, folder: Path | None = None) -> None:
        path = ":memory:"
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            path = str(folder / "near-duplicates.duckdb")
        self._con = duckdb.connect(path, config={"memory_limit": "64MB", "threads": 1})
        self._sql(f"""
            CREATE TABLE sigs (article_id VARCHAR, ord BIGINT, root VARCHAR, root_ord BIGINT, hv UBIGINT[{NUM_PERM}]);
            CREATE TABLE bands (band INTEGER, key UBIGINT, article_id VARCHAR)""")
        self._count = 0

    def load(self, signatures: str, articles: str, inputs: str | None) -> None:
        """The lake's articles, straight from its Parquet (`read_parquet(...)` sources)."""
        first = (f"(SELECT article_id, min(read_at) AS t FROM {inputs} WHERE article_id IS NOT NULL GROUP BY 1)"
                 if inputs else "(SELECT NULL::VARCHAR AS article_id, NULL::TIMESTAMPTZ AS t)")
        self._sql(f"""
            INSERT INTO sigs
            SELECT s.article_id, row_number() OVER (ORDER BY f.t NULLS LAST, s.article_id),
                   coalesce(a.duplicate_of, s.article_id), NULL, s.minhash
            FROM {signatures} s JOIN (SELECT article_id, duplicate_of FROM {articles}) a USING (article_id)
            LEFT JOIN {first} f USING (article_id)""")
        self._sql("""
            UPDATE sigs SET root_ord = coalesce(r.ord, 0) FROM sigs r WHERE sigs.root = r.article_id;
            UPDATE sigs SET root_ord = 0 WHERE root_ord IS NULL""")
        self._add_bands("sigs")
        self._count = self._sql("SELECT count(*) FROM sigs")[0][0]

    def check(self, batch: list[tuple[str, str]]) -> tuple[dict[str, str], list[dict]]:
        """New articles (id, text) in ingestion order: the links of those that near-duplicate
        an earlier article, and every article's signature row for the lake."""
        rows = []
        for article_id, text in batch:
            sig = signature(text)
            if sig is not None:
                self._count += 1
                rows.append((article_id, self._count, sig.hashvalues.astype(np.uint64)))
        if not rows:
            return {}, []
        arrivals = pa.table({"article_id": [a for a, _, _ in rows], "ord": [o for _, o, _ in rows],
                          "hv": pa.FixedSizeListArray.from_arrays(np.concatenate([h for _, _, h in rows]), NUM_PERM)})
        self._con.register("arrivals", arrivals)
        self._sql("CREATE OR REPLACE TEMP TABLE probe AS SELECT article_id, ord, hv::UBIGINT[] AS hv FROM arrivals")
        hv = {a: h for a, _, h in rows}
        order = {a: o for a, o, _ in rows}
        old = self._sql(f"""
            WITH p AS (SELECT article_id, ord, band, hash(hv[2 * band + 1], hv[2 * band + 2]) AS key
                       FROM probe, range({BANDS}) t(band))
            SELECT DISTINCT p.article_id, s.article_id, s.root, s.root_ord, s.hv
            FROM p JOIN bands b USING (band, key) JOIN sigs s ON s.article_id = b.article_id""")
        inner = self._sql(f"""
            WITH p AS (SELECT article_id, ord, band, hash(hv[2 * band + 1], hv[2 * band + 2]) AS key
                       FROM probe, range({BANDS}) t(band))
            SELECT DISTINCT a.article_id, b.article_id FROM p a JOIN p b USING (band, key) WHERE b.ord < a.ord""")
        candidates: dict[str, list[tuple[str, str, int, np.ndarray]]] = {}
        for new, other, root, root_ord, values in old:
            candidates.setdefault(new, []).append((other, root, root_ord, np.array(values, dtype=np.uint64)))
        earlier: dict[str, list[str]] = {}
        for new, other in inner:
            earlier.setdefault(new, []).append(other)
        roots: dict[str, tuple[str, int]] = {}
        links: dict[str, str] = {}
        for article_id, ord_, values in rows:
            pool = [(root, root_ord) for _, root, root_ord, other in candidates.get(article_id, ())
                    if _jaccard(values, other) >= THRESHOLD]
            pool += [roots[o] for o in earlier.get(article_id, ()) if _jaccard(values, hv[o]) >= THRESHOLD]
            roots[article_id] = min(pool, key=lambda r: r[1]) if pool else (article_id, ord_)
            if pool:
                links[article_id] = roots[article_id][0]
        found = pa.table({"article_id": [a for a, _, _ in rows], "root": [roots[a][0] for a, _, _ in rows],
                          "root_ord": [roots[a][1] for a, _, _ in rows]})
        self._con.register("found", found)
        self._sql("INSERT INTO sigs SELECT p.article_id, p.ord, f.root, f.root_ord, p.hv "
                          "FROM probe p JOIN found f USING (article_id)")
        self._add_bands("probe")
        self._sql("CHECKPOINT")  # write the index out to its file rather than keep it in memory
        return links, [{"article_id": a, "minhash": h.tolist()} for a, _, h in rows]

    def _add_bands(self, table: str) -> None:
        self._sql(f"""
            INSERT INTO bands SELECT band, hash(hv[2 * band + 1], hv[2 * band + 2]), article_id
            FROM {table}, range({BANDS}) t(band)""")

    def _sql(self, query: str) -> list[tuple]:
        """Run a statement and read its whole result, which DuckDB needs before the next one."""
        return self._con.execute(query).fetchall()

    def close(self) -> None:
        self._con.close()


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / NUM_PERM
