from types import SimpleNamespace

from gongkai.services.composites import composite_steps, composite_totals, merge_materials


def guide(org, name, materials, steps=(), statutory=10, promised=5):
    organization = SimpleNamespace(display_name=org)
    return SimpleNamespace(organization=organization, name=name, materials=list(materials), steps=list(steps),
                           statutory_days=statutory, promised_days=promised)  # fmt: skip


def material(name, form="original", count=1, required=True, condition="", source="申请人自备"):
    return {"name": name, "form": form, "count": count, "required": required, "condition": condition,
            "source": source}  # fmt: skip


def test_same_material_named_once_with_strictest_form_and_largest_count():
    first = guide("卫健委", "出生医学证明", [material("居民身份证"), material("户口簿", "copy")])
    second = guide("公安分局", "新生儿落户", [material(" 居民身份证（ ）", "copy", 2), material("出生医学证明")])
    merged = merge_materials([first, second])
    assert [(m.name, m.form, m.count) for m in merged] == [
        ("居民身份证", "both", 2),
        ("户口簿", "copy", 1),
        ("出生医学证明", "original", 1),
    ]
    assert merged[0].needed_by == ["卫健委·出生医学证明", "公安分局·新生儿落户"]
    assert merged[0].form_label == "原件和复印件"


def test_material_required_by_one_part_is_required_and_loses_its_conditions():
    first = guide("A", "a", [material("结婚证", required=False, condition="已婚的")])
    second = guide("B", "b", [material("结婚证")])
    third = guide("C", "c", [material("残疾人证", "copy", required=False, condition="有残疾的")])
    merged = merge_materials([first, second, third])
    assert [(m.name, m.required, m.conditions) for m in merged] == [
        ("结婚证", True, []),
        ("残疾人证", False, ["有残疾的"]),
    ]


def test_steps_are_labelled_by_organization_and_times_add_up():
    first = guide("卫健委", "a", [], [{"name": "签发", "actor": "医院", "action": "x", "days": 1}], 20, 5)
    second = guide("公安分局", "b", [], [{"name": "落户", "actor": "派出所", "action": "y", "days": 0}], 10, 1)
    assert [(s["organization"], s["name"]) for s in composite_steps([first, second])] == [
        ("卫健委", "签发"),
        ("公安分局", "落户"),
    ]
    totals = composite_totals([first, second])
    assert (totals.statutory_days, totals.promised_days, totals.days_saved) == (30, 6, 24)
