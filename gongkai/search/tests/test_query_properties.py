"""Property tests of the search query parser: whatever a visitor types (quotes left open, control characters,
emoji, surrogates of other scripts, very long input), parsing never raises and the result stays bounded."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.search.query import MAX_QUERY_LENGTH, matches_phrases, parse_query
from gongkai.search.segmentation import Dictionary, Segmenter

SEGMENTER = Segmenter(Dictionary.from_words(["最低生活保障", "老旧小区改造"]))
QUERY_PIECES = st.one_of(
    st.text(max_size=300),
    st.sampled_from(['"', "“", "”", "最低生活保障", "低保", "OR", "-", "*", "\x00", "　", "\u200b", "😀", "(", ")"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(QUERY_PIECES, max_size=12).map("".join),
    st.dictionaries(st.text(max_size=6), st.lists(st.text(max_size=6), max_size=3).map(tuple), max_size=3),
)
def test_any_text_parses_into_a_bounded_query(text, synonyms):
    parsed = parse_query(text, SEGMENTER, synonyms)
    assert len(parsed.text) <= MAX_QUERY_LENGTH
    assert all(phrase and phrase == phrase.lower() for phrase in parsed.phrases)
    assert all(group for group in parsed.groups)
    assert parsed.is_empty == (not parsed.groups and not parsed.phrases)
    assert isinstance(parsed.highlight_terms(), list)
    assert matches_phrases(parsed, text, text) in (True, False)
