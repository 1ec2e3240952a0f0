"""Checksums and shapes of personal identifiers: GB 11643 ID numbers, mobile segments, Luhn card numbers."""

import datetime
import time
from operator import mul

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
# Province codes of GB/T 2260 (11 北京 … 65 新疆, 71 台湾, 81 香港, 82 澳门).
PROVINCE_CODES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    }
)
# Mobile number segments allocated to public mobile networks (DOMAIN.md §7), by their first three digits.
MOBILE_SEGMENTS = frozenset(
    [f"13{d}" for d in range(10)]
    + ["145", "146", "147", "148", "149"]
    + [f"15{d}" for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)]
    + ["162", "165", "166", "167"]
    + [f"17{d}" for d in range(9)]
    + [f"18{d}" for d in range(10)]
    + [f"19{d}" for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)]
)


def id_check_char(first_17: str) -> str:
    return ID_CHECK_CHARS[sum(map(mul, map(int, first_17), ID_WEIGHTS)) % 11]


DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_today = {"value": "", "checked": 0.0}


def _today_yyyymmdd() -> str:
    """Today's date as YYYYMMDD, re-read at most once a minute (called for every candidate number)."""
    now = time.monotonic()
    if now - _today["checked"] > 60 or not _today["value"]:
        _today["value"] = datetime.date.today().strftime("%Y%m%d")  # noqa: DTZ011 - a birth date has no zone
        _today["checked"] = now
    return _today["value"]


def is_real_date(yyyymmdd: str, *, earliest_year: int = 1880) -> bool:
    """A calendar date between `earliest_year` and today, written YYYYMMDD."""
    if len(yyyymmdd) != 8 or not yyyymmdd.isdigit():
        return False
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    if year < earliest_year or not 1 <= month <= 12 or not 1 <= day <= DAYS_IN_MONTH[month]:
        return False
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return False
    return yyyymmdd <= _today_yyyymmdd()


def looks_like_id_number(value: str) -> bool:
    """Region and birth date are plausible for an 18-character ID number (whatever its check digit)."""
    return (
        len(value) == 18
        and value[:17].isdigit()
        and value[17] in "0123456789Xx"
        and value[:2] in PROVINCE_CODES
        and is_real_date(value[6:14])
    )


def is_valid_id_number(value: str) -> bool:
    """An 18-character resident ID number with a real birth date and a correct GB 11643 check character."""
    return looks_like_id_number(value) and id_check_char(value[:17]) == value[17].upper()


def is_legacy_id_number(value: str) -> bool:
    """A 15-digit first-generation ID number: region, YYMMDD birth date (19YY) and a sequence number."""
    return len(value) == 15 and value.isdigit() and value[:2] in PROVINCE_CODES and is_real_date("19" + value[6:12])


def is_mobile_number(digits: str) -> bool:
    """Eleven digits in an allocated mainland mobile segment (digits only, without the 86 prefix)."""
    return len(digits) == 11 and digits[:3] in MOBILE_SEGMENTS


def passes_luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def is_bank_card_number(digits: str) -> bool:
    """13–19 digits passing the Luhn check, with a payment-card leading digit (3, 4, 5, 6 or 2221–2720).

    Card numbers begin with the issuer's identification number; numbers beginning with 0, 1, 7, 8 or 9 are not
    issued as bank cards, and excluding them keeps serial numbers and timestamps from being reported.
    """
    if not 13 <= len(digits) <= 19 or not digits.isdigit():
        return False
    first = digits[0]
    if first not in "3456" and not (first == "2" and 2221 <= int(digits[:4]) <= 2720):
        return False
    return passes_luhn(digits)
