from gongkai.services.validation import guide_problems

from .factories import guide_data


def fields_of(problems):
    return [problem.field for problem in problems]


def test_complete_guide_has_no_problems():
    assert guide_problems(guide_data(), complete=True) == []


def test_promised_limit_above_statutory_is_refused_with_both_numbers():
    problems = guide_problems(guide_data(statutory_days=10, promised_days=12), complete=False)
    assert fields_of(problems) == ["promised_days", "steps"]
    assert problems[0].message == "承诺办结时限（12个工作日）不能超过法定办结时限（10个工作日）。"


def test_steps_adding_up_beyond_the_promised_limit_are_refused():
    problems = guide_problems(guide_data(promised_days=14), complete=False)
    assert [(p.field, p.message) for p in problems] == [
        ("steps", "各环节时限合计15个工作日，超过了承诺办结时限14个工作日，请调整环节时限。")
    ]


def test_draft_may_lack_elements_but_submission_names_each_missing_one():
    data = guide_data(basis="", scope="", materials=[], steps=[], complaint_phone="", counter_address="",
                      online_url="", statutory_days=None, promised_days=None)  # fmt: skip
    assert guide_problems(data, complete=False) == []
    assert fields_of(guide_problems(data, complete=True)) == [
        "basis", "scope", "complaint_phone", "materials", "steps", "statutory_days", "promised_days",
        "counter_address",
    ]  # fmt: skip


def test_material_needs_form_count_and_source_and_a_condition_when_optional():
    data = guide_data(materials=[{"name": "结婚证", "form": "", "count": 0, "source": "", "required": False}])
    messages = [p.message for p in guide_problems(data, complete=False)]
    assert messages == [
        "申请材料“结婚证”请注明原件或复印件。",
        "申请材料“结婚证”的份数应为正整数。",
        "申请材料“结婚证”请注明来源（如：申请人自备）。",
        "非必要材料“结婚证”请写明在什么情形下需要提交。",
    ]


def test_fee_needs_its_basis_and_fully_online_needs_a_link():
    data = guide_data(fees=[{"name": "工本费", "standard": "10元/本", "basis": ""}], fully_online=True, online_url="")
    assert fields_of(guide_problems(data, complete=False)) == ["fees", "online_url"]


def test_links_must_be_web_links():
    materials = [{**guide_data()["materials"][0], "template_url": "javascript:alert(1)"}]
    problems = guide_problems(guide_data(online_url="data:text/html,x", materials=materials), complete=False)
    assert [p.message for p in problems] == [
        "网上办理地址应以 https:// 或 http:// 开头。",
        "申请材料“居民身份证”的样表链接应以 https:// 或 http:// 开头。",
    ]


def test_step_needs_who_what_and_a_whole_number_of_days():
    data = guide_data(steps=[{"name": "受理", "actor": "", "action": "查验", "days": -1}])
    assert [p.message for p in guide_problems(data, complete=False)] == [
        "第1个环节缺少办理人员或机构。",
        "第1个环节的时限应为0或正整数个工作日（0表示即时办结）。",
    ]
