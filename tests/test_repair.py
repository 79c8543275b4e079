"""Tests for extract.repair: decoding bytes and undoing mojibake.

Every sentence here is written for these tests; the seed articles are the
project's own sample input.
"""
from __future__ import annotations

import codecs
import difflib
import random
import re
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  registers "sloppy-windows-1252"
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.repair import DecodeError, decode_bytes, repair_text

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"

# Clean sentences, one set per language, covering every accented letter in both
# cases (Portuguese ü is pre-1990 spelling, kept for coverage).
CLEAN = {
    "it": [
        "Perché la città è più sicura? Così però può già cambiare, né lui né lei ricordò quel dì.",
        "L’università di Forlì è là, tra virtù e tribù; perciò farò così.",
        "È stata una scelta difficile, disse il sindaco.",
        "PERCHÉ LA CITTÀ È PIÙ SICURA? COSÌ PERÒ NON BASTA.",
    ],
    "fr": [
        "L’État a été très clair : à Noël, le garçon mangea un œuf près de l’hôpital où l’évêque était déjà.",
        "Lætitia, naïve et sûre d’elle, alla à L’Haÿ-les-Roses en août, puis à Capharnaüm ; c’était ambiguë.",
        "À Paris, Ça suffit : Île-de-France, Être et Élysée. Œuvre de l’État.",
        "L’ÉTAT FRANÇAIS ET L’ÉCOLE : À PARIS, L’ÎLE EST SÛRE.",
    ],
    "es": [
        "¿Quién sabía más? ¡Así está España! El señor Ibáñez llegó tarde, según el pingüino.",
        "Ángel dijo: «Último aviso». Éxito total, Índice alto, Ópera nueva; él sí, ella también.",
        "LA UNIÓN DE ESPAÑA Y PERÚ: MÁS ACCIÓN, MÁS PAÍSES.",
    ],
    "de": [
        "Der Präsident aus Österreich fährt über die Straße nach Ägypten; die Größe der Brücke wäre schön.",
        "Übrigens: Öl und Ärger gehören dazu, sagte der Fußballer außerdem.",
        "DER PRÄSIDENT AUS ÖSTERREICH FÄHRT ÜBER DIE GRENZE NACH ÄGYPTEN.",
    ],
    "pt": [
        "A nação não está só: após três meses, a informação é pública e até o coração da cidadã já sabe.",
        "De noite, vovô e vovó põem o pão na mesa; o pinguim é de Ângela e da Índia, e o lingüista também.",
        "Ótimo, diz ela: o Óleo é caro. Último dia. Às vezes, à tarde, Ásia e África.",
        "A NAÇÃO NÃO ESTÁ SÓ: A INFORMAÇÃO É PÚBLICA E O CORAÇÃO SABE.",
    ],
}
PUNCTUATION = [
    "Il ministro ha detto: “Non è finita” – e poi se n’è andato…",
    "Der Sprecher sagte „Wir bleiben“ – und ging.",
    "Prezzo: 10 € al chilo • sconto del 5‰ – ‹ nuovo › marchio Acme™ † 1900.",
]
# Clean text that must come out unchanged, including real question marks next
# to letters that mojibake is made of.
UNTOUCHED = [
    "Davvero? Sì. Ma è vero? Forse.",
    "Tu as quel âge? Ça va? Là-bas, à côté du château; pâté?",
    "VOCÊ VAI AMANHÃ? SIM, EM SÃO PAULO.",
    "CHÂTEAU? NON. Ãlvaro non è una parola, Âme sì.",
    "Ele disse «olá» e foi embora; 20 °C, 3 × 4, ½ litro.",
    "PÅ? JA. Ça va?",
    *[s for sentences in CLEAN.values() for s in sentences],
    *PUNCTUATION,
]
ALL = [s for sentences in CLEAN.values() for s in sentences] + PUNCTUATION


def latin1_mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def latin1_lossy(text: str) -> str:
    """UTF-8 read as latin-1, the C1 controls (bytes 0x80-0x9F) lost as '?'."""
    return re.sub("[\x80-\x9f]", "?", latin1_mojibake(text))


def cp1252_lossy(text: str) -> str:
    """UTF-8 read as cp1252; its 5 undefined bytes become U+FFFD."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


# --- the seed articles ---------------------------------------------------------

QUOTES = re.compile("[’‘“”'\"]")


def sentences(text: str) -> list[list[str]]:
    """Sentences as word lists, quotes dropped; a '---' page break inside a sentence is joined."""
    text = re.sub(r"\n+-{3,}\n+(?=[a-z])", " ", text)
    parts = (p for line in text.splitlines() for p in re.split(r"(?<=[.!?])\s+", line))
    return [QUOTES.sub("", p).split() for p in parts if p.strip()]


def test_seed_001_repairs_to_the_text_of_000() -> None:
    damaged = repair_text(decode_bytes((SAMPLES / "001_48bd98ad5744dff8.txt").read_bytes()))
    clean = repair_text(decode_bytes((SAMPLES / "000_b42b57fb5f2f7971.txt").read_bytes()))
    for mark in ("Ã", "â€", "â??", "Â", "\ufffd"):
        assert mark not in damaged
    assert "È stata avviata un’indagine sull’accaduto." in damaged
    assert "Vertice dei “Volenterosi” per l’Ucraina" in damaged
    assert "(Adnkronos) –" in damaged
    # A 001 sentence whose first 30 characters open a 000 sentence is the same
    # sentence. The two exports differ in small edits, so ASCII words may differ;
    # every repair yields a non-ASCII character, so each word holding one must be
    # aligned with the same word in 000.
    reference = {" ".join(words)[:30]: words for words in sentences(clean)}
    compared = 0
    for words in sentences(damaged):
        other = reference.get(" ".join(words)[:30])
        if other is None or len(" ".join(words)) < 30:
            continue
        compared += 1
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=words, b=other, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            assert all(w.isascii() for w in words[i1:i2] + other[j1:j2]), (words[i1:i2], other[j1:j2])
    assert compared >= 10


# --- double encoding and lossy mojibake ---------------------------------------


@pytest.mark.parametrize("sentence", ALL)
def test_intact_double_encoding_is_undone(sentence: str) -> None:
    assert repair_text(latin1_mojibake(sentence)) == sentence
    assert repair_text(sentence.encode("utf-8").decode("sloppy-windows-1252")) == sentence


def test_every_e2_80_mark_survives_intact_double_encoding() -> None:
    for code in range(0x2000, 0x2040):
        sentence = f"parola {chr(code)} parola"
        assert repair_text(latin1_mojibake(sentence)) == repair_text(sentence)
        assert repair_text(sentence.encode("utf-8").decode("sloppy-windows-1252")) == repair_text(sentence)


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_lossy_latin1_is_restored_in_context(lang: str) -> None:
    # One text per language: the capital letters are judged by the words around them.
    text = "\n".join(CLEAN[lang])
    assert repair_text(latin1_lossy(text)) == text


@pytest.mark.parametrize("sentence", PUNCTUATION)
def test_lossy_punctuation_is_restored_in_context(sentence: str) -> None:
    assert repair_text(latin1_lossy(sentence)) == sentence


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("lâ??Ucraina e lâ??8 marzo", "l’Ucraina e l’8 marzo"),  # between letters: apostrophe
        ("un poâ?? di piÃ¹", "un po’ di più"),  # after a word, no quote open: apostrophe
        ("gli anni â??90 piÃ¹", "gli anni ’90 più"),  # elided century
        ("dal 1990â??2000 piÃ¹", "dal 1990–2000 più"),  # range between numbers
        ("(Adnkronos) â??\nVertice", "(Adnkronos) –\nVertice"),  # after a dateline
        ("Ã? stata avviata, Ã¨ vero", "È stata avviata, è vero"),  # Italian verb
        ("StraÃ?e fÃ¼r", "Straße für"),  # the lowercase one
        ("3 Ã? 4 fa 12, piÃ¹", "3 × 4 fa 12, più"),
        ("Ã?GYPTEN und Ã?STERREICH, die StraÃ?e", "ÄGYPTEN und ÖSTERREICH, die Straße"),
        ("cÅ?ur, sÅ?ur et Å?uvre, Ã©tÃ©", "cœur, sœur et œuvre, été"),
        ("â€œCiaoâ€? disse", "“Ciao” disse"),  # cp1252 reader, lost byte as '?'
        ("â€œCiaoâ€\ufffd disse", "“Ciao” disse"),  # cp1252 reader, lost byte as U+FFFD
        ("costa 10 â?¬ o 100 â?½, e poiâ?¦", "costa 10 € o 100 ₽, e poi…"),
        ("e poiâ??¦ Ã¨", "e poi… è"),  # the tail after two lost bytes
        ("Acmeâ?¢ â?¢ punto", "Acme™ • punto"),
    ],
)
def test_lossy_rules(damaged: str, expected: str) -> None:
    assert repair_text(damaged) == expected


def test_lossy_e2_80_tails_are_exact() -> None:
    # E2 80 A0-BF keep their third byte: decidable, except that U+202C loses to €
    # and near a number a currency sign (E2 82 xx) wins.
    for code in range(0x2020, 0x2040):
        if code in (0x2028, 0x2029, 0x202C):  # line breaks become "\n"; see above
            continue
        sentence = f"e poi {chr(code)} basta"
        assert repair_text(latin1_lossy(sentence)) == sentence, hex(code)
    for sign in "€₩₪₫₭₮₱₴₵₸₹₺₼₽₾₿":
        assert repair_text(latin1_lossy(f"costa 12 {sign}")) == f"costa 12 {sign}"


def test_lossy_e2_80_first_half_is_ambiguous_but_lands_in_its_class() -> None:
    # U+2000-201F all lose their last byte; the context picks the likeliest one:
    # between letters an apostrophe, spaced a dash. ‘ “ „ (openers) and ’ ” (closers)
    # and ‐ ‑ ‒ – — ― cannot be told apart from the bytes: inherently ambiguous.
    for code in range(0x2000, 0x2020):
        assert repair_text(latin1_lossy(f"dell{chr(code)}Italia")) == "dell’Italia"
        assert repair_text(latin1_lossy(f"basta {chr(code)} disse")) == "basta – disse"
    assert repair_text(latin1_lossy("disse ‘no’ e poi—forse, più")) == "disse “no” e poi’forse, più"


def test_lossy_cp1252_capitals() -> None:
    # A cp1252 reader loses only Á Í Ï Ð Ý (and ” among the marks).
    text = "Ángela e Índia: a informação é pública, disse “Ótimo”."
    assert repair_text(cp1252_lossy(text)) == text


@pytest.mark.parametrize("sentence", UNTOUCHED)
def test_clean_text_is_untouched(sentence: str) -> None:
    assert repair_text(sentence) == sentence


# --- decoding -----------------------------------------------------------------


def test_utf8_with_and_without_bom() -> None:
    text = "\n".join(ALL)
    assert decode_bytes(text.encode("utf-8")) == text
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8")) == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    text = "\n".join(ALL)
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[encoding]
    assert decode_bytes(bom + text.encode(encoding)) == text


@pytest.mark.parametrize("lang", sorted(CLEAN))
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_single_byte(lang: str, encoding: str) -> None:
    # œ, Ÿ and ’ exist in cp1252 only; latin-1 texts use straight quotes.
    text = "\n".join(CLEAN[lang])
    if encoding == "latin-1":
        text = text.replace("’", "'").replace("œ", "oe").replace("Œ", "OE").replace("ÿ", "y")
    assert decode_bytes(text.encode(encoding)) == text


def test_cp1252_one_sentence() -> None:
    text = "Perché la città è più sicura? Così però può già cambiare."
    assert decode_bytes(text.encode("cp1252")) == text


def test_utf8_with_a_stray_cp1252_byte() -> None:
    text = "\n".join(CLEAN["it"])
    data = text.encode("utf-8") + b" Un po\x92 di pi\xf9."
    assert decode_bytes(data) == text + " Un po’ di più."


def test_other_encodings_by_detection() -> None:
    text = ("Президент заявил, что переговоры продолжатся на следующей неделе в Стамбуле, "
            "а делегации обсудят обмен пленными и прекращение огня.")
    assert decode_bytes(text.encode("cp1251")) == text


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8 + b" \n", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_empty(data: bytes) -> None:
    with pytest.raises(DecodeError) as error:
        decode_bytes(data)
    assert error.value.reason == "empty"


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    "data",
    [
        PNG_HEADER,
        PNG_HEADER[:8],  # no NUL yet: the control bytes betray it
        random.Random(1).randbytes(4096),
        b"testo normale\x00con un NUL",
        b"testo \x01\x02\x03\x04 di prova",
        codecs.BOM_UTF16_LE + "a\x00\x01\x02b".encode("utf-16-le"),
    ],
)
def test_binary(data: bytes) -> None:
    with pytest.raises(DecodeError) as error:
        decode_bytes(data)
    assert error.value.reason == "binary"


def test_undecodable() -> None:
    # Printable-range bytes (no NUL, no C0 control) in no order any encoding reads:
    # charset-normalizer finds every candidate over its mess threshold.
    noise = bytes(b for b in random.Random(7).randbytes(8000) if 0x20 <= b != 0x7F)[:2000]
    with pytest.raises(DecodeError) as error:
        decode_bytes(noise)
    assert error.value.reason == "undecodable"
    with pytest.raises(DecodeError) as error:
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8a")  # a lone surrogate after the BOM
    assert error.value.reason == "undecodable"


def test_decode_error_reason_is_a_documented_code() -> None:
    with pytest.raises(ValueError):
        DecodeError("corrupt", "not a code of extract.rejects")


# --- robustness ---------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_bytes_raises_only_decode_error(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except DecodeError:
        return
    repair_text(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("âÃÅÂ€?\ufffd¦¢¬ ab1\n.'’“") | st.characters(), max_size=300))
def test_repair_text_never_raises(text: str) -> None:
    assert isinstance(repair_text(text), str)
