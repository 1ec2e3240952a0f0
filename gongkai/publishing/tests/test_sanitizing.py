"""The body cleaner: Word and WPS clipboard HTML, plain text, unsafe markup, and images without a description."""

from pathlib import Path

import pytest

from gongkai.publishing.sanitizing import clean_html, html_to_text, images_without_alt

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def word():
    return clean_html(fixture("word_paste.html"))


@pytest.fixture(scope="module")
def wps():
    return clean_html(fixture("wps_paste.html"))


@pytest.mark.parametrize("name", ["word_paste.html", "wps_paste.html"])
@pytest.mark.parametrize(
    "leftover",
    ["mso-", "<o:p", "o:p>", "class=", "style=", "<font", "<span", "<style", "<meta", "<xml", "[if", "endif",
     "<v:", "<w:", "StartFragment", "file:///", "MsoNormal", "Wingdings", "width="],
)  # fmt: skip
def test_office_paste_leaves_no_office_markup(name, leftover):
    assert leftover.lower() not in clean_html(fixture(name)).lower()


def test_word_numbered_paragraphs_become_a_nested_ordered_list(word):
    assert "<ol><li>加强动态管理<ol><li>按月核查家庭收入</li></ol></li><li>规范审核审批</li></ol>" in word


def test_word_bullet_paragraph_becomes_an_unordered_list_without_the_symbol_character(word):
    assert "<ul><li>联系人：民政局社会救助科</li></ul>" in word


def test_word_headings_move_one_level_down_under_the_page_title(word):
    assert "<h2>关于做好2026年城乡居民最低生活保障工作的通知</h2>" in word
    assert "<h3>一、总体要求</h3>" in word
    assert "<h1" not in word


def test_word_keeps_bold_italic_links_and_tables(word):
    assert "<p><b>各街道办事处</b>：现将<i>有关事项</i>通知如下。</p>" in word
    assert '<a href="https://www.example.gov.cn/zcwj/2026/01.html" rel="noopener noreferrer">政策文件</a>' in word
    assert "<p><b>标准（元/月）</b></p>" in word
    assert '<td colspan="1">' in word
    assert word.count("<tr>") == 2


def test_word_drops_local_clipboard_images_and_empty_paragraphs(word):
    assert "<img" not in word
    assert "<p></p>" not in word
    assert "\xa0" not in word


def test_wps_chinese_numbered_list_becomes_an_ordered_list_and_styles_become_tags(wps):
    assert "<ol><li>申请条件</li><li><strong>办理流程</strong></li></ol>" in wps
    assert "<p><em>咨询电话：</em>0512-12345678</p>" in wps
    assert '<td colspan="2"><p>材料清单</p></td>' in wps


def test_text_for_screening_keeps_the_paragraphs_in_reading_order(wps):
    assert html_to_text(wps).splitlines() == [
        "示范区民政局办事指南", "申请条件", "办理流程", "咨询电话：0512-12345678", "材料清单", "身份证明", "原件",
    ]  # fmt: skip


def test_plain_text_becomes_one_escaped_paragraph_a_line():
    assert clean_html("第一段\n\n  第二段 <3 & 4\n") == "<p>第一段</p><p>第二段 &lt;3 &amp; 4</p>"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ('<p onclick="steal()">正文</p><script>alert(1)</script>', "<p>正文</p>"),
        ('<a href="javascript:alert(1)">链接</a>', '<a rel="noopener noreferrer">链接</a>'),
        ('<img src="data:image/png;base64,AAAA" alt="图">', ""),
        ('<p style="color:red" class="x"><span lang="en">文字</span></p>', "<p>文字</p>"),
        ("<h1>标题</h1><h2>小节</h2>", "<h2>标题</h2><h3>小节</h3>"),
        ("", ""),
    ],
)
def test_unsafe_or_noisy_markup_is_removed(dirty, clean):
    assert clean_html(dirty) == clean


def test_cleaning_a_clean_body_changes_nothing(word):
    assert clean_html(word) == word


def test_images_without_a_description_are_named_by_file_name_or_position():
    body = clean_html(
        '<p><img src="https://www.example.gov.cn/upload/map.png?v=2"><img src="/media/a.png" alt="  ">'
        '<img src="/media/b.png" alt="办事流程图"></p>'
    )
    assert images_without_alt(body) == ["map.png", "a.png"]
    assert images_without_alt("<p>没有图片</p>") == []
