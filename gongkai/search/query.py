"""The query language shared by every backend: words, "exact phrases", and document-number lookup.

- Words are segmented with the index's dictionary; every word must match (AND). A word that belongs to a synonym
  group matches any member of the group (低保 finds 最低生活保障).
- Text in straight or Chinese double quotes is an exact phrase: its words must match and the title or the text must
  contain the phrase literally (case-insensitive).
- The whole query, normalized like a document number (brackets 〔〕[]【】() unified, full-width digits and spaces
  removed), is looked up among document numbers and index numbers; such a document comes first.
"""

import re
import unicodedata
from dataclasses import dataclass

from .segmentation import Segmenter

PHRASE = re.compile(r"\"([^\"]+)\"|“([^”]+)”|「([^」]+)」")
OPENING_BRACKETS = "〔[【(（〈<{［｛"
CLOSING_BRACKETS = "〕]】)）〉>}］｝"
MAX_QUERY_LENGTH = 200
_BRACKETS = str.maketrans({**dict.fromkeys(OPENING_BRACKETS, "〔"), **dict.fromkeys(CLOSING_BRACKETS, "〕")})


def normalize_lookup_key(value: str) -> str:
    """青政办发[2019]54号, 青政办发（2019）54号 and 青政办发〔2019〕54号 all become 青政办发〔2019〕54号."""
    value = unicodedata.normalize("NFKC", value or "")
    value = value.translate(_BRACKETS)
    return re.sub(r"\s+", "", value).upper()


# An alternative is a sequence of tokens that must all match; a group matches when any alternative does.
Alternative = tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    groups: tuple[tuple[Alternative, ...], ...]
    phrases: tuple[str, ...]
    lookup_key: str

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.phrases

    def highlight_terms(self) -> list[str]:
        """Everything worth marking in a snippet: every alternative's words and the phrases."""
        terms = {token for group in self.groups for alternative in group for token in alternative}
        terms.update(self.phrases)
        return sorted(terms, key=len, reverse=True)


def parse_query(text: str, segmenter: Segmenter, synonyms: dict[str, tuple[str, ...]] | None = None) -> ParsedQuery:
    text = " ".join((text or "").split())[:MAX_QUERY_LENGTH]
    synonyms = synonyms or {}
    phrases = []
    groups: list[tuple[Alternative, ...]] = []

    def add_group(group):
        if group and group not in groups:
            groups.append(group)

    for match in PHRASE.finditer(text):
        phrase = next(part for part in match.groups() if part).strip()
        if phrase:
            phrases.append(phrase.lower())
            for token in segmenter.query_tokens(phrase):
                add_group(((token,),))
    loose = PHRASE.sub(" ", text).replace('"', " ").replace("“", " ").replace("”", " ")
    for token in segmenter.query_tokens(loose):
        alternatives = [(token,)]
        for synonym in synonyms.get(token, ()):
            alternative = tuple(segmenter.query_tokens(synonym))
            if alternative and alternative not in alternatives:
                alternatives.append(alternative)
        add_group(tuple(alternatives))
    return ParsedQuery(
        text=text,
        groups=tuple(groups),
        phrases=tuple(dict.fromkeys(phrases)),
        lookup_key=normalize_lookup_key(text),
    )


def matches_phrases(parsed: ParsedQuery, title: str, body: str) -> bool:
    if not parsed.phrases:
        return True
    haystack = f"{title}\n{body}".lower()
    return all(phrase in haystack for phrase in parsed.phrases)
