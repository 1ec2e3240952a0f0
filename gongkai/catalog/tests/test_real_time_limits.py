"""Real 公开时限 phrasings from published catalogs (tests/data/time_limits_real.json, with their sources) and the
parser's contract: every one gets a structured result, none raises, and arbitrary text never raises either."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.catalog.models import TimeLimitKind
from gongkai.catalog.timelimits import TimeLimit, parse_time_limit

FIXTURE = json.loads((Path(__file__).parent / "data" / "time_limits_real.json").read_text(encoding="utf-8"))
PHRASINGS = FIXTURE["phrasings"]


def test_the_fixture_holds_at_least_100_distinct_real_phrasings_with_sources():
    texts = [entry["text"] for entry in PHRASINGS]
    assert len(set(texts)) == len(texts) >= 100
    assert all(entry["source"].strip() for entry in PHRASINGS)


def matches(rule: TimeLimit, expect: dict) -> list[str]:
    data = rule.as_dict()
    wrong = [
        f"{key}: {data[key]!r} != {value!r}" for key, value in expect.items() if key != "also" and data[key] != value
    ]
    for index, other in enumerate(expect.get("also", [])):
        if index >= len(rule.also):
            wrong.append(f"also[{index}] missing")
        else:
            wrong += [f"also[{index}].{item}" for item in matches(rule.also[index], other)]
    return wrong


@pytest.mark.parametrize("entry", PHRASINGS, ids=[str(index) for index in range(len(PHRASINGS))])
def test_each_real_phrasing_parses_as_expected(entry):
    rule = parse_time_limit(entry["text"])
    assert matches(rule, entry["expect"]) == [], entry["text"]
    assert rule.text == entry["text"].strip()
    assert TimeLimit.from_dict(rule.as_dict()) == rule  # the structured result round-trips through JSON


def test_most_real_phrasings_are_computable():
    computable = [entry for entry in PHRASINGS if parse_time_limit(entry["text"]).kind != TimeLimitKind.NOT_COMPUTABLE]
    assert len(computable) >= 95


ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９一二三四五六七八九十百两零〇")
    + list("信息形成或者变更之日起个工作日内以天月季度半年每次前后开标出让项目竣工公示期满长期公开同上；;，,。()（）")
    + list("內個變開時後從規應與滿屆週壹貳 \n\t*-/·")
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_the_parser_never_raises_on_catalog_like_text(text):
    rule = parse_time_limit(text)
    assert rule.kind in TimeLimitKind.values
    json.dumps(rule.as_dict(), ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_the_parser_never_raises_on_any_text(text):
    assert parse_time_limit(text).kind in TimeLimitKind.values
