from gongkai.search.query import normalize_lookup_key, parse_query
from gongkai.search.segmentation import Dictionary, Segmenter, clean_word


def test_user_dictionary_keeps_domain_vocabulary_whole():
    plain = Segmenter(Dictionary.from_words([]))
    domain = Segmenter(Dictionary.from_words(["老旧小区改造", "最低生活保障"]))

    assert "老旧小区改造" not in plain.index_tokens("推进老旧小区改造工作")
    assert "老旧小区改造" in domain.index_tokens("推进老旧小区改造工作")
    assert "最低生活保障" in domain.index_tokens("提高最低生活保障标准")
    assert domain.query_tokens("老旧小区改造") == ["老旧小区改造"]
    assert domain.query_tokens("最低生活保障标准") == ["最低生活保障", "标准"]


def test_parts_of_a_user_word_stay_findable():
    segmenter = Segmenter(Dictionary.from_words(["老旧小区改造"]))

    tokens = segmenter.index_tokens("推进老旧小区改造工作")

    # rjieba's search mode alone drops 老旧 once 老旧小区改造 is a word; the expansion brings it back.
    assert {"老旧", "小区", "改造", "老旧小区改造", "推进", "工作"} <= set(tokens)
    assert set(segmenter.query_tokens("老旧小区")) <= set(tokens)


def test_tokens_are_lower_case_letters_and_digits_only():
    segmenter = Segmenter(Dictionary.from_words([]))

    assert segmenter.index_tokens("COVID-19 防控，电话0898-92763640。") == [
        "covid",
        "covid",
        "19",
        "防控",
        "电话",
        "0898",
        "92763640",
    ]


def test_query_drops_stop_characters_unless_nothing_else_is_left():
    segmenter = Segmenter(Dictionary.from_words([]))

    assert segmenter.query_tokens("低保的标准") == ["低保", "标准"]
    assert segmenter.query_tokens("的") == ["的"]


def test_dictionary_version_changes_with_its_words_only():
    first = Dictionary.from_words(["最低生活保障", "老旧小区改造"])
    same = Dictionary.from_words(["老旧小区改造", "最低生活保障", "老旧小区改造", " 最低生活保障 "])
    other = Dictionary.from_words(["最低生活保障", "老旧小区改造", "特困人员"])

    assert first.version == same.version
    assert first.version != other.version
    assert len(first.version) == 12


def test_user_words_must_be_chinese_words():
    assert clean_word("低保") == "低保"
    assert clean_word("低") == ""
    assert clean_word("abc") == ""
    assert clean_word("低 保") == ""
    assert clean_word("字" * 31) == ""


def test_document_numbers_are_normalized_whatever_the_brackets():
    expected = "常政办发〔2019〕54号"

    for written in [
        "常政办发〔2019〕54号",
        "常政办发[2019]54号",
        "常政办发【2019】54号",
        "常政办发（2019）54号",
        "常政办发(2019)54号",
        " 常政办发 〔２０１９〕 54号",
    ]:
        assert normalize_lookup_key(written) == expected


def test_query_with_phrases_and_synonyms():
    segmenter = Segmenter(Dictionary.from_words(["最低生活保障", "低保"]))

    parsed = parse_query('低保 "申请条件" 公示', segmenter, {"低保": ("最低生活保障",)})

    assert parsed.phrases == ("申请条件",)
    assert parsed.groups == ((("申请",),), (("条件",),), (("低保",), ("最低生活保障",)), (("公示",),))
    assert parsed.lookup_key == '低保"申请条件"公示'.upper()


def test_chinese_quotes_make_a_phrase_too():
    segmenter = Segmenter(Dictionary.from_words([]))

    assert parse_query("“老旧小区”", segmenter).phrases == ("老旧小区",)
