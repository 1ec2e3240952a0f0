"""Checksums of official identifiers: GB 32100 unified social credit codes and GB 11714 organization codes."""

import re

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
DIVISION_CODE_PATTERN = re.compile(r"^\d{12}$")


def credit_code_check_char(first_17: str) -> str:
    total = sum(
        CREDIT_CODE_CHARSET.index(char) * weight for char, weight in zip(first_17, CREDIT_CODE_WEIGHTS, strict=False)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def is_valid_credit_code(code: str) -> bool:
    """True for an 18-character unified social credit code whose last character is the GB 32100 check."""
    if not CREDIT_CODE_PATTERN.match(code or ""):
        return False
    return credit_code_check_char(code[:17]) == code[17]


def organization_code_from_credit_code(code: str) -> str:
    """The 9-character GB 11714 organization code inside a credit code (characters 9 to 17)."""
    return code[8:17]
