"""Models of the publishing app."""

from .attachments import Attachment, AttachmentKind
from .choices import (
    EVER_PUBLISHED_STATUSES,
    GENRES_NEEDING_INTERPRETATION,
    GENRES_WITH_DECISIONS,
    GONE_STATUSES,
    OPEN_STATUSES,
    Attribute,
    ColumnKind,
    Genre,
    InterpretationKind,
    Light,
    RecordStatus,
    RevisionKind,
    Stage,
    SubjectCategory,
    Validity,
    WithheldGround,
)
from .columns import Column
from .interpretation import InterpretationGenre
from .numbering import DEFAULT_PATTERN, IndexCounter, IndexScheme
from .records import Record
from .revisions import Revision

__all__ = [
    "DEFAULT_PATTERN",
    "EVER_PUBLISHED_STATUSES",
    "GENRES_NEEDING_INTERPRETATION",
    "GONE_STATUSES",
    "OPEN_STATUSES",
    "GENRES_WITH_DECISIONS",
    "Attachment",
    "AttachmentKind",
    "Attribute",
    "Column",
    "ColumnKind",
    "Genre",
    "IndexCounter",
    "IndexScheme",
    "InterpretationGenre",
    "InterpretationKind",
    "Light",
    "Record",
    "RecordStatus",
    "Revision",
    "RevisionKind",
    "Stage",
    "SubjectCategory",
    "Validity",
    "WithheldGround",
]
