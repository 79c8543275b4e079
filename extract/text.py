"""Paragraphs and sentences with their offsets, and which of them are headings.

Rules read one sentence at a time, and date context flows within a
paragraph, so both are kept with offsets into the article text. Hand-written:
the splitters of NLP libraries are slow to load and none knows Italian
newspaper abbreviations and headline style better than these few rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (and a closing quote or bracket after them) before a capital,
# a quote or a digit; common abbreviations ("Sig.", "U.S.", "Jan.") do not end one.
_END = re.compile(r"""(?<=[.!?…])["”’»)\]]*\s+(?=["“‘«(\[]?[A-ZÀ-ÖØ-Þ0-9])""")
_ABBREV = re.compile(
    r"(?:\b(?:Sig|Sigg|Dott|Dr|Prof|On|Sen|Gen|Col|Magg|Cap|Mr|Mrs|Ms|St|Jr|Sr|Lt|Sgt|Gov|Rep|Pres|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|n|vs|ca|ecc|p|pag|art)\.|\b[A-Z]\.)$"
)
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    index: int  # position in the article, 0 = title
    paragraph: int
    start: int  # offsets into the text the sentence was cut from
    end: int
    text: str
    heading: bool  # title, subheading or other line without a sentence's end


def _is_heading(paragraph: str) -> bool:
    """A paragraph that does not end as a sentence does and is short: a (sub)heading."""
    stripped = paragraph.rstrip("\"”’» ")
    return "\n" not in paragraph.strip() and not stripped.endswith((".", "!", "?", "…")) and len(paragraph.split()) <= 25


def split_sentences(text: str, title: str | None = None) -> list[Sentence]:
    """The title (as sentence 0, a heading) then every sentence of `text`, with offsets into `text`."""
    out: list[Sentence] = []
    if title:
        out.append(Sentence(0, -1, -1, -1, title.strip(), True))
    starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    ends = [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    for p, (p_start, p_end) in enumerate(zip(starts, ends)):
        paragraph = text[p_start:p_end]
        if not paragraph.strip():
            continue
        heading = _is_heading(paragraph)
        cut = p_start
        for m in _END.finditer(paragraph):
            piece = text[cut:p_start + m.start()]
            if _ABBREV.search(piece):
                continue
            _append(out, text, cut, p_start + m.start(), p, heading)
            cut = p_start + m.end()
        _append(out, text, cut, p_end, p, heading)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int, heading: bool) -> None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if piece:
        out.append(Sentence(len(out), paragraph, start + lead, start + lead + len(piece), " ".join(piece.split()), heading))
