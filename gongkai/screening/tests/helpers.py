"""Test helpers: valid identifiers built from their checksums, so tests never depend on real people's numbers."""

from gongkai.screening.identifiers import id_check_char, passes_luhn


def id_number(first_17: str = "11010519491231002") -> str:
    return first_17 + id_check_char(first_17)


def wrong_check_id_number(first_17: str = "11010519491231002") -> str:
    right = id_check_char(first_17)
    return first_17 + ("1" if right != "1" else "2")


def card_number(prefix: str = "622202123456789012") -> str:
    for digit in "0123456789":
        if passes_luhn(prefix + digit):
            return prefix + digit
    raise AssertionError("unreachable")
