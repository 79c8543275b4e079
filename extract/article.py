"""A parsed record made into an `Article`: clean text, outlet, local time, language, stable id."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from urllib.parse import urlparse

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from extract import rules
from extract.clean import AGENCY_LEAD, clean_text
from extract.datelines import complete, from_url, zone
from extract.formats import Record
from extract.model import Article, Reject

_LANGUAGE_SAMPLE = 1000  # characters enough to tell the language; bounds the cost on long texts
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}")
# Quote, dash and ellipsis variants read as one, so re-typeset copies of a text share an id
# (re.sub: str.translate with a dict is ten times slower on article-sized text).
_FOLD = (
    (re.compile("[‘’‚‛′`´]"), "'"),
    (re.compile("[“”„‟″«»]"), '"'),
    (re.compile("[‐‑‒–—―−]"), "-"),
    (re.compile("…"), "..."),
)


@functools.cache
def _identifier() -> LanguageIdentifier:
    """py3langid's model, loaded once, choosing among the languages of rules/languages.yaml."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(rules.table("languages")["languages"])
    return identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language."""
    return str(_identifier().classify(text[:_LANGUAGE_SAMPLE])[0])


def article_id(title: str | None, text: str) -> str:
    """16 hex digits from title and text, blind to case, spacing, quote and dash styles."""
    folded = unicodedata.normalize("NFKC", f"{title or ''} {text}").casefold()
    for variants, plain in _FOLD:
        folded = variants.sub(plain, folded)
    return hashlib.blake2b(" ".join(folded.split()).encode("utf-8"), digest_size=8).hexdigest()


@functools.cache
def _outlet_names() -> dict[str, str]:
    """Outlet name (case-folded) -> domain, from rules/outlets.yaml."""
    outlets = rules.table("outlets")["outlets"]
    return {str(name).casefold(): domain for domain, data in outlets.items() for name in data.get("names", [])}


def outlet_domain(outlet: str | None) -> str | None:
    """The outlet's domain from an e-mail, a URL, a domain or a known name; None if unknown."""
    if not outlet:
        return None
    outlet = outlet.strip()
    if "://" in outlet:
        try:
            outlet = urlparse(outlet).hostname or ""
        except ValueError:  # a broken link ("http://[x"): no outlet, not a lost article
            return None
    elif "@" in outlet:
        outlet = outlet.rsplit("@", 1)[1]
    domain = outlet.lower().rstrip(".").split(":")[0]
    if _DOMAIN.fullmatch(domain):
        return domain.removeprefix("www.")
    return _outlet_names().get(outlet.casefold())


def _language_code(given: str | None) -> str | None:
    """The primary subtag of a language the input states ("it-IT" -> "it"); None if it is no code."""
    code = re.split(r"[-_]", given.strip().lower(), maxsplit=1)[0] if given else ""
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def time_zone(source: str | None, language: str) -> dt.tzinfo:
    """The outlet's zone if listed, else by its domain's suffix, else by language, else UTC."""
    zones = rules.table("outlets")["time_zones"]
    known = rules.table("outlets")["outlets"].get(source or "") or {}
    suffix = (source or "").rsplit(".", 1)[-1]
    name = (known.get("time_zone") or zones["by_domain_suffix"].get(suffix)
            or zones["by_language"].get(language) or zones["default"])
    return zone(name)


def build(record: Record, input: str, origin_id: str) -> Article | Reject:
    """The article a record holds, or a Reject ("no_text") when clean-up leaves nothing.

    `origin_id` is used when the record has no id of its own (the input's file name).
    """
    text = clean_text(record.text)
    if not any(c.isalpha() for c in text):
        return Reject(input=input, reason="no_text", detail="nothing of an article is left after clean-up")
    title = " ".join(record.title.split()) if record.title else None
    language = _language_code(record.language) or detect_language(f"{title or ''}\n{text}")
    lead = AGENCY_LEAD.match(record.text.lstrip())
    source = outlet_domain(record.outlet) or outlet_domain(record.url) or (
        _outlet_names().get(lead["agency"].casefold()) if lead else None)
    published = complete(record.published, from_url(record.url))
    stamp = published.to_datetime(time_zone(source, language)) if published else None
    return Article(
        article_id=article_id(title, text),
        origin_id=record.origin_id or origin_id,
        input=input,
        text=text,
        language=language,
        title=title,
        url=record.url,
        source=source,
        published_at=stamp[0] if stamp else None,
        published_precision=stamp[1] if stamp else None,
        author=" ".join(record.author.split()) if record.author else None,
        category=" ".join(record.category.split()) if record.category else None,
        tags=list(dict.fromkeys(t.strip() for t in record.tags if t.strip())),
        format=record.format,
    )
