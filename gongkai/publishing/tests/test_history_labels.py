"""Revision diffs show what a person reads: choice labels and 是/否, never stored codes."""

from gongkai.publishing.history import readable, shown


def test_choice_codes_become_labels_and_flags_yes_or_no():
    assert readable("validity", "in_force") == "有效"
    assert readable("genre", "plan") == "规划计划"
    assert readable("needs_interpretation", True) == "是"
    assert readable("needs_interpretation", False) == "否"


def test_other_values_are_shown_as_stored():
    assert readable("doc_number", "青民发〔2025〕7号") == "青民发〔2025〕7号"
    assert readable("attachments", ["a.pdf", "b.pdf"]) == ["a.pdf", "b.pdf"]
    assert shown(readable("validity", "")) == "—"
