"""The detectors: one pass over a text reporting personal data, secrecy markings, sensitive words and wrong expressions.

`scan(text)` returns `Detection`s sorted by position, with exact character offsets (`text[start:end] == d.text`).
Rules that keep ordinary numbers out (see docs/screening.md for the full list):
- a number is only considered when it stands alone: a digit or ASCII letter, `*`/`＊`/`×` (a mask), `@` or `_`
  right beside it, or `-`, `/`, `.` followed by more digits or letters, make it part of something longer (masked values,
  index numbers 000014349/2017-00110, document numbers, landlines 0898-92763640, decimals, e-mail local parts);
- an ID number needs a province code, a real birth date and the GB 11643 check character;
- an 18-digit number that looks like an ID number but has a wrong check digit is neither an ID nor a bank card.
"""

from ..lexicon import current_lexicon
from ..texts import language_fixed
from .base import Detection
from .emails import scan_emails
from .markings import scan_secret_markings
from .numbers import scan_numbers


def scan(text: str, *, lexicon=None, kinds=None) -> list[Detection]:
    """Every finding in `text`, sorted by start offset. `lexicon` defaults to the current managed lexicon."""
    if lexicon is None:
        lexicon = current_lexicon()
    detections: list[Detection] = []
    with language_fixed():
        scan_numbers(text, detections)
        scan_emails(text, detections)
        scan_secret_markings(text, detections)
        detections.extend(lexicon.scan(text))
    if kinds is not None:
        detections = [detection for detection in detections if detection.kind in kinds]
    detections.sort(key=lambda detection: (detection.start, -detection.end, detection.kind))
    return detections


__all__ = ["Detection", "scan"]
