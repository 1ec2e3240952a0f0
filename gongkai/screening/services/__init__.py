"""Every write of the screening app. Import from here: `from gongkai.screening.services import screen_target`."""

from .findings import accept_finding, mark_fixed, reopen_finding, screen_target
from .lexicon import (
    create_expression,
    create_lexicon_entry,
    import_expressions,
    import_lexicon,
    update_expression,
    update_lexicon_entry,
)
from .rescans import run_rescan

__all__ = [
    "accept_finding",
    "create_expression",
    "create_lexicon_entry",
    "import_expressions",
    "import_lexicon",
    "mark_fixed",
    "reopen_finding",
    "run_rescan",
    "screen_target",
    "update_expression",
    "update_lexicon_entry",
]
