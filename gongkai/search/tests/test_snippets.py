from gongkai.search.snippets import highlight_title, snippet
from gongkai.search.sources import html_to_text


def test_snippet_is_a_window_around_the_densest_matches():
    text = "开头。" * 40 + "低保标准和低保对象" + "结尾。" * 40

    result = str(snippet(text, ["低保"], length=30))

    assert result == "…。开头。开头。<mark>低保</mark>标准和<mark>低保</mark>对象结尾。结尾。结尾。结尾。结尾…"
    assert result.startswith("…")
    assert result.endswith("…")
    assert result.count("<mark>低保</mark>") == 2


def test_snippet_without_matches_is_the_beginning():
    assert str(snippet("第一句。第二句。", ["低保"])) == "第一句。第二句。"


def test_marks_escape_everything_and_join_adjacent_words():
    assert str(highlight_title("<i>低保</i>标准 & 对象", ["低保", "标准"])) == (
        "&lt;i&gt;<mark>低保</mark>&lt;/i&gt;<mark>标准</mark> &amp; 对象"
    )
    assert str(highlight_title("低保标准", ["低保", "标准"])) == "<mark>低保标准</mark>"
    assert str(highlight_title("LOW low", ["low"])) == "<mark>LOW</mark> <mark>low</mark>"


def test_rich_text_becomes_lines_of_plain_text():
    assert html_to_text(
        "<h2>一、出台背景</h2><p>为规范&nbsp;工作。</p><ul><li>甲</li><li>乙</li></ul>第一行<br>第二行"
    ) == ("一、出台背景\n为规范\xa0工作。\n甲\n乙\n第一行\n第二行")
