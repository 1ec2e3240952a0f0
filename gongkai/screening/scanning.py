"""THE scan: detect, add the warning for unreadable pages, and mask, built once.

Everything that checks a text or an uploaded file goes through `scan_content`: the back office's check page, the
`screen` command and `services.screen_target` (which then stores the findings); the staff API's check endpoint is to
call it too.
"""

from dataclasses import dataclass, field

from .detection import Detection
from .detectors import scan
from .extraction import Extracted, unreadable_detection
from .kinds import PERSONAL_DATA_KINDS, Severity
from .lexicon import LexiconSnapshot
from .masking import mask


@dataclass
class Scan:
    """The detections of one text (or extracted file), with where each one is and the text masked."""

    text: str
    detections: list[Detection] = field(default_factory=list)
    extracted: Extracted | None = None

    def location_of(self, detection: Detection) -> str:
        """The page, paragraph or cell of a detection ("" for plain text)."""
        return self.extracted.location_of(detection.start) if self.extracted is not None else ""

    @property
    def blocking(self) -> int:
        return sum(detection.severity == Severity.BLOCK for detection in self.detections)

    @property
    def masked(self) -> str:
        return mask(self.text, self.detections)


def scan_content(content: str | Extracted | None, *, lexicon: LexiconSnapshot | None = None) -> Scan:
    """Scan a text or an extracted file. A file whose pages have no text gets one warning saying which pages."""
    extracted = content if isinstance(content, Extracted) else None
    text = extracted.text if extracted is not None else str(content or "")
    detections = scan(text, lexicon=lexicon)
    if extracted is not None:
        unreadable = unreadable_detection(extracted)
        detections += [unreadable] if unreadable else []
    return Scan(text=text, detections=detections, extracted=extracted)


def mask_personal_data(text: str) -> str:
    """The text with every personal-data finding masked (what "一键脱敏" applies to a record's body)."""
    return mask(text, scan(text, kinds=PERSONAL_DATA_KINDS))
