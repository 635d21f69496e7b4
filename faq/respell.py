"""Kana typed for the FAQ's own kanji words, written back in kanji before matching.

Casual questions are often typed without converting to kanji ("しょうめいしょってどこ？",
"ゆうこうきかんってなんねん", "りょーきんおしえて") and romaji is read as hiragana.  The
embedding model reads kanji far better than such kana, and the lexical engine only meets kana
spellings that the synonym list happens to name.  :class:`Respeller` learns, from the FAQ's own
Japanese texts, the reading of every noun (and run of up to three nouns) written with kanji,
and writes a hiragana stretch of a question that spells one of those readings in the FAQ's
kanji: "しょうめいしょ" becomes "証明書", "ゆうこうきかん" "有効期間".

Hiragana is also the script of grammar, so a short reading can be found across word
boundaries ("していて" holds the reading of 指定, "どういう" that of 同意, "ないよう" that of
内容).  The analyser's own segmentation of the question decides: a stretch of three kana is
replaced only when it starts and ends on the analyser's word boundaries and contains no
particle or auxiliary; one of four only when it starts on a boundary and not on a verb,
adjective, particle or auxiliary; five kana and more are specific enough on their own.  A
long-vowel mark typed in hiragana ("りょーきん") is read as the vowel it lengthens.

A question typed in kana with spaces between its words ("しょうめいしょの りてんは？") marks the
words itself, and there the writer is believed before the analyser, which reads a lone kana
word as best it can ("りてん" as two auxiliaries): a stretch that starts where the writer
started a word and is the whole word, or the word before one of the particles that follow a
noun (は, が, を, の, も, って), is replaced whatever its length.

Kanji can be typed wrongly too: the input method offers a homophone and the writer takes it
("有効気管" for 有効期間, "更進手続き" for 更新手続き).  A compound of two or three nouns, with a
word in kanji alone that the FAQ's texts never use beside one they do, whose reading of
four kana or more is that of one of the FAQ's compounds, is written as the FAQ writes that
compound.  A lone word is left as typed, since the FAQ's own nouns have ordinary homophones that
people mean ("形態" and 携帯, "支給" and 至急); so is a compound made only of words the FAQ uses
("認証機関"), and one that reads like none of its nouns ("卒業証明書").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from faq.normalize import normalize
from faq.tokenize import Morpheme

_KANJI = re.compile(r"[\u3400-\u9fff]")
_HIRAGANA_RUN = re.compile(r"[\u3041-\u309fー]+")
_KANA_ONLY = re.compile(r"[\u3041-\u309fー]+")
_KANJI_ONLY = re.compile(r"[\u3400-\u9fff々]+")
# A reading shorter than this is never replaced (two kana are mostly grammar).
MIN_READING = 3
# Readings this long are replaced wherever they occur; shorter ones need the analyser's consent.
FREE_READING = 5
# A kanji slip is respelled only when its reading has this many kana: shorter readings are
# shared by too many ordinary words, so two one-kanji words read together would meet an FAQ noun
# by chance.
SLIP_READING = 4
# The longest run of nouns taken as one word ("失効" "請求" "書" gives "失効請求書").
MAX_COMPOUND = 3
# Parts of speech a compound may be made of; a suffix only after the first part ("記入" "例").
_WORD_POS = ("名詞", "形状詞")
_SUFFIX_POS = "接尾辞"
# A replaced stretch never starts on these, and a short one never contains the grammatical ones.
_NO_START_POS = ("動詞", "助動詞", "助詞", "形容詞")
_GRAMMAR_POS = ("助詞", "助動詞")
# Where the writer ended a word: a space, punctuation or the end of the text.
_TYPED_BREAK = re.compile(r"[\s、。，．,.!?！？「」（）()・:：;；~〜…]|$")
# The particles a noun typed as its own word may carry; に, で and と are left out, since
# "ないように" or "していて" typed as a word end in them.
_NOUN_PARTICLES = ("って", "は", "が", "を", "の", "も")
# The vowel a long-vowel mark stands for after each kana (o-row kana are lengthened with う).
_VOWEL_ROWS = (
    ("あかさたなはまやらわがざだばぱぁゃ", "あ"),
    ("いきしちにひみりぎじぢびぴぃ", "い"),
    ("うくすつぬふむゆるぐずづぶぷぅゅ", "う"),
    ("えけせてねへめれげぜでべぺぇ", "え"),
    ("おこそとのほもよろをごぞどぼぽぉょ", "う"),
)
_VOWEL = {kana: vowel for row, vowel in _VOWEL_ROWS for kana in row}


Analyse = Callable[[str], list[Morpheme]]


def unlengthen(run: str) -> str:
    """*run* with each long-vowel mark replaced by the vowel it lengthens (same length)."""
    out: list[str] = []
    for char in run:
        out.append(_VOWEL.get(out[-1], char) if char == "ー" and out else char)
    return "".join(out)


def vocabulary(analyse: Analyse, texts: Iterable[str]) -> dict[str, str]:
    """Hiragana reading -> kanji spelling of the nouns in *texts* (the commonest spelling wins)."""
    return spellings(analyse(normalize(text)) for text in texts)


def spellings(analysed: Iterable[list[Morpheme]]) -> dict[str, str]:
    """Hiragana reading -> kanji spelling of the nouns in texts already analysed."""
    counts: Counter[tuple[str, str]] = Counter()
    for words in analysed:
        for start in range(len(words)):
            for size in range(1, MAX_COMPOUND + 1):
                parts = words[start : start + size]
                if len(parts) < size or not _compound(parts):
                    break
                surface = "".join(m.surface for m in parts)
                reading = "".join(m.reading for m in parts)
                if _KANJI.search(surface) and len(reading) >= MIN_READING and _KANA_ONLY.fullmatch(reading):
                    counts[(reading, surface)] += 1
    spelling: dict[str, str] = {}
    for (reading, surface), _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        spelling.setdefault(reading, surface)
    return spelling


def _compound(parts: list[Morpheme]) -> bool:
    """True when *parts* form one noun: nouns or adjectival nouns, a suffix allowed after the first."""
    return all(m.pos in _WORD_POS or (i > 0 and m.pos == _SUFFIX_POS) for i, m in enumerate(parts))


class Respeller:
    """Writes hiragana spellings of the FAQ's kanji nouns in kanji (see the module docstring)."""

    def __init__(self, analyse: Analyse, texts: Iterable[str]) -> None:
        self._analyse = analyse
        analysed = [analyse(normalize(text)) for text in texts]
        self.spelling = spellings(analysed)
        # Every word the FAQ's texts contain; a word among them is never taken for a slip.
        self.known = {m.surface for words in analysed for m in words}
        self._longest = max((len(r) for r in self.spelling), default=0)

    def respell(self, text: str) -> str:
        """*text* with kana spellings and kanji slips of the FAQ's nouns written as the FAQ writes them."""
        if not self.spelling or not (_HIRAGANA_RUN.search(text) or _KANJI.search(text)):
            return text
        # The analysis is shared by both steps unless the first one changed the text.
        words = self._analyse(text)
        kana = self.respell_kana(text, words)
        return self.respell_slips(kana, words if kana == text else None)

    def respell_slips(self, text: str, words: list[Morpheme] | None = None) -> str:
        """*text* with every kanji compound that reads like one of the FAQ's but is not its spelling respelled.

        *words* is the analysis of *text* when the caller has it already.
        """
        if not self.spelling or not _KANJI.search(text):
            return text
        words = self._analyse(text) if words is None else words
        out: list[str] = []
        done = i = 0
        while i < len(words):
            for size in range(min(MAX_COMPOUND, len(words) - i), 1, -1):
                parts = words[i : i + size]
                surface = "".join(m.surface for m in parts)
                reading = "".join(m.reading for m in parts)
                kanji = self.spelling.get(reading)
                if (
                    kanji is not None
                    and kanji != surface
                    and len(reading) >= SLIP_READING
                    and _compound(parts)
                    and any(m.surface in self.known for m in parts)
                    and all(_KANJI_ONLY.fullmatch(m.surface) for m in parts if m.surface not in self.known)
                    and any(m.surface not in self.known for m in parts)
                ):
                    out += [text[done : parts[0].begin], kanji]
                    done = parts[-1].end
                    i += size
                    break
            else:
                i += 1
        return "".join(out) + text[done:]

    def respell_kana(self, text: str, words: list[Morpheme] | None = None) -> str:
        """*text* with every recognised kana spelling of an FAQ noun written as the FAQ writes it.

        *words* is the analysis of *text* when the caller has it already.
        """
        if not self.spelling or not _HIRAGANA_RUN.search(text):
            return text
        words = self._analyse(text) if words is None else words
        starts = {m.begin: m.pos for m in words}
        ends = {m.end for m in words}
        pos_at = {i: m.pos for m in words for i in range(m.begin, m.end)}

        def typed_word(begin: int, end: int) -> bool:
            if begin > 0 and not _TYPED_BREAK.match(text, begin - 1):
                return False
            rest = next((end + len(p) for p in _NOUN_PARTICLES if text.startswith(p, end)), end)
            return _TYPED_BREAK.match(text, rest) is not None

        def allowed(begin: int, end: int) -> bool:
            size = end - begin
            if size >= FREE_READING or typed_word(begin, end):
                return True
            if begin not in starts or starts[begin] in _NO_START_POS:
                return False
            if size >= FREE_READING - 1:
                return True
            return end in ends and not any(pos_at.get(i) in _GRAMMAR_POS for i in range(begin, end))

        def replace(match: re.Match[str]) -> str:
            original, run, base = match.group(0), unlengthen(match.group(0)), match.start()
            out: list[str] = []
            i = 0
            while i < len(run):
                for size in range(min(self._longest, len(run) - i), MIN_READING - 1, -1):
                    kanji = self.spelling.get(run[i : i + size])
                    if kanji is not None and allowed(base + i, base + i + size):
                        out.append(kanji)
                        i += size
                        break
                else:
                    out.append(original[i])
                    i += 1
            return "".join(out)

        return _HIRAGANA_RUN.sub(replace, text)
