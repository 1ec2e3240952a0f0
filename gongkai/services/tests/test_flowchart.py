import xml.etree.ElementTree as ET

from gongkai.services.flowchart import flowchart_svg, flowchart_text, wrap

from .factories import guide_data

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str):
    return ET.fromstring(svg)  # noqa: S314 - our own generated markup


def test_svg_is_an_image_named_by_its_title_and_described_step_by_step():
    root = parse(flowchart_svg(guide_data()["steps"], title="最低生活保障申请", chart_id="f1", promised_days=15))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "f1-title f1-desc"
    assert root.find(f"{SVG}title").text == "最低生活保障申请"
    assert root.find(f"{SVG}desc").text == (
        "共3个环节，合计不超过15个工作日。 "
        "第1步 受理（街道社会救助窗口）：查验材料，当场受理或一次性告知补正；时限：1个工作日。 "
        "第2步 审核（街道办事处）：入户调查、民主评议并提出审核意见；时限：9个工作日。 "
        "第3步 审批（区民政局）：审批并公示；时限：5个工作日。"
    )


def test_svg_draws_one_box_per_step_between_start_and_end_with_the_time_limits():
    root = parse(flowchart_svg(guide_data()["steps"], title="t", promised_days=15))
    boxes = root.findall(f"{SVG}g")
    assert len(boxes) == 3
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert texts[0] == "提出申请"
    assert texts[-1] == "办结（承诺15个工作日）"
    assert [t for t in texts if t.endswith("工作日") and "承诺" not in t] == ["1个工作日", "9个工作日", "5个工作日"]
    assert len(root.findall(f"{SVG}polygon")) == 4  # arrows: start→1→2→3→end


def test_text_is_escaped_and_steps_without_time_read_as_immediate():
    steps = [{"name": "受理<script>", "actor": "A&B", "action": "当场办结", "days": 0}]
    svg = flowchart_svg(steps, title="x<y")
    assert "<script>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "x<y"
    assert "即时办结" in [element.text for element in root.iter(f"{SVG}text")]
    assert flowchart_text(steps) == ["第1步 受理<script>（A&B）：当场办结；时限：即时办结。"]


def test_steps_across_organizations_are_labelled_and_coloured_per_organization():
    steps = [
        {"name": "登记", "actor": "窗口", "action": "a", "days": 1, "organization": "民政局"},
        {"name": "发证", "actor": "窗口", "action": "b", "days": 2, "organization": "公安分局"},
        {"name": "归档", "actor": "窗口", "action": "c", "days": 0, "organization": "民政局"},
    ]
    root = parse(flowchart_svg(steps, title="t"))
    fills = [group.find(f"{SVG}rect").get("fill") for group in root.findall(f"{SVG}g")]
    assert fills[0] == fills[2] != fills[1]
    assert root.find(f"{SVG}desc").text.startswith("共3个环节，合计不超过3个工作日。涉及民政局、公安分局。")
    assert flowchart_text(steps)[1] == "第2步 发证（公安分局·窗口）：b；时限：2个工作日。"


def test_long_text_wraps_by_display_width():
    assert wrap("甲" * 40, 34) == ["甲" * 34, "甲" * 6]
    assert wrap("ab" * 34, 34) == ["ab" * 34]
