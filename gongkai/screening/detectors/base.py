"""What every detector shares: the Detection record (defined in `screening.detection`) and the rule for a number
standing alone."""

from ..detection import Detection

__all__ = ["Detection", "preceded_by", "stands_alone"]

ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

GLUE_ALWAYS = frozenset("*＊×@_")  # beside a mask, inside an e-mail or an identifier

GLUE_BETWEEN = frozenset("-/.．－")  # joins two alphanumeric parts: 2017-00110, 000014349/2017, 3.14


def stands_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before in ALNUM or after in ALNUM or before in GLUE_ALWAYS or after in GLUE_ALWAYS:
        return False
    if before and before in GLUE_BETWEEN and start >= 2 and text[start - 2] in ALNUM:
        return False
    return not (after and after in GLUE_BETWEEN and end + 1 < len(text) and text[end + 1] in ALNUM)


def preceded_by(text: str, start: int, keywords, window: int = 12) -> bool:
    before = text[max(0, start - window) : start]
    return any(keyword in before for keyword in keywords)
