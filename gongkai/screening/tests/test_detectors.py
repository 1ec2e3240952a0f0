"""Every detector with positive cases, exact offsets, and the traps that must not be reported."""

import pytest

from gongkai.screening.detectors import scan
from gongkai.screening.kinds import Kind, Severity
from gongkai.screening.lexicon import EMPTY

from .helpers import card_number, id_number, wrong_check_id_number


def found(text, kind=None):
    detections = scan(text, lexicon=EMPTY)
    for detection in detections:
        assert text[detection.start : detection.end] == detection.text
    return [(d.kind, d.text, d.start, d.end) for d in detections if kind is None or d.kind == kind]


# --- ID numbers -----------------------------------------------------------------------------------------------------


def test_id_number_with_valid_check_digit_is_blocking_with_exact_span():
    number = id_number()
    text = f"申请人身份证号：{number}。"
    detections = scan(text, lexicon=EMPTY)
    assert [(d.kind, d.severity, d.start, d.end, d.text) for d in detections] == [
        (Kind.ID_CARD, Severity.BLOCK, 8, 26, number)
    ]
    assert detections[0].suggestion == number[:2] + "*" * 13 + number[-3:]
    assert detections[0].rule == "id_card.gb11643"


@pytest.mark.parametrize("check", ["X", "x"])
def test_id_number_ending_in_x_is_found_in_either_case(check):
    first_17 = next(f"32040219900101{n:03d}" for n in range(1000) if id_number(f"32040219900101{n:03d}").endswith("X"))
    text = f"编号{first_17}{check}"
    assert found(text) == [(Kind.ID_CARD, first_17 + check, 2, 20)]


def test_wrong_check_digit_is_neither_id_nor_bank_card():
    assert found(f"号码{wrong_check_id_number()}") == []


@pytest.mark.parametrize("first_17", ["11010519491332002", "11010520490231002", "99010519491231002"])
def test_impossible_date_or_province_is_not_an_id_number(first_17):
    assert found(id_number(first_17)) == []


def test_masked_id_number_is_not_reported():
    assert found("身份证号3204**********1234，另一人32************123X") == []


def test_id_number_inside_a_longer_run_is_not_reported():
    number = id_number()
    assert found(f"A{number}") == []
    assert found(f"{number}9") == []
    assert found(f"{number}abc") == []
    assert found(f"ref{number}") == []


def test_id_number_in_an_index_number_or_after_credit_code_label_is_not_reported():
    number = id_number()
    assert found(f"索引号：{number}/2021-00050") == []
    assert found(f"统一社会信用代码：{number}") == []


def test_legacy_15_digit_id_only_beside_an_id_label():
    assert found("身份证号码：110105491231002") == [(Kind.ID_CARD, "110105491231002", 6, 21)]
    assert found("流水号110105491231002") == []


def test_unified_social_credit_code_is_not_personal_data():
    assert found("统一社会信用代码 11320499000000016Y，91320400MA1XXB2T3K") == []


# --- Mobile numbers -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("电话13812345678。", "13812345678"),
        ("电话138-1234-5678。", "138-1234-5678"),
        ("电话138 1234 5678。", "138 1234 5678"),
        ("电话+86 138 1234 5678。", "+86 138 1234 5678"),
        ("电话+8613812345678。", "+8613812345678"),
        ("电话+86-13812345678。", "+86-13812345678"),
        ("电话86-13812345678。", "86-13812345678"),
        ("电话8613812345678。", "8613812345678"),
        ("电话19912345678。", "19912345678"),
        ("电话16612345678。", "16612345678"),
    ],
)
def test_mobile_number_forms(text, number):
    start = text.index(number)
    assert found(text) == [(Kind.MOBILE, number, start, start + len(number))]


@pytest.mark.parametrize(
    "text",
    [
        "电话138****5678",  # masked
        "电话12012345678",  # not a mobile segment
        "电话19412345678",  # 194 not allocated
        "电话14012345678",  # 140 is not a public mobile segment
        "订单号213812345678",  # longer run of digits
        "订单号13812345678901",
        "编号A13812345678",
        "座机0898-13812345678",  # part of a hyphenated number
        "2021-13812345678",
        "金额13812345678.50元",
        "13812345678@qq.com 是邮箱",
    ],
)
def test_mobile_traps_are_not_reported(text):
    assert found(text, Kind.MOBILE) == []


def test_landline_and_dates_and_document_numbers_are_not_reported():
    assert found("电话0898-92763640，2023年5月12日，20230512，民发〔2023〕12号，第12号文件") == []


# --- Bank cards -----------------------------------------------------------------------------------------------------


def test_bank_card_passing_luhn_is_blocking_and_keeps_last_four():
    number = card_number()
    text = f"开户账号{number}"
    detections = scan(text, lexicon=EMPTY)
    assert [(d.kind, d.severity, d.start, d.end) for d in detections] == [(Kind.BANK_CARD, Severity.BLOCK, 4, 23)]
    assert detections[0].suggestion == "*" * 15 + number[-4:]


def test_grouped_bank_card_with_spaces():
    number = card_number("622202123456789")  # 16 digits
    grouped = " ".join(number[i : i + 4] for i in range(0, 16, 4))
    assert found(f"卡号：{grouped}") == [(Kind.BANK_CARD, grouped, 3, 3 + len(grouped))]


def test_card_number_failing_luhn_is_not_reported():
    number = card_number()
    broken = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert found(f"卡号{broken}") == []


def test_thirteen_digit_card_is_found_and_twenty_digits_are_not():
    thirteen = card_number("422222222222")
    assert found(f"卡{thirteen}") == [(Kind.BANK_CARD, thirteen, 1, 14)]
    assert found(f"卡{card_number('6222021234567890123')}") == []  # 20 digits


def test_serial_numbers_starting_with_nine_are_not_cards():
    assert found(f"流水{card_number('900000000000000')}") == []


# --- E-mail ---------------------------------------------------------------------------------------------------------


def test_email_is_a_warning_with_masked_suggestion():
    text = "请发送至 wang.xiaoming@example.com。"
    detections = scan(text, lexicon=EMPTY)
    assert [(d.kind, d.severity, d.text, d.start) for d in detections] == [
        (Kind.EMAIL, Severity.WARN, "wang.xiaoming@example.com", 5)
    ]
    assert detections[0].suggestion == "w************@example.com"


def test_at_sign_without_address_is_not_email():
    assert found("会议@下午三点，a@b") == []


# --- Addresses ------------------------------------------------------------------------------------------------------


def test_detailed_address_beside_a_name_is_a_warning():
    text = "张三，男，东风街道幸福路12号3栋201室"
    detections = scan(text, lexicon=EMPTY)
    assert [(d.kind, d.severity, d.text, d.start, d.end) for d in detections] == [
        (Kind.ADDRESS, Severity.WARN, "东风街道幸福路12号3栋201室", 5, 21)
    ]
    assert detections[0].suggestion == "东风街道****"


def test_address_after_residence_marker_and_in_a_table_row():
    assert found("李四家住幸福村3组") == [(Kind.ADDRESS, "幸福村3组", 4, 9)]
    assert found("王五\t女\t青溪镇新河村5组18号") == [(Kind.ADDRESS, "青溪镇新河村5组18号", 5, 16)]


def test_address_without_a_name_or_without_detail_is_not_reported():
    assert found("办公地址：幸福路12号") == []
    assert found("张三，东风街道") == []
    assert found("民发〔2023〕12号") == []


# --- Secrecy markings -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marking", ["秘密★1年", "机密★启用前", "绝密★长期", "★秘密", "机密★", "密级：秘密", "秘密★6个月"]
)
def test_starred_and_labelled_secret_markings_block(marking):
    text = f"文件\n{marking}\n正文"
    detections = scan(text, lexicon=EMPTY)
    assert [(d.kind, d.severity, d.text, d.start) for d in detections] == [
        (Kind.SECRET_MARKING, Severity.BLOCK, marking, 3)
    ]


def test_marking_alone_on_a_line_blocks():
    assert [(d.severity, d.text) for d in scan("秘密\n关于……的通知", lexicon=EMPTY)] == [(Severity.BLOCK, "秘密")]


def test_ordinary_words_containing_secret_are_not_markings():
    text = "依法保护商业秘密、个人隐私，涉及国家秘密的不予公开；选举实行秘密投票；注意机密性。"
    assert found(text) == []


def test_top_secret_word_in_a_sentence_is_a_warning():
    detections = scan("这份绝密材料", lexicon=EMPTY)
    assert [(d.kind, d.severity, d.start, d.end) for d in detections] == [(Kind.SECRET_MARKING, Severity.WARN, 2, 4)]


def test_offsets_are_character_offsets_in_mixed_text():
    number = id_number()
    text = f"🙂中文{number}"
    assert found(text) == [(Kind.ID_CARD, number, 3, 21)]


def test_full_width_digits_are_found_with_original_text_and_offsets():
    number = id_number()
    full_width = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    text = f"身份证号：{full_width}，手机：１３８１２３４５６７８"
    detections = scan(text, lexicon=EMPTY)
    assert [(d.kind, d.text, d.start, d.end) for d in detections] == [
        (Kind.ID_CARD, full_width, 5, 23),
        (Kind.MOBILE, "１３８１２３４５６７８", 27, 38),
    ]
    assert detections[1].suggestion == "１３８****５６７８"


@pytest.mark.parametrize("separator", [" ", "-"])
def test_id_number_written_in_groups(separator):
    number = id_number()
    for grouped in (
        separator.join((number[:6], number[6:14], number[14:])),
        separator.join((number[:6], number[6:10], number[10:14], number[14:])),
    ):
        text = f"身份证号：{grouped}。"
        detections = scan(text, lexicon=EMPTY)
        assert [(d.kind, d.text, d.start, d.end) for d in detections] == [(Kind.ID_CARD, grouped, 5, 5 + len(grouped))]
    assert found(f"号码：{separator.join((number[:6], number[6:14], '0000'))}") == []
