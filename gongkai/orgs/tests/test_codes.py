"""GB 32100 unified social credit codes: the check character and the message for a wrong one."""

import pytest

from gongkai.orgs.codes import credit_code_check_char, is_valid_credit_code, organization_code_from_credit_code
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.models import Organization
from gongkai.orgs.services import create_organization


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the worked example of GB 32100-2015 appendix
        # Checked by hand: weighted sum 345, 345 mod 31 = 4, 31 - 4 = 27 -> "U".
        "11320416000000101U",
    ],
)
def test_valid_credit_codes(code):
    assert is_valid_credit_code(code) is True


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y44",  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y43X",  # 19 characters
        "91350100I000100Y43",  # I is not in the character set
        "91350100m000100y43",  # lower case
        "",
    ],
)
def test_invalid_credit_codes(code):
    assert is_valid_credit_code(code) is False


def test_check_char_of_the_standard_example():
    assert credit_code_check_char("91350100M000100Y4") == "3"
    assert organization_code_from_credit_code("91350100M000100Y43") == "M000100Y4"


def test_service_refuses_a_wrong_code_with_a_chinese_message(county):
    with pytest.raises(OrgsError) as error:
        create_organization(region=county, kind="department", name="示范区审计局", credit_code="91350100M000100Y44")
    assert error.value.code == "orgs.invalid"
    assert error.value.field == "credit_code"
    assert error.value.message == (
        "统一社会信用代码：统一社会信用代码“91350100M000100Y44”无效："
        "应为18位（不含I、O、S、V、Z），且最后一位校验码符合 GB 32100。"
    )
    assert not Organization.objects.filter(name="示范区审计局").exists()
