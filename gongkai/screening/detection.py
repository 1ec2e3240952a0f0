"""The Detection record: one finding in a text, with exact offsets.

It lives apart from the detectors so that the lexicon (which builds detections) and the detectors (which use the
lexicon) both import it without importing each other.
"""

from dataclasses import asdict, dataclass


@dataclass(slots=True)  # not frozen: a frozen dataclass is noticeably slower to build, and scans build many
class Detection:
    kind: str
    severity: str
    start: int
    end: int
    text: str
    suggestion: str
    message: str
    rule: str

    def as_dict(self) -> dict[str, str | int]:
        return asdict(self)
