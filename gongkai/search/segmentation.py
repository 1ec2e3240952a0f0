"""Word segmentation with rjieba in search mode, extended by a user dictionary built from the system's vocabulary.

Documents are cut in search mode (every word plus the shorter dictionary words inside it), queries in precise
mode (the longest words), so a query word is always among a document's tokens when the document contains it.
A user word also brings the tokens the plain dictionary would have given for it: after adding 老旧小区改造 the
search mode no longer emits 老旧, but a query for 老旧 must still find 老旧小区改造.

An index remembers the dictionary it was built with; queries against it are segmented with that same dictionary.
"""

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

import rjieba

TOKEN_PARTS = re.compile(r"[^\W_]+")
# Single characters too common to narrow a query; dropped from queries unless nothing else is left.
QUERY_STOPWORDS = frozenset("的了和与及或在是对等之其把被为")
MIN_WORD_LENGTH = 2
MAX_WORD_LENGTH = 30
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Dictionary:
    """The user words of one index, and a version that changes whenever they do."""

    words: tuple[str, ...]

    @classmethod
    def from_words(cls, words) -> "Dictionary":
        return cls(tuple(sorted({word for word in (clean_word(w) for w in words) if word})))

    @cached_property
    def version(self) -> str:
        digest = hashlib.sha256("\n".join(self.words).encode("utf-8")).hexdigest()
        return digest[:12]


def clean_word(word: str) -> str:
    """A user word, or "" when it cannot be one (too short, too long, spaces inside, no Chinese character)."""
    word = (word or "").strip()
    if not MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH or not CJK.search(word) or re.search(r"\s", word):
        return ""
    return word


def normalize_tokens(tokens) -> list[str]:
    """Lower-case letters and keep only runs of letters and digits: both engines then see the same tokens."""
    result = []
    for token in tokens:
        result.extend(TOKEN_PARTS.findall(token.lower()))
    return result


_base_lock = threading.Lock()
_base: rjieba.Jieba | None = None


def base_jieba() -> rjieba.Jieba:
    """rjieba with its shipped dictionary only. Never the module-level default, which other code may change."""
    global _base
    with _base_lock:
        if _base is None:
            _base = rjieba.Jieba()
        return _base


class Segmenter:
    def __init__(self, dictionary: Dictionary):
        self.dictionary = dictionary
        self.user_words = frozenset(dictionary.words)
        self.jieba = rjieba.Jieba()
        for word in dictionary.words:
            self.jieba.add_word(word, None, None)
        self._expansions: dict[str, list[str]] = {}

    def _expansion(self, word: str) -> list[str]:
        expansion = self._expansions.get(word)
        if expansion is None:
            expansion = normalize_tokens(base_jieba().cut_for_search(word))
            self._expansions[word] = expansion
        return expansion

    def index_tokens(self, text: str) -> list[str]:
        """Tokens of a document's text, in order, sub-words next to their word."""
        tokens = []
        for token in self.jieba.cut_for_search(text or ""):
            tokens.extend(normalize_tokens([token]))
            if token in self.user_words:
                tokens.extend(self._expansion(token))
        return tokens

    def index_text(self, text: str) -> str:
        return " ".join(self.index_tokens(text))

    def query_tokens(self, text: str) -> list[str]:
        """The words of a query, longest first choice, without repeats or stop characters."""
        tokens = []
        for token in normalize_tokens(self.jieba.cut(text or "")):
            if token not in tokens:
                tokens.append(token)
        meaningful = [token for token in tokens if token not in QUERY_STOPWORDS]
        return meaningful or tokens


_segmenters: OrderedDict[str, Segmenter] = OrderedDict()
_segmenters_lock = threading.Lock()
MAX_SEGMENTERS = 2  # each holds a dictionary of about 25 MB


def segmenter_for(dictionary: Dictionary) -> Segmenter:
    """The segmenter of a dictionary, kept for the dictionaries used last (keyed by version, computed once)."""
    version = dictionary.version
    with _segmenters_lock:
        segmenter = _segmenters.get(version)
        if segmenter is not None:
            _segmenters.move_to_end(version)
            return segmenter
    segmenter = Segmenter(dictionary)
    with _segmenters_lock:
        _segmenters[version] = segmenter
        while len(_segmenters) > MAX_SEGMENTERS:
            _segmenters.popitem(last=False)
    return segmenter
