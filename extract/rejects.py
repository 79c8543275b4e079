"""The documented list of reasons an input is refused (the `rejects.reason` codes).

Every reject the pipeline writes uses one of these codes, so analysts can
group and count them; the text is what `geoevents run` prints beside a count.
"""
from __future__ import annotations

REASONS: dict[str, str] = {
    "missing": "the path, glob or URL matched nothing or could not be opened",
    "empty": "the input holds no bytes, or only white space",
    "binary": "the input is binary data (NUL or control bytes), not text",
    "undecodable": "no text encoding reads the bytes plausibly",
    "malformed": "the input claims a format (JSON, XML, feed) but does not parse as it",
    "no_text": "nothing of an article is left after clean-up",
    "failed": "the pipeline failed on this input (a bug to report: the detail holds the error)",
}


def check(reason: str) -> str:
    """Return `reason` if it is a documented code; an unknown code is a bug, not data."""
    if reason not in REASONS:
        raise ValueError(f"undocumented reject reason {reason!r}")
    return reason
