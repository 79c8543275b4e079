"""Bytes to clean text: decode one input, then undo mojibake.

Readers call `decode_bytes` on the raw bytes of one input and `repair_text` on
every text they extract (feeds and pages can carry mojibake inside valid UTF-8).
"""
from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Callable

import ftfy
from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from extract.rejects import check


class DecodeError(Exception):
    """Bytes that cannot become text; `reason` is a code of `extract.rejects.REASONS`."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = check(reason)
        self.detail = detail


# --- decoding -----------------------------------------------------------------

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls that never appear in text; tab, LF, VT, FF and CR do.
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.02  # a text with one control byte in fifty is not an article
# charset-normalizer's mess ratio (share of suspicious characters) under which a
# cp1252 reading is taken: Cyrillic, Greek, Arabic, Hebrew and CJK bytes read as
# cp1252 score above 1, Western text near 0.
_WESTERN_MESS = 0.1
_STRAY = re.compile("[\udc80-\udcff]+")  # bytes that surrogateescape kept from invalid UTF-8


def decode_bytes(data: bytes) -> str:
    """Decode the bytes of one text input.

    Order: a UTF-16/32 BOM decides; else (a UTF-8 BOM dropped, as editors put
    one on cp1252 text too) NUL bytes or more than 2% C0 control
    bytes mean "binary"; else strict UTF-8 (the fast, common case); else UTF-8
    with a few stray cp1252 bytes; else cp1252 if
    that reading is clean by charset-normalizer's mess measure (it/en/fr/es/de/pt
    all live in cp1252, and charset-normalizer's own ranking confuses the Latin code
    pages on short texts, picking cp1250/cp1257 for Italian); else charset-normalizer's
    best guess. "undecodable" means charset-normalizer finds no encoding whose text
    stays under its mess threshold (20% suspicious characters). Mojibake inside the
    result is `repair_text`'s job.
    """
    if not data.strip():
        raise DecodeError("empty", f"{len(data)} bytes of white space")
    text = _decode_bom(data)
    if text is None:
        data = data.removeprefix(codecs.BOM_UTF8)
        _refuse_binary(len(data) - len(data.translate(None, _CONTROL_BYTES)), len(data), b"\0" in data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _mostly_utf8(data) or _detect(data)
    else:
        _refuse_binary(len(_CONTROL_CHARS.findall(text)), len(text), "\0" in text)
    if not text.strip():
        raise DecodeError("empty", "only white space once decoded")
    return text


def _decode_bom(data: bytes) -> str | None:
    """Decode by a UTF-16/32 BOM; None without one. A broken body is not guessed at."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise DecodeError("undecodable", f"{encoding} BOM but {error.reason}") from None
    return None


def _refuse_binary(controls: int, size: int, has_nul: bool) -> None:
    if has_nul:
        raise DecodeError("binary", "NUL bytes")
    if controls > _MAX_CONTROL_SHARE * size:
        raise DecodeError("binary", f"{controls} control bytes in {size}")


def _cp1252(data: bytes) -> str:
    """cp1252, or latin-1 where the bytes hit one of cp1252's 5 holes."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray cp1252 bytes (pasted text), each read as cp1252.

    Taken when valid non-ASCII UTF-8 characters outnumber the stray bytes twice:
    cp1252 text almost never forms valid UTF-8 sequences, and CJK legacy text
    forms them only by chance, among many invalid bytes.
    """
    text = data.decode("utf-8", "surrogateescape")
    stray = sum(map(len, _STRAY.findall(text)))
    if sum(not c.isascii() for c in text) - stray < 2 * stray:
        return None
    return _STRAY.sub(lambda m: _cp1252(m.group().encode("utf-8", "surrogateescape")), text)


def _detect(data: bytes) -> str:
    """cp1252 (latin-1 for its 5 holes) when it reads cleanly, else charset-normalizer."""
    text = _cp1252(data)
    if mess_ratio(text, 2 * _WESTERN_MESS) <= _WESTERN_MESS:
        return text
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable", "no encoding reads the bytes with under 20% mess")
    return str(best)


# --- repair -------------------------------------------------------------------

# Fix everything ftfy knows, but keep typography as written (curly quotes stay).
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)

# Lossy mojibake: UTF-8 read as latin-1 (or cp1252), then each C1 control (bytes
# 0x80-0x9F) written as "?" (or U+FFFD). ftfy turns these into U+FFFD, so they are
# resolved first, by context, from what the lost byte can have been:
#   â??    E2 80 [80-9F]  U+2000-201F: quotes, apostrophe, dashes (spaces, joiners)
#   â?X    E2 [80-9F] X   X in A0-BF survived: U+2020-203F (…, •, ‰, ‹ ›) or a
#                         currency sign E2 82 X (€, ₽, ₴, ₹ ...) or ™ (E2 84 A2)
#   â€?    E2 80 + a byte cp1252 lacks (81 8D 8F 90 9D): ” in practice
#   Ã?     C3 [80-9F]     À-ß: the capital accented letters, ß and ×
#   Å?     C5 [80-9F]     Œ/œ for French (the only it/fr/es/de/pt letter there)
_LOST = "[?\ufffd]"
_LOSSY = re.compile(
    f"â(?:{_LOST}(?P<tail>[\xa0-\xbf])|{_LOST}{{2}}(?P<tail2>[\xa1-\xbf])"
    f"|(?P<punct>{_LOST}{{2}})|€(?P<cp1252>{_LOST}))"
    f"|Ã(?P<c3>{_LOST})|Å(?P<c5>{_LOST})"
)

# Tails (third byte) whose E2 82 xx currency sign is in use today: after or before
# a number the sign wins over the rarely used E2 80 xx mark. € always wins over
# U+202C (an invisible bidi control).
_CURRENCY_TAILS = frozenset("\xa9\xaa\xab\xad\xae\xb1\xb4\xb5\xb8\xb9\xba\xbc\xbd\xbe\xbf")
_EURO_TAIL = "\xac"
_TRADE_TAIL = "\xa2"  # • (E2 80 A2) as a bullet, ™ (E2 84 A2) right after a word
_TRADE_MARK = "\u2122"

# Opening and closing double quotes by language (single and double are lost alike).
_QUOTES = {"de": ("\u201e", "\u201c")}
_DEFAULT_QUOTES = ("\u201c", "\u201d")
_OPENERS = "([{«<\u2014\u2013-/"
_SENTENCE_ENDS = ("", ".", "!", "?", "…", "\n")

# Language data for "Ã?": which capitals each language uses (commonest first),
# function words to tell the language, and common accented words whose letter
# pairs show which capital fits a context (PERCH?→É, ?GYPTEN→Ä).
_LANGS: dict[str, tuple[str, str, str]] = {
    "it": (
        "ÈÀÉÌÒÙÓÍÚ",
        "il lo la gli le di del della dei che non per con è sono una nel alla anche più",
        ("è perché poiché affinché benché finché né sé sì così lunedì martedì venerdì "
        "però può ciò perciò più già giù città università libertà verità società realtà "
        "attività novità metà età qualità comunità sarà avrà potrà farò caffè virtù tribù"),
    ),
    "fr": (
        "ÉÀÈÊÇÎÔÂÙÛËÏÜ",
        "le la les des du est et une pour dans que qui pas sur au aux avec ce",
        ("à où là déjà été état états école économie élection élections élysée égypte "
        "étranger étrangères était être île îles ça français française garçon leçon "
        "reçu très après près mère père frère fête tête même évêque hôpital côté août "
        "coût noël maïs ambiguë créé sécurité ministère armée accès succès procès"),
    ),
    "es": (
        "ÁÉÓÍÚÑÜ",
        "el los las del y que en una por con para es se su al como lo",
        ("más está están también así aquí allí país países según después además qué "
        "cómo dónde cuándo quién él sí tú último última única único área ámbito ángel "
        "éxito índice ópera órgano "
        "áfrica américa méxico perú españa español año años niño señor mañana acción "
        "nación información situación opinión unión región política pública república"),
    ),
    "de": (
        "ÜÄÖß",
        "der die das und ist nicht mit von den dem ein eine zu auf für im sich",
        ("über für während müssen können würde wäre hätte größe straße grüße fuß maß "
        "weiß schließlich außerdem äußerst öl österreich ägypten änderung ärzte "
        "öffentlich öffentlichkeit länder präsident gespräch märz schön höher übrigens"),
    ),
    "pt": (
        "ÉÁÃÇÓÍÚÂÊÔÕÀ",
        "o os as do da dos das que em um uma para com não é no na ao mais",
        ("é à às já até não são então também está estão país países após além através "
        "só há três mês você ação ações nação informação situação política econômica "
        "pública república área áfrica ásia índia época último única óleo órgão ângela ótimo "
        "âmbito irmã amanhã alemã cristã mãe mão coração"),
    ),
}
_CP1252_LOST_C3 = "ÁÍÏÐÝ"  # C3 81/8D/8F/90/9D: all a cp1252 reader can lose there
# cp1252 gives bytes 0x80-0x9F glyphs (€ ‚ ƒ „ … ™ œ ...); after a lead byte they betray a cp1252 read.
_CP1252_SIGN = re.compile(f"[âÃÅ][{re.escape(bytes(range(0x80, 0xA0)).decode('cp1252', 'ignore'))}]")
_LATIN1_SIGN = re.compile(f"â{_LOST}{{2}}|[âÃÅ][\x80-\x9f]")
# Other mojibake in the text: it licenses reading "AMANHÃ?" as lossy, not as a question.
_MOJIBAKE_SIGN = re.compile(f"[ÂÃ][\x80-\xbf]|â[\x80-\x9f€]|â{_LOST}|Ã{_LOST}(?=[^\\W\\d_])")
_SIGNS = (_LATIN1_SIGN, _CP1252_SIGN, _MOJIBAKE_SIGN)
_WORD = re.compile(r"[^\W\d_]+")
_HANDLERS = {"tail": "_tail", "tail2": "_tail", "punct": "_punct", "cp1252": "_closing", "c3": "_capital", "c5": "_oe"}


def repair_text(text: str) -> str:
    """Undo mojibake: first the lossy kind ftfy cannot (see `_LOSSY`), then ftfy."""
    return ftfy.fix_text(_LOSSY.sub(_Resolver(text), text), _FTFY)


class _Resolver:
    """Replacement callback for `_LOSSY` over one text.

    Hand-written because no library restores lost bytes: it picks the likeliest
    character from the neighbours, pairs quotes left to right, and judges capital
    letters by the text's own words and a small per-language word list. What it
    learns about the text (language, words) is computed once, when first needed.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.open_quote: int | None = None  # where an opening quote awaits its closing
        self._cache: tuple[str, Counter[str], Counter[str]] | None = None
        self._signs: tuple[bool, bool, bool] | None = None

    def __call__(self, m: re.Match[str]) -> str:
        handler: Callable[[re.Match[str]], str] = getattr(self, _HANDLERS[m.lastgroup or ""])
        return handler(m)

    # context helpers
    def _before(self, m: re.Match[str], skip_space: bool = False) -> str:
        i = m.start() - 1
        while skip_space and i >= 0 and self.text[i] == " ":
            i -= 1
        return self.text[i] if i >= 0 else ""

    def _after(self, m: re.Match[str], skip_space: bool = False) -> str:
        i = m.end()
        while skip_space and i < len(self.text) and self.text[i] == " ":
            i += 1
        return self.text[i] if i < len(self.text) else ""

    def _tail(self, m: re.Match[str]) -> str:
        tail = m.group("tail") or m.group("tail2")
        near_number = self._before(m, True).isdigit() or self._after(m, True).isdigit()
        if tail == _EURO_TAIL or (tail in _CURRENCY_TAILS and near_number):
            return bytes([0xE2, 0x82, ord(tail)]).decode()
        if tail == _TRADE_TAIL and self._before(m).isalnum():
            return _TRADE_MARK
        return bytes([0xE2, 0x80, ord(tail)]).decode()

    def _closing(self, m: re.Match[str]) -> str:
        return "\u201d"  # E2 80 9D; the other four cp1252 holes there are rare marks

    def _punct(self, m: re.Match[str]) -> str:
        before, after = self._before(m), self._after(m)
        if self.open_quote is not None and "\n" in self.text[self.open_quote:m.start()]:
            self.open_quote = None
        if before.isalnum() and after.isalnum():
            return "\u2013" if before.isdigit() and after.isdigit() else "\u2019"
        if not before or before.isspace() or before in _OPENERS:
            if after.isalnum():
                if re.match(r"\d\d\b", self.text[m.end():m.end() + 3]):
                    return "\u2019"  # elided century: ’90
                self.open_quote = m.end()
                return self._quotes()[0]
            return "\u2013"  # spaced dash, or a dash alone after a dateline
        if self.open_quote is None and before.isalnum():
            return "\u2019"  # un po’, l’
        self.open_quote = None
        return self._quotes()[1]

    def _quotes(self) -> tuple[str, str]:
        return _QUOTES.get(self.lang, _DEFAULT_QUOTES)

    def _oe(self, m: re.Match[str]) -> str:
        before, after = self._before(m), self._after(m)
        inside = before.isalpha() and after.isalpha()
        if inside or re.match(r"(?i)uvre|il|uf|cum", self.text[m.end():m.end() + 4]):
            opens = not before.isalpha() and self._before(m, True) in _SENTENCE_ENDS
            return "Œ" if after.isupper() or opens else "œ"
        return m.group()

    def _capital(self, m: re.Match[str]) -> str:
        before, after = self._before(m), self._after(m)
        if before.islower():
            return "ß"  # the one lowercase letter among À-ß
        if self._before(m, True).isdigit() and self._after(m, True).isdigit():
            return "×"
        latin1, cp1252, mojibake = self.signs
        if before.isupper() and not after.isalpha() and not mojibake:
            return m.group()  # "AMANHÃ?" may be a real question in clean Portuguese
        order = _LANGS[self.lang][0]
        if cp1252 and not latin1:
            order = "".join(c for c in order if c in _CP1252_LOST_C3) or _CP1252_LOST_C3
        start, end = m.start(), m.end()
        while start > 0 and self.text[start - 1].isalpha():
            start -= 1
        while end < len(self.text) and self.text[end].isalpha():
            end += 1
        left = self.text[start:m.start()].lower()
        right = self.text[m.end():end].lower()
        prev, nxt = (left[-1:] or " "), (right[:1] or " ")
        lang_words = set(_LANGS[self.lang][2].split())

        def score(c: str) -> tuple[int, int]:
            word = left + c.lower() + right
            known = 1000 * self.words[word] + 500 * (word in lang_words)
            return (known + self.pairs[prev + c.lower()] + self.pairs[c.lower() + nxt], -order.index(c))

        return max(order, key=score)

    # facts about the whole text, computed once and only when a mark needs them
    @property
    def signs(self) -> tuple[bool, bool, bool]:
        """Signs of a latin-1 read, of a cp1252 read, and of any unambiguous mojibake."""
        if self._signs is None:
            latin1, cp1252, mojibake = (bool(sign.search(self.text)) for sign in _SIGNS)
            self._signs = (latin1, cp1252, mojibake)
        return self._signs

    @property
    def lang(self) -> str:
        return self._facts()[0]

    @property
    def words(self) -> Counter[str]:
        return self._facts()[1]

    @property
    def pairs(self) -> Counter[str]:
        return self._facts()[2]

    def _facts(self) -> tuple[str, Counter[str], Counter[str]]:
        """Language by function words; the text's accented words and letter pairs."""
        if self._cache is None:
            # Words broken by a lost byte are left out: they are what is being judged.
            # Only the non-ASCII words need ftfy, which keeps this cheap on long texts.
            tokens = _LOSSY.sub(" ", self.text).split()
            plain = " ".join(t for t in tokens if t.isascii())
            fixed = ftfy.fix_encoding(" ".join(t for t in tokens if not t.isascii()))
            counts = Counter(_WORD.findall(f"{plain} {fixed}".lower()))
            lang = max(_LANGS, key=lambda code: sum(counts[w] for w in _LANGS[code][1].split()))
            words = Counter({w: n for w, n in counts.items() if not w.isascii()})
            pairs: Counter[str] = Counter()
            for word in [*words, *_LANGS[lang][2].split()]:
                padded = f" {word} "
                pairs.update(p for p in (padded[i:i + 2] for i in range(len(padded) - 1)) if not p.isascii())
            self._cache = (lang, words, pairs)
        return self._cache
