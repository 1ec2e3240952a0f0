import pytest

from gongkai.screening.detectors import scan
from gongkai.screening.lexicon import EMPTY
from gongkai.screening.masking import mask, mask_bank_card, mask_id_number, mask_mobile

from .helpers import card_number, id_number


def test_id_number_keeps_first_two_and_last_three():
    assert mask_id_number("32040219900101123X") == "32*************23X"


def test_configured_id_mask_pattern(settings):
    settings.GONGKAI_SCREENING_ID_MASK = "######********####"
    assert mask_id_number("32040219900101123X") == "320402********123X"


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812341234", "138****1234"),
        ("138-1234-5678", "138-****-5678"),
        ("+86 138 1234 5678", "+86 138 **** 5678"),
        ("8613812345678", "86138****5678"),
    ],
)
def test_mobile_mask(value, masked):
    assert mask_mobile(value) == masked


def test_bank_card_keeps_last_four():
    assert mask_bank_card("6222 0212 3456 7890") == "**** **** **** 7890"


def test_mask_replaces_every_personal_detection_and_keeps_the_rest():
    number, card = id_number(), card_number()
    text = f"张三 {number} 13812345678 卡{card} 秘密★1年"
    masked = mask(text, scan(text, lexicon=EMPTY))
    assert masked == f"张三 11*************{number[-3:]} 138****5678 卡{'*' * 15}{card[-4:]} 秘密★1年"
    assert scan(masked, lexicon=EMPTY)[0].kind == "secret_marking"
    assert len(scan(masked, lexicon=EMPTY)) == 1


def test_masking_a_list_removes_its_addresses():
    text = "张三，男，东风街道幸福路12号3栋201室\n李四\t女\t青溪镇新河村5组18号\n王五家住幸福村3组"
    detections = scan(text, lexicon=EMPTY)
    assert [d.kind for d in detections] == ["address", "address", "address"]
    masked = mask(text, detections)
    assert masked == "张三，男，东风街道****\n李四\t女\t青溪镇****\n王五家住幸福村****"
    assert scan(masked, lexicon=EMPTY) == []
